"""The month and weekday names, and the dates written in running text, for every stage.

Reading a byline's date, finding the dates an article cites, checking that a
generated sentence names only months its article names, and saying a date
aloud all read the same table, so "Sept." is a month everywhere or nowhere.
"""

from __future__ import annotations

import re

MONTHS = (
    "January February March April May June July August September October November December".split()
)
"""The month names in calendar order: ``MONTHS[month - 1]``."""

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_SHORT = {name[:3]: name for name in MONTHS} | {"Sept": "September"}
"""Abbreviations as they are written: the first three letters, and "Sept"."""

MONTH_WORDS = frozenset(word.lower() for word in (*MONTHS, *_SHORT))
"""Every way a month is written, lower case: "january", "jan", "sept" ..."""


def _branch(name: str) -> str:
    """'January' -> 'Jan(?:uary)?', 'September' -> 'Sep(?:tember|t)?': the longest form first."""
    tails = {short[3:] for short, full in _SHORT.items() if full == name} | {name[3:]}
    ordered = sorted(tails - {""}, key=len, reverse=True)
    return name[:3] + (f"(?:{'|'.join(ordered)})?" if ordered else "")


MONTH = "(?:" + "|".join(_branch(name) for name in MONTHS) + ")"
"""A month name or abbreviation as a regular expression; compile it case-insensitively,
and add ``\\.?`` where "Dec." may end with a dot."""


def month_name(word: str) -> str | None:
    """'Dec', 'dec.', 'SEPT', 'december' -> 'December'; None for a word that is not a month."""
    key = word.rstrip(".").lower()
    if key not in MONTH_WORDS:
        return None
    return _SHORT[key[:3].title()]


_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?)?"
DATE_RE = re.compile(
    r"\b(?:"
    rf"(?P<mdy>{MONTH}\.?\s+{_DAY},?\s+\d{{4}}{_TIME})"
    rf"|(?P<dmy>{_DAY}\s+(?:of\s+)?{MONTH}\.?,?\s+\d{{4}}{_TIME})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?)"
    r"|(?P<ymd>\d{4}/\d{1,2}/\d{1,2})"
    r"|(?P<dotted>\d{1,2}\.\d{1,2}\.\d{4})"
    r")",
    re.IGNORECASE,
)
"""A full date: "Dec 1, 2025", "1st of December 2025, 9:45", "2025-12-01", "01.12.2025"."""
