"""Find articles that repeat another one, such as one wire story on two sites.

Each article becomes a row of a sparse 0/1 matrix over its five-word
shingles; one block of rows times the whole matrix gives the shared shingle
counts of those articles with every other article at once, so there is no
Python loop over pairs and memory stays at one block.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

from briefing.models import Article, Duplicate
from briefing.text import words

SHINGLE = 5
THRESHOLD = 0.6
"""Share of the shorter article's five-word shingles found in the other one."""
BLOCK = 512


def find_duplicates(articles: Sequence[Article]) -> list[Duplicate]:
    """Each later article whose text is mostly contained in an earlier kept one."""
    matrix, sizes = shingle_matrix(articles)
    kept = np.zeros(len(articles), dtype=bool)
    found: list[Duplicate] = []
    for start in range(0, len(articles), BLOCK):
        stop = min(start + BLOCK, len(articles))
        shared = (matrix[start:stop] @ matrix[:stop].T).toarray()
        for row, i in enumerate(range(start, stop)):
            share = shared[row, :i] / np.maximum(np.minimum(sizes[i], sizes[:i]), 1)
            share[~kept[:i]] = 0.0
            j = int(np.argmax(share)) if i else 0
            if i and sizes[i] and share[j] >= THRESHOLD:
                found.append(Duplicate(articles[i].id, articles[j].id, round(float(share[j]), 3)))
            else:
                kept[i] = True
    return found


def shingle_matrix(articles: Sequence[Article]) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Articles x distinct shingles, 1 where the article has the shingle; and set sizes.

    Words become integers and each five-word window one 64-bit key, computed
    with numpy rather than as Python tuples.
    """
    vocabulary: dict[str, int] = {}
    keys = [_shingle_keys(article, vocabulary) for article in articles]
    sizes = np.array([len(k) for k in keys], dtype=np.int64)
    every = np.concatenate(keys) if keys else np.zeros(0, dtype=np.uint64)
    columns = np.unique(every, return_inverse=True)[1].reshape(-1)
    pointers = np.concatenate([[0], np.cumsum(sizes)])
    data = np.ones(len(columns), dtype=np.float32)
    shape = (len(articles), max(1, int(columns.max()) + 1 if len(columns) else 1))
    return sparse.csr_matrix((data, columns, pointers), shape=shape), sizes


def _shingle_keys(article: Article, vocabulary: dict[str, int]) -> np.ndarray:
    """The article's distinct five-word windows as 64-bit keys (a polynomial hash)."""
    tokens = words(" ".join(article.paragraphs))
    ids = np.array([vocabulary.setdefault(t, len(vocabulary)) for t in tokens], dtype=np.uint64)
    if len(ids) < SHINGLE:
        return np.zeros(0, dtype=np.uint64)
    key = np.zeros(len(ids) - SHINGLE + 1, dtype=np.uint64)
    for offset in range(SHINGLE):
        key = key * np.uint64(1_000_003) + ids[offset : len(ids) - SHINGLE + 1 + offset]
    return np.unique(key)
