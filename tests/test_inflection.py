"""Inflection (:mod:`briefing.inflection`): lemminflect's answers, its table read word by word."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.test_language import run


@pytest.mark.slow
def test_inflecting_a_word_leaves_spacy_unimported() -> None:
    out = run(
        "import sys; from briefing import inflection;"
        "print(inflection.inflect('take', 'VBN'), inflection.inflect('march', 'VBG'),"
        " inflection.inflect('hectare', 'NNS'), repr(inflection.inflect('zzxq', 'VBX')),"
        " repr(inflection.inflect('', 'VBN')),"
        " 'spacy' in sys.modules)"
    )
    assert out == ["taken", "marching", "hectares", "''", "''", "False"]


INFLECTION_SAMPLE = """
import gzip, json, sys
class NoSpacy:  # lemminflect then skips its spaCy hooks (and spaCy's 2 s import)
    @staticmethod
    def find_spec(name, path=None, target=None):
        if name.split(".")[0] == "spacy":
            raise ModuleNotFoundError(name)
sys.meta_path.insert(0, NoSpacy)
from lemminflect import config
words = [line.split(b",")[0].decode() for line in gzip.open(config.inflection_lu_fn)][::25]
words += ["be", "can", "must", "Aaron", "aaron", "zzxq", "x,verb", "-", "hectare", "km", "take"]
tags = ("VBN", "VBG", "VBD", "NNS", "NNP", "JJR")
"""


def inflections(code: str) -> list[list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", INFLECTION_SAMPLE + code + "print(json.dumps(out))"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout)


@pytest.mark.slow
def test_inflections_read_word_by_word_match_lemminflect_s_whole_table() -> None:
    """Every 25th word of the table, each tag, plus modals, a capital and unknown words:
    the same answer as lemminflect with its whole table loaded."""
    whole = inflections(
        "import lemminflect as l; first = lambda forms: forms[0] if forms else ''\n"
        "out = [[first(l.getInflection(w, t)) for t in tags] for w in words]\n"
    )
    by_word = inflections(
        "from briefing import inflection\n"
        "out = [[inflection.inflect(w, t) for t in tags] for w in words]\n"
    )
    assert len(whole) > 1500
    assert by_word == whole
    assert ["taken", "taking", "took", "takes"] in [row[:4] for row in whole]


def test_any_word_gets_an_answer_and_none_fails() -> None:
    """Words a parse may hand over from hostile text: a lone surrogate, a comma, a
    newline, an emoji. Unknown words follow lemminflect's rules; the empty word has none."""
    from briefing.inflection import inflect

    for word in ("\udcff", "take,verb", "a\nb", "😀", "km/h", "Ünïcödé", "12"):
        assert isinstance(inflect(word, "NNS"), str) and isinstance(inflect(word, "VBN"), str)
    assert inflect("take,verb", "NNS") != "takes"  # a comma does not reach another word's line
    assert (inflect("", "NNS"), inflect("   ", "VBN")) == ("", "")
