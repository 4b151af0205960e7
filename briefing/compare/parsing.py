"""Which sentences compare parses, and parsing them once per sentence shape.

Only sentences that can hold a claim or a source are parsed: those with a
digit or a number word, and those with a speech verb ("said", "according
to"). The test is a set lookup on the sentence's words, far cheaper than a
parse. A sentence's parse does not depend on which digits its numbers have,
only on their shape, so every digit outside a year is read as "5" for the
parser (the lengths stay, so token offsets index the original text): wire
copy that repeats a sentence with new figures is parsed once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefing import language
from briefing.compare.numbers import PHRASES, SCALES, VAGUE
from briefing.models import Article

if TYPE_CHECKING:
    from briefing.syntax import Doc

NUMBER_WORDS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy
    eighty ninety hundred thousand million billion trillion dozen half""".split()
    + [w for phrase in (*PHRASES, *VAGUE) for w in phrase.split() if w not in {"a", "of"}]
    + [s for s in SCALES if len(s) > 2]
)
"""English number words, as text2num reads them, plus the amounts of :mod:`numbers`."""
SPEECH_FORMS = frozenset(
    """say says said saying tell tells told telling according report reports reported
    announce announces announced confirm confirms confirmed state states stated add adds
    added estimate estimates estimated warn warns warned claim claims claimed insist
    insists insisted explain explains explained note notes noted write writes wrote
    argue argues argued acknowledge acknowledged reveal revealed disclose disclosed
    indicate indicated suggest suggests suggested find finds found show shows showed
    expect expects expected predict predicts predicted forecast forecasts
    count counted record recorded""".split()
)
"""The inflected forms of :data:`briefing.compare.attribution.SPEECH` a sentence may use."""
_WORD = re.compile(r"[a-z]+")
_ANY_DIGIT = re.compile(r"\d")
_DIGIT_RUN = re.compile(r"\d+")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")


def needs_parse(text: str) -> bool:
    """Whether a sentence may hold a figure or an attributed statement."""
    if _ANY_DIGIT.search(text):
        return True
    found = set(_WORD.findall(text.lower()))
    return bool(found & NUMBER_WORDS or found & SPEECH_FORMS)


def shape(text: str) -> str:
    """The text with every digit outside a year read as 5: the same length, the same parse."""
    return _DIGIT_RUN.sub(lambda m: m[0] if _YEAR.fullmatch(m[0]) else "5" * len(m[0]), text)


SMALL_BRIEF = 400
"""Up to this many sentences, every sentence is parsed ahead as well (see :func:`prefetch`)."""


def prefetch(articles: Sequence[Article]) -> None:
    """Hand the parser, where it runs beside this process, the sentences compare will parse.

    Called before summarizing, so the helper parses while the encoder works.
    In a brief of at most :data:`SMALL_BRIEF` sentences, every sentence as
    written comes first: theme labels, differences and the bottom line read
    their names from them, and the labels ask first of all (they choose their
    sentences only in compare, and a small brief's spare parses are cheap next
    to waiting for each in turn). Then the shapes the claims and sources read,
    asked for later in compare, so the helper parses them while the themes
    are found.
    """
    sentences = [s.text for a in articles for s in a.sentences]
    if len(sentences) <= SMALL_BRIEF:
        language.prefetch(sentences)
    language.prefetch(shape(text) for text in sentences if needs_parse(text))


def parse_sentences(texts: Sequence[str]) -> list[Doc | None]:
    """Each sentence's parse where it needs one (see :func:`needs_parse`), else None."""
    wanted = [k for k, text in enumerate(texts) if needs_parse(text)]
    docs: list[Doc | None] = [None] * len(texts)
    if not wanted:
        return docs
    for k, doc in zip(wanted, language.parsed([shape(texts[k]) for k in wanted]), strict=True):
        docs[k] = doc
    return docs
