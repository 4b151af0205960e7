"""The language layer: the pinned spaCy pipeline, loaded once, checked, and parsing."""

from __future__ import annotations

import subprocess
import sys

import pytest

from briefing import language
from briefing.errors import ModelError
from tests.processes import ends_within


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
def test_overlong_text_is_cut_not_refused(monkeypatch) -> None:
    """Cut at :data:`MAX_CHARS` (made small here: a real 100,000 characters take 17 s),
    which stays under the length spaCy itself refuses."""
    assert language.pipeline().max_length > language.MAX_CHARS
    monkeypatch.setattr(language, "MAX_CHARS", 60)
    doc = language.parse_one("Ferries sailed. " * 20)
    assert doc.text == ("Ferries sailed. " * 20)[:60]
    assert [t.text for t in doc][:3] == ["Ferries", "sailed", "."]


def run(code: str) -> list[str]:
    """Run ``code`` in a fresh Python (a process of its own: no parser loaded yet); its words."""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


@pytest.mark.slow
def test_loading_the_pipeline_leaves_torch_and_spacy_s_cli_unimported_and_importable() -> None:
    out = run(
        "import sys; from briefing import language; language.pipeline();"
        "print('torch' in sys.modules, 'spacy.cli' in sys.modules, 'requests' in sys.modules);"
        "import torch, spacy, spacy.cli; from spacy.cli.info import info;"
        "print(torch.__name__, sys.modules['spacy.cli.info'].__file__.endswith('info.py'),"
        " callable(spacy.info))"
    )
    assert out == ["False", "False", "False", "torch", "True", "True"]


SENTENCES = (
    "Dr Jane Okafor of the health ministry said 15 people died on Tuesday.",
    "About 180 were evacuated, according to the fire service.",
    "The bridge closed.",
)
SAME = (
    "rows = lambda docs: [[(t.text, t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in d]"
    " + [(e.start, e.end, e.label_) for e in d.ents] for d in docs];"
)


COUNT_ASKS = (
    "from briefing import helper; asked = []; ask = helper.Helper.ask;"
    "helper.Helper.ask = lambda self, texts: (asked.append(sum(1 for t in dict.fromkeys(texts)"
    " if t not in self.pending)), ask(self, texts));"
)
"""Code that records in ``asked`` how many new texts each request to the helper sends."""


@pytest.mark.slow
def test_a_helper_parses_beside_this_process_as_this_process_would() -> None:
    out = run(
        f"import sys; from briefing import language; texts = {list(SENTENCES)!r}; {SAME}"
        "language.preload(); language.prefetch(texts[:2]); helped = language.parsed(texts);"
        "print(language.loaded(), 'spacy' in sys.modules, language._helper.alive());"
        "here = list(language.parse(texts)); print(language.loaded(), rows(helped) == rows(here))"
    )
    assert out == ["False", "False", "True", "True", "True"]


@pytest.mark.slow
def test_prefetched_texts_are_not_asked_for_again() -> None:
    out = run(
        f"from briefing import language; {COUNT_ASKS}"
        f"texts = {list(SENTENCES)!r}; language.preload(); language.prefetch(texts);"
        "language.parsed(texts); language.parsed(texts[:1]);"
        "print(*[n for n in asked if n], language.loaded())"
    )
    assert out == ["3", "False"]  # one request; the parses came from it


@pytest.mark.slow
def test_a_helper_that_stops_is_replaced_by_a_parse_here() -> None:
    out = run(
        f"from briefing import language; texts = {list(SENTENCES)!r}; {SAME}"
        "language.preload(); first = language.parsed(texts[:1]);"
        "language._helper.process.kill(); language._helper.process.wait();"
        "later = language.parsed(texts[1:]);"
        "print(language.loaded(), rows(later) == rows(language.parse(texts[1:])))"
    )
    assert out == ["True", "True"]


@pytest.mark.slow
def test_no_helper_means_a_preload_on_a_thread_here() -> None:
    out = run(
        "import sys; from briefing import language; sys.executable = '/nonexistent/python';"
        "language.preload(); print(language._helper is None);"
        "doc = language.parse_one('The bridge closed.'); print(language.loaded(), doc[1].dep_)"
    )
    assert out == ["True", "True", "nsubj"]


