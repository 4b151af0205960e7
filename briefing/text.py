"""Sentence splitting and the small word-level helpers every stage shares."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import syntok.segmenter as segmenter

from briefing.models import Sentence

WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+(?:[.,]\d+)*%?")

# A compact English stop list: enough to keep keywords and overlap measures on
# content words, small enough to read.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves said says say told according one two three new year years last first
    may might must shall also however still even much many like get got make made per mr mrs
    ms dr us it's that's he's she's they're we're i'm don't doesn't didn't can't won't isn't
    wasn't aren't weren't""".split()
)


def split_sentences(paragraphs: Sequence[str]) -> tuple[Sentence, ...]:
    """Split paragraphs into sentences, numbering them across the whole text.

    syntok knows abbreviations ("U.S.", "Dr.", "Dec. 1", "a.m.") and keeps
    closing quotes with their sentence, which naive regex splitters do not.
    """
    sentences: list[Sentence] = []
    for paragraph_index, paragraph in enumerate(paragraphs):
        for text in _segment(paragraph):
            sentences.append(Sentence(text, paragraph_index, len(sentences)))
    return tuple(sentences)


def _segment(paragraph: str) -> Iterable[str]:
    for tokenized in segmenter.process(paragraph):
        for sentence in tokenized:
            text = "".join(token.spacing + token.value for token in sentence).strip()
            if text:
                yield text


def words(text: str) -> list[str]:
    """Lower-cased word tokens, numbers included."""
    return [match.group(0).lower().strip("'’-") for match in WORD_RE.finditer(text)]


def content_words(text: str) -> list[str]:
    """Words that carry meaning: no stop words, no one-letter tokens."""
    return [w for w in words(text) if len(w) > 1 and w not in STOPWORDS]


def word_count(text: str) -> int:
    return len(text.split())


def ends_sentence(text: str) -> bool:
    """Whether a line ends like a sentence rather than a headline or a label."""
    return bool(re.search(r"[.!?…][\"'”’)\]]*$", text.strip()))


CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Control characters, terminal escapes and bidi overrides: never shown from an input."""


def plain(text: object) -> str:
    """Text without control characters: no terminal escapes, no bidi overrides."""
    return CONTROLS.sub("", str(text))
