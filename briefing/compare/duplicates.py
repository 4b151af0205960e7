"""Find articles that repeat another one, such as one wire story on two sites.

Each article becomes a set of five-word shingles. A brief of a few articles
counts the shingles each pair shares directly. Past :data:`FEW` articles,
each becomes a row of a sparse 0/1 matrix over the shingles; one block of
rows times the whole matrix gives the shared counts of those articles with
every other article at once, so there is no Python loop over pairs and
memory stays at one block. SciPy (about 0.3 s to import) is imported only
then: a usual brief never pays for it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import numpy as np

from briefing.models import Article, Duplicate
from briefing.text import words

if TYPE_CHECKING:
    from scipy import sparse

SHINGLE = 5
THRESHOLD = 0.6
"""Share of the shorter article's five-word shingles found in the other one."""
BLOCK = 512
FEW = 48
"""Up to this many articles, pairs are counted one by one (about 1,100 pairs, a few ms)."""


def find_duplicates(articles: Sequence[Article], few: int = FEW) -> list[Duplicate]:
    """Each later article whose text is mostly contained in an earlier kept one."""
    vocabulary: dict[str, int] = {}
    keys = [_shingle_keys(article, vocabulary) for article in articles]
    sizes = np.array([len(k) for k in keys], dtype=np.int64)
    kept = np.zeros(len(articles), dtype=bool)
    found: list[Duplicate] = []
    blocks = _pairwise(keys) if len(articles) <= few else _blockwise(keys, sizes)
    for start, stop, shared in blocks:
        for row, i in enumerate(range(start, stop)):
            share = shared[row, :i] / np.maximum(np.minimum(sizes[i], sizes[:i]), 1)
            share[~kept[:i]] = 0.0
            j = int(np.argmax(share)) if i else 0
            if i and sizes[i] and share[j] >= THRESHOLD:
                found.append(Duplicate(articles[i].id, articles[j].id, round(float(share[j]), 3)))
            else:
                kept[i] = True
    return found


def _pairwise(keys: list[np.ndarray]) -> Iterator[tuple[int, int, np.ndarray]]:
    """One block: the shingles each pair of articles shares, counted pair by pair."""
    shared = np.zeros((len(keys), len(keys)))
    for i in range(len(keys)):
        for j in range(i):
            shared[i, j] = len(np.intersect1d(keys[i], keys[j], assume_unique=True))
    yield 0, len(keys), shared


def _blockwise(keys: list[np.ndarray], sizes: np.ndarray) -> Iterator[tuple[int, int, np.ndarray]]:
    """Blocks of :data:`BLOCK` rows of the shared counts, from the sparse matrix."""
    matrix = _matrix(keys, sizes)
    for start in range(0, len(keys), BLOCK):
        stop = min(start + BLOCK, len(keys))
        yield start, stop, (matrix[start:stop] @ matrix[:stop].T).toarray()


def shingle_matrix(articles: Sequence[Article]) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Articles x distinct shingles, 1 where the article has the shingle; and set sizes.

    Words become integers and each five-word window one 64-bit key, computed
    with numpy rather than as Python tuples.
    """
    vocabulary: dict[str, int] = {}
    keys = [_shingle_keys(article, vocabulary) for article in articles]
    sizes = np.array([len(k) for k in keys], dtype=np.int64)
    return _matrix(keys, sizes), sizes


def _matrix(keys: list[np.ndarray], sizes: np.ndarray) -> sparse.csr_matrix:
    from scipy import sparse

    every = np.concatenate(keys) if keys else np.zeros(0, dtype=np.uint64)
    columns = np.unique(every, return_inverse=True)[1].reshape(-1)
    pointers = np.concatenate([[0], np.cumsum(sizes)])
    data = np.ones(len(columns), dtype=np.float32)
    shape = (len(keys), max(1, int(columns.max()) + 1 if len(columns) else 1))
    return sparse.csr_matrix((data, columns, pointers), shape=shape)


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
