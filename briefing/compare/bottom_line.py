"""The bottom line: the findings a reader needs first, as a record a template words.

What the articles agree happened is the theme most of them share, of those
the one nearest their ledes (its label says what), with the people and
organisations (who), places (where) and times (when) the parser names in the
sentences of two or more articles of the shared themes. The main disagreement
is the first conflicting figure of the claims, else two pieces near in time
that argue opposite ways (:mod:`briefing.compare.stance`). The main change is
the figure series most tied to a shared theme, else what the later coverage
of the first shifted theme adds. Every finding keeps the points or figures it
rests on, so each sentence the template writes links to its evidence; nothing
is worded here, so every word comes from the records.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefing.compare.theme_labels import in_prose
from briefing.models import (
    BottomLine,
    FigureConflict,
    FigureSeries,
    FramingShift,
    Point,
    Position,
    Theme,
)

if TYPE_CHECKING:
    from briefing.syntax import Span

WHO = frozenset({"PERSON", "ORG"})
WHERE = frozenset({"GPE", "LOC", "FAC"})
WHEN = frozenset({"DATE"})
_ABSOLUTE = re.compile(
    r"\b(?:1[89]|20)\d\d\b|\b(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December)\b"
)
"""A time the bottom line may give: a year or a month ("Monday" in two articles may be two days)."""
MAX_WHO = 2


def build_bottom_line(
    themes: Sequence[Theme],
    total: int,
    conflicts: Sequence[FigureConflict] = (),
    positions: Sequence[Position] = (),
    series: Sequence[FigureSeries] = (),
    framing: Sequence[FramingShift] = (),
) -> BottomLine:
    """The bottom line's findings; empty fields where the brief has no such finding."""
    change = main_change(series)
    shift = next((s for s in framing if s.new_terms), None) if change is None else None
    found = BottomLine(
        disagreement=conflicts[0] if conflicts else None,
        positions=tuple(positions),
        change=change,
        shift=shift,
    )
    if not themes:
        return found
    top = min(themes, key=lambda t: (-len(t.article_ids), _lateness(t)))
    names = shared_names([p for t in themes for p in t.points], top.label)
    return BottomLine(
        in_prose(top.label, [p.text for p in top.points]),
        top.article_ids,
        total,
        top.points,
        tuple(names["who"][:MAX_WHO]),
        tuple(names["where"][:1]),
        tuple(names["when"][:1]),
        found.disagreement,
        found.positions,
        found.change,
        found.shift,
    )


def _lateness(theme: Theme) -> float:
    """How far into their articles the theme's sentences sit: the lede tells what happened."""
    return sum(p.sentence for p in theme.points) / len(theme.points)


def main_change(series: Sequence[FigureSeries]) -> FigureSeries | None:
    """The series tied to a shared theme with the most values, else the longest."""
    if not series:
        return None
    return max(series, key=lambda s: (bool(s.themes), len(s.values)))


def shared_names(points: Sequence[Point], label: str) -> dict[str, list[str]]:
    """Who, where and when: entities of the sentences of two or more articles, most used first.

    A name the label already says is left out ("Port Halden" under "Port
    Halden's congestion charge"), and so is a shorter form of a name kept.
    """
    from briefing import language

    articles: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    written: dict[tuple[str, str], str] = {}
    for point, doc in zip(points, language.parsed([p.text for p in points]), strict=True):
        for ent in doc.ents:
            kind = _kind(ent.label_)
            if kind and (kind != "when" or _ABSOLUTE.search(ent.text)):
                text = _written(ent)
                key = (kind, text.removeprefix("the ").lower())
                articles[key].add(point.article_id)
                written[key] = max(written.get(key, text), text, key=len)  # with its "the"
    counts = Counter({key: len(ids) for key, ids in articles.items() if len(ids) >= 2})
    found: dict[str, list[str]] = {"who": [], "where": [], "when": []}
    for (kind, bare), _ in counts.most_common():
        if bare in label.lower() or any(bare in kept.lower() for kept in found[kind]):
            continue
        found[kind].append(written[(kind, bare)])
    return found


def _kind(label: str) -> str:
    if label in WHO:
        return "who"
    if label in WHERE:
        return "where"
    return "when" if label in WHEN else ""


def _written(ent: Span) -> str:
    """The name as the sentence writes it: with its "the" ("the Transport Department"),
    without a possessive "'s"."""
    text = ent.text.removesuffix("'s").removesuffix("’s").strip()
    if text.startswith("The "):
        return "the " + text[4:]
    before = ent.doc[ent.start - 1] if ent.start else None
    return f"the {text}" if before is not None and before.lower_ == "the" else text
