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
    """Articles x distinct shingles, 1 where the article has the shingle; and set sizes."""
    columns: dict[tuple[str, ...], int] = {}
    indices: list[int] = []
    pointers = [0]
    for article in articles:
        own = {columns.setdefault(s, len(columns)) for s in _shingles(article)}
        indices.extend(sorted(own))
        pointers.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    shape = (len(articles), max(1, len(columns)))
    matrix = sparse.csr_matrix((data, np.array(indices, dtype=np.int64), pointers), shape=shape)
    return matrix, np.diff(pointers)


def containment(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    """Shared shingles as a share of the smaller set (the measure the matrix computes)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _shingles(article: Article) -> set[tuple[str, ...]]:
    tokens = words(" ".join(article.paragraphs))
    return {tuple(tokens[i : i + SHINGLE]) for i in range(max(0, len(tokens) - SHINGLE + 1))}
