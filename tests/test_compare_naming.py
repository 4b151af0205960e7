"""What a reader calls a measure: a noun phrase, never a bare verb; units stay units."""

from __future__ import annotations

from datetime import date

import pytest

from briefing import language
from briefing.models import Article, Sentence

DAY = date(2025, 5, 14)


def one(text: str):
    from briefing.compare.claims import claims_in
    from briefing.compare.parsing import parse_sentences

    (doc,) = parse_sentences([text])
    assert doc is not None
    (found,) = list(claims_in(doc, text, 0, DAY))
    return found


def article(n: int, text: str) -> Article:
    sentences = tuple(Sentence(s, 0, k) for k, s in enumerate(text.split("\n")))
    return Article(f"a{n}", f"{n}.txt", f"T{n}", (text,), sentences, published=DAY)


def track(*texts: str):
    from briefing.compare.reading import read_articles
    from briefing.compare.tracked import track_figures

    return track_figures(read_articles([article(n, t) for n, t in enumerate(texts, 1)]))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Police said 12 people were taken to hospital.", "people taken to hospital"),
        ("The plant employs 1,900 people.", "people employed"),
        ("About 18,000 people took part in the march.", "people taking part"),
        ("An estimated 20,000 people took part in the protest.", "people taking part"),
        ("Tens of thousands of people marched through Valmont.", "people marching"),
    ],
)
def test_a_measure_a_verb_gives_is_named_by_what_it_counts_and_the_participle(
    text: str, name: str
) -> None:
    from briefing.compare.naming import spelled

    claim = one(text)
    assert spelled(claim.name) == name
    assert claim.measure and " " not in claim.measure  # the key stays the verb's lemma


@pytest.mark.parametrize(
    ("text", "unit", "name"),
    [
        ("The fire has burned 12,000 hectares since Thursday.", "hectares", "hectares burned"),
        ("The blaze has scorched more than 900 acres of forest.", "acres", "acres scorched"),
    ],
)
def test_a_unit_of_measurement_is_the_unit_never_the_measure(
    text: str, unit: str, name: str
) -> None:
    from briefing.compare.naming import spelled

    claim = one(text)
    assert (claim.unit, spelled(claim.name)) == (unit, name)
    assert claim.measure not in {"hectare", "acre"}


@pytest.mark.parametrize(
    ("text", "measure", "name"),
    [
        ("Carver Motors will cut 400 jobs at the plant.", "job", "jobs"),
        ("China sent a delegation of 120 officials.", "delegation", "delegation size"),
        ("Twelve people were killed in the crash.", "deaths", "deaths"),
    ],
)
def test_a_counted_noun_names_the_measure_as_the_sentence_writes_it(
    text: str, measure: str, name: str
) -> None:
    claim = one(text)
    assert (claim.measure, claim.name) == (measure, name)


@pytest.mark.parametrize(
    "text",
    [
        "The car travelled 40 miles before it stopped.",
        "Officials said 12 on Tuesday.",
    ],
)
def test_a_figure_with_no_name_for_what_it_counts_claims_no_measure(text: str) -> None:
    claim = one(text)
    assert (claim.measure, claim.name) == ("", "")


def test_a_disagreement_is_labelled_by_the_noun_phrase_not_the_verb() -> None:
    _series, (conflict,) = track(
        "Police said about 18,000 people took part in the march in Valmont.",
        "Around 120,000 people took part in the march in Valmont, the union said.",
    )
    assert conflict.label == "People taking part"
    assert conflict.measure == "take"


def test_a_unit_is_named_once_in_a_label() -> None:
    _series, (conflict,) = track(
        "A wildfire near Pinecrest has burned 12,000 hectares, the forestry department said.",
        "The Pinecrest fire has now burned more than 15,000 hectares of forest.",
    )
    assert conflict.label == "Hectares burned"
    assert conflict.unit == "hectares"


def test_a_label_takes_the_name_most_claims_give() -> None:
    from briefing.compare.tracked import label

    assert label("job", "count", ["jobs", "job", "jobs"]) == "Jobs"
    assert label("burn", "acres", ["acres burned"]) == "Acres burned"
    assert label("deaths", "count", ["dead"]) == "Deaths"


def test_a_figure_in_a_unit_of_measurement_is_a_quantity_not_money() -> None:
    from briefing.compare.figures import find_figures
    from briefing.compare.reading import read_articles

    readings = read_articles([article(1, "The fire has burned 12,000 hectares.\nCrews are there.")])
    kinds = {f.value: f.kind for f in find_figures(readings) if f.kind != "date"}
    assert kinds == {"12,000 hectares": "quantity"}
    two = "The car travelled 40 miles on Monday.\nIt stopped."
    assert [f.value for f in find_figures(read_articles([article(2, two)]))] == ["40 miles"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Lake Orrin is 62 percent full, the water board said.", "how full Lake Orrin is"),
        ("Reservoirs in the region are 40 percent full.", "how full reservoirs are"),
        ("It is 62 percent full.", ""),
    ],
)
def test_a_state_a_percentage_measures_is_named_with_its_subject_as_written(
    text: str, name: str
) -> None:
    claim = one(text)
    assert claim.name == name
    assert bool(claim.measure) == bool(name)  # no subject: no bare adjective as a measure


@pytest.mark.parametrize(
    ("sentence", "verb", "tag", "expected"),
    [
        ("Rescuers said 40 people were taken to hospital.", "taken", "VBN", "taken"),
        ("The fire burned 12,000 hectares.", "burned", "VBN", "burned"),
        ("Thousands of people were marching.", "marching", "VBG", "marching"),
        ("The plant employs 1,900 people.", "employs", "VBN", "{employ:VBN}"),
        ("About 18,000 people took part.", "took", "VBG", "{take:VBG}"),
    ],
)
def test_a_participle_is_the_sentence_s_own_word_else_marked_to_spell(
    sentence: str, verb: str, tag: str, expected: str
) -> None:
    from briefing.compare.naming import form

    doc = language.parse_one(sentence)
    assert form(next(t for t in doc if t.lower_ == verb), tag) == expected


def test_a_marked_name_is_spelled_with_the_inflected_word() -> None:
    from briefing.compare.naming import spelled

    assert spelled("people {take:VBG} part") == "people taking part"
    assert spelled("people {employ:VBN}") == "people employed"
    assert spelled("jobs") == "jobs"


@pytest.mark.parametrize(
    ("name", "things"),
    [
        ("jobs", True),
        ("people who took part", True),
        ("delegation size", False),
        ("unemployment", False),
        ("", False),  # a label with no words (a hostile brief's) is no count of things
        ("  ", False),
    ],
)
def test_a_name_that_opens_with_a_plural_counts_things(name: str, things: bool) -> None:
    from briefing.compare.naming import names_things

    assert names_things(name) is things


def test_a_singular_unit_is_named_in_the_plural() -> None:
    from briefing.compare.naming import unit_name

    doc = language.parse_one("The fire burned 1 hectare and then 40 miles of road at 30 mph.")
    named = {t.lower_: unit_name(t) for t in doc if t.lower_ in {"hectare", "miles", "mph"}}
    assert named == {"hectare": "hectares", "miles": "miles", "mph": "mph"}
