"""Check generated sentences against their article: numbers, dates and names must occur in it.

An abstractive model can write "$40 million" where the article said "$30
million", or name someone the article never mentions. Such a sentence is not
dropped (the rest of it may be right) but marked unverified, with the terms
that could not be found, so the brief never presents it as fact.
"""

from __future__ import annotations

import re

from briefing.dates import MONTHS
from briefing.text import STOPWORDS

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)*)")
_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
          "seven": "7", "eight": "8", "nine": "9", "ten": "10"}  # fmt: skip


def key_terms(sentence: str) -> set[str]:
    """Numbers, month names and capitalised names (not the first word) of a sentence."""
    terms = {n.replace(",", "") for n in _NUMBER.findall(sentence)}
    terms |= {m for m in MONTHS if re.search(rf"\b{m}\b", sentence)}
    for match in _NAME.finditer(sentence):
        name = match.group(1)
        if match.start() == 0 or name.lower() in STOPWORDS or name in MONTHS:
            continue
        terms.add(name)
    return terms


def unsupported_terms(sentence: str, source: str) -> tuple[str, ...]:
    """The key terms of ``sentence`` that ``source`` never states."""
    flat = source.replace(",", "")
    lowered = flat.lower()
    missing = []
    for term in sorted(key_terms(sentence)):
        if term.isdigit() or re.fullmatch(r"[\d.]+", term):
            spelled = [w for w, digit in _WORDS.items() if digit == term]
            found = re.search(rf"(?<![\d.]){re.escape(term)}(?![\d])", flat) or any(
                re.search(rf"\b{w}\b", lowered) for w in spelled
            )
        else:
            found = term.lower() in lowered
        if not found:
            missing.append(term)
    return tuple(missing)
