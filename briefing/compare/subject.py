"""Which articles report on a theme's subject: every one that names it, not only the theme's own.

A theme holds at most one sentence per article, and a sentence joins one
theme only, so an article that reports on the subject in its own words, or
whose nearest sentence went to another theme, is missing from the theme.
The bottom line counts it all the same: an article reports on the subject
when a sentence of the theme is its own, or when its sentences use the
subject's key terms.

The key terms come from the theme's label: its head noun (the last noun
before an "of" or "for" phrase: "charge" in "Port Halden's congestion charge",
"survey" in "survey of 1,200 adults") with the proper names that say which
one ("Port Halden"); a label without a name needs all its nouns ("tram" and
"line" in "tram line"). A name identifies the thing, so the nouns around it
are only description ("congestion"); without a name, the nouns are what
identifies it. Adjectives and numbers ("crowded ferry", "300 former workers")
describe and are never required, nor are times ("Saturday's march"): a time
says when, not what. Words meet by their stems (:func:`briefing.text.stem`),
so "charge", "charges" and "charging" are one term.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from briefing.compare.chrome import is_chrome
from briefing.compare.sources import TIME_WORDS
from briefing.compare.theme_labels import WIDENING
from briefing.models import Article, Point, Theme
from briefing.text import STOPWORDS, stem

_WORD = re.compile(r"[a-z]+")
"""A word in lower-cased text, as the parser splits it: "night-shift" is two, "Halden's"
one ("halden"); digits never make a key term."""
NOUNS = frozenset({"NOUN", "PROPN"})
NAMES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "LAW"})
"""Entity kinds whose words are names; dates and times are not (see :data:`TIME_WORDS`)."""


@dataclass(frozen=True)
class Key:
    """The stems an article must use to report on a subject; ``head`` is the head noun's."""

    head: str
    terms: frozenset[str]


@lru_cache(maxsize=1 << 16)
def term(word: str) -> str:
    """A word as key terms compare it: lower case, no possessive, stemmed (kept: a
    brief reads the same words many times)."""
    bare = word.lower().removesuffix("'s").removesuffix("’s").strip("'’-")
    return stem(bare)


def key_terms(label: str, texts: Sequence[str]) -> Key:
    """The key terms of a theme's label, read from the parse of the sentence it comes from.

    The label's words are tagged where its sentence uses them (``texts``, the
    theme's sentences), as a parse of the bare label often tags "council" or
    "tram" as names; a label no sentence holds is parsed alone.
    """
    from briefing import language

    holder = next((t for t in texts if label in t), label)
    start = holder.index(label) if label in holder else 0
    doc = language.parsed([holder])[0]
    tokens = [t for t in doc if start <= t.idx < start + len(label)]
    widened = next((k for k, t in enumerate(tokens) if t.lower_ in WIDENING and k), len(tokens))
    nouns = [t for t in tokens[:widened] if t.pos_ in NOUNS] or tokens[:widened] or tokens
    head = nouns[-1]
    names = [t for t in tokens if _name(t)]
    kept = names if names else [t for t in tokens if t.pos_ in NOUNS]
    terms = {term(t.text) for t in [head, *kept] if _meaningful(t.text)}
    return Key(term(head.text), frozenset(terms | {term(head.text)}))


def _name(token) -> bool:
    """A proper name: tagged so, written with a capital, and not a time ("Saturday")."""
    if not token.text[:1].isupper() or token.lower_ in TIME_WORDS:
        return False
    return token.pos_ == "PROPN" or token.ent_type_ in NAMES


def _meaningful(word: str) -> bool:
    bare = word.lower().strip("'’")
    return len(bare) > 1 and bare not in STOPWORDS and not bare[:1].isdigit()


def sentence_terms(article: Article) -> list[frozenset[str]]:
    """Each sentence's words as key terms compare them, read once per article; page chrome
    (a photo caption that names the subject) has none, so it is never the evidence."""
    return [
        frozenset() if is_chrome(s.text) else frozenset(map(term, _WORD.findall(s.text.lower())))
        for s in article.sentences
    ]


def reports_on(
    key: Key, article: Article, terms: Sequence[frozenset[str]] | None = None
) -> Point | None:
    """The article's sentence that best names the subject, where its sentences use every key
    term; the earliest of those with the most key terms, the head noun among them.
    ``terms`` are the article's :func:`sentence_terms`, where already read."""
    found = [own & key.terms for own in (terms or sentence_terms(article))]
    if not found or not key.terms <= frozenset().union(*found):
        return None
    best = max(
        (n for n, used in enumerate(found) if key.head in used),
        key=lambda n: (len(found[n]), -n),
    )
    sentence = article.sentences[best]
    return Point(sentence.text, article.id, sentence.paragraph, sentence.index)


def covering(themes: Sequence[Theme], articles: Sequence[Article]) -> list[tuple[Point, ...]]:
    """Per theme: its sentences, then one sentence of every other article that reports on its
    subject (in the order of ``articles``), the evidence that they all report on it."""
    terms = [sentence_terms(a) for a in articles]
    found = []
    for theme in themes:
        own = set(theme.article_ids)
        key = key_terms(theme.label, [p.text for p in theme.points])
        more = [
            reports_on(key, a, read) for a, read in zip(articles, terms, strict=True)
            if a.id not in own
        ]  # fmt: skip
        found.append(theme.points + tuple(p for p in more if p is not None))
    return found
