"""Figures tracked across articles: series over time and same-day disagreements.

A figure is described by the clause around it: the words between it and the
previous figure or clause break before it, and up to the next one after it
("58 percent against the charge and 34 percent in favour" gives "against the
charge" and "in favour"). Two figures from different articles measure the
same thing when their units match and their clauses share rare words, after a
small normalisation of stance ("in favour" = "support") and direction ("cut",
"fell" = a fall). Linked figures at different dates form a series; different
values on the same day are a conflict. Dates decide, so a change over time is
never reported as a disagreement.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from briefing.compare.measures import CANONICAL, UNITS, Measure, measures_in, stems_of, word_stem
from briefing.models import Article, FigureConflict, FigureSeries, FigureValue, Theme
from briefing.text import STOPWORDS

LINK_SCORE = 0.3
"""Least idf-weighted overlap of two clauses to say they measure the same thing."""
SAME_VALUE = 0.01
"""Relative difference under which two values are the same (rounding)."""
MAX_SERIES = 8
MAX_RATIO = 20.0
"""Values further apart than this factor are taken to measure different things."""

_STANCE = {"support": "Support for", "oppose": "Opposition to"}
_OPPOSITES = (frozenset({"death", "injured"}), frozenset({"increase", "decrease"}))
_DIRECTION = {"decrease": "Fall in", "increase": "Rise in"}
_CUE_STEMS = frozenset(CANONICAL.values())
_LABEL_DROP = frozenset(
    "the a an its their his her it they was were is are has have had been be".split()
)


def track_figures(
    articles: Sequence[Article],
) -> tuple[list[FigureSeries], list[FigureConflict]]:
    """Series of the same quantity over time, and same-day values that disagree."""
    measures = [m for article in articles for m in measures_in(article)]
    if len({m.value.article_id for m in measures}) < 2:
        return [], []
    weights = _idf(articles)
    series: list[FigureSeries] = []
    conflicts: list[FigureConflict] = []
    for group in _link(measures, weights):
        label = _label(group, weights)
        series.extend(_series(label, group))
        conflicts.extend(_conflicts(label, group))
    series.sort(key=lambda s: (-len({v.article_id for v in s.values}), s.label))
    return series[:MAX_SERIES], conflicts


def with_themes(series: Sequence[FigureSeries], themes: Sequence[Theme]) -> list[FigureSeries]:
    """Each series with the labels of the themes whose sentences state its values."""
    placed = []
    for item in series:
        anchors = {v.anchor for v in item.values}
        labels = tuple(t.label for t in themes if anchors & {p.anchor for p in t.points})
        placed.append(replace(item, themes=labels))
    return placed


def _idf(articles: Sequence[Article]) -> dict[str, float]:
    counts: Counter[str] = Counter()
    total = 0
    for article in articles:
        for sentence in article.sentences:
            counts.update(stems_of(sentence.text))
            total += 1
    return {stem: math.log((1 + total) / (1 + n)) + 1.0 for stem, n in counts.items()}


def _score(a: Measure, b: Measure, weights: dict[str, float]) -> float:
    if a.unit != b.unit or a.value.article_id == b.value.article_id:
        return 0.0
    low, high = sorted((abs(a.value.amount), abs(b.value.amount)))
    if high > MAX_RATIO * max(low, 1e-9):
        return 0.0  # $12 and $45 million are not the same quantity
    stances = {s for s in a.stems | b.stems if s in _STANCE}
    if len(stances) > 1 or (stances and not (a.stems & b.stems & stances)):
        return 0.0  # support and opposition are different quantities
    for pair in _OPPOSITES:
        if a.stems & pair and b.stems & pair and not a.stems & b.stems & pair:
            return 0.0  # deaths and injuries, rises and falls: different quantities
    common = a.words & b.words
    if len(common) < 2 and not common & _CUE_STEMS:
        return 0.0  # one shared word ("council") is too little to say they measure one thing
    shared = sum(  # in sorted order, as Measure.total: the same sum in every process
        math.sqrt(a.weight(s, weights) * b.weight(s, weights)) for s in sorted(common)
    )
    total_a, total_b = a.total(weights), b.total(weights)
    return shared / math.sqrt(total_a * total_b) if total_a and total_b else 0.0


PAIR_BUDGET = 30_000
"""Most pairs of figures scored in one brief.

