"""Inputs read into articles: each kind (text, HTML, PDF) by its reader, a feed by its entries.

:func:`load_articles` is the one entry point the pipeline uses; an unusable
input is skipped with its reason, or fails the brief when ``strict``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from briefing.errors import InputError, NotAnArticle
from briefing.ingest.document import Document, Metadata, article_from_text
from briefing.ingest.feeds import FeedSelection, entries, is_feed
from briefing.ingest.fetch import Fetcher, is_url
from briefing.ingest.html import is_html
from briefing.ingest.inputs import expand_inputs
from briefing.ingest.reading import DEFAULT_MAX_BYTES, decode, read_bytes
from briefing.models import Article, Skipped

Reader = Callable[[Document, str, Metadata], Article]


def _read_text(document: Document, article_id: str, supplied: Metadata) -> Article:
    """A feed's name is the weakest evidence of the outlet: the page's own comes first."""
    text = decode(document.data, document.source)
    hint = document.metadata
    known = supplied.over(replace(hint, outlet=None))
    article = article_from_text(text, document.source, article_id, known)
    return article if article.outlet or not hint.outlet else replace(article, outlet=hint.outlet)


def _read_html(document: Document, article_id: str, supplied: Metadata) -> Article:
    from briefing.ingest.html import read_html

    return read_html(document, article_id, supplied)


def _read_pdf(document: Document, article_id: str, supplied: Metadata) -> Article:
    from briefing.ingest.pdf import read_pdf

    return read_pdf(document, article_id, supplied)


READERS: dict[str, Reader] = {"text": _read_text, "html": _read_html, "pdf": _read_pdf}
"""Readers by input kind; a new kind is one more entry."""

_SIGNATURES = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (Word, EPUB and similar files are not supported)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"ID3", "an MP3 file"),
    (b"RIFF", "a RIFF (WAV or AVI) file"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file"),
    (b"{\\rtf", "an RTF document"),
)
_HTML = re.compile(rb"<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<article[\s>]|<p[\s>]")


def kind_of(document: Document) -> str:
    """ "text", "html", "pdf" or "feed", by content first and name second."""
    data = document.data
    if data.startswith(b"%PDF-"):
        return "pdf"
    for signature, description in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(document.source, f"unsupported file type ({description})")
    head = data[:4096].lower()
    if is_feed(data):
        return "feed"
    if _HTML.search(head) or "html" in (document.content_type or "") or is_html(data):
        return "html"
    name = (document.url or document.source).lower().split("?")[0]
    if name.endswith(".pdf") or document.content_type == "application/pdf":
        raise InputError(document.source, "named as a PDF but is not one")
    return "text"


def load_articles(
    inputs: Iterable[str | Path],
    *,
    supplied: Metadata | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    strict: bool = False,
    fetcher: Fetcher | None = None,
    feed: FeedSelection | None = None,
) -> tuple[list[Article], list[Skipped]]:
    """Read every input into an :class:`Article`.

    An unusable input is skipped and reported in the second list, or, with
    ``strict``, raises :class:`InputError`. Scraping junk
    (:class:`NotAnArticle`) is always skipped and reported.
    """
    fetcher = fetcher or Fetcher(max_bytes=max_bytes)
    supplied = supplied or Metadata()
    articles: list[Article] = []
    skipped: list[Skipped] = []

    def skip(exc: InputError) -> None:
        if strict and not isinstance(exc, NotAnArticle):
            raise exc
        skipped.append(Skipped(exc.source, exc.problem, junk=isinstance(exc, NotAnArticle)))

    for item in expand_inputs(inputs, max_bytes=max_bytes):
        try:
            loaders = list(_documents(item, fetcher, feed or FeedSelection(), max_bytes))
        except InputError as exc:
            skip(exc)
            continue
        for load in loaders:
            try:
                articles.append(read_document(load(), f"a{len(articles) + 1}", supplied))
            except InputError as exc:
                skip(exc)
    if not articles and len(skipped) == 1:
        raise _as_error(skipped[0])
    if not articles:
        reasons = "; ".join(f"{s.source}: {s.reason}" for s in skipped[:3])
        raise InputError(
            "inputs", f"no usable articles ({reasons})" if reasons else "no usable articles"
        )
    return articles, skipped


def _as_error(skipped: Skipped) -> InputError:
    return InputError(skipped.source, skipped.reason)


def read_document(document: Document, article_id: str, supplied: Metadata) -> Article:
    kind = kind_of(document)
    if kind == "feed":
        raise InputError(document.source, "a feed inside a feed is not followed")
    return READERS[kind](document, article_id, supplied)


def read_article(
    path: Path | str,
    article_id: str = "a1",
    supplied: Metadata | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetcher: Fetcher | None = None,
) -> Article:
    """Read one file or URL (not a feed) into an article."""
    document = _open(str(path), fetcher or Fetcher(max_bytes=max_bytes), max_bytes)
    return read_document(document, article_id, supplied or Metadata())


def _open(item: str, fetcher: Fetcher, max_bytes: int) -> Document:
    if is_url(item):
        return Document.fetched(item, fetcher.fetch(item))
    path = Path(item)
    return Document(item, read_bytes(path, max_bytes))


def _documents(
    item: str, fetcher: Fetcher, selection: FeedSelection, max_bytes: int
) -> Iterator[Callable[[], Document]]:
    """One loader per article the input holds: one, or a feed's selected entries."""
    document = _open(item, fetcher, max_bytes)
    if kind_of(document) != "feed":
        yield lambda: document
        return

    for _source, load in entries(document, selection, fetcher.fetch):
        yield load
