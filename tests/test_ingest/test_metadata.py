from __future__ import annotations

from datetime import date, datetime

import pytest

from briefing.ingest.blocks import text_blocks
from briefing.ingest.document import article_from_text, metadata_from_mapping
from briefing.ingest.metadata import find_date, parse_byline
from briefing.ingest.webmeta import clean_authors


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published: Dec 01, 2025 09:45 PM", datetime(2025, 12, 1, 21, 45)),
        ("2025-12-01", date(2025, 12, 1)),
        ("1 December 2025", date(2025, 12, 1)),
        ("Dec. 1, 2025", date(2025, 12, 1)),
        ("Updated Monday, March 3rd, 2025 at 6.30 p.m.", datetime(2025, 3, 3, 18, 30)),
        ("2025-12-01T08:15:00", datetime(2025, 12, 1, 8, 15)),
        ("14.03.2024", date(2024, 3, 14)),
        ("Sept 9 2023", date(2023, 9, 9)),
    ],
)
def test_dates_in_usual_formats(line: str, expected: date) -> None:
    found = find_date(line)
    assert found is not None and found.value == expected


@pytest.mark.parametrize(
    "line", ["posted 5 hours ago", "Yesterday", "Section 2025 report", "12/01"]
)
def test_no_date_is_invented(line: str) -> None:
    assert find_date(line) is None


@pytest.mark.parametrize(
    ("line", "authors", "outlet"),
    [
        ("By Jane Doe and John Roe", ("Jane Doe", "John Roe"), None),
        ("By MARIA LOPEZ in Harbor City", ("Maria Lopez",), None),
        ("Li Wei / China Daily", ("Li Wei",), "China Daily"),
        ("By Anna Berg | Metro Daily", ("Anna Berg",), "Metro Daily"),
        ("By Zoë Müller", ("Zoë Müller",), None),
        ("By Ann Lee; Bo Li & Cy Young", ("Ann Lee", "Bo Li", "Cy Young"), None),
    ],
)
def test_bylines(line: str, authors: tuple[str, ...], outlet: str | None) -> None:
    assert parse_byline(line) == (authors, outlet)


def test_every_list_of_authors_is_split_the_same_way() -> None:
    listed = "Ann Lee; Bo Li, Cy Young and Di Wu & Ed Ng"
    expected = ("Ann Lee", "Bo Li", "Cy Young", "Di Wu", "Ed Ng")
    front_matter = metadata_from_mapping({"authors": listed}, "a.md")
    assert front_matter.authors == expected
    assert parse_byline(f"By {listed}") == (expected, None)
    assert clean_authors([listed], []) == expected


def test_navigation_is_not_a_byline() -> None:
    assert parse_byline("Home / World") is None


def test_one_paragraph_per_line_is_kept_apart() -> None:
    lines = ["First paragraph is a full sentence that ends here.", "Second paragraph starts here."]
    assert text_blocks("\n".join(lines)) == lines


def test_broken_line_mid_sentence_is_rejoined() -> None:
    text = "The council said on Monday that the plan would go\nahead next year as planned."
    assert text_blocks(text) == [
        "The council said on Monday that the plan would go ahead next year as planned."
    ]


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("(CNN)A Delaware father is in stable condition.", "A Delaware father"),
        ("LONDON, England (Reuters) -- The queen spoke today.", "The queen spoke"),
        ("WASHINGTON (AP) — Lawmakers met on Tuesday.", "Lawmakers met"),
        ("NEW YORK — Stocks fell sharply on Monday.", "Stocks fell"),
        ("US officials said the talks would resume.", "US officials said"),
    ],
)
def test_wire_datelines_are_removed(opening: str, expected: str) -> None:
    body = f"{opening} " + "The rest of the story follows here with more detail. " * 3
    article = article_from_text(f"Title of the story\n\n{body}", "wire.txt", "a1")
    assert article.sentences[0].text.startswith(expected)
