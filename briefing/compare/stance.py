"""Stance versus change: pieces near in time that argue opposite ways are positions.

Two dated articles published within :data:`STANCE_DAYS` of each other that
share a theme, where one's sentences on the theme read clearly positive and
the other's clearly negative (the mean VADER score of all of an article's
sentences on the theme, not one sentence), argue for and against: the brief
shows them as positions, each with its author and the author's affiliation
from the author note, and never as the coverage "turning" one way. A change
of tone over time is only read across articles further apart than that.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from itertools import combinations

import numpy as np

from briefing.compare.framing import STANCE_DAYS, compound, coverage_of
from briefing.compare.themes import Pool
from briefing.models import Article, Point, Position, Theme

POLAR = 0.15
"""Mean tone beyond which an article's sentences on a theme argue one way (VADER, -1 to 1)."""
_ROLE = re.compile(r"\b(?:is|was|are)\s+(?:an?\s+|the\s+)?(.+?)[.]?$")


def find_positions(
    themes: Sequence[Theme], pool: Pool, articles: Mapping[str, Article]
) -> list[Position]:
    """For the first theme two near pieces argue opposite ways on: one position each."""
    where = {(p.article_id, p.sentence): n for n, p in enumerate(pool.points)}
    for theme in themes:
        coverage = coverage_of(theme, pool, where)
        for first, second in combinations(theme.article_ids, 2):
            if not near(articles[first], articles[second]):
                continue
            sides = [_side(coverage[a]) for a in (first, second)]
            if sides[0][0] and sides[1][0] and sides[0][0] != sides[1][0]:
                return [
                    position(articles[a], stance, point, theme.label)
                    for a, (stance, point) in zip((first, second), sides, strict=True)
                ]
    return []


def near(first: Article, second: Article) -> bool:
    """Whether two articles were published within :data:`STANCE_DAYS` of each other."""
    a, b = first.published_date, second.published_date
    return a is not None and b is not None and abs((a - b).days) <= STANCE_DAYS


def _side(points: Sequence[Point]) -> tuple[str, Point]:
    """The stance of the sentences and the sentence that states it most strongly."""
    scores = [compound(p.text) for p in points]
    mean = float(np.mean(scores)) if scores else 0.0
    stance = "for" if mean >= POLAR else "against" if mean <= -POLAR else ""
    pick = int(np.argmax(scores) if stance == "for" else np.argmin(scores)) if scores else 0
    return stance, points[pick]


def position(article: Article, stance: str, point: Point, theme: str) -> Position:
    author = ", ".join(article.authors)
    return Position(article.id, stance, point, theme, author, affiliation(article))


def affiliation(article: Article) -> str:
    """Who the author works for, from the author note: its first organisation, else its role.

    "Samuel Okafor is a senior fellow at the Halden Policy Forum." gives
    "Halden Policy Forum"; "Jane Roe is a retired bus driver." gives
    "retired bus driver". Notes about someone else are not read.
    """
    from briefing import language

    surnames = {name.split()[-1] for name in article.authors if name.split()}
    notes = [n for n in article.author_notes if not surnames or any(s in n for s in surnames)]
    for doc in language.parsed(notes):
        organisations = [e.text for e in doc.ents if e.label_ == "ORG"]
        if organisations:
            return organisations[0]
        role = _ROLE.search(doc.text.strip())
        if role:
            return role.group(1).strip()
    return ""
