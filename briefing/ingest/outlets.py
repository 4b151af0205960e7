"""Outlets the text does not state, from contact domains matched across the brief.

An article that names no outlet may still carry a contact address
(opinion@examplepost.com) or a link whose domain spells an outlet another
article of the same brief names ("Example Post"). This needs every article,
so it runs once after all are read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from briefing.ingest import metadata
from briefing.models import Article


def attribute_outlets(articles: Sequence[Article]) -> list[Article]:
    """The articles, each without an outlet given one when a contact domain names it,
    and one outlet written one way throughout (see :func:`unify_outlets`)."""
    articles = unify_outlets(articles)
    if all(a.outlet for a in articles):
        return list(articles)
    known = [a.outlet for a in articles if a.outlet]
    written = metadata.named_outlets(
        [text for a in articles for text in (*a.paragraphs, *a.removed, *a.author_notes)]
    )
    candidates = list(dict.fromkeys([*known, *written]))
    return [a if a.outlet else _with_domain_outlet(a, candidates) for a in articles]


def unify_outlets(articles: Sequence[Article]) -> list[Article]:
    """One spelling per outlet: "Valley Courier" in a masthead and "The Valley Courier"
    in a byline are one outlet, so the brief does not count two. The spelling most
    articles use wins; on a tie, the longer one ("The ...")."""
    spellings: dict[str, Counter[str]] = {}
    for article in articles:
        if article.outlet:
            spellings.setdefault(_outlet_key(article.outlet), Counter())[article.outlet] += 1
    chosen = {
        key: max(counts, key=lambda name: (counts[name], len(name)))
        for key, counts in spellings.items()
    }
    return [replace(a, outlet=chosen[_outlet_key(a.outlet)]) if a.outlet else a for a in articles]


def _outlet_key(name: str) -> str:
    return re.sub(r"^the", "", re.sub(r"[^a-z0-9]", "", name.lower()))


def _with_domain_outlet(article: Article, candidates: list[str]) -> Article:
    texts = (*article.removed, *article.author_notes, *article.paragraphs, article.url or "")
    for host in metadata.contact_domains(texts):
        label = metadata.domain_label(host)
        if not label:
            continue
        name = next((c for c in candidates if metadata.matches_domain(c, label)), None)
        if name:
            return replace(article, outlet=name)
    return article
