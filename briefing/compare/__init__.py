"""Compare: what the articles share, where they differ and how coverage moved.

``compare`` is the stage's one entry point; it works on any engine's output
because it reads the articles' own sentences and only needs an encoder.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from briefing.compare.bottom_line import build_bottom_line
from briefing.compare.chronology import build_chronology
from briefing.compare.differ import find_unique
from briefing.compare.duplicates import find_duplicates
from briefing.compare.figures import find_figures
from briefing.compare.framing import framing_shifts
from briefing.compare.overview import build_overview, salience
from briefing.compare.reading import read_articles
from briefing.compare.sources import find_citations
from briefing.compare.stance import find_positions
from briefing.compare.themes import Pool, candidate_points, find_themes
from briefing.compare.tracked import track_figures, with_themes, without_conflicts
from briefing.models import Article, Comparison, Point
from briefing.summarize.embeddings import SentenceEncoder
from briefing.summarize.length import DEFAULT_OVERVIEW, Length
from briefing.text import stands_alone

__all__ = ["DEFAULT_OVERVIEW", "compare", "overview_of"]


def overview_of(
    articles: Sequence[Article], encoder: SentenceEncoder, length: Length = DEFAULT_OVERVIEW
) -> list[Point]:
    """The multi-document summary alone: what ``compare`` puts at the top of a brief."""
    order = _reading_order(articles)
    points = candidate_points(articles, followers=True)
    pool = Pool(points, encoder.encode([p.text for p in points]))
    return build_overview(pool, salience(pool), length, order)


def _reading_order(articles: Sequence[Article]) -> list[str]:
    chronology = build_chronology(articles)
    return [e.article_id for e in chronology.entries] + list(chronology.undated)


def compare(
    articles: Sequence[Article],
    encoder: SentenceEncoder,
    overview_length: Length = DEFAULT_OVERVIEW,
) -> Comparison:
    """Everything the brief says across articles; duplicates are reported, not counted."""
    duplicates = find_duplicates(articles)
    repeated = {d.article_id for d in duplicates}
    distinct = [a for a in articles if a.id not in repeated]
    chronology = build_chronology(articles)
    order = [e.article_id for e in chronology.entries] + list(chronology.undated)
    shown = candidate_points(distinct, followers=True)
    whole = Pool(shown, encoder.encode([p.text for p in shown]))
    overview = build_overview(whole, salience(whole), overview_length, order)
    alone = [k for k, p in enumerate(shown) if stands_alone(p.text)]
    pool = Pool([shown[k] for k in alone], whole.vectors[alone])
    scores = salience(pool)
    themes, unique, framing, positions = [], [], [], []
    by_id = {a.id: a for a in distinct}
    if len(distinct) >= 2:
        themes = find_themes(pool, order, encoder.encode)
        unique = find_unique(pool, scores, distinct, encoder.encode)
    readings = read_articles(distinct)
    series, conflicts = track_figures(readings)
    reported, themes = themes, without_conflicts(themes, conflicts)  # subjects stay shared
    if len(distinct) >= 2:
        framing = framing_shifts(themes, pool, by_id)
        positions = find_positions(themes, by_id)
    series = with_themes(series, themes)
    citations = find_citations(readings)
    reading = [by_id[i] for i in order if i in by_id]  # distinct articles, in reading order
    framing = [
        replace(shift, series=tuple(s for s in series if shift.theme in s.themes))
        for shift in framing
    ]
    return Comparison(
        overview=tuple(overview),
        chronology=chronology,
        themes=tuple(themes),
        unique=tuple(unique),
        framing=tuple(framing),
        figures=tuple(find_figures(readings)),
        citations=tuple(citations),
        duplicates=tuple(duplicates),
        series=tuple(series),
        conflicts=tuple(conflicts),
        bottom_line=build_bottom_line(
            themes, reading, conflicts, positions, series, framing, citations, reported
        ),
        positions=tuple(positions),
    )
