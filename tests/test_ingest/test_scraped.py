"""Scraped news text and news pages printed to PDF: each read into the metadata it states.

The text fixtures (``tests/fixtures/scraped``) copy the layouts of UK and US
news sites; the PDFs (``tests/pdf_articles.py``) are made with fpdf2 the way a
browser prints a page. ``benchmarks/metadata.py`` scores the same set.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.ingest import read_article
from briefing.ingest.pdf import body_lines, printed_address
from briefing.models import Article
from tests.pdf_articles import FONT, PDFS, PdfSpec, make_pdf

SCRAPED = Path(__file__).resolve().parent.parent / "fixtures" / "scraped"


def _expected(path: Path) -> dict:
    return json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))


def _check(article: Article, expected: dict) -> None:
    day = article.published_date.isoformat() if article.published_date else None
    assert article.title == expected["title"]
    assert article.outlet == expected["outlet"]
    assert list(article.authors) == expected["authors"]
    assert day == expected["published"]
    assert article.paragraphs[0].startswith(expected["first_paragraph_starts"])
    body = "\n".join(article.paragraphs)
    for fragment in expected["not_in_body"]:
        assert fragment not in body, f"{fragment!r} survived cleaning"


@pytest.mark.parametrize("path", sorted(SCRAPED.glob("*.txt")), ids=lambda p: p.stem)
def test_scraped_text_metadata(path: Path) -> None:
    _check(read_article(path), _expected(path))


def test_every_layout_has_a_uk_and_a_us_article() -> None:
    names = [p.stem for p in SCRAPED.glob("*.txt")]
    assert sum(n.startswith("uk-") for n in names) >= 4
    assert sum(n.startswith("us-") for n in names) >= 4


def test_removed_captions_and_controls_are_listed() -> None:
    """`briefing build -v` prints ``Article.removed``: what went is there to see."""
    article = read_article(SCRAPED / "us-updated-edt.txt")
    assert "1 of 10 Full Screen Autoplay Close Skip Ad" in article.removed
    credits = read_article(SCRAPED / "uk-photo-credits.txt")
    assert any(line.startswith("Image copyright PA Media") for line in credits.removed)
    undated = read_article(SCRAPED / "ambiguous-undated.txt")
    assert any(line.startswith("05/06/2024 (date left unread") for line in undated.removed)


@pytest.mark.skipif(not FONT.exists(), reason="needs the DejaVu Sans font to typeset ligatures")
@pytest.mark.parametrize("spec", PDFS, ids=lambda s: s.name)
def test_printed_pdf_metadata(spec: PdfSpec, tmp_path: Path) -> None:
    article = read_article(make_pdf(spec, tmp_path))
    _check(article, spec.expected)


@pytest.mark.skipif(not FONT.exists(), reason="needs the DejaVu Sans font to typeset ligatures")
def test_printed_pdf_keeps_its_address_and_loses_the_print_marks(tmp_path: Path) -> None:
    article = read_article(make_pdf(PDFS[0], tmp_path))
    assert (
        article.url == "https://www.northgateherald.co.uk/news/health/hospital-waiting-lists-fall"
    )
    text = "\n".join(article.paragraphs)
    assert "figures published by NHS England" in text and "staff shortages" in text
    assert "10:15" not in text and "1/2" not in text


@pytest.mark.parametrize(
    "line",
    [
        "04/12/2025, 10:15 Hospital waiting lists fall | The Northgate Herald",
        "12/1/24, 3:02 PM Transit agency cuts late-night bus service - Lakeside Tribune",
        "1 of 2 8/30/2024, 9:14 AM",
        "https://www.lakesidetribune.com/news/transit-cuts 1/1",
        "Bus routes for fall - The Harbor Times https://www.harbortimes.com/local/bus-routes",
        "valleypost.com 2/3",
    ],
)
def test_browser_print_marks_at_a_page_edge(line: str) -> None:
    assert body_lines([[line, "The body of the article starts here and runs on."]]) == [
        "The body of the article starts here and runs on.",
        "",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "For details of waiting times, visit www.nhs.uk.",
        "The trust will publish its figures at 10:15 on 4/12/2025.",
        "Bus routes for fall",
    ],
)
def test_sentences_at_a_page_edge_are_not_print_marks(line: str) -> None:
    assert line in body_lines([[line, "More text follows on this page of the article."]])


def test_the_document_title_alone_at_the_top_is_a_print_mark() -> None:
    title = "Bus routes for fall - The Harbor Times"
    assert body_lines([[title, "Bus routes for fall", "Text."]], title) == [
        "Bus routes for fall",
        "Text.",
        "",
    ]


def test_printed_address() -> None:
    assert printed_address([["Title", "Text.", "valleypost.com 1/1"]]) == "https://valleypost.com"
    assert printed_address([["Title", "Text.", "Page 1"]]) is None


@pytest.mark.slow
def test_verbose_build_lists_captions_controls_and_undecided_dates(tmp_path: Path) -> None:
    from tests.test_cli import run

    inputs = [SCRAPED / "us-updated-edt.txt", SCRAPED / "ambiguous-undated.txt"]
    done = run("build", *inputs, "-v", "-f", "json", "-o", tmp_path)
    assert done.returncode == 0, done.stderr
    assert "1 of 10 Full Screen Autoplay Close Skip Ad" in done.stderr
    assert "05/06/2024 (date left unread: day and month could be either way round)" in done.stderr
