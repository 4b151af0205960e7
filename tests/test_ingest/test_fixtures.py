"""Each messy article fixture is read into the metadata and body its .expected.json states."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.ingest import read_article
from tests.conftest import article_fixtures, expected_for


@pytest.mark.parametrize("path", article_fixtures(), ids=lambda p: p.name)
def test_fixture_matches_expectations(path: Path) -> None:
    expected = expected_for(path)
    article = read_article(path)
    assert article.title == expected["title"]
    assert list(article.authors) == expected["authors"]
    assert article.outlet == expected["outlet"]
    published = article.published.isoformat() if article.published else None
    assert published == expected["published"]
    assert list(article.author_notes) == expected["author_notes"]
    assert len(article.paragraphs) == expected["paragraphs"], article.paragraphs
    assert article.paragraphs[0].startswith(expected["first_paragraph_starts"])
    body = "\n".join(article.paragraphs)
    for fragment in expected["not_in_body"]:
        assert fragment not in body, f"{fragment!r} survived cleaning"


def test_examples_metadata(examples_dir: Path) -> None:
    from briefing.ingest import load_articles

    articles, skipped = load_articles([examples_dir])
    assert not skipped
    assert [a.outlet for a in articles] == [
        "Port Halden Courier",
        "Metro Daily",
        "Coastal Review",
        "Northern Post",
    ]
    assert [str(a.published_date) for a in articles] == [
        "2021-03-14",
        "2023-06-01",
        "2025-02-10",
        "2025-12-01",
    ]
    assert articles[1].authors == ("Tom Ashby", "Priya Nair")
    assert articles[2].author_notes[0].startswith("The author is deputy director")
    assert "’" in articles[1].paragraphs[0]  # cp1252 curly quote decoded, not mangled
