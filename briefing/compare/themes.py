"""Shared themes, points unique to one article, and framing shifts over time.

Candidate sentences from every article are embedded once. Pairs of sentences
from different articles that say nearly the same thing seed themes; a theme
holds at most one sentence per article and takes in a sentence only when it is
close to the theme on average, which keeps themes from chaining into one blob.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from briefing.models import Article, FramingShift, Point, Theme
from briefing.text import content_words, ends_sentence

THEME_SIMILARITY = 0.5
UNIQUE_SIMILARITY = 0.35
MAX_THEMES = 6
MAX_UNIQUE_PER_ARTICLE = 2
CANDIDATES_PER_ARTICLE = 40
MIN_WORDS = 8
"""Shorter sentences ('The predictions of ruin were loud.') rarely stand alone in a brief."""
MAX_POOL = 4000
"""Sentences compared across articles at most: bounds the similarity matrix (64 MB)."""


@dataclass(frozen=True)
class Pool:
    """The sentences considered across articles, with their vectors."""

    points: list[Point]
    vectors: np.ndarray

    @cached_property
    def similarity(self) -> np.ndarray:
        return self.vectors @ self.vectors.T

    @cached_property
    def article_of(self) -> np.ndarray:
        return np.array([p.article_id for p in self.points])


def candidate_points(articles: Sequence[Article]) -> list[Point]:
    """Sentences that can stand alone, earliest in each article first.

    Large sets keep fewer sentences per article (their leads) so the pool
    stays under ``MAX_POOL``.
    """
    per_article = max(3, min(CANDIDATES_PER_ARTICLE, MAX_POOL // max(1, len(articles))))
    points = []
    for article in articles:
        kept = [
            s
            for s in article.sentences
            if MIN_WORDS <= len(s.text.split()) <= 70 and ends_sentence(s.text)
        ]
        for sentence in kept[:per_article]:
            points.append(Point(sentence.text, article.id, sentence.paragraph, sentence.index))
    return points


def find_themes(pool: Pool, order: Sequence[str]) -> list[Theme]:
    """Groups of sentences from two or more articles that make the same point."""
    similarity, article_of = pool.similarity, pool.article_of
    close = np.triu(similarity >= THEME_SIMILARITY, k=1)
    close &= article_of[:, None] != article_of[None, :]
    first, second = np.nonzero(close)
    ranked = np.argsort(-similarity[first, second], kind="stable")
    groups: list[list[int]] = []
    member: dict[int, int] = {}
    for i, j in zip(first[ranked].tolist(), second[ranked].tolist(), strict=True):
        if i in member and j in member:
            continue
        if i not in member and j not in member:
            member[i] = member[j] = len(groups)
            groups.append([i, j])
            continue
        inside, outside = (i, j) if i in member else (j, i)
        group = groups[member[inside]]
        if article_of[outside] in {article_of[k] for k in group}:
            continue
        if similarity[outside, group].mean() >= THEME_SIMILARITY:
            group.append(outside)
            member[outside] = member[inside]
    groups.sort(key=lambda g: (-len(g), -_cohesion(similarity, g)))
    rank = {article_id: n for n, article_id in enumerate(order)}
    themes = []
    for group in groups[:MAX_THEMES]:
        points = sorted((pool.points[k] for k in group), key=lambda p: rank[p.article_id])
        keywords = theme_keywords([p.text for p in points], [p.text for p in pool.points])
        themes.append(
            Theme(", ".join(keywords[:3]) or points[0].text, tuple(keywords), tuple(points))
        )
    return themes


def find_unique(pool: Pool, salience: np.ndarray) -> list[Point]:
    """Per article, its most salient sentences that no other article echoes."""
    similarity, article_of = pool.similarity, pool.article_of
    unique: list[Point] = []
    for article_id in dict.fromkeys(article_of):
        own = np.flatnonzero(article_of == article_id)
        others = np.flatnonzero(article_of != article_id)
        if not len(others):
            return []
        closest = similarity[np.ix_(own, others)].max(axis=1)
        lonely = [int(i) for i, c in zip(own, closest, strict=True) if c < UNIQUE_SIMILARITY]
        lonely.sort(key=lambda i: -salience[i])
        unique.extend(pool.points[i] for i in sorted(lonely[:MAX_UNIQUE_PER_ARTICLE]))
    return unique


def framing_shifts(themes: Sequence[Theme], dates: dict[str, object]) -> list[FramingShift]:
    """For each theme covered at different dates, what the earliest and latest say."""
    shifts = []
    for theme in themes:
        dated = sorted(
            (p for p in theme.points if dates.get(p.article_id)), key=lambda p: dates[p.article_id]
        )
        if len(dated) < 2 or dates[dated[0].article_id] == dates[dated[-1].article_id]:
            continue
        earlier, later = dated[0], dated[-1]
        early_words, late_words = set(content_words(earlier.text)), set(content_words(later.text))
        shifts.append(
            FramingShift(
                theme.label,
                earlier,
                later,
                tuple(w for w in content_words(earlier.text) if w not in late_words)[:5],
                tuple(w for w in content_words(later.text) if w not in early_words)[:5],
            )
        )
    return shifts


def theme_keywords(texts: Sequence[str], corpus: Sequence[str]) -> list[str]:
    """Words the theme's sentences share, weighted by how rare they are overall."""
    document_frequency = Counter(w for text in corpus for w in set(content_words(text)))
    in_theme = Counter(w for text in texts for w in set(content_words(text)))
    total = len(corpus)
    scored = {
        w: count * math.log((1 + total) / (1 + document_frequency[w]))
        for w, count in in_theme.items()
        if count >= 2 and not w[0].isdigit()
    }
    return sorted(scored, key=lambda w: (-scored[w], w))[:5]


def _cohesion(similarity: np.ndarray, group: list[int]) -> float:
    block = similarity[np.ix_(group, group)]
    n = len(group)
    return float((block.sum() - n) / (n * n - n)) if n > 1 else 0.0
