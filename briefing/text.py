"""Sentence splitting and the small word-level helpers every stage shares."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

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
    """Each sentence as the paragraph writes it: a slice of it, never rebuilt from tokens.

    syntok's ``process`` rewrites "wouldn't" as "would" + "not" and joins words
    hyphenated across lines, so tokens put back together misquote the source;
    ``analyze`` keeps every token's offset, and the sentence is the text between
    its first and last token.
    """
    for tokenized in segmenter.analyze(paragraph):
        for sentence in tokenized:
            if not sentence:
                continue
            first, last = sentence[0], sentence[-1]
            text = paragraph[first.offset : last.offset + len(last.value)].strip()
            if text:
                yield text


def words(text: str) -> list[str]:
    """Lower-cased word tokens, numbers included."""
    return [match.group(0).lower().strip("'’-") for match in WORD_RE.finditer(text)]


def content_words(text: str) -> list[str]:
    """Words that carry meaning: no stop words, no one-letter tokens."""
    return [w for w in words(text) if len(w) > 1 and w not in STOPWORDS]


def stem(word: str) -> str:
    """A light suffix stripper, the one every comparison uses: "raise", "raised" and
    "raises" meet, as do "charge" and "charges", "bus" and "buses". Stems of three
    letters or more only, so short words stay whole."""
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def word_count(text: str) -> int:
    return len(text.split())


def ends_sentence(text: str) -> bool:
    """Whether a line ends like a sentence rather than a headline or a label."""
    return bool(re.search(r"[.!?…][\"'”’)\]]*$", text.strip()))


MIN_STANDALONE_WORDS = 8
"""Shorter sentences ('The predictions of ruin were loud.') rarely stand alone in a brief."""
MAX_STANDALONE_WORDS = 70
_POINTING_BACK = frozenset(
    """this that these those such he she it they him her them his its their theirs hers
    but and or nor so yet also then thus hence therefore however still instead meanwhile
    nevertheless nonetheless besides moreover furthermore otherwise likewise similarly
    both neither either others another""".split()
)
_OPENING_QUOTE = re.compile(r"^[\"'“‘«„]")
_QUESTION = re.compile(r"\?[\"'”’»)\]]*$")


_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’-]*(?:[ ,]+[A-Z][A-Za-z.'’-]*){0,4}\s*(?:\([^)]{1,40}\))?|\([^)]{1,40}\))"
    r"\s*[-–—]{1,2}\s+"
)
"""A wire dateline or outlet prefix: "LONDON (Reuters) -", "(CNN) --", "WASHINGTON --"."""


def without_dateline(text: str) -> str:
    """The sentence without a leading dateline, which says where, not what it leans on."""
    stripped = text.strip()
    match = _DATELINE.match(stripped)
    return stripped[match.end() :] if match else stripped


@lru_cache(maxsize=1 << 16)
def stands_alone(text: str) -> bool:
    """Whether a sentence can represent its article on its own, anywhere in the brief.

    One rule for the summaries and the comparison: a question, a quotation or
    a fragment of one, a sentence that opens by pointing back ("This", "He",
    "But"), one under eight words, or one that does not end like a sentence,
    leans on what came before it and reads wrongly out of place. A quotation
    that opens the sentence stands alone only when it is long and its speaker
    is named rather than pointed back to ("she said"). A dateline ("LONDON
    (Reuters) -") is not part of the judgement.
    """
    stripped = without_dateline(text)
    if not _well_formed(stripped):
        return False
    if _OPENING_QUOTE.match(stripped):
        return _attributed_quote(stripped, named=True)
    return not _points_back(stripped)


@lru_cache(maxsize=1 << 16)
def stands_after(text: str) -> bool:
    """Whether a sentence reads correctly shown right after the one before it in its article.

    The sentences that fail :func:`stands_alone` only by leaning on their
    predecessor ("He said the bridge would open in May.", "But the council
    refused.", a complete quotation with "she said") are fine when that
    predecessor is shown immediately before them. Questions, fragments and
    unfinished sentences are not.
    """
    stripped = without_dateline(text)
    if not _well_formed(stripped):
        return False
    if _OPENING_QUOTE.match(stripped):
        return _attributed_quote(stripped, named=False)
    return True


def _well_formed(stripped: str) -> bool:
    """Long enough, a statement that ends like a sentence, with its quotation marks closed."""
    tokens = stripped.split()
    if not MIN_STANDALONE_WORDS <= len(tokens) <= MAX_STANDALONE_WORDS:
        return False
    if not ends_sentence(stripped) or _QUESTION.search(stripped):
        return False
    return _quotes_balanced(stripped)


def _points_back(stripped: str) -> bool:
    first = re.sub(r"[^\w'’-]", "", stripped.split()[0]).lower()
    return first in _POINTING_BACK


_LED_QUOTE = re.compile(r"^[\"“](?P<quote>.+?)[\"”]\s*(?P<rest>.*)$")
_SPEAKER_VERB = frozenset("said says told added warned argued wrote explained".split())


def _attributed_quote(text: str, named: bool) -> bool:
    """A quotation stands alone when it is long and names its speaker.

    '"I cannot imagine," she said.' is a fragment: short, and its speaker is a
    pronoun that points back. '"The charge has cut traffic by a fifth in two
    years," said Mayor Rosa Delgado.' carries its own context. With ``named``
    false a long quotation whose speaker is a pronoun ("he said") is accepted
    too: the sentence shown before it says who "he" is. A vox pop ("one shop
    owner said") is neither.
    """
    match = _LED_QUOTE.match(text)
    if not match or len(match.group("quote").split()) < MIN_STANDALONE_WORDS:
        return False
    rest = [w.strip(",.;:") for w in match.group("rest").split()]
    words = [w for w in rest if w and w.lower() not in _SPEAKER_VERB]
    if not words:
        return False
    if words[0].lower() in _POINTING_BACK | {"i", "we", "you"}:
        return not named and words[0].lower() in _POINTING_BACK
    return any(w[:1].isupper() for w in words)


def _quotes_balanced(text: str) -> bool:
    """An odd number of quotation marks means the sentence is part of a longer quote."""
    straight = text.count('"')
    return straight % 2 == 0 and text.count("“") == text.count("”")


CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Control characters, terminal escapes and bidi overrides: never shown from an input."""


def plain(text: object) -> str:
    """Text without control characters: no terminal escapes, no bidi overrides."""
    return CONTROLS.sub("", str(text))
