"""Plain-data parses read exactly as spaCy's own Doc, Span and Token read."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

from briefing import language
from briefing.syntax import Doc, Span, Token, rows_of

DATA = Path(__file__).resolve().parent
CORPUS = sorted((DATA.parent / "examples").glob("*")) + sorted(
    (DATA / "data" / "compare_sets").glob("*/*.txt")
)


def sentences() -> list[str]:
    """Lines of the examples and the compare sets, cut at sentence ends: news prose, varied."""
    found: list[str] = []
    for path in CORPUS:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            found.extend(s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", line) if len(s) > 3)
    return list(dict.fromkeys(found))


@pytest.fixture(scope="module")
def pairs() -> list[tuple[object, Doc]]:
    texts = sentences()
    assert len(texts) > 150  # enough prose for every shape of tree the rules meet
    nlp = language.pipeline()
    return [(doc, Doc(rows_of(doc))) for doc in nlp.pipe(texts)]


def test_tokens_read_as_spacy_reads_them(pairs) -> None:
    names = ["text", "whitespace_", "lower_", "lemma_", "pos_", "tag_", "dep_", "ent_type_"]
    names += ["ent_iob_", "idx", "i", "like_num", "is_stop", "is_punct", "is_title", "is_quote"]
    for theirs, ours in pairs:
        assert ours.text == theirs.text and len(ours) == len(theirs)
        for a, b in zip(theirs, ours, strict=True):
            assert [getattr(b, n) for n in names] == [getattr(a, n) for n in names], a.text
            assert b.text_with_ws == a.text_with_ws and len(b) == len(a) and str(b) == str(a)
            for tree in ("lefts", "rights", "children", "subtree", "ancestors"):
                assert [t.i for t in getattr(b, tree)] == [t.i for t in getattr(a, tree)], tree
            assert (b.head.i, b.left_edge.i, b.right_edge.i) == (
                a.head.i,
                a.left_edge.i,
                a.right_edge.i,
            )
            assert (b.n_lefts, b.n_rights) == (a.n_lefts, a.n_rights)


def test_entities_chunks_and_every_short_span_read_as_spacy_reads_them(pairs) -> None:
    for theirs, ours in pairs:
        assert [(e.start, e.end, e.label_, e.text) for e in ours.ents] == [
            (e.start, e.end, e.label_, e.text) for e in theirs.ents
        ]
        assert [(c.start, c.end, c.text) for c in ours.noun_chunks] == [
            (c.start, c.end, c.text) for c in theirs.noun_chunks
        ]
        for start in range(len(theirs)):
            for end in range(start + 1, min(start + 6, len(theirs)) + 1):
                a, b = theirs[start:end], ours[start:end]
                assert (b.text, b.root.i, b.start_char, b.end_char) == (
                    a.text, a.root.i, a.start_char, a.end_char
                )  # fmt: skip
                assert [(e.start, e.end) for e in b.ents] == [(e.start, e.end) for e in a.ents]


def test_slices_and_character_spans_align_as_spacy_aligns_them(pairs) -> None:
    theirs, ours = next((a, b) for a, b in pairs if len(a) > 12)
    for key in (slice(2, 5), slice(-4, None), slice(5, 2), slice(None, 100), slice(0, 0)):
        assert [t.i for t in ours[key]] == [t.i for t in theirs[key]], key
        assert ours[key].text == theirs[key].text
    assert ours[-1].i == theirs[-1].i and ours[3:9][1:3].text == theirs[3:9][1:3].text
    for start in range(0, len(theirs.text), 3):
        for end in range(start + 1, min(start + 25, len(theirs.text)), 4):
            for mode in ("strict", "expand", "contract"):
                a = theirs.char_span(start, end, alignment_mode=mode)
                b = ours.char_span(start, end, alignment_mode=mode)
                assert edges(b) == edges(a), (start, end, mode)


def edges(span) -> tuple[int, int] | None:
    """Where a span lies; None for none or an empty one (spaCy gives either over bare spaces)."""
    return (span.start, span.end) if span is not None and len(span) else None


def test_tokens_and_spans_compare_by_place_in_their_own_doc() -> None:
    parse = rows_of(language.pipeline()("Dr Jane Okafor said 15 people died."))
    first, second = Doc(parse), Doc(parse)
    assert first[2] == first[2] and first[2] != second[2] and first[2] != first[3]
    assert len({first[2], first[2], first[3]}) == 2
    assert first[0:3] == first[0:3] and first[0:3] != second[0:3]
    assert isinstance(first[1], Token) and isinstance(first[1:3], Span)
    assert sorted([first[4], first[1]]) == [first[1], first[4]]


def test_a_parse_as_data_pickles_small_and_reads_the_same() -> None:
    doc = language.pipeline()("The ministry said 15 people died, up from 12 on Monday.")
    data = pickle.dumps(rows_of(doc), protocol=pickle.HIGHEST_PROTOCOL)
    again = Doc(pickle.loads(data))
    assert [t.dep_ for t in again] == [t.dep_ for t in doc]
    assert [e.text for e in again.ents] == [e.text for e in doc.ents]
    assert len(data) < 80 * len(doc) + 200  # tens of bytes a token


def test_user_data_is_the_doc_s_own() -> None:
    parse = rows_of(language.pipeline()("Prices rose."))
    first, second = Doc(parse), Doc(parse)
    first.user_data["x"] = 1
    assert second.user_data == {}


def test_an_unknown_alignment_mode_is_refused() -> None:
    doc = Doc(rows_of(language.pipeline()("Prices rose.")))
    with pytest.raises(ValueError, match="alignment_mode"):
        doc.char_span(0, 3, alignment_mode="nearest")


TRICKY = (
    "Don't go to the U.S. on 3/4/2024 -- it's £4bn :) http://example.com/a?b=1 10km e-mail.",
    "The 1990s' toll (12-15) rose 3.5% to ~180; I'd've said 'no'... O'Neill's A14 @ 9am!",
)


@pytest.mark.slow
def test_the_lean_load_gives_spacy_s_own_tokenizer_and_parses() -> None:
    """:data:`briefing.language.LEAN` builds the tokenizer bare before the package's files
    fill it: the result must be the tokenizer and the parses a plain load gives."""
    import importlib

    lean = language.pipeline()
    plain = importlib.import_module(language.PACKAGE).load(exclude=["senter"])
    assert lean.config["nlp"]["tokenizer"] == {"@tokenizers": "briefing.bare_tokenizer.v1"}
    ours, theirs = lean.tokenizer, plain.tokenizer
    assert ours.rules == theirs.rules and len(ours.rules) > 1000
    for part in ("prefix_search", "suffix_search", "infix_finditer", "url_match"):
        assert getattr(ours, part).__self__.pattern == getattr(theirs, part).__self__.pattern
    assert (ours.token_match, ours.faster_heuristics) == (theirs.token_match, True)
    texts = [*TRICKY, *sentences()]
    for a, b in zip(lean.pipe(texts), plain.pipe(texts), strict=True):
        assert rows_of(a) == rows_of(b), a.text
