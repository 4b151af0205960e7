"""Numbers as news writes them: amounts, qualifiers and ranges read into intervals."""

from __future__ import annotations

import math

import pytest

from briefing.compare.numbers import Interval, amount, interval, split_qualifier, widen
from briefing.compare.parsing import needs_parse, shape


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("37", 37.0),
        ("1,200", 1200.0),
        ("4.5 million", 4.5e6),
        ("4bn", 4e9),
        ("£4 billion", 4e9),
        ("2.5m", 2.5e6),
        ("Thirty-seven", 37.0),
        ("two hundred and fifty", 250.0),
        ("a dozen", 12.0),
        ("half a million", 5e5),
        ("a hundred", 100.0),
    ],
)
def test_amounts_in_digits_words_and_phrases(text: str, value: float) -> None:
    assert amount(text) == value


def test_a_word_that_is_no_number_reads_as_none() -> None:
    assert amount("several") is None
    assert interval("the council") is None


def test_qualifiers_widen_a_value_into_an_interval() -> None:
    assert interval("more than 400") == Interval(400.0, math.inf)
    assert interval("at least 41") == Interval(41.0, math.inf)
    assert interval("fewer than 20") == Interval(0.0, 20.0)
    assert interval("nearly 2,000") == Interval(1800.0, 2000.0)
    about = interval("about 180")
    assert about is not None and 155 < about.low < 165 and 195 < about.high < 205


def test_ranges_and_plural_amounts() -> None:
    assert interval("12 to 15") == Interval(12.0, 15.0)
    assert interval("between 12 and 15") == Interval(12.0, 15.0)
    assert interval("12-15") == Interval(12.0, 15.0)
    assert interval("12 to 15 million") == Interval(12e6, 15e6)
    scores = interval("scores")
    assert scores is not None and scores.low >= 40


def test_the_longest_qualifier_wins() -> None:
    assert split_qualifier("no more than 5") == ("at most", "5")
    assert split_qualifier("more than 5") == ("above", "5")
    assert widen(5.0, None) == Interval(5.0, 5.0)


@pytest.mark.parametrize(
    ("first", "second", "agree"),
    [
        ("£4bn", "£4 billion", True),
        ("41", "more than 40", True),
        ("at least 32", "41", True),
        ("about 150", "120", False),
        ("15", "12", False),
        ("Three", "scores", False),
        ("nearly 5,000", "4,800", True),
    ],
)
def test_values_agree_when_their_intervals_overlap(first: str, second: str, agree: bool) -> None:
    a, b = interval(first), interval(second)
    assert a is not None and b is not None
    assert a.overlaps(b) is agree and b.overlaps(a) is agree


def test_only_sentences_with_a_number_or_a_speech_verb_are_parsed() -> None:
    assert needs_parse("Fifteen people died.")
    assert needs_parse("The ministry said the ferry sank.")
    assert needs_parse("It cost $4m.")
    assert not needs_parse("The ferry sank in rough seas off the coast.")


def test_a_sentence_is_parsed_by_its_shape_and_years_stay() -> None:
    assert shape("In 2023, 14 of 1,250 homes flooded.") == "In 2023, 55 of 5,555 homes flooded."
    assert len(shape("£4.5bn")) == len("£4.5bn")


def test_a_small_brief_hands_its_sentences_over_before_the_shapes(monkeypatch) -> None:
    """The theme labels ask for sentences as written first in compare, the claims for
    shapes later: the helper is handed them in that order. A large brief sends shapes only."""
    from briefing import language
    from briefing.compare import parsing
    from briefing.ingest.document import article_from_text

    handed: list[list[str]] = []
    monkeypatch.setattr(language, "prefetch", lambda texts: handed.append(list(texts)))
    text = "Bridge report\n\nThe bridge closed on Monday. Officials said 14 lanes shut."
    article = article_from_text(text, "a.txt", "a1")
    parsing.prefetch([article])
    written = [s.text for s in article.sentences]
    assert handed == [written, [shape(t) for t in written if needs_parse(t)]]
    assert "Officials said 55 lanes shut." in handed[1]
    handed.clear()
    monkeypatch.setattr(parsing, "SMALL_BRIEF", 1)
    parsing.prefetch([article])
    assert handed == [["Officials said 55 lanes shut."]]
