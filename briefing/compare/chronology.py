"""Order articles by date and measure the time between them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from dateutil.relativedelta import relativedelta

from briefing.models import Article, Chronology, Span, TimelineEntry


def build_chronology(articles: Sequence[Article]) -> Chronology:
    """Dated articles oldest first; undated ones are listed apart, never placed by guess."""
    dated = sorted((a for a in articles if a.published_date), key=lambda a: a.published_date)
    entries: list[TimelineEntry] = []
    previous: date | None = None
    for article in dated:
        day = article.published_date
        entries.append(
            TimelineEntry(article.id, day, span_between(previous, day) if previous else None)
        )
        previous = day
    undated = tuple(a.id for a in articles if not a.published_date)
    overall = (
        span_between(entries[0].published, entries[-1].published) if len(entries) > 1 else None
    )
    return Chronology(tuple(entries), undated, overall)


def span_between(start: date, end: date) -> Span:
    delta = relativedelta(end, start)
    return Span(delta.years, delta.months, delta.days)