@pytest.mark.slow
@pytest.mark.parametrize("how", ["exit", "killed"])
def test_the_helper_ends_with_the_process_that_started_it(how: str) -> None:
    import os

    end = "os.kill(os.getpid(), 9)" if how == "killed" else "sys.exit(0)"
    code = (
        "import os, sys; from briefing import language; language.preload();"
        "language.parsed(['The bridge closed.']); print(language._helper.process.pid, flush=True);"
        + end
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    pid = int(done.stdout.split()[0])
    assert ends_within(pid)
    assert os.getpid() != pid


@pytest.mark.slow
def test_stop_ends_the_helper_and_the_next_parse_is_made_here() -> None:
    out = run(
        "from briefing import language; language.preload(); helper = language._helper;"
        "language.parsed(['The bridge closed.']); language.stop();"
        "print(helper.process.poll() is not None, language._helper is None);"
        "print(language.parse_one('The road closed.')[1].dep_, language.loaded())"
    )
    assert out == ["True", "True", "nsubj", "True"]


@pytest.mark.slow
def test_one_helper_however_often_a_preload_is_asked_for() -> None:
    out = run(
        "import sys; from briefing import language; language.preload(); first = language._helper;"
        "language.preload(); language.parsed(['Ann Lee said so.']); language.preload();"
        "print(language._helper is first, language.loaded(), 'torch' in sys.modules);"
        "nlp = language.pipeline(); language.preload(); print(language._load.cache_info().misses)"
    )
    assert out == ["True", "False", "False", "1"]


@pytest.mark.slow
def test_a_cli_brief_parses_in_its_helper_and_never_imports_spacy(tmp_path) -> None:
    from pathlib import Path

    examples = Path(__file__).resolve().parent.parent / "examples"
    out = run(
        "import sys; from briefing.cli.main import main;"
        f"status = main(['build', {str(examples)!r}, '-o', {str(tmp_path)!r}, '-f', 'md', '-q']);"
        "print(status, 'spacy' in sys.modules, 'scipy' in sys.modules)"
    )
    assert out == ["0", "False", "False"]
    assert "## The bottom line" in next(tmp_path.glob("*.md")).read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_small_brief_s_sentences_are_all_asked_for_before_summarizing(tmp_path) -> None:
    """Every parse compare needs was asked for ahead: no request waits on the parser later."""
    from pathlib import Path

    examples = Path(__file__).resolve().parent.parent / "examples"
    out = run(
        f"from briefing.cli.main import main; {COUNT_ASKS}"
        "import briefing.compare.parsing as parsing; ahead = parsing.prefetch;"
        "parsing.prefetch = lambda articles: (ahead(articles), asked.append('summarizing'));"
        "import briefing.pipeline as pipeline; pipeline.prefetch = parsing.prefetch;"
        f"main(['build', {str(examples)!r}, '-o', {str(tmp_path)!r}, '-f', 'md', '-q']);"
        "print(*[n for n in asked if n])"
    )
    assert out[-1] == "summarizing" and len(out) == 3 and all(int(n) > 10 for n in out[:2])


@pytest.mark.slow
def test_a_large_request_is_answered_piece_by_piece_in_order() -> None:
    texts = [f"Report {n} said {n} people were hurt." for n in range(7)] + list(SENTENCES)
    out = run(
        f"from briefing import helper, language; helper.CHUNK = 3; texts = {texts!r};"
        "language.preload(); docs = language.parsed(texts);"
        "print([d.text for d in docs] == texts, language.loaded(), docs[4][1].text)"
    )
    assert out == ["True", "False", "4"]


@pytest.mark.slow
def test_busy_while_the_helper_has_work_and_not_after() -> None:
    out = run(
        "from briefing import language; print(language.busy());"
        "language.preload(); language.prefetch(['The bridge closed.']); print(language.busy());"
        "language.parsed(['The bridge closed.']); print(language.busy())"
    )
    assert out == ["False", "True", "False"]


@pytest.mark.slow
def test_a_forked_child_leaves_its_parent_s_helper_alone() -> None:
    out = run(
        "import os; from briefing import language; language.preload();"
        "language.prefetch(['Word %d said 5 things.' % n for n in range(300)]);"
        "pid = os.fork();"
        "os._exit(0) if pid == 0 and not language._helper.close() else None;"
        "os.waitpid(pid, 0); docs = language.parsed(['The bridge closed.']);"
        "print(language._helper.alive(), language.loaded(), docs[0][1].dep_)"
    )
    assert out == ["True", "False", "nsubj"]
