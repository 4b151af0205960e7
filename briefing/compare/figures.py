"""Key figures: percentages, money, counts and dates, each with its sentence.

The sources articles cite are found in :mod:`briefing.compare.sources`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from briefing.dates import DATE_RE, MONTHS
from briefing.models import Article, Figure
from briefing.text import STOPWORDS

_NUMBER = r"\d+(?:[.,]\d+)*"
_SCALE = r"(?:\s?(?:million|billion|trillion|thousand|bn|m|k)\b)?"
FIGURE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "money",
        re.compile(
            rf"[$€£¥]\s?{_NUMBER}{_SCALE}|\b{_NUMBER}{_SCALE}\s(?:dollars|euros|pounds|yuan|yen)\b",
            re.I,
        ),
    ),
    (
        "percent",
        re.compile(rf"\b{_NUMBER}\s?(?:%|percent\b|per cent\b|percentage points?\b)", re.I),
    ),
    (
        "date",
        re.compile(
            rf"{DATE_RE.pattern}|\b(?:in|since|by|before|until|from)\s"
            rf"(?:(?:{'|'.join(MONTHS)})\s)?(?:19|20)\d{{2}}\b",
            re.I,
        ),
    ),
    ("quantity", re.compile(rf"\b{_NUMBER}{_SCALE}(?:\s(?:square\s)?[a-z]+)\b")),
)
_SMALL_NUMBER = re.compile(r"^(?:\d|1\d)\s")


def find_figures(articles: Sequence[Article]) -> list[Figure]:
    """Every distinct figure per article, with the sentence that states it."""
    figures: list[Figure] = []
    for article in articles:
        seen: set[tuple[str, str]] = set()
        for sentence in article.sentences:
            for kind, value in _figures_in(sentence.text):
                if (kind, value.lower()) not in seen:
                    seen.add((kind, value.lower()))
                    figures.append(Figure(kind, value, article.id, sentence.index, sentence.text))
    return figures


def _figures_in(text: str) -> Iterator[tuple[str, str]]:
    for kind, value, _start, _end in figure_spans(text):
        yield kind, value


def figure_spans(text: str) -> list[tuple[str, str, int, int]]:
    """(kind, value, start, end) of every figure in a sentence, in reading order."""
    taken: list[tuple[str, str, int, int]] = []
    for kind, pattern in FIGURE_PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and end > s for _k, _v, s, e in taken):
                continue
            value = match.group(0).strip()
            if kind == "quantity" and _not_a_quantity(value):
                continue
            taken.append((kind, value, start, start + len(match.group(0).rstrip())))
    return sorted(taken, key=lambda item: item[2])


def _not_a_quantity(value: str) -> bool:
    unit = value.split()[-1].lower()
    return (
        bool(_SMALL_NUMBER.match(value) or re.match(r"(?:19|20)\d{2}\b", value))
        or unit in STOPWORDS
    )
