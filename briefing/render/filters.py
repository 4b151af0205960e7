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


def apart(value: Span | None) -> str:
    """'4 years 8 months apart', or 'on the same day': how far apart articles were published."""
    text = span(value)
    return "on the same day" if text == "the same day" else f"{text} apart"


def after_previous(value: Span | None) -> str:
    """'2 years after the previous article', or 'the same day as the previous article'."""
    text = span(value)
    if text == "the same day":
        return "the same day as the previous article"
    return f"{text} after the previous article"


def first_upper(text: str) -> str:
    """'reduce traffic' -> 'Reduce traffic', leaving the other letters as written."""
    return text[:1].upper() + text[1:]


def join_names(names: Iterable[str], conjunction: str = "and") -> str:
    """A, B and C."""
    items = [n for n in names if n]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def wrap(text: str, width: int = 78, indent: str = "") -> str:
    return textwrap.fill(text, width, initial_indent=indent, subsequent_indent=indent)


def outlets_of(article_ids: Iterable[str], articles: dict) -> list[str]:
    """The outlets of these articles, each once ("one article" where unknown)."""
    return list(dict.fromkeys(articles[i].outlet or "one article" for i in article_ids))


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
    "long_date": long_date,
    "iso_date": iso_date,
    "span": span,
    "apart": apart,
    "first_upper": first_upper,
    "after_previous": after_previous,
    "join_names": join_names,
    "wrap": wrap,
}