Two figures can only be linked when they share a word, so pairs are found
through an index of (unit, word) instead of scoring every pair (which took 30
of 33 s for 400 articles). Pairs sharing a rarer word come first; in a brief of
hundreds of articles, pairs found only through words that hundreds of figures
share are left once the budget is spent. A brief of ordinary size (20 articles
of ten figures each make at most 20,000 pairs) never reaches it.
"""


def _candidates(measures: list[Measure]) -> list[tuple[int, int]]:
    """Pairs (i < j) of figures with the same unit and a word in common, in index order."""
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, measure in enumerate(measures):
        for word in measure.words:
            index[(measure.unit, word)].append(i)
    pairs: set[tuple[int, int]] = set()
    for postings in sorted(index.values(), key=len):  # rarest words first
        if len(pairs) + len(postings) * (len(postings) - 1) // 2 > PAIR_BUDGET:
            break
        pairs.update(itertools.combinations(postings, 2))
    return sorted(pairs)


def _link(measures: list[Measure], weights: dict[str, float]) -> list[list[Measure]]:
    """Groups of linked figures, at most one per article and status."""
    pairs = []
    for i, j in _candidates(measures):
        score = _score(measures[i], measures[j], weights)
        if score >= LINK_SCORE:
            pairs.append((score, i, j))
    pairs.sort(key=lambda p: -p[0])
    groups: list[list[int]] = []
    member: dict[int, int] = {}
    for _score_value, i, j in pairs:
        if i in member and j in member:
            continue
        if i not in member and j not in member:
            member[i] = member[j] = len(groups)
            groups.append([i, j])
            continue
        inside, outside = (i, j) if i in member else (j, i)
        group = groups[member[inside]]
        key = (measures[outside].value.article_id, measures[outside].value.status)
        if key in {(measures[k].value.article_id, measures[k].value.status) for k in group}:
            continue
        scores = [_score(measures[outside], measures[k], weights) for k in group]
        if sum(scores) / len(scores) >= LINK_SCORE * 0.75:
            group.append(outside)
            member[outside] = member[inside]
    return [[measures[k] for k in group] for group in groups]


def _series(label: str, group: list[Measure]) -> list[FigureSeries]:
    dated = [m for m in group if m.value.published]
    if len({m.value.published for m in dated}) < 2:
        return []
    order = {"": 0, "outcome": 0, "forecast": 1}
    ordered = sorted((m.value for m in dated), key=lambda v: (v.published, order.get(v.status, 1)))
    values: list[FigureValue] = []
    for value in ordered:  # a later article restating an earlier forecast adds nothing
        if value.status == "forecast" and any(
            v.status == "forecast" and _same(v.amount, value.amount) for v in values
        ):
            continue
        values.append(value)
    if len({v.published for v in values}) < 2 or all(
        _same(v.amount, values[0].amount) for v in values
    ):
        return []  # the same value restated is not a movement
    return [FigureSeries(label, group[0].unit, tuple(values), _direction(values))]


def _direction(values: Sequence[FigureValue]) -> str:
    """How the reported values moved; forecasts after the last report do not count."""
    values = list(values)
    while len(values) > 2 and values[-1].status == "forecast":
        values.pop()
    first, last = values[0], values[-1]
    if "forecast" in (first.status, last.status):
        return ""
    if _same(first.amount, last.amount):
        return "unchanged"
    return "rose" if last.amount > first.amount else "fell"


def _conflicts(label: str, group: list[Measure]) -> list[FigureConflict]:
    by_day: dict[tuple[date, str], list[FigureValue]] = {}
    for measure in group:
        value = measure.value
        if value.published:
            by_day.setdefault((value.published, value.status), []).append(value)
    found = []
    for (day, _status_value), values in sorted(by_day.items()):
        amounts = [v.amount for v in values]
        if len({v.article_id for v in values}) >= 2 and not _same(min(amounts), max(amounts)):
            ordered = tuple(sorted(values, key=lambda v: v.amount))
            found.append(FigureConflict(label, group[0].unit, day, ordered))
    return found


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= SAME_VALUE * max(abs(a), abs(b), 1e-9)


def _label(group: list[Measure], weights: dict[str, float]) -> str:
    """A short name for what the figures measure ("Support for the charge")."""
    shared = set.intersection(*(set(m.words) for m in group))
    ordered = sorted(shared)  # never the set's order: it changes with each process's hash seed
    stance = next((s for s in ordered if s in _STANCE), None)
    if stance:
        target = _object_of(group)
        return f"{_STANCE[stance]} {target}" if target else _STANCE[stance].split()[0]
    if "death" in shared or "injured" in shared:
        unit = group[0].value.value.split()[-1] if group[0].unit not in UNITS.values() else ""
        event = "killed" if "death" in shared else "injured"
        return f"{unit.capitalize()} {event}" if unit and not unit[0].isdigit() else event.title()
    direction = next((s for s in ordered if s in _DIRECTION), None)
    core = sorted(shared - set(_DIRECTION), key=lambda s: (-weights.get(s, 1.0), s))
    if direction and core:
        return f"{_DIRECTION[direction]} {_surface(core[0], group)}"
    return _window_label(group, shared)


def _object_of(group: list[Measure]) -> str | None:
    pattern = re.compile(
        r"\b(?:support|supports|favour|favor|back|backs|oppose|opposes|against)\s+"
        r"((?:the|a|an)\s+[\w-]+(?:\s+[\w-]+)?)",
        re.I,
    )
    for measure in group:
        match = next(
            (
                m
                for t in (measure.before, measure.after, measure.subject)
                if (m := pattern.search(t))
            ),
            None,
        )
        if match:
            words_ = match.group(1).split()
            content = [w for w in words_[1:] if w.lower() not in STOPWORDS]
            return " ".join([words_[0].lower(), *content[:1]]) if content else None
    return None


def _surface(stem: str, group: Iterable[Measure]) -> str:
    for measure in group:
        for word in re.findall(r"[\w'-]+", f"{measure.before} {measure.after} {measure.subject}"):
            if word_stem(word.lower()) == stem:
                return word.lower()
    return stem


def _window_label(group: list[Measure], shared: set[str]) -> str:
    """The shortest clause (or stretch of one) that names the shared words."""
    candidates = []
    for measure in group:
        joined = f"{measure.before} {measure.after}"
        for clause in (measure.before, measure.after, joined, measure.subject):
            tokens = clause.split()
            hits = [n for n, t in enumerate(tokens) if stems_of(t) & shared]
            if not hits:
                continue
            window = tokens[hits[0] : hits[-1] + 1]
            window = [t for t in window if t.lower() not in _LABEL_DROP] or window
            covered = len(set().union(*(stems_of(t) for t in window)) & shared)
            candidates.append((-covered, len(window), window))
    if not candidates:
        return "Figure"
    best = min(candidates, key=lambda c: c[:2])[2]
    text = " ".join(best[:6]).strip(" ,.;:")
    return text[:1].upper() + text[1:]
