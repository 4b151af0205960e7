"""The public pipeline: ingest -> summarize -> compare, returning a Brief."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path

from briefing.compare import DEFAULT_OVERVIEW, compare
from briefing.ingest import DEFAULT_MAX_BYTES, FeedSelection, Fetcher, Metadata, load_articles
from briefing.models import Article, Brief
from briefing.summarize import (
    DEFAULT_ENGINE,
    Length,
    Summarizer,
    load_summarizer,
    preflight_summarizer,
)
from briefing.summarize.embeddings import SentenceEncoder, default_encoder
from briefing.text import STOPWORDS, words

Progress = Callable[[str], None]
STAGES = ("reading articles", "loading model", "summarizing", "comparing")


def build_brief(
    inputs: Iterable[str | Path],
    *,
    title: str | None = None,
    length: Length | str | int = 3,
    overview_length: Length | str = DEFAULT_OVERVIEW,
    summarizer: str | Summarizer = DEFAULT_ENGINE,
    summarizer_options: dict[str, object] | None = None,
    metadata: Metadata | None = None,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetcher: Fetcher | None = None,
    feed: FeedSelection | None = None,
    encoder: SentenceEncoder | None = None,
    progress: Progress | None = None,
) -> Brief:
    """Read, summarize and compare articles into a :class:`Brief`.

    ``inputs`` are files, folders, ``@list`` files, URLs and feeds. ``length``
    is per article ("3", "60w", "20%"); ``overview_length`` is for the brief's
    lede. Unusable inputs are listed in ``Brief.skipped`` unless ``strict``.
    """
    report = progress or (lambda stage: None)
    per_article, overview = Length.parse(length), Length.parse(overview_length)
    if isinstance(summarizer, str):  # a missing model fails before any fetching, cheaply
        preflight_summarizer(summarizer, **(summarizer_options or {}))
    report(STAGES[0])
    articles, skipped = load_articles(
        inputs,
        supplied=metadata,
        strict=strict,
        max_bytes=max_bytes,
        fetcher=fetcher,
        feed=feed,
    )
    report(STAGES[1])  # the model after the inputs: a wrong path answers at once
    encoder = encoder or default_encoder()
    engine = (
        load_summarizer(summarizer, encoder=encoder, **(summarizer_options or {}))
        if isinstance(summarizer, str)
        else summarizer
    )
    report(STAGES[2])
    summaries = engine.summarize(articles, per_article)
    report(STAGES[3])
    comparison = compare(articles, encoder, overview)
    return Brief(
        title=title or brief_title(articles),
        created=datetime.now().replace(microsecond=0),
        articles=tuple(articles),
        summaries=tuple(summaries),
        comparison=comparison,
        summarizer=engine.name,
        skipped=tuple(skipped),
    )


def brief_title(articles: Sequence[Article]) -> str:
    """The phrase most article titles share ("Port Halden congestion charge").

    Falls back to the single article's title when titles share nothing.
    """
    if len(articles) == 1:
        return articles[0].title
    phrases: Counter[tuple[str, ...]] = Counter()
    for article in articles:
        tokens = words(article.title)
        phrases.update(
            {tuple(tokens[i : i + n]) for n in (2, 3, 4) for i in range(len(tokens) - n + 1)}
        )
    shared = [
        p for p, count in phrases.items() if count >= max(2, len(articles) // 2) and _meaningful(p)
    ]
    if not shared:
        return f"Brief: {articles[0].title}"
    shared.sort(key=lambda p: (-phrases[p], -len(p)))
    chosen: list[tuple[str, ...]] = []
    for phrase in shared:
        if not any(set(phrase) & set(c) for c in chosen) and len(chosen) < 2:
            chosen.append(phrase)
    return " ".join(_original_case(" ".join(p), articles) for p in chosen)


def _meaningful(phrase: tuple[str, ...]) -> bool:
    return phrase[0] not in STOPWORDS and phrase[-1] not in STOPWORDS


def _original_case(phrase: str, articles: Sequence[Article]) -> str:
    for article in articles:
        index = article.title.lower().find(phrase)
        if index >= 0:
            return article.title[index : index + len(phrase)]
    return phrase
