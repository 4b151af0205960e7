"""The brief's lede: a short summary of all articles together, without repeats."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from briefing.compare.themes import Pool
from briefing.models import Point
from briefing.summarize.engines.extractive import rescale, select, unit
from briefing.summarize.length import Length

DIVERSITY = 0.5  # stronger than within one article: the same fact recurs across outlets


def salience(pool: Pool) -> np.ndarray:
    """How central, how early in its article, and how widely echoed each sentence is."""
    vectors = pool.vectors
    centrality = vectors @ unit(vectors.mean(axis=0))
    position = np.zeros(len(pool.points))
    support = np.zeros(len(pool.points))
    article_of, similarity = pool.article_of, pool.similarity
    for article_id in dict.fromkeys(article_of):
        own = np.flatnonzero(article_of == article_id)
        position[own] = np.exp(-np.arange(len(own)) / 3.0)
        others = np.flatnonzero(article_of != article_id)
        if len(others):
            support[own] = similarity[np.ix_(own, others)].max(axis=1)
    return rescale(rescale(centrality) + 1.5 * position + rescale(support))


def build_overview(
    pool: Pool, scores: np.ndarray, length: Length, order: Sequence[str]
) -> list[Point]:
    """Pick across all articles with redundancy control; present oldest article first."""
    if not pool.points:
        return []
    texts = [p.text for p in pool.points]
    picked = select(scores, pool.vectors, list(range(len(texts))), length, texts, DIVERSITY)
    rank = {article_id: n for n, article_id in enumerate(order)}
    chosen = [pool.points[i] for i in picked]
    return sorted(chosen, key=lambda p: (rank.get(p.article_id, len(rank)), p.sentence))
