"""Filters for the bottom line's sentences (templates/_bottom_line.j2) and their evidence.

The sentences are worded by the template from ``Comparison.bottom_line``; these
filters only say a count or a time as a sentence needs it and list the
sentences each finding rests on, so every format can link to them.
"""

from __future__ import annotations

import re

from briefing.models import BottomLine

_NUMBERS = "no one two three four five six seven eight nine ten eleven twelve".split()
_DAY_OR_DATE = re.compile(
    r"^(?:\d{1,2}\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|^\d{1,2}\s+[A-Z][a-z]+$"
    r"|^(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\s+\d{1,2}(?:st|nd|rd|th)?$"
)
_YEAR_OR_MONTH = re.compile(
    r"^(?:\d{4}|(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)(?:\s+\d{4})?)$"
)


def count_word(number: int) -> str:
    """'three' for 3, as prose writes small counts; digits from 13 on."""
    return _NUMBERS[number] if 0 <= number < len(_NUMBERS) else str(number)


def time_phrase(when: str) -> str:
    """'on Monday', 'on 14 March', 'in 2021', 'in March 2021'; other times as written."""
    if _DAY_OR_DATE.search(when):
        return f"on {when}"
    if _YEAR_OR_MONTH.search(when):
        return f"in {when}"
    return when


def evidence(bottom_line: BottomLine, part: str) -> list[tuple[str, int]]:
    """(article id, sentence) of what one finding rests on, each once, in order."""
    found: list[tuple[str, int]] = []
    if part == "agreed":
        found = [(p.article_id, p.sentence) for p in bottom_line.points]
    elif part == "disagreement" and bottom_line.disagreement:
        found = [(v.article_id, v.sentence) for v in bottom_line.disagreement.values]
    elif part == "disagreement":
        found = [(p.point.article_id, p.point.sentence) for p in bottom_line.positions]
    elif part == "change" and bottom_line.change:
        found = [(v.article_id, v.sentence) for v in bottom_line.change.values]
    elif part == "change" and bottom_line.shift:
        found = [(p.article_id, p.sentence) for p in bottom_line.shift.term_points]
    return list(dict.fromkeys(found))


FILTERS = {"count_word": count_word, "time_phrase": time_phrase, "evidence": evidence}
