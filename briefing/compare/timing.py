"""The time a figure refers to: the article's date, or the time its sentence names.

"15 people died" in an article of 8 March refers to 8 March; "in 2023",
"last year" or "in March 2023" refer to that year or month. Weekdays,
"today" and "yesterday" are the news of the article's own day, so they keep
the article's date: two same-day reports of one event compare. A duration
("two years", "nine days") is no time reference at all.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date

from briefing.dates import month_name

_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_RELATIVE = {"last": -1, "previous": -1, "past": -1, "next": 1, "this": 0, "coming": 1}
_DURATION = re.compile(r"^(?:the\s+)?(?:\w+|\d+|a|an)\s+(?:years?|months?|weeks?|days?|hours?)$")


@dataclass(frozen=True)
class When:
    """A time reference: ``year`` and ``month`` (0 when not said), or the article's own day."""

    text: str = ""
    year: int = 0
    month: int = 0
    day: date | None = None
    """The article's date, where the figure refers to the article's own time."""

    @property
    def known(self) -> bool:
        return bool(self.year or self.day)

    def sort_key(self) -> tuple[int, int, int]:
        if self.day:
            return (self.day.year, self.day.month, self.day.day)
        return (self.year, self.month or 12, 28)

    def same_time(self, other: When) -> bool:
        """Whether two references name the same time (an article's day, or a year/month)."""
        if self.day or other.day:
            return self.day == other.day
        return (self.year, self.month) == (other.year, other.month)


def resolve(text: str, published: date | None, forward: bool = False) -> When:
    """The time ``text`` (a date expression, or "") names, for an article of ``published``.

    A month without a year is the last such month before the article, or with
    ``forward`` (a forecast) the next one: "by September" in August is this year's.
    """
    words = text.lower().replace("'s", "").split()
    duration = _DURATION.match(" ".join(words)) and words[0] not in _RELATIVE
    if not words or duration:
        return When(text, day=published)
    year = _year_of(text, words, published)
    month = next((_month(w) for w in words if _month(w)), 0)
    if not year and month and published:
        year = published.year if month <= published.month else published.year - 1
        if forward:
            year = published.year if month >= published.month else published.year + 1
    if not year:
        return When(text, day=published)
    if published and year == published.year and month in (0, published.month):
        return When(text, day=published)  # "this year" in a dated article: its own time
    return When(text, year, month)


def _year_of(text: str, words: list[str], published: date | None) -> int:
    found = _YEAR.search(text)
    if found:
        return int(found.group(1))
    if published is None:
        return 0
    for first, second in itertools.pairwise(words):
        if first in _RELATIVE and second == "year":
            return published.year + _RELATIVE[first]
        if first in _RELATIVE and second == "month" and _RELATIVE[first]:
            return (
                published.year
                if published.month > 1 or _RELATIVE[first] > 0
                else published.year - 1
            )
    return 0


def _month(word: str) -> int:
    from briefing.dates import MONTHS

    name = month_name(word) if len(word) > 2 else None
    return MONTHS.index(name) + 1 if name else 0
