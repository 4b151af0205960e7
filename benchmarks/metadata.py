"""Metadata read from scraped text and printed PDFs: outlet, date, author, headline per article.

    .venv/bin/python benchmarks/metadata.py [--markdown]

Reads every scraped-text fixture in ``tests/fixtures/scraped`` (each with its
``.expected.json``) and every PDF spec in ``tests/pdf_articles.py`` (written to
a temporary folder with fpdf2), and prints one row per article: a mark for each
of outlet, date (the day), authors and headline, and the time to read it. An
article whose date cannot be decided must come back undated to score.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.ingest import read_article  # noqa: E402
from tests.pdf_articles import PDFS, make_pdf  # noqa: E402

SCRAPED = ROOT / "tests" / "fixtures" / "scraped"
FIELDS = ("outlet", "date", "author", "headline")


def cases(folder: Path) -> list[tuple[str, Path, dict]]:
    """(name, input file, expected) for every fixture, PDFs written into ``folder``."""
    found = [
        (path.stem, path, json.loads(path.with_suffix(".expected.json").read_text("utf-8")))
        for path in sorted(SCRAPED.glob("*.txt"))
    ]
    found += [(f"{spec.name}.pdf", make_pdf(spec, folder), spec.expected) for spec in PDFS]
    return found


def score(path: Path, expected: dict) -> tuple[dict[str, bool], float]:
    """Which of the four fields came out right, and the seconds the reading took."""
    start = time.perf_counter()
    try:
        article = read_article(path)
    except Exception:  # a failed read scores nothing, like an empty page
        return dict.fromkeys(FIELDS, False), time.perf_counter() - start
    seconds = time.perf_counter() - start
    day = article.published_date.isoformat() if article.published_date else None
    return {
        "outlet": article.outlet == expected["outlet"],
        "date": day == expected["published"],
        "author": list(article.authors) == expected["authors"],
        "headline": article.title == expected["title"],
    }, seconds


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    with tempfile.TemporaryDirectory() as folder:
        rows = [(name, *score(path, exp)) for name, path, exp in cases(Path(folder))]
    print("| article | outlet | date | author | headline | all four | ms |")
    print("|---|---|---|---|---|---|---|")
    for name, marks, seconds in rows:
        cells = " | ".join("✓" if marks[f] else "✗" for f in FIELDS)
        whole = "✓" if all(marks.values()) else "✗"
        print(f"| {name} | {cells} | {whole} | {seconds * 1000:.0f} |")
    totals = " | ".join(f"{sum(m[f] for _, m, _ in rows)}/{len(rows)}" for f in FIELDS)
    complete = sum(all(m.values()) for _, m, _ in rows)
    print(f"| **total** | {totals} | {complete}/{len(rows)} | |")


if __name__ == "__main__":
    main()
