"""Shared themes: the candidate sentences, their neighbours across articles, and grouping.

Candidate sentences from every article are embedded once. Each sentence's
closest sentences in other articles are found block by block (a fixed-size
slice of the similarity matrix at a time, top-k kept), so time grows with the
number of sentences times a block, and memory stays flat. Pairs of sentences
from different articles that say nearly the same thing seed themes; a theme
holds at most one sentence per article and takes in a sentence only when it is
close to the theme on average, which keeps themes from chaining into one blob.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from briefing.compare.chrome import is_chrome
from briefing.compare.theme_labels import label_themes
from briefing.models import Article, Point, Theme
from briefing.text import stands_after, stands_alone

THEME_SIMILARITY = 0.5
MAX_THEMES = 6
CANDIDATES_PER_ARTICLE = 40
MAX_POOL = 4000
"""Sentences compared across articles: large sets keep fewer per article (their leads)."""
BLOCK = 256
"""Rows of the similarity matrix computed at once (BLOCK x pool floats)."""
NEIGHBOURS = 16
"""Closest sentences in other articles kept per sentence; themes are grown from these."""

Encode = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True)
class Neighbours:
    """Per sentence: its best similarity to any other article, and its top-k there."""

    nearest: np.ndarray  # (n,), 0 where there is no other article
    index: np.ndarray  # (n, k) indices into the pool
    score: np.ndarray  # (n, k) similarities, -inf where fewer than k exist


@dataclass(frozen=True)
class Pool:
    """The sentences considered across articles, with their vectors."""

    points: list[Point]
    vectors: np.ndarray

    @cached_property
    def article_of(self) -> np.ndarray:
        return np.array([p.article_id for p in self.points])

    @cached_property
    def article_codes(self) -> np.ndarray:
        """Articles as small integers, for fast same-article masks."""
        return np.unique(self.article_of, return_inverse=True)[1].reshape(-1)

    @cached_property
    def neighbours(self) -> Neighbours:
        return nearest_in_other_articles(self.vectors, self.article_codes)


def nearest_in_other_articles(vectors: np.ndarray, codes: np.ndarray) -> Neighbours:
    """Top-k similarities to sentences of other articles, one block of rows at a time."""
    count = len(vectors)
    k = min(NEIGHBOURS, max(count - 1, 0))
    nearest = np.zeros(count, dtype=np.float32)
    index = np.zeros((count, k), dtype=np.int64)
    score = np.full((count, k), -np.inf, dtype=np.float32)
    for start in range(0, count, BLOCK):
        stop = min(start + BLOCK, count)
        block = vectors[start:stop] @ vectors.T
        block[codes[start:stop, None] == codes[None, :]] = -np.inf
        if k:
            top = np.argpartition(-block, k - 1, axis=1)[:, :k]
            index[start:stop] = top
            score[start:stop] = np.take_along_axis(block, top, axis=1)
        best = block.max(axis=1) if count else np.zeros(0)
        nearest[start:stop] = np.where(np.isfinite(best), best, 0.0)
    return Neighbours(nearest, index, score)


def candidate_points(articles: Sequence[Article], followers: bool = False) -> list[Point]:
    """Sentences that stand alone, earliest in each article first.

    Large sets keep fewer sentences per article (their leads) so the pool
    stays near ``MAX_POOL``: one per article at most beyond that. With
    ``followers``, a sentence that leans only on the kept sentence right
    before it (:func:`briefing.text.stands_after`) is kept too, for the
    overview, which shows it only after that sentence. Page chrome (photo
    captions, player controls) is never a candidate.
    """
    per_article = max(1, min(CANDIDATES_PER_ARTICLE, MAX_POOL // max(1, len(articles))))
    points = []
    for article in articles:
        kept, previous = 0, -2
        for sentence in article.sentences:
            if kept >= per_article:
                break
            if is_chrome(sentence.text):
                continue  # a caption or a player's controls is never a point
            if stands_alone(sentence.text):
                kept, previous = kept + 1, sentence.index
            elif not (followers and previous == sentence.index - 1 and stands_after(sentence.text)):
                continue
            points.append(Point(sentence.text, article.id, sentence.paragraph, sentence.index))
    return points


def find_themes(pool: Pool, order: Sequence[str], encode: Encode) -> list[Theme]:
    """Groups of sentences from two or more articles that make the same point, labelled."""
    groups = _group(pool)
    rank = {article_id: n for n, article_id in enumerate(order)}
    ordered = [_central_first(pool, group, rank) for group in groups[:MAX_THEMES]]
    texts = [[pool.points[k].text for k in group] for group in ordered]
    centroids = [_unit(pool.vectors[group].sum(axis=0)) for group in ordered]
    labels = label_themes(texts, centroids, [p.text for p in pool.points], encode)
    return [
        Theme(label.text, label.keywords, tuple(pool.points[k] for k in group))
        for label, group in zip(labels, ordered, strict=True)
    ]


def _group(pool: Pool) -> list[list[int]]:
    """Greedy grouping over close cross-article pairs, strongest pair first."""
    first, second, _ = _close_pairs(pool)
    codes, vectors = pool.article_codes, pool.vectors
    groups: list[list[int]] = []
    sums: list[np.ndarray] = []
    covered: list[set[int]] = []
    member: dict[int, int] = {}
    for i, j in zip(first.tolist(), second.tolist(), strict=True):
        if i in member and j in member:
            continue
        if i not in member and j not in member:
            member[i] = member[j] = len(groups)
            groups.append([i, j])
            sums.append(vectors[i] + vectors[j])
            covered.append({int(codes[i]), int(codes[j])})
            continue
        inside, outside = (i, j) if i in member else (j, i)
        g = member[inside]
        if int(codes[outside]) in covered[g]:
            continue
        if float(vectors[outside] @ sums[g]) / len(groups[g]) >= THEME_SIMILARITY:
            groups[g].append(outside)
            sums[g] = sums[g] + vectors[outside]
            covered[g].add(int(codes[outside]))
            member[outside] = g
    cohesion = [_cohesion(s, len(g)) for s, g in zip(sums, groups, strict=True)]
    order = sorted(range(len(groups)), key=lambda n: (-len(groups[n]), -cohesion[n]))
    return [groups[n] for n in order]


def _close_pairs(pool: Pool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cross-article pairs above the theme threshold, each once, most similar first."""
    neighbours = pool.neighbours
    rows, slots = np.nonzero(neighbours.score >= THEME_SIMILARITY)
    cols = neighbours.index[rows, slots]
    first, second = np.minimum(rows, cols), np.maximum(rows, cols)
    count = max(len(pool.points), 1)
    keys, where = np.unique(first * count + second, return_index=True)
    first, second = keys // count, keys % count
    similarity = neighbours.score[rows[where], slots[where]]
    ranked = np.argsort(-similarity, kind="stable")
    return first[ranked], second[ranked], similarity[ranked]


def _central_first(pool: Pool, group: list[int], rank: dict[str, int]) -> list[int]:
    """The sentence closest to the theme's centre, then the others in reading order."""
    centre = pool.vectors[group].sum(axis=0)
    central = group[int(np.argmax(pool.vectors[group] @ centre))]
    rest = sorted((k for k in group if k != central), key=lambda k: rank[pool.article_of[k]])
    return [central, *rest]


def _cohesion(total: np.ndarray, size: int) -> float:
    """Mean pairwise cosine of unit vectors from their sum: (|sum|^2 - n) / (n^2 - n)."""
    return float((total @ total - size) / (size * size - size)) if size > 1 else 0.0


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector
