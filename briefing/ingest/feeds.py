"""RSS and Atom feeds with feedparser: the newest entries become articles.

An entry that carries its full text (``content:encoded`` or Atom content of
some length) is read from the feed itself; otherwise its link is fetched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from briefing.defaults import FEED_LIMIT
from briefing.errors import InputError, first_line
from briefing.ingest.document import Document, Metadata
from briefing.ingest.fetch import Page

FULL_TEXT_WORDS = 150
"""An entry's own content counts as the article when it has at least this many words."""
_TAGS = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class FeedSelection:
    """Which entries of a feed to use: the newest ``limit`` that match.

    ``keyword`` is a word the entry must mention, or several of which it must
    mention at least one (a batch topic's ``match = ["docks", "harbour"]``).
    """

    limit: int = FEED_LIMIT
    keyword: str | tuple[str, ...] | None = None
    since: date | None = None
    until: date | None = None

    def keeps(self, entry: dict, published: datetime | None) -> bool:
        wanted = (self.keyword,) if isinstance(self.keyword, str) else self.keyword or ()
        if any(wanted):
            text = " ".join(
                [entry.get("title", ""), entry.get("summary", "")]
                + [c.get("value", "") for c in entry.get("content", [])]
            )
            said = _TAGS.sub(" ", text).lower()
            if not any(word.lower() in said for word in wanted if word):
                return False
        if (self.since or self.until) and published is None:
            return False  # a date range cannot vouch for an undated entry
        day = published.date() if published else None
        if self.since and day and day < _day(self.since):
            return False
        return not (self.until and day and day > _day(self.until))


Load = Callable[[], Document]


def is_feed(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<html" in head[:1024]:
        return False
    return bool(re.search(rb"<(?:rss|feed|rdf:rdf)[\s>]", head))


def entries(
    document: Document, selection: FeedSelection, fetch: Callable[[str], Page]
) -> Iterator[tuple[str, Load]]:
    """(source, loader) per selected entry, newest first; loading may fetch the link."""
    import feedparser

    try:
        parsed = feedparser.parse(document.data)
    except (ValueError, LookupError) as exc:  # a non-ASCII byte or a NUL in the declared encoding
        raise InputError(document.source, f"not a readable feed ({first_line(exc, 100)})") from exc
    if not parsed.entries:
        problem = getattr(parsed, "bozo_exception", None)
        detail = f" ({first_line(problem, 100)})" if problem else ""
        raise InputError(document.source, f"a feed with no entries{detail}")
    outlet = parsed.feed.get("title") or None
    dated = [(_published(e), e) for e in parsed.entries]
    dated.sort(key=lambda pair: pair[0] or datetime.min, reverse=True)
    chosen = [(p, e) for p, e in dated if selection.keeps(e, p)][: selection.limit]
    if not chosen:
        raise InputError(document.source, "no feed entries match the filters")
    for number, (published, entry) in enumerate(chosen, 1):
        link = entry.get("link")
        source = link or f"{document.source}#entry{number}"
        hints = Metadata(
            title=entry.get("title") or None,
            authors=tuple(a["name"] for a in entry.get("authors", []) if a.get("name")),
            outlet=outlet,
            published=published,
            url=link,
        )
        yield source, _loader(entry, source, hints, fetch)


def _loader(entry: dict, source: str, hints: Metadata, fetch: Callable[[str], Page]) -> Load:
    content = max((c.get("value", "") for c in entry.get("content", [])), key=len, default="")
    if len(_TAGS.sub(" ", content).split()) >= FULL_TEXT_WORDS:
        html = f"<html><body><article>{content}</article></body></html>".encode()
        return lambda: Document(source, html, hints.url, "text/html", hints)
    if not hints.url:

        def missing() -> Document:
            raise InputError(source, "the entry has neither full text nor a link")

        return missing

    def fetched() -> Document:
        return Document.fetched(hints.url, fetch(hints.url), hints)

    return fetched


def _day(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _published(entry: dict) -> datetime | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return datetime(*stamp[:6]) if stamp else None
