"""Where they differ: each article's most salient points that no other article covers.

A point qualifies when no sentence of any other article comes close to it,
when it is central to its own article (above the least central quarter of its
sentences, which leaves scene-setting and asides out), when
it stands alone (the pool holds only such sentences) and when it is not
mostly quotation. Within an article the picks must not repeat each other.

Among the qualifying points, those a reader needs come first: a point that
names people or organisations, states a figure, or reports a consequence
(someone killed, arrested, charged, a plan approved or cancelled) outranks
scene-setting of the same salience. Only these candidates are parsed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from briefing.compare.themes import MAX_POOL, Encode, Pool
from briefing.models import Article, Point
from briefing.summarize.selection import rescale, unit

UNIQUE_SIMILARITY = 0.4
MAX_PER_ARTICLE = 2
REPEAT = 0.6
"""Two picks of one article closer than this say the same thing; the second is dropped."""
CENTRAL_QUANTILE = 0.25
"""A point must be closer to its article's centroid than the article's least central quarter."""
QUOTED_SHARE = 0.4
NAMED = frozenset({"PERSON", "ORG", "NORP"})
FIGURES = frozenset({"MONEY", "PERCENT", "CARDINAL", "QUANTITY"})
CONSEQUENCES = frozenset(
    """kill die injure wound arrest charge convict sentence acquit jail fine sue resign fire
    close evacuate ban approve reject cancel suspend delay raise cut launch fail collapse
    destroy rescue recall veto""".split()
)
"""Verb lemmas that report an outcome for someone: what a reader acts or judges on."""
NEED_WEIGHT = 0.5
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")


def find_unique(
    pool: Pool, salience: np.ndarray, articles: Sequence[Article], encode: Encode
) -> list[Point]:
    """Per article, up to two central, standalone points no other article echoes."""
    codes = pool.article_codes
    if len(np.unique(codes)) < 2:
        return []
    nearest = _nearest_anywhere(pool, articles, encode)
    unique: list[Point] = []
    for code in dict.fromkeys(codes.tolist()):
        own = np.flatnonzero(codes == code)
        vectors = pool.vectors[own]
        centrality = vectors @ unit(vectors.mean(axis=0))
        score = rescale(centrality) + salience[own]
        eligible = [
            n
            for n in range(len(own))
            if nearest[own[n]] < UNIQUE_SIMILARITY
            and centrality[n] >= np.quantile(centrality, CENTRAL_QUANTILE)
            and not mostly_quoted(pool.points[own[n]].text)
        ]
        need = reader_need([pool.points[own[n]].text for n in eligible])
        eligible.sort(
            key=lambda n: -(score[n] + NEED_WEIGHT * need.get(pool.points[own[n]].text, 0))
        )
        picked: list[int] = []
        for n in eligible:
            if len(picked) == MAX_PER_ARTICLE:
                break
            if all(float(vectors[n] @ vectors[m]) < REPEAT for m in picked):
                picked.append(n)
        unique.extend(pool.points[own[n]] for n in sorted(picked))
    return unique


def reader_need(texts: Sequence[str]) -> dict[str, float]:
    """0 to 3 a sentence: it names people or organisations, states a figure, tells a consequence."""
    from briefing import language

    need = {}
    for text, doc in zip(texts, language.parsed(texts), strict=True):
        names = {e.text for e in doc.ents if e.label_ in NAMED}
        figure = any(e.label_ in FIGURES for e in doc.ents)
        consequence = any(t.pos_ == "VERB" and t.lemma_.lower() in CONSEQUENCES for t in doc)
        need[text] = min(len(names), 2) / 2 + float(figure) + float(consequence)
    return need


def _nearest_anywhere(pool: Pool, articles: Sequence[Article], encode: Encode) -> np.ndarray:
    """Each pool sentence's best match among all sentences of the other articles.

    The pool leaves out sentences that cannot stand alone, but they can still
    say the same thing, so small briefs check against every sentence; above
    ``MAX_POOL`` sentences the pool's own neighbours stand in.
    """
    texts = [s.text for a in articles for s in a.sentences]
    if len(texts) > MAX_POOL:
        return pool.neighbours.nearest
    owners = np.array([a.id for a in articles for _ in a.sentences])
    similarity = pool.vectors @ encode(texts).T
    similarity[pool.article_of[:, None] == owners[None, :]] = -np.inf
    best = similarity.max(axis=1)
    return np.where(np.isfinite(best), best, 0.0)


def mostly_quoted(text: str) -> bool:
    """Whether quoted speech makes up much of the sentence: a quote is not the article's point."""
    quoted = sum(len(m.group(0)) for m in _QUOTED.finditer(text))
    return quoted >= QUOTED_SHARE * len(text)
