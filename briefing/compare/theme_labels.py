"""Theme labels: a short noun phrase drawn from the theme's own sentences.

Candidates are runs of content words (2 to 6 words, "of", "for" and "and"
allowed inside, as in "Chamber of Commerce" or "support for the charge")
cut at stop words and punctuation. They are ranked first by how many of the
theme's sentences use them and how rare their words are in the whole brief,
then the best few are embedded with the brief's encoder and picked by
maximal marginal relevance: close to the theme's centroid, far from the
labels already given, so two themes never share a label.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from briefing.text import STOPWORDS, content_words

MIN_WORDS, MAX_WORDS = 2, 6
SHORTLIST = 24
"""Candidates per theme that are embedded; the rest are cut by the cheap lexical score."""
DIVERSITY = 0.3
INNER = frozenset({"of", "for", "the"})
"""Words allowed inside a phrase, never at its ends ("the" only after "of" or "for")."""
_TOKEN = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’-]*|\d+(?:[.,]\d+)*%?|[^\sA-Za-zÀ-ÿ\d]")
_VERBISH = re.compile(r"(?:ed|ly)$")
_EXTRA_BREAKS = frozenset(
    """is are was were be been being has have had do does did will would can could should
    may might must not no yes very really just only than then also well percent cent
    million billion thousand trillion next without within across among around toward towards
    despite via amid including like near""".split()
)

Encode = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True)
class Label:
    text: str
    keywords: tuple[str, ...]


def label_themes(
    themes: Sequence[Sequence[str]],
    centroids: Sequence[np.ndarray],
    corpus: Sequence[str],
    encode: Encode,
) -> list[Label]:
    """One label per theme, unique in the brief, in the themes' order.

    Labels keep the case the articles write them in ("congestion charge",
    "Halden Research Institute"); templates capitalise them for headings.
    """
    frequency = Counter(w for text in corpus for w in set(content_words(text)))
    total = max(1, len(corpus))
    taken: list[str] = []
    taken_vectors: list[np.ndarray] = []
    labels = []
    for texts, centroid in zip(themes, centroids, strict=True):
        keywords = _keywords(texts, frequency, total)
        shortlist = _shortlist(texts, frequency, total, {t.lower() for t in taken})
        text = _pick(shortlist, centroid, taken_vectors, encode) if shortlist else None
        if text is None:
            text = _fallback(keywords, texts, {t.lower() for t in taken})
        taken.append(text)
        taken_vectors.append(encode([text])[0])
        labels.append(Label(text, tuple(keywords)))
    return labels


def phrases(text: str) -> list[str]:
    """Candidate noun phrases in one sentence, in their original case."""
    runs: list[list[str]] = [[]]
    for token in _TOKEN.findall(text):
        lower = token.lower()
        breaks = not token[0].isalpha() or (
            (lower in STOPWORDS or lower in _EXTRA_BREAKS) and lower not in INNER
        )
        if breaks:
            runs.append([])
        else:
            runs[-1].append(token)
    found = []
    for run in runs:  # English noun phrases end in their head noun: end where the run ends
        for start in range(max(0, len(run) - MAX_WORDS), len(run) - MIN_WORDS + 1):
            words = run[start:]
            if _well_formed(words):
                found.append(" ".join(words))
    return found


def _well_formed(words: list[str]) -> bool:
    ends = (words[0].lower(), words[-1].lower())
    if any(end in INNER or end in STOPWORDS for end in ends):
        return False
    lowered = [w.lower() for w in words]
    for before, word in itertools.pairwise(lowered):
        if word == "the" and before not in ("of", "for"):
            return False
    if sum(w in ("of", "for") for w in lowered) > 1:
        return False
    return not any(_VERBISH.search(w) for w in lowered[1:])


def _shortlist(
    texts: Sequence[str], frequency: Counter[str], total: int, taken: set[str]
) -> list[str]:
    """The best candidates by shared use in the theme and rarity in the brief."""
    surface: dict[str, Counter[str]] = {}
    used_in: Counter[str] = Counter()
    for text in texts:
        seen = set()
        for phrase in phrases(text):
            key = phrase.lower()
            surface.setdefault(key, Counter())[phrase] += 1
            if key not in seen:
                used_in[key] += 1
                seen.add(key)

    def score(key: str) -> float:
        words = content_words(key)
        rarity = sum(math.log((1 + total) / (1 + frequency[w])) for w in words) / len(words)
        return used_in[key] * (1 + rarity) * (1.0 if len(words) <= 4 else 0.8)

    keys = [k for k in used_in if k not in taken and content_words(k)]
    keys.sort(key=lambda k: (-score(k), k))
    return [surface[k].most_common(1)[0][0] for k in keys[:SHORTLIST]]


def _pick(
    shortlist: list[str], centroid: np.ndarray, taken: list[np.ndarray], encode: Encode
) -> str | None:
    """Maximal marginal relevance: near the theme, away from the other themes' labels."""
    vectors = encode(shortlist)
    relevance = vectors @ centroid
    redundancy = (vectors @ np.stack(taken).T).max(axis=1) if taken else np.zeros(len(shortlist))
    gains = (1 - DIVERSITY) * relevance - DIVERSITY * redundancy
    return shortlist[int(np.argmax(gains))]


def _keywords(texts: Sequence[str], frequency: Counter[str], total: int) -> list[str]:
    """Words the theme's sentences share, weighted by how rare they are overall."""
    in_theme = Counter(w for text in texts for w in set(content_words(text)))
    scored = {
        w: count * math.log((1 + total) / (1 + frequency[w]))
        for w, count in in_theme.items()
        if count >= 2 and not w[0].isdigit()
    }
    return sorted(scored, key=lambda w: (-scored[w], w))[:5]


def _fallback(keywords: list[str], texts: Sequence[str], taken: set[str]) -> str:
    """Two or three of the theme's words when no phrase qualifies, still unique."""
    words = keywords or [w for t in texts for w in content_words(t) if not w[0].isdigit()]
    words = list(dict.fromkeys(words)) or ["shared", "point"]
    for size in (2, 3, 4):
        text = " and ".join(words[:size]) if size == 2 else ", ".join(words[:size])
        if len(words) >= size and text.lower() not in taken:
            return text
    number = 2
    while f"{words[0]} point {number}" in taken:
        number += 1
    return f"{words[0]} point {number}"
