"""Find articles that repeat another one, such as one wire story on two sites."""

from __future__ import annotations

from collections.abc import Sequence

from briefing.models import Article, Duplicate
from briefing.text import words

SHINGLE = 5
THRESHOLD = 0.6
"""Share of the shorter article's five-word shingles found in the other one."""


def find_duplicates(articles: Sequence[Article]) -> list[Duplicate]:
    """Each later article whose text is mostly contained in an earlier one."""
    shingles = [_shingles(article) for article in articles]
    found: list[Duplicate] = []
    kept: list[int] = []
    for i, article in enumerate(articles):
        match = max(
            ((j, containment(shingles[i], shingles[j])) for j in kept),
            key=lambda p: p[1],
            default=None,
        )
        if match and match[1] >= THRESHOLD:
            found.append(Duplicate(article.id, articles[match[0]].id, round(match[1], 3)))
        else:
            kept.append(i)
    return found


def containment(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _shingles(article: Article) -> set[tuple[str, ...]]:
    tokens = words(" ".join(article.paragraphs))
    return {tuple(tokens[i : i + SHINGLE]) for i in range(max(0, len(tokens) - SHINGLE + 1))}
