"""Metadata read from scraped text and printed PDFs: outlet, date, author, headline per article.

    .venv/bin/python benchmarks/metadata.py [--dates]

Reads every scraped-text fixture in ``tests/fixtures/scraped`` (each with its
``.expected.json``) and every PDF spec in ``tests/pdf_articles.py`` (written to
a temporary folder with fpdf2), and prints one row per article: a mark for each
of outlet, date (the day), authors and headline, and the time to read it. An
article whose date cannot be decided must come back undated to score.

``--dates`` adds the date-parser measurement: the date lines news sites print,
read by briefing (python-dateutil behind a line finder) and by dateparser with
the day-first or month-first order each line's outlet implies, with the time
of the first line (loading included), the time per line after it, and how many
lines each read to the right day.
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


DATE_LINES = (
    ("Tue 15 Oct 2024 07.00 BST", "DMY", "2024-10-15"),
    ("Published: 14/03/2025 21:40", "DMY", "2025-03-14"),
    ("3/4/2024", "DMY", "2024-04-03"),
    ("First published on Thu 4 Sep 2024 06.00 BST", "DMY", "2024-09-04"),
    ("Saturday 8 March 2025 12:01 GMT", "DMY", "2025-03-08"),
    ("Sept. 4, 2024 5:30 p.m. ET", "MDY", "2024-09-04"),
    ("Updated 10:42 AM EDT, Wed September 4, 2024", "MDY", "2024-09-04"),
    ("First published 09/04/2024 6:15 p.m. CT", "MDY", "2024-09-04"),
    ("Published Sept. 12, 2024 at 9:05 a.m. PT", "MDY", "2024-09-12"),
    ("September 4, 20245:00 AM ET", "MDY", "2024-09-04"),
)


def _briefing_date(line: str, order: str) -> str | None:
    from briefing.ingest import datelines, metadata

    found = metadata.find_date(line, datelines.DAY_FIRST if order == "DMY" else "mdy")
    return str(found.value)[:10] if found else None


def _dateparser_date(line: str, order: str) -> str | None:
    import dateparser

    prefer = {"PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": order}
    found = dateparser.parse(line, settings=prefer)
    return str(found)[:10] if found else None


def date_table() -> None:
    """Each parser on the date lines: first line (with loading), per line after, right."""
    print("| parser | first line s | per line ms | lines read right |")
    print("|---|---|---|---|")
    for name, parse in (("briefing (dateutil)", _briefing_date), ("dateparser", _dateparser_date)):
        start = time.perf_counter()
        right = [parse(line, order) == day for line, order, day in DATE_LINES]
        first = time.perf_counter() - start
        start = time.perf_counter()
        for _ in range(5):
            for line, order, _day in DATE_LINES:
                parse(line, order)
        per_line = (time.perf_counter() - start) / (5 * len(DATE_LINES))
        print(f"| {name} | {first:.2f} | {per_line * 1000:.2f} | {sum(right)}/{len(right)} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dates", action="store_true", help="also measure the date parsers")
    args = parser.parse_args()
    if args.dates:
        date_table()
        print()
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
