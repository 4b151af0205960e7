"""Precision and recall of the comparison's disagreements, series and sources.

    .venv/bin/python benchmarks/compare_quality.py [SETS_DIR] [--details]

Each set in ``tests/data/compare_sets/<set>/`` holds 3 to 5 articles and an
``expected.toml`` written by hand, as an editor would list them:

- ``[[disagreements]]``: ``values``, the values as the articles write them that
  must stand on different sides of one disagreement (``dated = false`` where
  the item must say the dates are unknown);
- ``[[series]]``: ``values`` in any order (``"14|Sixteen"``: either), and
  ``forecasts``, the values that must be marked as forecasts;
- ``sources``: the people and organisations the articles cite.

A found disagreement is right when it holds every value of an expected one
(and says the dates are unknown where expected); a found series is right when
its values are exactly an expected series' values with its forecasts marked;
a found source is right when it names an expected source (case and a leading
"the" aside). Precision counts what was found, recall what was expected.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = ROOT / "tests" / "data" / "compare_sets"
KINDS = ("disagreements", "series", "sources")


@dataclass
class Tally:
    """Found, right among found, expected and found among expected, for one kind."""

    found: int = 0
    right: int = 0
    expected: int = 0
    recalled: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.found += other.found
        self.right += other.right
        self.expected += other.expected
        self.recalled += other.recalled
        self.misses += other.misses

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.recalled / self.expected if self.expected else 1.0


def norm(text: str) -> str:
    """A name or value to compare: lower case, no leading article, straight quotes."""
    words = text.lower().replace("’", "'").split()
    while words and words[0] in {"the", "a", "an"}:
        words = words[1:]
    return " ".join(words).strip(" .,")


def comparison_of(folder: Path):
    """The claims-side results compare() gives for a set: (series, conflicts, citations)."""
    from briefing.compare.reading import read_articles
    from briefing.compare.sources import find_citations
    from briefing.compare.tracked import track_figures
    from briefing.ingest import load_articles

    articles, _skipped = load_articles([folder])
    readings = read_articles(articles)
    series, conflicts = track_figures(readings)
    return series, conflicts, find_citations(readings)


def _value_match(want: str, got: str) -> bool:
    """The same words, or the same amount written otherwise ("£4bn" and "£4 billion")."""
    from briefing.compare.numbers import interval

    for option in want.split("|"):
        if norm(got) == norm(option) or norm(got).endswith(" " + norm(option)):
            return True  # "150" is the value of "about 150"
        expected, found = interval(option), interval(got)
        if expected is not None and expected == found and option[:1] == got[:1]:
            return True
    return False


def score_disagreements(expected: list[dict], conflicts) -> Tally:
    def matches(want: dict, conflict) -> bool:
        values = [v.value for v in conflict.values]
        held = all(any(_value_match(w, g) for g in values) for w in want["values"])
        return held and want.get("dated", True) == conflict.dated

    return _tally(
        expected, conflicts, matches, "disagreement", lambda c: [v.value for v in c.values]
    )


def score_series(expected: list[dict], series) -> Tally:
    def matches(want: dict, found) -> bool:
        got = [v.value for v in found.values]
        if len(got) != len(want["values"]):
            return False
        left = list(got)
        for option in want["values"]:
            hit = next((g for g in left if _value_match(option, g)), None)
            if hit is None:
                return False
            left.remove(hit)
        marked = sorted(norm(v.value) for v in found.values if v.kind == "forecast")
        return marked == sorted(norm(f) for f in want.get("forecasts", []))

    return _tally(
        expected, series, matches, "series", lambda s: [(v.value, v.kind) for v in s.values]
    )


def _tally(expected: list[dict], found, matches, kind: str, shown) -> Tally:
    """Precision and recall of ``found`` against ``expected`` under ``matches``, with the misses."""
    tally = Tally(found=len(found), expected=len(expected))
    tally.right = sum(any(matches(w, f) for w in expected) for f in found)
    for want in expected:
        if any(matches(want, f) for f in found):
            tally.recalled += 1
        else:
            tally.misses.append(f"{kind} {want['values']}")
    tally.misses += [
        f"wrong {kind} {shown(f)}" for f in found if not any(matches(w, f) for w in expected)
    ]
    return tally


def score_sources(expected: list[str], citations) -> Tally:
    want = {norm(name) for name in expected}
    got = {norm(c.name) for c in citations}
    tally = Tally(found=len(got), right=len(got & want), expected=len(want))
    tally.recalled = len(got & want)
    tally.misses = [f"missed source {n}" for n in sorted(want - got)]
    tally.misses += [f"wrong source {n}" for n in sorted(got - want)]
    return tally


def score_set(folder: Path) -> dict[str, Tally]:
    """The three tallies of one annotated set."""
    expected = tomllib.loads((folder / "expected.toml").read_text("utf-8"))
    series, conflicts, citations = comparison_of(folder)
    return {
        "disagreements": score_disagreements(expected.get("disagreements", []), conflicts),
        "series": score_series(expected.get("series", []), series),
        "sources": score_sources(expected.get("sources", []), citations),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="?", type=Path, default=SETS)
    parser.add_argument("--details", action="store_true", help="list every miss per set")
    args = parser.parse_args()
    folders = sorted(p for p in args.sets.iterdir() if (p / "expected.toml").is_file())
    if not folders:
        sys.exit(f"{args.sets}: no set with an expected.toml")
    totals = {kind: Tally() for kind in KINDS}
    for folder in folders:
        for kind, tally in score_set(folder).items():
            totals[kind].add(tally)
            if args.details:
                for miss in tally.misses:
                    print(f"{folder.name}: {miss}")
    print(f"\n{len(folders)} sets\n\n| kind | expected | found | precision | recall |")
    print("|---|---|---|---|---|")
    for kind, tally in totals.items():
        print(
            f"| {kind} | {tally.expected} | {tally.found} "
            f"| {tally.precision:.2f} | {tally.recall:.2f} |"
        )


if __name__ == "__main__":
    main()
