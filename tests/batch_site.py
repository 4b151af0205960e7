"""Generated news for the batch tests: feeds, article pages and note folders, and a server.

Articles are recombined from the examples' sentences with fresh numbers (as
benchmarks/run.py does), so they read like news and are the same on every
run. Each topic gets its own mix of inputs: an RSS feed whose entries link
to article pages (fetched), a feed that carries full texts, or a folder of
text files. The site is served by a threaded http.server on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import random
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from functools import partial
from html import escape
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import ClassVar

from tests.local_http import http_server

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
KINDS = ("linked", "full", "notes")
DAY = datetime(2025, 11, 3, 8, 0, tzinfo=UTC)


def sentences() -> list[str]:
    from briefing.ingest import load_articles

    articles, _ = load_articles([EXAMPLES])
    return [s.text for a in articles for s in a.sentences if len(s.text.split()) > 7]


def article(pool: list[str], rng: random.Random, count: int) -> list[str]:
    """``count`` sentences of the pool with their numbers changed."""
    return [re.sub(r"\d+", lambda m: str(rng.randint(2, 99)), s) for s in rng.sample(pool, count)]


def page(title: str, author: str, body: list[str]) -> str:
    paragraphs = "\n".join(f"<p>{escape(s)}</p>" for s in body)
    return (
        f"<!DOCTYPE html><html><head><title>{escape(title)}</title>"
        f'<meta name="author" content="{escape(author)}"></head>'
        f"<body><article><h1>{escape(title)}</h1>\n{paragraphs}</article></body></html>"
    )


def feed(outlet: str, items: list[dict]) -> str:
    entries = []
    for item in items:
        content = item.get("content")
        full = f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else ""
        entries.append(
            f"<item><title>{escape(item['title'])}</title><link>{escape(item['link'])}</link>"
            f"<pubDate>{format_datetime(item['date'])}</pubDate>"
            f"<description>{escape(item['summary'])}</description>{full}</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{escape(outlet)}</title><link>http://127.0.0.1/</link>"
        f"<description>News</description>{''.join(entries)}</channel></rss>\n"
    )


def topic_site(
    site: Path, notes: Path, url: str, number: int, kind: str, pool: list[str], count: int = 3
) -> str:
    """One topic's ``count`` articles on the site (or in ``notes``); returns the plan's input."""
    rng = random.Random(number)
    name = f"t{number:02d}"
    items = []
    for k in range(count):
        body = article(pool, rng, 10 if kind == "full" else 6)
        title = f"Topic {number} report {k + 1} on the city charge"
        date = DAY + timedelta(days=k, hours=number)
        if kind == "notes":
            folder = notes / name
            folder.mkdir(parents=True, exist_ok=True)
            text = f"{title}\nBy Writer {k}\n{date:%Y-%m-%d}\n\n" + "\n".join(body)
            (folder / f"{k + 1}.txt").write_text(text + "\n", encoding="utf-8")
            continue
        link = f"{url}/pages/{name}-{k + 1}.html"
        (site / "pages").mkdir(parents=True, exist_ok=True)
        (site / "pages" / f"{name}-{k + 1}.html").write_text(
            page(title, f"Writer {k}", body), encoding="utf-8"
        )
        content = "".join(f"<p>{escape(s)}</p>" for s in body) if kind == "full" else None
        items.append(
            {"title": title, "link": link, "date": date, "summary": body[0], "content": content}
        )
    if kind == "notes":
        return f"notes/{name}/"
    (site / "feeds").mkdir(parents=True, exist_ok=True)
    (site / "feeds" / f"{name}.rss").write_text(feed(f"Outlet {number}", items), "utf-8")
    return f"{url}/feeds/{name}.rss"


def build(
    root: Path,
    url: str,
    count: int,
    audio: tuple[int, ...] | range = (),
    articles: int = 3,
    dead: bool = True,
) -> Path:
    """A site of ``count`` topics under ``root``, a plan beside it; returns the plan's path.

    Each topic has ``articles`` articles; with ``dead`` the last topic's feed
    does not exist (the server answers 404). Topics numbered in ``audio`` are
    read aloud with espeak.
    """
    pool = sentences()
    site, notes = root / "site", root / "plan" / "notes"
    lines = [
        "[defaults]",
        'formats = ["html", "md", "json"]',
        'summarizer = "extractive"',
        'base-url = "https://example.org/briefs/"',
        "",
    ]
    for number in range(count):
        given = (
            f"{url}/feeds/gone.rss"
            if dead and number == count - 1
            else topic_site(site, notes, url, number, KINDS[number % 3], pool, articles)
        )
        lines += ["[[topic]]", f'name = "Topic {number:02d}"', f'inputs = ["{given}"]']
        if number in audio:
            lines += ["audio = true", 'engine = "espeak"']
        lines.append("")
    plan = root / "plan" / "plan.toml"
    plan.parent.mkdir(parents=True, exist_ok=True)
    plan.write_text("\n".join(lines), encoding="utf-8")
    return plan


class QuietHandler(SimpleHTTPRequestHandler):
    # the type many servers give feeds (Debian's mime.types among them), not only rss+xml
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".rss": "application/x-rss+xml",
    }

    def log_message(self, format: str, *args: object) -> None:
        """No request log on stderr."""


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """``folder`` over HTTP on 127.0.0.1; yields the base URL; stopped on the way out."""
    with http_server(partial(QuietHandler, directory=str(folder))) as url:
        yield url
