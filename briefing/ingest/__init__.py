"""Ingest: turn user inputs (files, folders, list files) into clean articles.

``load_articles`` is the only entry point the pipeline uses. Each input kind
has a reader registered in ``READERS``; HTML, URLs and feeds plug in there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from briefing.errors import InputError, NotAnArticle
from briefing.ingest.document import Metadata, article_from_text
from briefing.ingest.reading import DEFAULT_MAX_BYTES, decode, read_bytes
from briefing.models import Article, Skipped

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Metadata",
    "NotAnArticle",
    "article_from_text",
    "expand_inputs",
    "load_articles",
    "read_article",
]

ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".markdown")

Reader = Callable[[bytes, str, str, Metadata], Article]


def _read_text(data: bytes, source: str, article_id: str, supplied: Metadata) -> Article:
    return article_from_text(decode(data, source), source, article_id, supplied)


READERS: dict[str, Reader] = {"text": _read_text}
"""Readers by input kind; a new kind (HTML, PDF, feed) is one more entry."""


def load_articles(
    inputs: Iterable[str | Path],
    *,
    supplied: Metadata | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    strict: bool = True,
) -> tuple[list[Article], list[Skipped]]:
    """Read every input into an :class:`Article`.

    With ``strict`` the first unusable input raises :class:`InputError`;
    otherwise it is skipped and reported in the second list. Scraping junk
    (:class:`NotAnArticle`) is always skipped and reported.
    """
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for path in expand_inputs(inputs):
        try:
            articles.append(
                read_article(path, f"a{len(articles) + 1}", supplied, max_bytes=max_bytes)
            )
        except InputError as exc:
            if strict and not isinstance(exc, NotAnArticle):
                raise
            skipped.append(Skipped(exc.source, exc.problem))
    if not articles:
        raise InputError("inputs", "no usable articles")
    return articles, skipped


def read_article(
    path: Path,
    article_id: str = "a1",
    supplied: Metadata | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """Read one file into an article."""
    data = read_bytes(path, max_bytes)
    return READERS[kind_of(path, data)](data, str(path), article_id, supplied or Metadata())


def kind_of(path: Path, data: bytes) -> str:
    """The input kind, decided by content as well as by extension."""
    return "text"


def expand_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """Files named directly, files in folders (sorted), and ``@list`` files."""
    paths: list[Path] = []
    for item in inputs:
        paths.extend(_expand(str(item)))
    return list(dict.fromkeys(paths))


def _expand(item: str) -> Iterator[Path]:
    if item.startswith("@"):
        yield from _expand_list_file(Path(item[1:]))
        return
    path = Path(item)
    if path.is_dir():
        found = [p for p in path.iterdir() if _is_article_file(p)]
        if not found:
            raise InputError(
                item, f"no article files ({', '.join(ARTICLE_SUFFIXES)}) in this folder"
            )
        yield from sorted(found, key=_natural_key)
    elif path.exists():
        yield path
    else:
        raise InputError(item, "no such file or folder")


def _expand_list_file(list_path: Path) -> Iterator[Path]:
    try:
        lines = list_path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise InputError(str(list_path), f"cannot read list file ({exc.strerror or exc})") from exc
    for line in lines:
        entry = line.strip()
        if entry and not entry.startswith("#"):
            target = Path(entry).expanduser()
            yield from _expand(str(target if target.is_absolute() else list_path.parent / target))


def _is_article_file(path: Path) -> bool:
    return (
        path.is_file() and not path.name.startswith(".") and path.suffix.lower() in ARTICLE_SUFFIXES
    )


def _natural_key(path: Path) -> list[object]:
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", path.name)]
