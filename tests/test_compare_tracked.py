"""Disagreements and series across articles, read from their claims."""

from __future__ import annotations

from datetime import date

import pytest

from briefing.models import Article, FigureConflict, FigureValue, Point, Sentence, Theme


def article(n: int, text: str, day: date | None) -> Article:
    sentences = tuple(Sentence(s, 0, k) for k, s in enumerate(text.split("\n")))
    return Article(f"a{n}", f"{n}.txt", f"T{n}", (text,), sentences, published=day)


def track(*articles: Article):
    from briefing.compare.reading import read_articles
    from briefing.compare.tracked import track_figures

    return track_figures(read_articles(articles))


DAY = date(2025, 5, 14)


def test_same_day_values_that_cannot_both_be_true_are_one_disagreement() -> None:
    _series, conflicts = track(
        article(1, "Fifteen people died in Kessing, the health ministry said.", DAY),
        article(2, "The ferry sinking in Kessing left 12 people dead, the fire service said.", DAY),
    )
    (conflict,) = conflicts
    assert conflict.measure == "deaths" and conflict.dated and conflict.published == DAY
    sides = [(v.value, v.source, v.article_id) for v in conflict.values]
    assert sides == [("12", "the fire service", "a2"), ("Fifteen", "the health ministry", "a1")]


def test_agreeing_values_are_never_a_disagreement() -> None:
    _series, conflicts = track(
        article(1, "The Northway line will cost £4bn.", DAY),
        article(2, "The Northway line will cost £4 billion.", DAY),
        article(3, "More than 40 people were injured in Northway.", DAY),
        article(4, "In Northway 41 people were injured.", DAY),
    )
    assert conflicts == []


def test_undated_reports_of_one_event_are_compared_and_say_so() -> None:
    _series, conflicts = track(
        article(1, "Thirty-seven people were killed in Varos, officials said.", None),
        article(2, "The number of dead in Varos climbed to 52.", None),
    )
    (conflict,) = conflicts
    assert not conflict.dated and conflict.published is None


def test_undated_reports_of_other_events_are_not_compared() -> None:
    _series, conflicts = track(
        article(1, "Thirty-seven people were killed in Varos.", None),
        article(2, "The number of dead in Kessing climbed to 52.", None),
    )
    assert conflicts == []


def test_a_series_is_one_measure_in_date_order_with_forecasts_marked() -> None:
    series, conflicts = track(
        article(1, "Support for the tram reached 41 percent.\nOpposition stood at 50 percent.",
                date(2025, 1, 20)),
        article(2, "Support for the tram rose to 47 percent.\nThe council expects support "
                   "to reach 55 percent next year.", date(2025, 5, 12)),
        article(3, "Opposition to the tram fell to 44 percent.", date(2025, 5, 12)),
    )  # fmt: skip
    assert conflicts == []
    found = {s.label: [(v.value, v.kind) for v in s.values] for s in series}
    assert found["Support"] == [
        ("41 percent", "outcome"), ("47 percent", "outcome"), ("55 percent", "forecast")
    ]  # fmt: skip
    assert found["Opposition"] == [("50 percent", "outcome"), ("44 percent", "outcome")]


def test_a_change_over_days_is_a_series_not_a_disagreement() -> None:
    series, conflicts = track(
        article(1, "Nine miners were killed at Karsk.", date(2025, 4, 7)),
        article(2, "The death toll at Karsk rose to 14.", date(2025, 4, 8)),
    )
    assert conflicts == []
    assert [v.value for v in series[0].values] == ["Nine", "14"]


def _value(value: str, article_id: str, sentence: int) -> FigureValue:
    return FigureValue(value, 1.0, article_id, sentence, "")


def test_a_theme_never_shows_two_sides_of_a_disagreement_as_shared() -> None:
    from briefing.compare.tracked import without_conflicts

    def point(article_id: str, sentence: int) -> Point:
        return Point(f"text {article_id}", article_id, 0, sentence)

    theme = Theme("Deaths", (), (point("a1", 0), point("a2", 0), point("a3", 2)))
    conflict = FigureConflict(
        "Deaths", "count", DAY, (_value("15", "a1", 0), _value("12", "a2", 0)), "deaths"
    )
    (kept,) = without_conflicts([theme], [conflict])
    assert [p.article_id for p in kept.points] == ["a1", "a3"]
    two_only = Theme("Deaths", (), (point("a1", 0), point("a2", 0)))
    assert without_conflicts([two_only], [conflict]) == []


@pytest.mark.parametrize(
    ("measure", "unit", "expected"),
    [
        ("deaths", "count", "Deaths"),
        ("raise", "dollars", "Money raised"),
        ("charge", "pounds", "Charge"),
        ("unemployment", "percent", "Unemployment"),
        ("rainfall", "millimetres", "Rainfall (millimetres)"),
    ],
)
def test_a_series_label_names_the_quantity_not_a_verb_or_a_currency(
    measure: str, unit: str, expected: str
) -> None:
    from briefing.compare.tracked import label

    assert label(measure, unit) == expected
