"""The public pipeline: ingest -> summarize -> compare, returning a Brief."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path

from briefing.compare import compare
from briefing.compare.labels import label_articles, title_from_file
from briefing.compare.parsing import prefetch
from briefing.ingest import DEFAULT_MAX_BYTES, FeedSelection, Fetcher, Metadata, load_articles
from briefing.ingest.outlets import attribute_outlets
from briefing.models import Article, Brief, Skipped
from briefing.summarize.embeddings import SentenceEncoder, default_encoder
from briefing.summarize.settings import SummarySettings
from briefing.text import STOPWORDS, words

Progress = Callable[[str], None]
STAGES = ("reading articles", "loading model", "summarizing", "comparing")


def read_articles(
    inputs: Iterable[str | Path],
    *,
    metadata: Metadata | None = None,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetcher: Fetcher | None = None,
    feed: FeedSelection | None = None,
) -> tuple[list[Article], list[Skipped]]:
    """The first, light step of a brief: read and label the articles.

    It needs no model, so a batch can read a topic's inputs first and skip the
    heavy steps when they have not changed since its last brief.
    """
    articles, skipped = load_articles(
        inputs, supplied=metadata, strict=strict, max_bytes=max_bytes, fetcher=fetcher, feed=feed
    )
    return label_articles(attribute_outlets(articles)), skipped


def brief_from_articles(
    articles: Sequence[Article],
    skipped: Sequence[Skipped] = (),
    summary: SummarySettings | None = None,
    *,
    title: str | None = None,
    encoder: SentenceEncoder | None = None,
    progress: Progress | None = None,
    created: datetime | None = None,
) -> Brief:
    """The heavy steps of a brief: summarize and compare articles already read.

    ``summary`` (default: the defaults) was checked when it was made. ``created``
    is the brief's time (default: now, to the second); a batch gives every topic
    of a run the same one.
    """
    report = progress or (lambda stage: None)
    summary = summary or SummarySettings()
    prefetch(articles)  # a parser beside this process reads them while the encoder works
    report(STAGES[1])  # the model after the inputs: a wrong path answers at once
    encoder = encoder or default_encoder()
    engine = summary.load(encoder)
    report(STAGES[2])
    summaries = engine.summarize(list(articles), summary.length)
    report(STAGES[3])
    comparison = compare(list(articles), encoder, summary.overview_length)
    return Brief(
        title=title or brief_title(articles),
        created=created or datetime.now().replace(microsecond=0),
        articles=tuple(articles),
        summaries=tuple(summaries),
        comparison=comparison,
        summarizer=engine.name,
        skipped=tuple(skipped),
    )


def brief_title(articles: Sequence[Article]) -> str:
    """The subject the articles share ("Port Halden congestion charge").

    First the phrase most article titles share; then a phrase the titles and
    leads share; then the phrase most articles use anywhere. A title made from
    a file name ("Doc0") never counts.
    """
    if len(articles) == 1 and not title_from_file(articles[0]):
        return articles[0].title
    if len(articles) == 1:
        return _shared_phrase([" ".join(articles[0].paragraphs)], need=1) or articles[0].title
    titled = [a.title if not title_from_file(a) else "" for a in articles]
    shared = _title_phrases(articles, titled)
    if shared:
        return shared
    for texts in (
        [f"{t}. {_lead(a)}" for t, a in zip(titled, articles, strict=True)],
        [" ".join(a.paragraphs) for a in articles],
    ):
        phrase = _shared_phrase(texts)
        if phrase:
            return phrase
    return next((t for t in titled if t), articles[0].title)


def _title_phrases(articles: Sequence[Article], titles: Sequence[str]) -> str | None:
    phrases: Counter[tuple[str, ...]] = Counter()
    for title in titles:
        tokens = words(title)
        phrases.update(  # each phrase once per title, in reading order: ties stay in it
            list(
                dict.fromkeys(
                    tuple(tokens[i : i + n]) for n in (2, 3, 4) for i in range(len(tokens) - n + 1)
                )
            )
        )
    shared = [
        p for p, count in phrases.items() if count >= max(2, len(articles) // 2) and _meaningful(p)
    ]
    if not shared:
        return None
    shared.sort(key=lambda p: (-phrases[p], -len(p)))  # stable: first use breaks ties
    chosen: list[tuple[str, ...]] = []
    for phrase in shared:
        if not any(set(phrase) & set(c) for c in chosen) and len(chosen) < 2:
            chosen.append(phrase)
    phrase = " ".join(_original_case(" ".join(p), titles) for p in chosen)
    return phrase[:1].upper() + phrase[1:]


def _shared_phrase(texts: Sequence[str], need: int | None = None) -> str | None:
    """The 2- to 4-word phrase the most texts use: names first ("Osama bin Laden"),
    then longer, then more often used. Phrases never cross punctuation."""
    in_texts: Counter[tuple[str, ...]] = Counter()
    uses: Counter[tuple[str, ...]] = Counter()
    named: Counter[tuple[str, ...]] = Counter()
    for text in texts:
        grams = list(_grams(text))
        uses.update(g for g, _capitalised in grams)
        named.update(g for g, capitalised in grams if capitalised)
        in_texts.update(list(dict.fromkeys(g for g, _capitalised in grams)))  # not a set: see below
    need = need or max(2, (len(texts) + 1) // 2)
    # in_texts keeps the order phrases were first used, never a set's (hash-seeded) order,
    # so ties in max() below go to the earliest phrase under every PYTHONHASHSEED
    shared = [g for g, count in in_texts.items() if count >= need and uses[g] >= 2]
    if not shared:
        return None
    best = max(
        shared,
        key=lambda g: (in_texts[g], named[g] * 2 > uses[g], len(g), uses[g]),
    )
    phrase = _original_case(" ".join(best), texts)
    return phrase[:1].upper() + phrase[1:]


_CHUNK = re.compile(r"[.,;:!?\"“”()\[\]|/]+\s*|\s[-–—]\s")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def _grams(text: str) -> Iterator[tuple[tuple[str, ...], bool]]:
    """(2- to 4-word phrase, whether it starts and ends with a capital) in ``text``."""
    for chunk in _CHUNK.split(text):
        tokens = _TOKEN.findall(chunk)
        lower = [t.lower().strip("'’-") for t in tokens]
        for n in (2, 3, 4):
            for i in range(len(tokens) - n + 1):
                gram = tuple(lower[i : i + n])
                if _meaningful(gram):
                    yield gram, tokens[i][0].isupper() and tokens[i + n - 1][0].isupper()


def _lead(article: Article) -> str:
    return " ".join(s.text for s in article.sentences[:2])


def _meaningful(phrase: tuple[str, ...]) -> bool:
    return phrase[0] not in STOPWORDS and phrase[-1] not in STOPWORDS


def _original_case(phrase: str, texts: Sequence[str]) -> str:
    pattern = re.compile(r"\W+".join(re.escape(w) for w in phrase.split()), re.IGNORECASE)
    for text in texts:
        match = pattern.search(text)
        if match:
            return match.group(0)
    return phrase
