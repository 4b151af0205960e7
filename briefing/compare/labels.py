"""Names for articles that tell them apart within one brief.

Outlet and date when known ("Metro Daily, 1 June 2023"), otherwise a
shortened title, otherwise the file or page name. "Unknown outlet" is never a
label: with plain-text inputs and no metadata that would name every article
the same.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import PurePosixPath

from briefing.compare.chrome import is_chrome
from briefing.models import Article
from briefing.text import STOPWORDS

TITLE_WORDS = 6


def label_articles(articles: Sequence[Article]) -> list[Article]:
    """The articles, each with a ``label`` no other article of the brief has.

    A title that is page chrome (a photo caption scraped as the first line)
    names nothing: the file or page name stands in for it.
    """
    articles = [
        replace(a, title=_file_name(a.source)) if is_chrome(a.title) else a for a in articles
    ]
    labels = [base_label(a) for a in articles]
    for article_index in _clashing(labels):
        article = articles[article_index]
        title = short_title(article)
        if title and title not in labels[article_index] and not title_from_file(article):
            labels[article_index] = f"{labels[article_index]}: {title}"
    seen: Counter[str] = Counter()
    for n in _clashing(labels):
        seen[labels[n]] += 1
        if seen[labels[n]] > 1:
            labels[n] = f"{labels[n]} ({seen[labels[n]]})"
    return [replace(a, label=label) for a, label in zip(articles, labels, strict=True)]


def base_label(article: Article) -> str:
    day = article.published_date
    when = f"{day.day} {day:%B %Y}" if day else ""
    if article.outlet:
        return f"{article.outlet}, {when}" if when else article.outlet
    if not title_from_file(article) and article.title.strip():
        title = short_title(article)
        return f"{title}, {when}" if when else title
    return _file_name(article.source)


def short_title(article: Article) -> str:
    """The title's first words, cut at a word ("Poll finds most Port Halden residents…")."""
    words = article.title.split()
    if len(words) <= TITLE_WORDS:
        return article.title.strip()
    kept = words[:TITLE_WORDS]
    while len(kept) > 2 and kept[-1].lower().strip(",;:.") in STOPWORDS:
        kept.pop()  # "Families wait for news after the…" reads better cut at "news"
    return " ".join(kept).rstrip(",;:.") + "…"


def _clashing(labels: list[str]) -> list[int]:
    counts = Counter(labels)
    return [n for n, label in enumerate(labels) if counts[label] > 1]


def title_from_file(article: Article) -> bool:
    """Whether the title was only made from the file name (so it names nothing)."""
    stem = re.sub(r"[-_]+", " ", PurePosixPath(article.source.replace("\\", "/")).stem).strip()
    return not stem or article.title.lower() == stem.lower()


def _file_name(source: str) -> str:
    name = source.rstrip("/").rsplit("/", 1)[-1].split("?")[0]
    return name or source
