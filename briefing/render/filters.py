"""Formatting helpers for templates: dates, spans and names, said the same way everywhere."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from datetime import date, datetime

from briefing.models import Span


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


FILTERS = {
    "long_date": long_date,
    "iso_date": iso_date,
    "span": span,
    "join_names": join_names,
    "wrap": wrap,
}
