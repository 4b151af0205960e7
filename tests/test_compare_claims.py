"""Claims read from the parse: measure, unit, time, kind and who states each figure."""

from __future__ import annotations

from datetime import date

import pytest

DAY = date(2025, 5, 14)


def claims(text: str, published: date | None = DAY) -> list:
    from briefing.compare.claims import claims_in
    from briefing.compare.parsing import parse_sentences

    (doc,) = parse_sentences([text])
    assert doc is not None
    return list(claims_in(doc, text, 0, published))


def one(text: str, published: date | None = DAY):
    found = claims(text, published)
    assert len(found) == 1, [c.value for c in found]
    return found[0]


@pytest.mark.parametrize(
    "text",
    [
        "Fifteen people died when the ferry capsized.\nNobody else was hurt.",
        "The storm killed 15 people on the coast.",
        "The death toll rose to 15 on Tuesday.",
        "The number of dead climbed to 15.",
    ],
)
def test_deaths_are_one_measure_however_they_are_written(text: str) -> None:
    found = [c for c in claims(text.split("\n")[0]) if c.measure]
    assert [(c.measure, c.interval.low) for c in found] == [("deaths", 15.0)]


def test_deaths_and_injured_are_different_measures() -> None:
    found = claims("Seven people were killed and 41 injured in the blast.")
    assert [(c.value, c.measure) for c in found] == [("Seven", "deaths"), ("41", "injured")]


def test_a_figure_keeps_its_qualifier_and_unit() -> None:
    homes = one("More than 400 homes were evacuated in the night.")
    assert (homes.value, homes.interval.low, homes.measure) == ("More than 400", 400.0, "evacuated")
    cost = one("The new line will cost £4bn.")
    assert (cost.unit, cost.interval.low, cost.measure) == ("pounds", 4e9, "cost")
    share = one("A survey found 58 percent support the plan.")
    assert (share.unit, share.measure) == ("percent", "support")


def test_number_words_and_phrases_are_figures() -> None:
    found = claims("A dozen passengers were missing and scores of homes flooded.")
    assert [c.value for c in found] == ["A dozen", "scores"]
    assert found[0].measure == "missing"


def test_years_and_ordinals_are_not_figures() -> None:
    assert claims("The wall, built in 1921, failed for the second time.") == []


def test_a_level_verb_takes_its_subject_as_the_measure() -> None:
    rate = one("Unemployment rose to 5.1 percent, officials said.")
    assert rate.measure == "unemployment"


def test_an_earlier_value_quoted_for_contrast() -> None:
    found = claims("Support rose to 54 percent, up from 34 percent in 2023.")
    assert [(c.value, c.kind) for c in found] == [
        ("54 percent", "outcome"),
        ("34 percent", "contrast"),
    ]
    assert found[0].when.day == DAY  # the contrast's year is not the new value's


@pytest.mark.parametrize(
    "text",
    [
        "The bank expects unemployment to reach 5.5 percent.",
        "The charge will raise $45 million a year.",
        "Fares are set to rise by 4.6 percent in 2026.",
    ],
)
def test_forecasts(text: str) -> None:
    assert one(text).kind == "forecast"


def test_time_references() -> None:
    assert one("In 2023, 14 people died on the road.").when.year == 2023
    assert one("Last year 14 people died on the road.").when.year == 2024
    assert one("On Tuesday 14 people died on the road.").when.day == DAY
    assert one("Fourteen people died on the road.", None).when.known is False


def test_the_speaker_of_the_figure() -> None:
    found = one("Fifteen people died, the health ministry said.")
    assert found.source is not None and found.source.written == "the health ministry"
    by = one("The toll rose to 15, according to the fire service.")
    assert by.source is not None and by.source.name == "fire service"
    assert one("Fifteen people died in the fire.").source is None


def test_approval_and_support_are_one_measure() -> None:
    rating = one("The president's approval rating climbed to 42 percent.")
    share = one("Just 35 percent of voters approve of the president.")
    assert rating.measure == share.measure == "support"


def test_leaving_home_counts_the_evacuated() -> None:
    assert one("Some 2,000 people were moved out of their homes overnight.").measure == "evacuated"
    assert one("About 4,800 people left their homes in Marlow.").measure == "evacuated"
    assert one("About 4,800 people left the stadium early.").measure != "evacuated"


def test_sentences_of_one_shape_share_a_parse_but_keep_their_own_values() -> None:
    from briefing.compare.claims import claims_in
    from briefing.compare.parsing import parse_sentences

    texts = ["Officials said 15 people died in Arden.", "Officials said 23 people died in Arden."]
    first, second = parse_sentences(texts)
    assert first is second
    pairs = zip((first, second), texts, strict=True)
    values = [c.value for doc, t in pairs for c in claims_in(doc, t, 0, DAY)]
    assert values == ["15", "23"]
