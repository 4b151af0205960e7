"""Article text from real web pages: briefing beside trafilatura, one command, one table.

    .venv/bin/python benchmarks/web.py [--data ../shared/webdata] [--only briefing] [--pages]

Scores each extractor on saved news pages with their true article text
(``html/<id>.html.gz`` and ``ground-truth.json``) using the benchmark's own
metric: word 4-gram shingles of ``\\w+`` tokens (case kept); per page, true and
false positives and false negatives are counted over shingles and normalised
to sum to 1; precision and recall are averaged over pages and F1 is computed
from the two means. A page that comes back empty (or fails) scores 0.

Each extractor runs in a fresh process, so "first s" is the cost a user pays
for the first page (imports and one-time setup included); "median s" is the
median time per page after one warm-up page, "slowest s" the slowest after it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "webdata"
_TOKEN = re.compile(r"\w+")

Extractor = Callable[[bytes, str], str]


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    """Word n-grams of a text; a text shorter than ``size`` words is one shingle."""
    tokens = _TOKEN.findall(text)
    count = max(1, len(tokens) - size + 1)
    return Counter(tuple(tokens[i : i + size]) for i in range(count) if tokens[i : i + size])


def page_score(true: str, predicted: str) -> tuple[float, float]:
    """Precision and recall of one page over shingles (0, 0 for an empty prediction)."""
    expected, found = shingles(true), shingles(predicted)
    tp = fp = fn = 0
    for key in expected.keys() | found.keys():
        want, got = expected.get(key, 0), found.get(key, 0)
        tp += min(want, got)
        fp += max(0, got - want)
        fn += max(0, want - got)
    total = tp + fp + fn
    if total == 0:
        return 1.0, 1.0
    tp, fp, fn = tp / total, fp / total, fn / total
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


def summary(scores: list[tuple[float, float]]) -> tuple[float, float, float]:
    """F1 from mean precision and mean recall, as the benchmark computes it."""
    precision = statistics.fmean(p for p, _ in scores)
    recall = statistics.fmean(r for _, r in scores)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, precision, recall


def load_pages(data: Path) -> list[tuple[str, bytes, str, str]]:
    """(id, page bytes, url, true text) for every page with a ground truth."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth):
        path = data / "html" / f"{key}.html.gz"
        if path.is_file():
            item = truth[key]
            pages.append(
                (key, gzip.decompress(path.read_bytes()), item["url"], item["articleBody"])
            )
    return pages


def _trafilatura(**options: object) -> Extractor:
    def extract(page: bytes, url: str) -> str:
        import trafilatura

        return trafilatura.extract(page, url=url, **options) or ""

    return extract


def _briefing(page: bytes, url: str) -> str:
    from briefing.ingest import Document, Metadata, read_document

    article = read_document(Document(url, page, url, "text/html"), "a1", Metadata())
    return "\n".join(article.paragraphs)


EXTRACTORS: dict[str, tuple[str, Extractor]] = {
    "defaults": ("trafilatura extract() defaults", _trafilatura()),
    "precision": ("trafilatura favor_precision=True", _trafilatura(favor_precision=True)),
    "briefing": ("briefing (read_document)", _briefing),
}


def worker(name: str, data: Path) -> dict[str, object]:
    """Run one extractor over every page in this process; time and score it."""
    extract = EXTRACTORS[name][1]
    scores, times, empty, failed, keys = [], [], 0, [], []
    for key, page, url, true in load_pages(data):
        keys.append(key)
        start = time.perf_counter()
        try:
            text = extract(page, url)
        except Exception as exc:  # a failed page scores 0, like an empty one
            text = ""
            failed.append(f"{key[:12]}: {type(exc).__name__}: {exc}"[:160])
        times.append(time.perf_counter() - start)
        empty += not text.strip()
        scores.append(page_score(true, text) if text.strip() else (0.0, 0.0))
    f1, precision, recall = summary(scores)
    return {
        "f1": f1,
        "precision": precision,
        "recall": recall,
        "empty": empty,
        "first": times[0],
        "median": statistics.median(times[1:]),
        "slowest": max(times[1:]),
        "per_page": [
            (key[:12], round(p, 3), round(r, 3)) for key, (p, r) in zip(keys, scores, strict=False)
        ],
        "failed": failed,
        "pages": len(scores),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--only", choices=sorted(EXTRACTORS), action="append")
    parser.add_argument("--pages", action="store_true", help="also print every page's score")
    parser.add_argument("--worker", choices=sorted(EXTRACTORS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not (args.data / "ground-truth.json").is_file():
        print(f"skipped: no benchmark data in {args.data} (ground-truth.json and html/)")
        return 0
    if args.worker:
        print(json.dumps(worker(args.worker, args.data)))
        return 0
    print("| extractor | F1 | precision | recall | empty pages | first s | median s | slowest s |")
    print("|---|---|---|---|---|---|---|---|")
    notes: list[str] = []
    for name in args.only or list(EXTRACTORS):
        done = subprocess.run(
            [sys.executable, __file__, "--worker", name, "--data", str(args.data)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            print(f"| {EXTRACTORS[name][0]} | failed: {done.stderr.strip()[-200:]} |")
            continue
        row = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            f"| {EXTRACTORS[name][0]} | {row['f1']:.3f} | {row['precision']:.3f} "
            f"| {row['recall']:.3f} | {row['empty']} | {row['first']:.2f} | {row['median']:.3f} "
            f"| {row['slowest']:.2f} |"
        )
        notes.extend(f"{name} failed on {failure}" for failure in row["failed"])
        if args.pages:
            notes.extend(f"{name} {key} P={p} R={r}" for key, p, r in row["per_page"])
    if notes:
        print("\n".join(notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
