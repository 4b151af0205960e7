"""The time a figure refers to, from the date words of its clause and the article's date."""

from __future__ import annotations

from datetime import date

from briefing.compare.timing import When, resolve

DAY = date(2024, 8, 5)


def test_no_date_words_or_a_weekday_is_the_article_s_own_day() -> None:
    assert resolve("", DAY) == When("", day=DAY)
    assert resolve("Tuesday", DAY).day == DAY
    assert resolve("two years", DAY).day == DAY  # a duration is no time reference


def test_a_named_or_relative_year() -> None:
    assert (resolve("2023", DAY).year, resolve("last year", DAY).year) == (2023, 2023)
    assert resolve("next year", DAY).year == 2025
    assert resolve("this year", DAY).day == DAY  # the article's own year: its own time


def test_a_month_without_a_year_looks_back_unless_it_is_a_forecast() -> None:
    assert (resolve("March", DAY).year, resolve("March", DAY).month) == (2024, 3)
    assert resolve("December", DAY).year == 2023
    assert resolve("the end of September", DAY, forward=True).year == 2024


def test_an_undated_article_without_date_words_has_no_known_time() -> None:
    assert not resolve("", None).known
    assert resolve("in 2023", None).year == 2023


def test_same_time() -> None:
    assert resolve("", DAY).same_time(resolve("Monday", DAY))
    assert not resolve("", DAY).same_time(resolve("", date(2024, 8, 6)))
    assert resolve("2023", DAY).same_time(resolve("last year", DAY))
