"""Recognise metadata lines: publication dates, bylines, outlets, author notes.

Each function looks at one short line and returns what it found or ``None``;
the cleaner decides where such lines may appear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from dateutil import parser as dateparser

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?)?"
DATE_RE = re.compile(
    r"\b(?:"
    rf"(?P<mdy>{_MONTH}\s+{_DAY},?\s+\d{{4}}{_TIME})"
    rf"|(?P<dmy>{_DAY}\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}{_TIME})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?)"
    r"|(?P<ymd>\d{4}/\d{1,2}/\d{1,2})"
    r"|(?P<dotted>\d{1,2}\.\d{1,2}\.\d{4})"
    r")",
    re.IGNORECASE,
)
_TIME_OF_DAY = re.compile(r"\d{1,2}:\d{2}|\d{1,2}\.\d{2}\s*[ap]\.?m", re.IGNORECASE)
_DATE_LABEL = re.compile(
    r"^\s*(?:first\s+)?(?P<label>published|posted|updated|last updated|modified|date|"
    r"released|issued)\s*(?:on|at)?\s*[:\-–]?\s*",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*", re.IGNORECASE)

_UPPER = "A-ZÀ-ÖØ-ÞŁŚŹŽČŠ"
_NAME_WORD = rf"(?:[{_UPPER}][^\W\d_]*(?:['’-][^\W\d_]+)*|[{_UPPER}]\.)"
_PERSON = rf"{_NAME_WORD}(?:\s+(?:van|von|de|da|del|der|di|le|la|bin|al)?\s*{_NAME_WORD}){{1,3}}"
PERSON_RE = re.compile(rf"^{_PERSON}$")
_BYLINE_RE = re.compile(
    r"^(?:by|written by|words by|reporting by|story by|author:?|authors:?)\s+(?P<names>.+)$",
    re.IGNORECASE,
)
_NAME_SPLIT = re.compile(r"\s*(?:,\s*and\s+|,|\band\b|&)\s*")
_TRAILING_PLACE = re.compile(
    r"\s+(?:in|from)\s+[A-Z][\w .'-]*$|\s*[,(]\s*(?:staff|correspondent|reporter)\b.*$",
    re.IGNORECASE,
)
_SOURCE_RE = re.compile(r"^(?:source|from|via)\s*:\s*(?P<outlet>.{2,60})$", re.IGNORECASE)
_COPYRIGHT_RE = re.compile(
    r"^(?:copyright|©|\(c\))\s*(?:©\s*)?(?:\d{4}\s*(?:[-–]\s*\d{4})?\s*)?(?P<owner>[^.|]{2,60}?)"
    r"\s*(?:\.|\||all rights reserved|$)",
    re.IGNORECASE,
)
AUTHOR_NOTE_RE = re.compile(
    r"^(?:the\s+)?(?:author|writer|columnist|contributor)s?\s+(?:is|are|was|were|has|serves)\b"
    r"|^[—–-]\s*[A-Z][\w.'’ -]+\s+is\s+(?:a|an|the)\b",
    re.IGNORECASE,
)
DISCLAIMER_RE = re.compile(
    r"^(?:the\s+)?(?:views|opinions)\s+(?:expressed|in this|do not|don't)|"
    r"does not necessarily reflect|do not necessarily (?:reflect|represent)",
    re.IGNORECASE,
)


MAX_LINE = 300
"""Longer lines are never read as a date, byline or source line: such a line is prose,
and the patterns for them take quadratic time on long runs of spaces."""


@dataclass(frozen=True)
class FoundDate:
    value: datetime | date
    label: str | None


def find_date(line: str) -> FoundDate | None:
    """The date a short metadata line states, with its label ("published", ...)."""
    if len(line) > MAX_LINE:
        return None
    label_match = _DATE_LABEL.match(line)
    label = label_match.group("label").lower() if label_match else None
    text = _WEEKDAY.sub("", line[label_match.end() :] if label_match else line)
    match = DATE_RE.search(text)
    if not match:
        return None
    value = parse_date(match.group(0), dayfirst=match.lastgroup in ("dmy", "dotted"))
    return FoundDate(value, label) if value else None


def parse_date(text: str, dayfirst: bool = False) -> datetime | date | None:
    """Parse one date string; a time of day is kept only when it was given."""
    has_time = bool(_TIME_OF_DAY.search(text))
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text, flags=re.IGNORECASE)
    cleaned = re.sub(r"\b(at|of)\b", " ", cleaned)
    cleaned = re.sub(r"\b([ap])\.m\.?", r"\1m", cleaned, flags=re.IGNORECASE)
    cleaned = re.sub(r"(\d{1,2})\.(\d{2})(?=\s*[ap]m)", r"\1:\2", cleaned, flags=re.IGNORECASE)
    cleaned = re.sub(r"(?<=[A-Za-z])\.", "", cleaned)
    try:
        parsed = dateparser.parse(cleaned, dayfirst=dayfirst)
    except (ValueError, OverflowError):
        return None
    if not 1900 <= parsed.year <= 2100:
        return None
    return parsed.replace(tzinfo=None) if has_time else parsed.date()


def parse_byline(line: str) -> tuple[tuple[str, ...], str | None] | None:
    """Authors and outlet from "By A and B", "A / Outlet" or "A | Outlet" lines."""
    if len(line) > MAX_LINE:
        return None
    match = _BYLINE_RE.match(line.strip())
    if match:
        names, outlet = _split_outlet(match.group("names"))
        authors = _split_names(names)
        return (authors, outlet) if authors else None
    parts = [
        part.strip() for part in re.split(r"\s+[/|]\s+|\s*\|\s*", line.strip()) if part.strip()
    ]
    if len(parts) == 2 and PERSON_RE.match(parts[0]) and not find_date(parts[1]):
        return (_tidy_name(parts[0]),), parts[1]
    return None


def _split_outlet(names: str) -> tuple[str, str | None]:
    parts = re.split(r"\s+[/|]\s+|\s*\|\s*", names, maxsplit=1)
    if len(parts) == 2:
        return parts[0], parts[1].strip() or None
    return names, None


def _split_names(names: str) -> tuple[str, ...]:
    names = _TRAILING_PLACE.sub("", names.strip().rstrip("."))
    found = [name.strip() for name in _NAME_SPLIT.split(names) if name.strip()]
    return tuple(_tidy_name(name) for name in found if PERSON_RE.match(name))


def _tidy_name(name: str) -> str:
    return name.title() if name.isupper() else name


def parse_source_line(line: str) -> str | None:
    """The outlet named by "Source: X" or a copyright notice."""
    if len(line) > MAX_LINE:
        return None
    match = _SOURCE_RE.match(line.strip()) or _COPYRIGHT_RE.match(line.strip())
    if not match:
        return None
    outlet = match.group(match.lastgroup or 1).strip(" .,-")
    return outlet or None


def split_names(text: str) -> tuple[str, ...]:
    """'A; B, C and D' -> ('A', 'B', 'C', 'D'): author fields of page and document metadata."""
    return tuple(name.strip() for name in re.split(r";|,|\band\b", text) if name.strip())
