"""How the framing changed: for each theme covered on different dates, what moved.

For every article in a theme, its coverage of the theme is its candidate
sentences close to the theme's centroid. Coverage after the earliest date is
compared with the earliest: the words only the later coverage uses, and the
change in tone, scored with VADER (a lexicon and rules, shipped inside the
``vaderSentiment`` package, so nothing is downloaded). Undated articles of the
theme are named, never placed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date
from functools import cache
from typing import Any

import numpy as np

from briefing.compare.sources import TIME_WORDS
from briefing.compare.themes import Pool
from briefing.models import Article, FramingShift, Point, Term, Theme, Tone
from briefing.summarize.selection import unit
from briefing.text import content_words
from briefing.text import stem as _stem

COVERAGE = 0.45
"""Cosine with the theme's centroid above which an article's sentence is about the theme."""
MAX_TERMS = 5
NOT_TERMS = TIME_WORDS | {"around", "across", "among", "within", "without", "toward", "towards"}
MAX_TERM_POINTS = 2


def framing_shifts(
    themes: Sequence[Theme], pool: Pool, articles: Mapping[str, Article]
) -> list[FramingShift]:
    """A shift for each theme whose dated articles fall on two or more dates."""
    where = {(p.article_id, p.sentence): n for n, p in enumerate(pool.points)}
    shifts = []
    for theme in themes:
        dates = {a: articles[a].published_date for a in theme.article_ids}
        dated = sorted((p for p in theme.points if dates[p.article_id]), key=_day(dates))
        if len({dates[p.article_id] for p in dated}) < 2:
            continue
        coverage = _coverage(theme, pool, where)
        first, last = dates[dated[0].article_id], dates[dated[-1].article_id]
        earliest = [a for a in coverage if dates[a] == first]
        later = [a for a in coverage if dates[a] and dates[a] > first]
        latest = [a for a in coverage if dates[a] == last]
        new = new_terms(earliest, later, coverage, articles)
        shifts.append(
            FramingShift(
                theme.label,
                dated[0],
                dated[-1],
                tuple(t for t in _words(dated[0].text) if t not in _words(dated[-1].text))[:5],
                tuple(t.term for t in new),
                new,
                tone_change([coverage[a] for a in earliest], [coverage[a] for a in latest]),
                tuple(a for a in theme.article_ids if not dates[a]),
            )
        )
    return shifts


def _day(dates: Mapping[str, date | None]) -> Any:
    return lambda point: dates[point.article_id]


def _coverage(
    theme: Theme, pool: Pool, where: Mapping[tuple[str, int], int]
) -> dict[str, list[Point]]:
    """Per article of the theme, its sentences about the theme (its theme point first)."""
    members = [where[(p.article_id, p.sentence)] for p in theme.points]
    centroid = unit(pool.vectors[members].sum(axis=0))
    coverage: dict[str, list[Point]] = {p.article_id: [p] for p in theme.points}
    close = np.flatnonzero(pool.vectors @ centroid >= COVERAGE)
    for n in close.tolist():
        point = pool.points[n]
        if point.article_id in coverage and point not in coverage[point.article_id]:
            coverage[point.article_id].append(point)
    return coverage


def new_terms(
    earliest: Sequence[str],
    later: Sequence[str],
    coverage: Mapping[str, list[Point]],
    articles: Mapping[str, Article],
) -> tuple[Term, ...]:
    """Words the later coverage uses that the earliest articles never use anywhere."""
    before = {_stem(w) for a in earliest for s in articles[a].sentences for w in _words(s.text)}
    users: Counter[str] = Counter()
    support: dict[str, list[Point]] = {}
    for article_id in later:
        seen: set[str] = set()
        for point in coverage[article_id]:
            for word in _words(point.text):
                if _stem(word) in before or word in seen or len(word) < 4:
                    continue
                seen.add(word)
                users[word] += 1
                support.setdefault(word, []).append(point)
    ranked = sorted(users, key=lambda w: (-users[w], -len(w), w))[:MAX_TERMS]
    return tuple(Term(w, tuple(support[w][:MAX_TERM_POINTS])) for w in ranked)


def tone_change(earliest: Sequence[list[Point]], latest: Sequence[list[Point]]) -> Tone | None:
    """Mean tone of the earliest and the latest coverage, with the sentences that show it."""
    if not earliest or not latest:
        return None
    early = [(compound(p.text), p) for points in earliest for p in points]
    late = [(compound(p.text), p) for points in latest for p in points]
    before = float(np.mean([_article_mean(points) for points in earliest]))
    after = float(np.mean([_article_mean(points) for points in latest]))
    rising = after >= before
    early_point = (min if rising else max)(early, key=lambda e: e[0])[1]
    late_point = (max if rising else min)(late, key=lambda e: e[0])[1]
    return Tone(round(before, 3), round(after, 3), early_point, late_point)


def _article_mean(points: Sequence[Point]) -> float:
    return float(np.mean([compound(p.text) for p in points]))


def compound(text: str) -> float:
    """VADER's compound score: -1 (most negative) to 1 (most positive)."""
    return float(_analyzer().polarity_scores(text)["compound"])


@cache
def _analyzer() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def _words(text: str) -> list[str]:
    """Content words without numbers, possessives, adverbs and past forms (not terms)."""
    found = (re.sub(r"['’]s$", "", w) for w in content_words(text) if not w[0].isdigit())
    return [w for w in found if not w.endswith(("ly", "ed")) and w not in NOT_TERMS]
