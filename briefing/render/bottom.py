"""Filters for the bottom line's sentences (templates/_bottom_line.j2) and their evidence.

The sentences are worded by the template from ``Comparison.bottom_line``; these
filters only say a count or a time as a sentence needs it and list the
sentences each finding rests on, so every format can link to them.
"""

from __future__ import annotations

import re

from briefing.compare.claims import CURRENCIES
from briefing.compare.naming import LABELS, names_things
from briefing.compare.numbers import QUALIFIERS
from briefing.compare.parsing import NUMBER_WORDS
from briefing.models import BottomLine, FigureConflict

_NUMBERS = "no one two three four five six seven eight nine ten eleven twelve".split()
_DAY_OR_DATE = re.compile(
    r"^(?:\d{1,2}\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|^\d{1,2}\s+[A-Z][a-z]+$"
    r"|^(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\s+\d{1,2}(?:st|nd|rd|th)?$"
)
COUNTING = NUMBER_WORDS | {phrase.split()[0] for phrase in QUALIFIERS}
"""Words that open a figure ("Nine", "At least 27", "Some 40 percent"): capitalised only
because the figure opened its sentence, so lower case inside another."""
STATES = frozenset({"evacuated", "injured", "missing", "rescued", "arrested", "hospitalised"})
"""Measures that count people in a state: a sentence says "the number injured", never
"disagree on injured" (:data:`briefing.compare.naming.LABELS`)."""
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


def in_sentence(value: str) -> str:
    """'at least 27', 'nine', 'some 40 percent': a figure as the middle of a sentence writes it.

    Only a word that opens figures is lowered: "Rs 500" or "US$5" keep their capitals.
    """
    first = value.split(" ", 1)[0]
    word = first.split("-", 1)[0]
    if word[:1].isupper() and word[1:].islower() and word.lower() in COUNTING:
        return value[:1].lower() + value[1:]
    return value


def disputed(conflict: FigureConflict) -> str:
    """What a conflict's figures count, as a sentence names it: "deaths", "money raised",
    "the number evacuated", "the number of people taken to hospital"."""
    label = conflict.label[:1].lower() + conflict.label[1:]
    if conflict.measure in STATES:
        return f"the number {label.lower()}"
    amount = conflict.unit in {"percent", "points", *CURRENCIES.values()}
    if conflict.measure not in LABELS and not amount and names_things(label):
        return f"the number of {label}"  # not "they disagree on people taking part"
    return label


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


FILTERS = {
    "count_word": count_word,
    "time_phrase": time_phrase,
    "evidence": evidence,
    "in_sentence": in_sentence,
    "disputed": disputed,
}
