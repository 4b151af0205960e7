"""Claims tracked across articles: disagreements about one time, series over time.

Two claims are about the same quantity when they have the same measure
("deaths", "support", "unemployment") and unit; never otherwise, so support
and opposition, or deaths and injured, never share a series. Claims of one
quantity about the same time (the same day's reports, or the same year or
month the text names) disagree when their intervals cannot both be true:
"41" and "more than 40" agree, 15 and 12 do not. An article without a date is
compared with the others too, and the disagreement says its dates are
unknown. Claims of one quantity at different times form a series, in date
order, forecasts marked. Earlier values quoted for contrast ("up from 12")
take part in neither.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from briefing.compare.claims import CURRENCIES, Claim
from briefing.compare.naming import LABELS, spelled
from briefing.compare.reading import Reading
from briefing.models import FigureConflict, FigureSeries, FigureValue, Theme

MAX_SERIES = 8
Item = tuple[Reading, Claim]


def track_figures(readings: Sequence[Reading]) -> tuple[list[FigureSeries], list[FigureConflict]]:
    """Series of the same quantity over time, and values of one time that disagree."""
    groups: dict[tuple[str, str], list[Item]] = defaultdict(list)
    for reading in readings:
        for claim in reading.claims:
            if claim.measure and claim.kind != "contrast":
                groups[(claim.measure, claim.unit)].append((reading, claim))
    series: list[FigureSeries] = []
    conflicts: list[FigureConflict] = []
    for (measure, unit), items in sorted(groups.items()):
        if len({r.article.id for r, _c in items}) < 2:
            continue
        conflicts.extend(_conflicts(measure, unit, items))
        series.extend(_series(measure, unit, items))
    series.sort(key=lambda s: (-len({v.article_id for v in s.values}), s.label))
    # names are spelled only for what the brief shows (see naming.spelled)
    shown = [replace(s, label=spelled(s.label)) for s in series[:MAX_SERIES]]
    return shown, [replace(c, label=spelled(c.label)) for c in conflicts]


def label(measure: str, unit: str, names: Sequence[str] = ()) -> str:
    """'Deaths', 'Hectares burned', 'Unemployment (percent)': what a tracked quantity is
    called. A measure with a name of its own keeps it; else the name most of its claims
    give (the first of the most given), else the measure itself."""
    given = [n for n in names if n]
    name = LABELS.get(measure) or (max(given, key=given.count) if given else measure)
    name = name[:1].upper() + name[1:]
    plain = unit in ("count", "percent") or unit in CURRENCIES.values()  # values show "$", "%"
    return name if plain or unit in name.lower().split() else f"{name} ({unit})"


def figure_value(reading: Reading, claim: Claim) -> FigureValue:
    """The record of one claim, as the brief shows it."""
    article = reading.article
    low, high = claim.interval.low, claim.interval.high
    amount = low if math.isfinite(low) and (low or not math.isfinite(high)) else high
    if math.isfinite(low) and math.isfinite(high):
        amount = (low + high) / 2
    source = claim.source.written or claim.source.name if claim.source else ""
    return FigureValue(
        claim.value, amount, article.id, claim.sentence, claim.context, article.published_date,
        claim.kind if claim.kind == "forecast" else "outcome", source,
        low if math.isfinite(low) else None, high if math.isfinite(high) else None,
        claim.measure, claim.when.text, claim.kind,
    )  # fmt: skip


def _time_buckets(items: list[Item]) -> list[tuple[list[Item], bool]]:
    """Outcome claims by the time they refer to, one per article; undated ones joined in."""
    known: dict[tuple, list[Item]] = {}
    unknown: list[Item] = []
    for item in sorted(items, key=lambda i: i[1].sentence):
        claim = item[1]
        if claim.kind != "outcome":
            continue
        if not claim.when.known:
            unknown.append(item)
            continue
        key = (claim.when.day, claim.when.year, claim.when.month)
        bucket = known.setdefault(key, [])
        if item[0].article.id not in {r.article.id for r, _c in bucket}:
            bucket.append(item)
    unknown = list({r.article.id: (r, c) for r, c in reversed(unknown)}.values())[::-1]
    if unknown and len(known) == 1:
        dated = next(iter(known.values()))
        joined = [u for u in unknown if any(u[0].shares_names(d[0]) for d in dated)]
        others = [u for u in unknown if u not in joined]
        return [(dated + joined, not joined)] + [(s, False) for s in _stories(others)]
    buckets = [(bucket, True) for bucket in known.values()]
    return buckets + [(story, False) for story in _stories(unknown)]


def _stories(items: list[Item]) -> list[list[Item]]:
    """Undated reports grouped by the names they share: one group per event."""
    groups: list[list[Item]] = []
    for item in items:
        linked = [g for g in groups if any(item[0].shares_names(o[0]) for o in g)]
        merged = [item] + [o for g in linked for o in g]
        groups = [g for g in groups if g not in linked] + [merged]
    return [sorted(g, key=lambda i: i[0].order) for g in groups if len(g) >= 2]


def _conflicts(measure: str, unit: str, items: list[Item]) -> list[FigureConflict]:
    found = []
    for bucket, dated in _time_buckets(items):
        ids = {r.article.id for r, _c in bucket}
        if len(ids) < 2 or not _disagree(bucket):
            continue
        values = tuple(sorted((figure_value(r, c) for r, c in bucket), key=lambda v: v.amount))
        when = bucket[0][1].when
        day = when.day if dated else None
        name = _label_of(measure, unit, bucket) + (f", {when.text}" if dated and not day else "")
        found.append(FigureConflict(name, unit, day, values, measure, dated))
    return found


def _disagree(bucket: list[Item]) -> bool:
    """Whether two articles state values that cannot both be true."""
    return any(
        a[0].article.id != b[0].article.id and not a[1].interval.overlaps(b[1].interval)
        for n, a in enumerate(bucket)
        for b in bucket[n + 1 :]
    )


def _series(measure: str, unit: str, items: list[Item]) -> list[FigureSeries]:
    by_time: dict[tuple[int, int, int], list[Item]] = defaultdict(list)
    for item in sorted(items, key=lambda i: (i[0].order, i[1].sentence)):
        if item[1].when.known:
            by_time[item[1].when.sort_key()].append(item)
    if len(by_time) < 2:
        return []
    points = [p for time in sorted(by_time) for p in _points_of(by_time[time])]
    if len({r.article.id for r, _c in points}) < 2:
        return []
    values = tuple(figure_value(r, c) for r, c in points)
    if all(_same(v, values[0]) for v in values):
        return []  # the same value restated is not a movement
    return [FigureSeries(_label_of(measure, unit, points), unit, values, _direction(values))]


def _label_of(measure: str, unit: str, items: Sequence[Item]) -> str:
    return label(measure, unit, [c.name for _r, c in items])


def _points_of(items: list[Item]) -> list[Item]:
    """One value for one time: the first outcome, and a forecast only where it differs."""
    outcome = next((i for i in items if i[1].kind == "outcome"), None)
    forecast = next((i for i in items if i[1].kind == "forecast"), None)
    if outcome is None:
        return [forecast] if forecast else []
    if forecast is None or forecast[1].interval.overlaps(outcome[1].interval):
        return [outcome]
    return [outcome, forecast]


def _same(a: FigureValue, b: FigureValue) -> bool:
    return abs(a.amount - b.amount) <= 0.01 * max(abs(a.amount), abs(b.amount), 1e-9)


def _direction(values: Sequence[FigureValue]) -> str:
    """How the reported values moved; forecasts after the last outcome do not count."""
    outcomes = [v for v in values if v.kind != "forecast"]
    if len(outcomes) < 2:
        return ""
    first, last = outcomes[0], outcomes[-1]
    if _same(first, last):
        return "unchanged"
    return "rose" if last.amount > first.amount else "fell"


def with_themes(series: Sequence[FigureSeries], themes: Sequence[Theme]) -> list[FigureSeries]:
    """Each series with the labels of the themes whose sentences state its values."""
    placed = []
    for item in series:
        anchors = {v.anchor for v in item.values}
        labels = tuple(t.label for t in themes if anchors & {p.anchor for p in t.points})
        placed.append(replace(item, themes=labels))
    return placed


def without_conflicts(themes: Sequence[Theme], conflicts: Sequence[FigureConflict]) -> list[Theme]:
    """Themes that never present disagreeing figures as shared.

    Where a theme's sentences state two sides of one disagreement, only the
    sentences of the side its central sentence takes stay; a theme left with
    fewer than two articles is no longer shared, and goes.
    """
    kept = []
    for theme in themes:
        points = list(theme.points)
        for conflict in conflicts:
            side = {v.anchor: v.value for v in conflict.values}
            stated = [side[p.anchor] for p in points if p.anchor in side]
            if len(set(stated)) > 1:
                first = stated[0]
                points = [p for p in points if side.get(p.anchor, first) == first]
        if len({p.article_id for p in points}) >= 2:
            kept.append(replace(theme, points=tuple(points)))
    return kept
