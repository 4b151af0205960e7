"""Date lines as news sites print them, and the order of a numeric date decided by evidence."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from briefing.ingest import article_from_text, datelines
from briefing.ingest.findings import UNDECIDED_NOTE
from briefing.ingest.metadata import find_date, undecided_date

BODY = (
    "The council voted on Monday to rebuild the sea wall before the winter storms arrive.\n"
    "Residents of Quay Street said they had waited six years for a decision on the new wall.\n"
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Tue 15 Oct 2024 07.00 BST", datetime(2024, 10, 15, 7, 0)),
        ("Published: 14/03/2025 21:40", datetime(2025, 3, 14, 21, 40)),
        ("Sept. 4, 2024 5:30 p.m. ET", datetime(2024, 9, 4, 17, 30)),
        ("Updated 10:42 AM EDT, Wed September 4, 2024", date(2024, 9, 4)),
        ("First published on Thu 4 Sep 2024 06.00 BST", datetime(2024, 9, 4, 6, 0)),
        ("Saturday 8 March 2025 12:01 GMT", datetime(2025, 3, 8, 12, 1)),
        ("Published Sept. 12, 2024 at 9:05 a.m. PT", datetime(2024, 9, 12, 9, 5)),
        ("Last modified on Fri 23 Feb 2024 09.30 GMT", datetime(2024, 2, 23, 9, 30)),
        ("03/25/2024", date(2024, 3, 25)),
        ("25-03-2024", date(2024, 3, 25)),
        ("01.12.2025", date(2025, 12, 1)),
    ],
)
def test_date_lines_in_news_formats(line: str, expected: date) -> None:
    found = find_date(line)
    assert found is not None and found.value == expected


def test_labels_are_kept_with_the_date() -> None:
    assert find_date("First published 4 September 2024").label == "published"
    assert find_date("Last modified on 5 September 2024").label == "last modified"
    assert find_date("Updated: 5 September 2024").label == "updated"


@pytest.mark.parametrize("line", ["3/4/2024", "Published 05/06/2024 10:15", "9/4/24"])
def test_a_date_that_reads_either_way_is_not_guessed(line: str) -> None:
    assert find_date(line) is None
    assert undecided_date(line) is not None
    day_first = find_date(line, datelines.DAY_FIRST)
    assert day_first.value != find_date(line, datelines.MONTH_FIRST).value


@pytest.mark.parametrize("line", ["14/03/2025", "4 March 2024", "1.2.10", "12/01", "3/4"])
def test_only_ambiguous_numeric_dates_are_undecided(line: str) -> None:
    assert undecided_date(line) is None


def test_a_number_over_twelve_decides_the_order() -> None:
    assert find_date("13/04/2024").value == date(2024, 4, 13)
    assert find_date("04/13/2024").value == date(2024, 4, 13)
    assert find_date("3/4/2024", datelines.DAY_FIRST).value == date(2024, 4, 3)
    assert find_date("3/4/2024", datelines.MONTH_FIRST).value == date(2024, 3, 4)
    assert find_date("31/02/2024") is None and find_date("9/4/1850", "dmy") is None


@pytest.mark.parametrize(
    ("texts", "order"),
    [
        (["The bill is £400 a year."], "dmy"),
        (["Prices rose to $30,000 last year."], "mdy"),
        (["Published 10:42 EDT"], "mdy"),
        (["Sunday 07.00 BST"], "dmy"),
        (["The vote is on 30 October."], "dmy"),
        (["The vote is on October 30."], "mdy"),
        (["Updated 14/03/2025"], "dmy"),
        (["Updated 03/14/2025"], "mdy"),
        (["Write to news@herald.co.uk"], "dmy"),
        (["The museum reopened on Saturday."], None),
        (["It cost £5 and $5."], None),
    ],
)
def test_order_evidence(texts: list[str], order: str | None) -> None:
    assert datelines.date_order(texts) == order


def test_stronger_evidence_wins_over_weaker() -> None:
    """A time zone outweighs a currency: a US paper reporting a price in pounds."""
    assert datelines.date_order(["Posted 6:15 p.m. ET", "The fee is £20."]) == "mdy"


def test_each_kind_of_evidence_counts_once() -> None:
    many_dollars = ["$1", "$2", "$3", "$4"]
    assert datelines.date_order([*many_dollars, "05:00 BST"]) == "dmy"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("21:40", (21, 40)), ("6:15 p.m.", (18, 15)), ("07.00", (7, 0)), ("12:30 AM", (0, 30))],
)
def test_times_of_day(text: str, expected: tuple[int, int]) -> None:
    clock = datelines.parse_time(text)
    assert (clock.hour, clock.minute) == expected


def test_article_date_settled_by_its_currency() -> None:
    uk = article_from_text(f"Wall vote delayed\n3/4/2024\n{BODY}The bill is £2m.\n", "a.txt", "a1")
    us = article_from_text(f"Wall vote delayed\n3/4/2024\n{BODY}The bill is $2m.\n", "b.txt", "a2")
    assert uk.published == date(2024, 4, 3)
    assert us.published == date(2024, 3, 4)


def test_undecided_date_left_out_and_said_so() -> None:
    article = article_from_text(f"Wall vote delayed\n05/06/2024\n{BODY}", "a.txt", "a1")
    assert article.published is None
    assert f"05/06/2024 ({UNDECIDED_NOTE})" in article.removed


def test_a_labelled_date_beats_the_page_date_box() -> None:
    text = f"THURSDAY, DECEMBER 4, 2025\nWall vote delayed again\nPosted September 4, 2025\n{BODY}"
    assert article_from_text(text, "a.txt", "a1").published == date(2025, 9, 4)


def test_a_date_under_the_headline_beats_one_above_it() -> None:
    text = f"Monday 1 December 2025\nWall vote delayed again\n4 September 2025\n{BODY}"
    assert article_from_text(text, "a.txt", "a1").published == date(2025, 9, 4)


def test_last_modified_is_not_the_publication_date() -> None:
    text = f"Wall vote delayed again\nLast modified on 5 Sep 2024\n4 Sep 2024\n{BODY}"
    assert article_from_text(text, "a.txt", "a1").published == date(2024, 9, 4)


def test_a_time_glued_to_the_year() -> None:
    """Scraped text loses the space between a date and a time in separate elements."""
    assert find_date("September 4, 20245:00 AM ET").value == datetime(2024, 9, 4, 5, 0)


def test_a_modal_may_is_no_spelled_date() -> None:
    assert datelines.date_order(["Voters aged 18 may register online."]) is None
    assert datelines.date_order(["Voters register by 18 May."]) == "dmy"


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("The NHS trust said waiting lists fell.", "dmy"),
        ("The town centre will be closed to traffic.", "dmy"),
        ("Congress passed the bill on Tuesday.", "mdy"),
        ("The community center will open in the spring.", "mdy"),
        ("The museum reopened on Saturday.", None),
        ("MPs and Congress both debated the colour and color of the flag.", None),
    ],
)
def test_country_by_institutions_and_spelling(text: str, order: str | None) -> None:
    assert datelines.date_order([text]) == order


def test_a_uk_paper_without_currency_reads_day_first() -> None:
    text = f"Wall vote delayed again\n3/4/2024\n{BODY}The NHS trust will move its clinic.\n"
    assert article_from_text(text, "a.txt", "a1").published == date(2024, 4, 3)
