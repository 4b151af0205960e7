"""Formatting helpers for templates: dates, spans and names, said the same way everywhere."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from datetime import date, datetime

from briefing.models import FigureConflict, FigureSeries, FigureValue, Span


def long_date(value: date | datetime | None, unknown: str = "date unknown") -> str:
    """1 December 2025."""
    if value is None:
        return unknown
    return f"{value.day} {value:%B %Y}"


def iso_date(value: date | datetime | None) -> str:
    return value.isoformat() if value is not None else ""


def span(value: Span | None) -> str:
    """4 years 8 months; 17 days; the same day."""
    if value is None:
        return ""
    parts = [
        f"{count} {unit}{'' if count == 1 else 's'}"
        for count, unit in ((value.years, "year"), (value.months, "month"))
        if count
    ]
    if not parts:
        return (
            "the same day"
            if not value.days
            else f"{value.days} day{'' if value.days == 1 else 's'}"
        )
    return " ".join(parts)


def join_names(names: Iterable[str], conjunction: str = "and") -> str:
    """A, B and C."""
    items = [n for n in names if n]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def wrap(text: str, width: int = 78, indent: str = "") -> str:
    return textwrap.fill(text, width, initial_indent=indent, subsequent_indent=indent)


def outlets_of(article_ids: Iterable[str], articles: dict) -> list[str]:
    """The outlets of these articles, each once; the label where the outlet is unknown
    or shared with another article of the brief (so two articles never read as one)."""
    outlets = [a.outlet for a in articles.values()]

    def name(article: object) -> str:
        outlet = getattr(article, "outlet", None)
        return outlet if outlet and outlets.count(outlet) == 1 else spoken_name(article)

    return list(dict.fromkeys(name(articles[i]) for i in article_ids))


def spoken_name(article: object) -> str:
    """How the narration names an article: its label, or "the article in doc0" for a file."""
    label = getattr(article, "label", "") or getattr(article, "name", "")
    source = getattr(article, "source", "")
    if label and label == basename(source):
        stem = label.rsplit(".", 1)[0]
        return f"the article in {stem}"
    return label


def month_year(value: date | datetime | None) -> str:
    """June 2023: how a series' dates are said."""
    return f"{value:%B %Y}" if value is not None else "an unknown date"


def figure_value(value: FigureValue) -> str:
    """34 percent; $45 million forecast: a value with its status where the text gives one."""
    return f"{value.value} forecast" if value.status == "forecast" else value.value


def spoken_series(series: FigureSeries) -> str:
    """'Support for the charge rose from 34 percent in June 2023 to 54 percent in December 2025.'

    Forecasts made after the last reported value are said apart ("It is forecast to reach
    25 percent."), so the direction speaks of what happened.
    """
    values = list(series.values)
    tail: list[FigureValue] = []
    while len(values) > 2 and values[-1].status == "forecast":
        tail.insert(0, values.pop())
    said = [_spoken_value(v) for v in values]
    first, last = values[0], values[-1]
    verb = "went"
    if "forecast" not in (first.status, last.status):
        verb = "rose" if last.amount > first.amount else "fell"
        verb = "stayed the same," if last.amount == first.amount else verb
    if len(said) == 2:
        text = f"{series.label} {verb} from {said[0]} to {said[1]}."
    else:
        middle = join_names(said[1:-1])
        text = f"{series.label} {verb} from {said[0]}, through {middle}, to {said[-1]}."
    if tail:
        text += f" It is forecast to reach {tail[-1].value}."
    return text


def _spoken_value(value: FigureValue) -> str:
    amount = f"a forecast of {value.value}" if value.status == "forecast" else value.value
    return f"{amount} in {month_year(value.published)}"


def conflict_sides(conflict: FigureConflict) -> list[tuple[FigureValue, list[FigureValue]]]:
    """The values a conflict sets against each other, each with every article that states it."""
    sides: dict[str, list[FigureValue]] = {}
    for value in conflict.values:
        sides.setdefault(value.value, []).append(value)
    return [(values[0], values) for values in sides.values()]


def spoken_conflict(conflict: FigureConflict, articles: dict) -> str:
    """'On 8 March 2024 the articles disagree on workers killed: A says 32 workers, B 41.'"""
    by_value: dict[str, list[str]] = {}
    for value in conflict.values:
        by_value.setdefault(value.value, []).extend(outlets_of([value.article_id], articles))
    claims = [
        f"{join_names(names)} {'say' if len(names) > 1 else 'says'} {value}"
        for value, names in by_value.items()
    ]
    day = long_date(conflict.published, "the same day")
    return f"On {day}, the articles disagree on {conflict.label.lower()}: {join_names(claims)}."


def clock(seconds: float) -> str:
    """1:05, or 1:02:05 past the hour: how players show a position."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def w3c_datetime(value: datetime) -> str:
    """2026-11-22T13:00:27+01:00: a moment with its offset, as document metadata wants."""
    return value.astimezone().isoformat(timespec="seconds")


def file_size(size: int) -> str:
    """850 KB, 3.2 MB: sizes as people read them (decimal units, as mail clients show)."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1000:.0f} KB"
    return f"{size / 1_000_000:.1f} MB"


def basename(path: str) -> str:
    """The file name of a path or URL, for naming a file without its folder."""
    return path.rstrip("/").rsplit("/", 1)[-1]


FILTERS = {
    "basename": basename,
    "file_size": file_size,
    "w3c_datetime": w3c_datetime,
    "clock": clock,
    "outlets_of": outlets_of,
    "month_year": month_year,
    "spoken_name": spoken_name,
    "figure_value": figure_value,
    "spoken_series": spoken_series,
    "spoken_conflict": spoken_conflict,
    "conflict_sides": conflict_sides,
    "long_date": long_date,
    "iso_date": iso_date,
    "span": span,
    "join_names": join_names,
    "wrap": wrap,
}
