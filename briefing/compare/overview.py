"""The brief's lede: a short summary of all articles together, without repeats."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from briefing.compare.themes import Pool
from briefing.models import Point
from briefing.summarize.length import Length
from briefing.summarize.selection import rescale, select, unit
from briefing.text import stands_alone

DIVERSITY = 0.5  # stronger than within one article: the same fact recurs across outlets


def salience(pool: Pool) -> np.ndarray:
    """How central, how early in its article, and how widely echoed each sentence is."""
    vectors = pool.vectors
    if not len(vectors):
        return np.zeros(0)
    centrality = vectors @ unit(vectors.mean(axis=0))
    codes = pool.article_codes
    # rank of each sentence within its own article: 0 for its first standalone
    # candidate, 1 next...; a leaning one shares its predecessor's rank
    alone = np.ones(len(codes))
    alone[list(leaning(pool))] = 0.0
    order = np.argsort(codes, kind="stable")
    counted = np.cumsum(alone[order])
    starts = np.searchsorted(codes[order], codes[order])
    before = np.concatenate([[0.0], counted])[starts]
    rank = np.empty(len(codes), dtype=np.float64)
    rank[order] = np.maximum(counted - before - 1, 0)
    position = np.exp(-rank / 3.0)
    support = pool.neighbours.nearest.astype(np.float64)
    return rescale(rescale(centrality) + 1.5 * position + rescale(support))


def leaning(pool: Pool) -> dict[int, int]:
    """Pool sentences that do not stand alone, each with the sentence before it in its article.

    The pool holds such a sentence only when that predecessor is in it too
    (``candidate_points(..., followers=True)``); the overview shows the pair
    together, the predecessor first, or not at all.
    """
    where = {(p.article_id, p.sentence): k for k, p in enumerate(pool.points)}
    needs = {}
    for k, point in enumerate(pool.points):
        before = where.get((point.article_id, point.sentence - 1))
        if before is not None and not stands_alone(point.text):
            needs[k] = before
    return needs


def build_overview(
    pool: Pool, scores: np.ndarray, length: Length, order: Sequence[str]
) -> list[Point]:
    """Pick across all articles with redundancy control; present oldest article first."""
    if not pool.points:
        return []
    texts = [p.text for p in pool.points]
    picked = select(
        scores, pool.vectors, list(range(len(texts))), length, texts, DIVERSITY, leaning(pool)
    )
    rank = {article_id: n for n, article_id in enumerate(order)}
    chosen = [pool.points[i] for i in picked]
    return sorted(chosen, key=lambda p: (rank.get(p.article_id, len(rank)), p.sentence))
