"""The language layer: the pinned spaCy pipeline, loaded once, checked, and parsing."""

from __future__ import annotations

import subprocess
import sys

import pytest

from briefing import language
from briefing.errors import ModelError


def test_pipeline_is_the_pinned_english_model_with_the_used_components() -> None:
    nlp = language.pipeline()
    assert nlp.meta["lang"] == "en"
    assert nlp.meta["version"] == language.VERSION
    assert tuple(nlp.pipe_names) == language.COMPONENTS
    assert language.pipeline() is nlp  # once per process


@pytest.mark.parametrize(
    "meta",
    [
        {"lang": "de", "name": "core_news_sm", "version": "3.8.0"},
        {"lang": "en", "name": "core_web_sm", "version": "3.7.1"},
        {"lang": "en", "name": "core_web_lg", "version": "3.8.0"},
        {},
    ],
)
def test_another_package_under_the_same_name_is_refused(meta: dict[str, object]) -> None:
    with pytest.raises(ModelError, match=r"expected en_core_web_sm 3\.8\.0"):
        language.check_meta(meta)


def test_parse_gives_entities_and_dependencies_in_order() -> None:
    first, second = language.parse(
        ["Dr Jane Okafor of the health ministry said 15 people died.", "The bridge closed."]
    )
    assert ("Jane Okafor", "PERSON") in [(e.text, e.label_) for e in first.ents]
    assert [t.dep_ for t in first if t.text == "said"] == ["ROOT"]
    assert second.text == "The bridge closed."


def test_parsed_reuses_a_text_s_parse_and_keeps_order() -> None:
    first = language.parsed(["Ann Lee said so.", "Bob agreed."])
    again = language.parsed(["Bob agreed.", "Ann Lee said so.", "Bob agreed."])
    assert [d.text for d in again] == ["Bob agreed.", "Ann Lee said so.", "Bob agreed."]
    assert again[1] is first[0] and again[0] is again[2]


@pytest.mark.slow
def test_overlong_text_is_cut_not_refused() -> None:
    doc = language.parse_one("word " * (language.MAX_CHARS // 5 + 100))
    assert len(doc.text) <= language.MAX_CHARS


@pytest.mark.slow
def test_loading_the_pipeline_leaves_torch_unimported_and_importable() -> None:
    code = (
        "import sys; from briefing import language; language.pipeline();"
        "print('torch' in sys.modules); import torch; print(torch.__name__)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    ).stdout.split()
    assert out == ["False", "torch"]


@pytest.mark.slow
def test_a_preload_is_waited_for_and_never_loads_twice() -> None:
    code = (
        "import sys; from briefing import language; language.preload(); language.preload();"
        "nlp = language.pipeline(); language.preload(); loads = language._load.cache_info().misses;"
        "print(loads, 'torch' in sys.modules, nlp is language.pipeline())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    ).stdout.split()
    assert out == ["1", "False", "True"]
