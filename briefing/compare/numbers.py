"""Numbers as news writes them, read into intervals.

"more than 400" is (400, inf), "about 180" is roughly 160 to 200, "12 to 15"
is [12, 15], "Thirty-seven" is 37 and "£4bn" is 4e9. Number words go through
``text2num`` (a maintained parser); what it does not cover ("a dozen", "half a
million", "scores of", "hundreds of") is in the small tables below. Two
figures agree when their intervals overlap, so "£4bn" and "£4 billion", or 41
and "more than 40", are never a disagreement.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

APPROX = 0.12
"""Half-width of "about N": "about 180" is 158 to 202 (news rounds to the nearest ten or so)."""
NEAR = 0.1
"""How far below N "nearly N" and "almost N" reach."""
SAME = 0.01
"""Relative gap under which two exact values are one (rounding: 4.1 and 4.12)."""
SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
"""Scale words and the abbreviations British and American newsrooms write after a number."""
PHRASES = {"a dozen": 12.0, "dozen": 12.0, "half a dozen": 6.0, "a score": 20.0}
"""Fixed phrases that name an exact amount; text2num reads none of them."""
VAGUE = {
    "dozens": (24.0, 144.0),
    "scores": (40.0, 200.0),
    "hundreds": (200.0, 999.0),
    "thousands": (2_000.0, 99_999.0),
    "tens of thousands": (20_000.0, 999_999.0),
    "hundreds of thousands": (200_000.0, 999_999.0),
    "millions": (2e6, 999e6),
}
"""Plural amounts ("scores of homes"): at least two of the unit, below the next unit up."""
ABOVE = ("more than", "over", "above", "in excess of", "upwards of", "exceeding", "beyond")
AT_LEAST = ("at least", "no fewer than", "no less than", "a minimum of")
BELOW = ("less than", "fewer than", "under", "below")
AT_MOST = ("up to", "at most", "as many as", "no more than", "a maximum of")
NEARLY = ("nearly", "almost", "just under", "close to", "just shy of")
ABOUT = (
    "about",
    "around",
    "some",
    "roughly",
    "approximately",
    "an estimated",
    "estimated",
    "circa",
    "about a",
    "around a",
    "an approximate",
)
QUALIFIERS = {
    **dict.fromkeys(ABOVE, "above"),
    **dict.fromkeys(AT_LEAST, "at least"),
    **dict.fromkeys(BELOW, "below"),
    **dict.fromkeys(AT_MOST, "at most"),
    **dict.fromkeys(NEARLY, "nearly"),
    **dict.fromkeys(ABOUT, "about"),
}
"""Words before a number that widen it into an interval, longest read first."""
_LONGEST_FIRST = tuple(sorted(QUALIFIERS, key=len, reverse=True))
_DIGITS = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)\s*([a-z]+)?")
_RANGE = re.compile(r"^(?:between\s+)?(.+?)\s*(?:\bto\b|\band\b|-|–|—)\s*(.+)$")


@dataclass(frozen=True)
class Interval:
    """The values a figure allows: ``low`` to ``high``, either end possibly infinite."""

    low: float
    high: float

    def overlaps(self, other: Interval) -> bool:
        """Whether both can be true at once, allowing for rounding of exact values."""
        slack = SAME * max(abs(self.low), abs(other.low), 1.0)
        slack = min(slack, SAME * max(abs(self.high), abs(other.high), 1.0))
        return self.low <= other.high + slack and other.low <= self.high + slack

    @property
    def exact(self) -> bool:
        return self.low == self.high


def amount(text: str) -> float | None:
    """One amount without qualifiers: "37", "1,200", "4bn", "4.5 million", "thirty-seven"."""
    text = _plain(text)
    if not text:
        return None
    if text in PHRASES:
        return PHRASES[text]
    if text.startswith("half a "):
        scale = SCALES.get(text.removeprefix("half a "))
        return scale / 2 if scale else None
    match = _DIGITS.fullmatch(text)
    if match:
        number, suffix = match.groups()
        value = float(number.replace(",", ""))
        if suffix is None:
            return value
        return value * SCALES[suffix] if suffix in SCALES else None
    return _words(text)


def _words(text: str) -> float | None:
    """Number words through text2num: "thirty-seven", "two hundred and fifty", "3 million"."""
    from text_to_num import text2num

    words = text.replace("-", " ").split()
    if len(words) > 1 and words[-1] in SCALES and _DIGITS.fullmatch(words[0]):
        return amount(words[0]) * SCALES[words[-1]] if len(words) == 2 else None
    if words and words[0] in {"a", "an", "one"} and len(words) > 1:
        words = ["one", *words[1:]]
    try:
        return float(text2num(" ".join(words), "en"))
    except ValueError:
        return None


def interval(text: str) -> Interval | None:
    """The interval a figure's words allow, qualifier and range included, or None."""
    text = _plain(text)
    if text in VAGUE:
        return Interval(*VAGUE[text])
    qualifier, rest = split_qualifier(text)
    value = amount(rest)
    if value is not None:
        return widen(value, qualifier)
    ranged = _RANGE.match(rest)
    if ranged and qualifier is None:
        low, high = amount(ranged.group(1)), amount(ranged.group(2))
        if low is not None and high is not None:
            if ranged.group(1).split()[-1] not in SCALES:
                low = _scaled_like(low, ranged.group(2))  # "12 to 15 million"
            return Interval(min(low, high), max(low, high))
    return None


def _scaled_like(value: float, other: str) -> float:
    last = other.split()[-1] if other.split() else ""
    return value * SCALES.get(last, 1.0)


def widen(value: float, qualifier: str | None) -> Interval:
    """``value`` as the interval its qualifier ("more than", "about", ...) allows."""
    if qualifier in ("above", "at least"):
        return Interval(value, math.inf)
    if qualifier in ("below", "at most"):
        return Interval(0.0 if value >= 0 else -math.inf, value)
    if qualifier == "nearly":
        return Interval(value * (1 - NEAR), value)
    if qualifier == "about":
        return Interval(value * (1 - APPROX), value * (1 + APPROX))
    return Interval(value, value)


def split_qualifier(text: str) -> tuple[str | None, str]:
    """("above", "400") for "more than 400": the longest qualifier the text opens with."""
    text = _plain(text)
    for words in _LONGEST_FIRST:
        if text == words or text.startswith(words + " "):
            return QUALIFIERS[words], text[len(words) :].strip()
    return None, text


def _plain(text: str) -> str:
    """Lower case, no currency signs, percent words or stray punctuation around."""
    text = text.lower().replace("per cent", "").replace("percent", "").replace("%", "")
    text = re.sub(r"[$€£¥]", "", text)
    text = re.sub(r"(\d)\s+(bn|m|mn|k|tn)\b", r"\1\2", text)
    return " ".join(text.strip(" .,;:()'\"").split())
