"""The user's inputs expanded into articles to read: files, folders, ``@list`` files, URLs.

A folder gives its article files in natural order (``2.txt`` before ``10.txt``);
a list file names one input a line, relative to itself; URLs pass as given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from briefing.errors import InputError
from briefing.ingest.fetch import is_url
from briefing.ingest.reading import DEFAULT_MAX_BYTES, read_bytes

TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
ARTICLE_SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, ".pdf", *FEED_SUFFIXES)


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
