"""Editorial quality over the annotated sets: one command, one table.

    .venv/bin/python benchmarks/editorial.py [--sets tests/data/editorial_sets]

For every set (tests/data/editorial_sets/<set>/ with its ``expected.toml``)
the brief is built as ``briefing build`` builds it, and the table gives the
share of the checklist's facts (``[checklist] facts``: who, what, where,
when, the key figures) that the overview states, and that the overview and
the bottom line state together; whether the bottom line holds the facts it
must (``[bottom_line] facts``); the positions found against those expected;
and the theme labels whose last word the parser reads as a noun in the
sentence it comes from (noun phrases).
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing import build_brief, language  # noqa: E402
from briefing.models import Brief, Theme  # noqa: E402
from briefing.render import render  # noqa: E402


def covered(facts: list[str], text: str) -> int:
    flat = " ".join(text.split()).lower()
    return sum(fact.lower() in flat for fact in facts)


def noun_phrase(theme: Theme) -> bool:
    holder = next((p.text for p in theme.points if theme.label in p.text), None)
    if holder is None:
        return False
    start = holder.index(theme.label)
    doc = language.parse_one(holder)
    span = doc.char_span(start, start + len(theme.label), alignment_mode="expand")
    return span[-1].pos_ in ("NOUN", "PROPN") and not any(t.pos_ == "VERB" for t in span)


def row(name: str, brief: Brief, expected: dict) -> tuple[str, ...]:
    text = str(render(brief, ["txt"])["txt"][1])
    bottom = text[text.index("THE BOTTOM LINE") : text.index("OVERVIEW")]
    overview = " ".join(p.text for p in brief.comparison.overview)
    facts = expected["checklist"]["facts"]
    must = expected["bottom_line"]["facts"]
    labels = brief.comparison.themes
    return (
        name,
        f"{covered(facts, overview)}/{len(facts)}",
        f"{covered(facts, overview + ' ' + bottom)}/{len(facts)}",
        f"{covered(must, bottom)}/{len(must)}",
        f"{len(brief.comparison.positions)}/{expected['positions']['count']}",
        f"{sum(noun_phrase(t) for t in labels)}/{len(labels)}",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=Path, default=ROOT / "tests" / "data" / "editorial_sets")
    args = parser.parse_args()
    header = (
        "set",
        "overview facts",
        "+ bottom line",
        "bottom line must",
        "positions",
        "labels NP",
    )
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for folder in sorted(p for p in args.sets.iterdir() if p.is_dir()):
        expected = tomllib.loads((folder / "expected.toml").read_text(encoding="utf-8"))
        print("| " + " | ".join(row(folder.name, build_brief([folder]), expected)) + " |")


if __name__ == "__main__":
    main()
