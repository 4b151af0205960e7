"""Ingest: turn user inputs (files, folders, list files, URLs, feeds) into clean articles.

``load_articles`` is the only entry point the pipeline uses. Each input kind
(text, HTML, PDF) has a reader in ``READERS``; a feed expands into its entries,
each of which is read like any other input.
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
from briefing.ingest.reading import DEFAULT_MAX_BYTES, decode, read_bytes
from briefing.models import Article, Skipped

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Document",
    "FeedSelection",
    "Fetcher",
    "Metadata",
    "NotAnArticle",
    "article_from_text",
    "expand_inputs",
    "kind_of",
    "load_articles",
    "read_article",
]

TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
ARTICLE_SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, ".pdf", *FEED_SUFFIXES)

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
        page = fetcher.fetch(item)
        return Document(item, page.data, page.url, page.content_type)
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

    def fetch(url: str) -> Document:
        page = fetcher.fetch(url)
        return Document(url, page.data, page.url, page.content_type)

    for _source, load in entries(document, selection, fetch):
        yield load


def expand_inputs(inputs: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[str]:
    """URLs as given; files named directly, files in folders (sorted); ``@list`` files.

    A list file is read like any input: a regular file within ``max_bytes``.
    """
    items: list[str] = []
    for item in inputs:
        items.extend(_expand(str(item), max_bytes))
    return list(dict.fromkeys(items))


def _expand(item: str, max_bytes: int) -> Iterator[str]:
    if is_url(item):
        yield item
        return
    if item.startswith("@"):
        yield from _expand_list_file(Path(item[1:]), max_bytes)
        return
    path = Path(item)
    try:
        is_dir, exists = path.is_dir(), path.exists()
        found = [p for p in path.iterdir() if _is_article_file(p)] if is_dir else []
    except OSError as exc:  # a name too long, a loop of links, a folder we may not list
        raise InputError(item, f"cannot read ({exc.strerror or exc})") from exc
    if is_dir:
        if not found:
            raise InputError(
                item, f"no article files ({', '.join(ARTICLE_SUFFIXES)}) in this folder"
            )
        yield from (str(p) for p in sorted(found, key=_natural_key))
    elif exists:
        yield item
    else:
        raise InputError(item, "no such file or folder")


def _expand_list_file(list_path: Path, max_bytes: int) -> Iterator[str]:
    source = str(list_path)
    try:
        data = read_bytes(list_path, max_bytes)
    except InputError as exc:
        raise InputError(source, f"list file: {exc.problem}") from exc
    try:
        lines = data.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError:
        raise InputError(source, "list file is not UTF-8 text") from None
    for line in lines:
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if is_url(entry):
            yield entry
            continue
        try:
            target = Path(entry).expanduser()
        except RuntimeError:  # ~user that does not exist
            raise InputError(entry, "no such file or folder") from None
        yield from _expand(
            str(target if target.is_absolute() else list_path.parent / target), max_bytes
        )


def _is_article_file(path: Path) -> bool:
    return (
        path.is_file() and not path.name.startswith(".") and path.suffix.lower() in ARTICLE_SUFFIXES
    )


def _natural_key(path: Path) -> list[object]:
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", path.name)]
