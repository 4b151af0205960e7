"""Formatting helpers for templates: dates, spans and names, said the same way everywhere."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable
from datetime import date, datetime
from urllib.parse import urlsplit

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


def outlets_of(article_ids: Iterable[str], articles: dict) -> list[str]:
    """The outlets of these articles, each once ("one article" where unknown)."""
    return list(dict.fromkeys(articles[i].outlet or "one article" for i in article_ids))


def outlet(article: object) -> str:
    """The article's outlet, or "Unknown outlet": a plain string, escaped where it is output."""
    return getattr(article, "outlet", None) or "Unknown outlet"


def credit(article: object) -> str:
    """Outlet and date: "Metro Daily, 3 March 2023"."""
    return f"{outlet(article)}, {long_date(getattr(article, 'published_date', None))}"


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


LINK_SCHEMES = ("http", "https", "mailto")
"""The only schemes a link taken from an input may have: no javascript:, data:, file:."""

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]|~])")
_MARKDOWN_LINE_START = re.compile(r"^(\d*)([#+\-=.)])")
_MARKDOWN_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def safe_link(url: object) -> str:
    """``url`` if it may become a link (http, https or mailto), else "".

    Every link made from an input goes through here, in every format: a
    ``javascript:``, ``data:``, ``file:`` or relative address is shown as text
    or dropped, never made clickable.
    """
    text = str(url or "").strip()
    if not text or _CONTROLS.search(text) or any(c.isspace() for c in text):
        return ""
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. an unbalanced [ in the host
        return ""
    if parts.scheme.lower() not in LINK_SCHEMES:
        return ""
    if parts.scheme.lower() != "mailto" and not parts.hostname:
        return ""
    return text


def plain(text: object) -> str:
    """Text without control characters: no terminal escapes, no bidi overrides."""
    return _CONTROLS.sub("", str(text))


def markdown(text: object) -> str:
    """Input text made inert in Markdown: one line, no raw HTML, no links or emphasis.

    ``<``, ``>`` and ``&`` become entities (every Markdown flavour honours
    those), and the brackets, backticks, emphasis marks and table bars that
    make links, images, code and cells are backslash-escaped.
    """
    line = " ".join(plain(text).split())
    line = "".join(_MARKDOWN_ENTITIES.get(c, c) for c in line)
    line = _MARKDOWN_PUNCTUATION.sub(r"\\\1", line)
    return _MARKDOWN_LINE_START.sub(r"\1\\\2", line)  # no heading or list from a field


FILTERS = {
    "safe_link": safe_link,
    "plain": plain,
    "md": markdown,
    "outlet": outlet,
    "credit": credit,
    "basename": basename,
    "file_size": file_size,
    "w3c_datetime": w3c_datetime,
    "clock": clock,
    "outlets_of": outlets_of,
    "long_date": long_date,
    "iso_date": iso_date,
    "span": span,
    "join_names": join_names,
    "wrap": wrap,
}
