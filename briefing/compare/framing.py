"""How the framing changed: for each theme covered over time, what moved.

For every article in a theme, its coverage of the theme is all its candidate
sentences close to the theme's centroid. Coverage after the earliest date is
compared with the earliest: the noun phrases only the later coverage uses
(the parser's noun chunks, each with the sentences that use it), and the
change in tone, each article's tone the mean of all its sentences on the theme,
scored with VADER (a lexicon and rules, shipped inside the ``vaderSentiment``
package, so nothing is downloaded). Argued pieces (opinion, comment) within
:data:`STANCE_DAYS` of each other answer each other rather than show change
(see ``stance``), so such a theme shows no shift; news reports days apart
still do. Undated articles of the theme are named, never placed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from functools import cache
from typing import Any

import numpy as np

from briefing.compare.sources import TIME_WORDS
from briefing.compare.theme_labels import candidates
from briefing.compare.themes import Pool
from briefing.models import Article, FramingShift, Point, Term, Theme, Tone
from briefing.summarize.selection import unit
from briefing.text import content_words
from briefing.text import stem as _stem

STANCE_DAYS = 7
"""Articles this many days apart or fewer answer each other; further apart, coverage moved."""
_OPINION = re.compile(r"\b(?:opinion|comment|viewpoint|editorial|column|op-ed)\b", re.IGNORECASE)
COVERAGE = 0.45
"""Cosine with the theme's centroid above which an article's sentence is about the theme."""
MIN_COVERAGE = 3
"""Sentences of each article read for its tone on a theme, at the least (its closest)."""
MAX_TERMS = 5
NOT_TERMS = TIME_WORDS | {"around", "across", "among", "within", "without", "toward", "towards"}
MAX_TERM_POINTS = 2


def framing_shifts(
    themes: Sequence[Theme], pool: Pool, articles: Mapping[str, Article]
) -> list[FramingShift]:
    """A shift for each theme whose dated articles fall on two or more dates, unless they
    are argued pieces within :data:`STANCE_DAYS` of each other (positions, not change)."""
    where = {(p.article_id, p.sentence): n for n, p in enumerate(pool.points)}
    shifts = []
    for theme in themes:
        dates = {a: articles[a].published_date for a in theme.article_ids}
        dated = sorted((p for p in theme.points if dates[p.article_id]), key=_day(dates))
        if not dated:
            continue
        first, last = dates[dated[0].article_id], dates[dated[-1].article_id]
        if first is None or last is None or first == last:
            continue
        if (last - first).days <= STANCE_DAYS and all(argued(articles[a]) for a in dates):
            continue  # pieces answering each other: positions, not change
        coverage = coverage_of(theme, pool, where)
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


def argued(article: Article) -> bool:
    """An opinion piece: it has an author note, or an opinion label in its title or chrome."""
    labels = (article.title, *article.removed[:6])
    return bool(article.author_notes) or any(_OPINION.search(text) for text in labels)


def _day(dates: Mapping[str, date | None]) -> Any:
    return lambda point: dates[point.article_id]


def coverage_of(
    theme: Theme, pool: Pool, where: Mapping[tuple[str, int], int]
) -> dict[str, list[Point]]:
    """Per article of the theme, its sentences about the theme (its theme point first).

    Those close to the theme's centroid, and at least its :data:`MIN_COVERAGE`
    closest, so an article's tone is never read from one sentence.
    """
    members = [where[(p.article_id, p.sentence)] for p in theme.points]
    centroid = unit(pool.vectors[members].sum(axis=0))
    coverage: dict[str, list[Point]] = {p.article_id: [p] for p in theme.points}
    similarity = pool.vectors @ centroid
    for n in np.argsort(-similarity, kind="stable").tolist():
        point = pool.points[n]
        own = coverage.get(point.article_id)
        if own is None or point in own:
            continue
        if similarity[n] >= COVERAGE or len(own) < MIN_COVERAGE:
            own.append(point)
    return coverage


def new_terms(
    earliest: Sequence[str],
    later: Sequence[str],
    coverage: Mapping[str, list[Point]],
    articles: Mapping[str, Article],
) -> tuple[Term, ...]:
    """Noun phrases of the later coverage whose head word the earliest articles never use.

    Those more later articles use first, else in reading order (each article's
    sentences closest to the theme first); a phrase inside one
    kept ("50,000 native trees" in "planting of 50,000 native trees") is not repeated.
    """
    from briefing import language

    before = {_stem(w) for a in earliest for s in articles[a].sentences for w in _words(s.text)}
    points = list(dict.fromkeys(p for a in later for p in coverage[a]))
    users: dict[str, set[str]] = {}
    support: dict[str, list[Point]] = {}
    surface: dict[str, str] = {}
    for point, doc in zip(points, language.parsed([p.text for p in points]), strict=True):
        for candidate in candidates(doc, min_words=1):
            key = candidate.text.lower()
            head = _words(candidate.text)[-1:] or [key]
            if _stem(head[0]) in before or point in support.get(key, []):
                continue
            surface.setdefault(key, candidate.text)
            users.setdefault(key, set()).add(point.article_id)
            support.setdefault(key, []).append(point)
    ranked: list[str] = []
    for key in sorted(users, key=lambda k: -len(users[k])):
        if len(ranked) < MAX_TERMS and not any(key in k or k in key for k in ranked):
            ranked.append(key)
    return tuple(Term(surface[k], tuple(support[k][:MAX_TERM_POINTS])) for k in ranked)


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
