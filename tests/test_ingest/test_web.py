"""HTML pages, URLs, feeds and PDFs, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import http.server
import json
import shutil
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import ClassVar

import pytest

from briefing.compare import compare
from briefing.errors import InputError
from briefing.ingest import FeedSelection, Fetcher, load_articles, read_article
from briefing.ingest.fetch import USER_AGENT
from tests.test_cli import run

WEB = Path(__file__).resolve().parent.parent / "fixtures" / "web"
BOILERPLATE = (
    "cookies",
    "Advertisement",
    "Sponsored",
    "Related stories",
    "Harbour ferry to run",
    "newsletter",
    "Subscribe",
    "All rights reserved",
    "Share on",
    "You may also like",
    "dentist",
    "Log in",
    "Photo:",
    "Home",
)


class Site(http.server.BaseHTTPRequestHandler):
    """Pages, redirects and failures the fetcher must cope with."""

    requests: ClassVar[list[tuple[str, str]]] = []
    base = ""

    def do_GET(self) -> None:
        Site.requests.append((self.path, self.headers.get("User-Agent", "")))
        path = self.path.split("?")[0]
        routes = {
            "/redirect": lambda: self.redirect("/courier-bridge.html"),
            "/loop": lambda: self.redirect("/loop"),
            "/to-file": lambda: self.redirect("file:///etc/passwd"),
            "/slow": self.slow,
            "/huge": self.huge,
            "/image": lambda: self.send("image/png", b"\x89PNG\r\n\x1a\n" + bytes(100)),
            "/feed.xml": lambda: self.send("application/rss+xml", self.feed().encode("utf-8")),
        }
        if path in routes:
            routes[path]()
        elif (WEB / path.lstrip("/")).is_file() and path.endswith(".html"):
            self.send("text/html; charset=utf-8", (WEB / path.lstrip("/")).read_bytes())
        else:
            self.send("text/html", b"<html><body><h1>Not found</h1></body></html>", 404)

    def feed(self) -> str:
        return (WEB / "feed.xml").read_text(encoding="utf-8").replace("{base}", Site.base)

    def send(self, kind: str, body: bytes, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def slow(self) -> None:
        time.sleep(3)
        self.send("text/html", b"<html><body><p>Too late.</p></body></html>")

    def huge(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()  # no Content-Length: the size is only known by reading
        chunk = b"<p>" + b"word " * 2000 + b"</p>\n"
        try:
            for _ in range(1000):  # about 10 MB
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Site)
    Site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Site.base
    server.shutdown()


@pytest.mark.parametrize(
    ("name", "title", "authors", "outlet", "published", "sentences"),
    [
        (
            "courier-bridge.html",
            "Old Mill bridge to close for six months of repairs",
            ("Maria Lopez",),
            "The Port Halden Courier",
            date(2025, 2, 11),
            ("corrosion in two of its steel girders", "$5.1 million", "20 February"),
        ),
        (
            "metro-bridge.html",
            "Drivers face months of detours as Old Mill bridge shuts",
            ("Tom Ashby",),
            "Metro Daily",
            date(2025, 2, 12),
            ("Half my customers cross that bridge", "detour via Harbour Road"),
        ),
    ],
)
def test_saved_pages_give_metadata_and_clean_text(
    name: str, title: str, authors: tuple, outlet: str, published: date, sentences: tuple
) -> None:
    article = read_article(WEB / name)
    assert article.title == title
    assert article.authors == authors
    assert article.outlet == outlet
    assert article.published_date == published
    body = " ".join(article.paragraphs)
    for sentence in sentences:
        assert sentence in body
    for junk in BOILERPLATE:
        assert junk not in body, junk


def test_html_is_recognised_by_content_not_name(tmp_path: Path) -> None:
    saved = tmp_path / "saved-page.txt"
    shutil.copy(WEB / "courier-bridge.html", saved)
    article = read_article(saved)
    assert article.title == "Old Mill bridge to close for six months of repairs"
    assert "<p>" not in " ".join(article.paragraphs)


def test_urls_are_fetched_with_our_user_agent(site: str) -> None:
    Site.requests.clear()
    article = read_article(f"{site}/redirect")
    assert article.title == "Old Mill bridge to close for six months of repairs"
    assert article.url == f"{site}/courier-bridge.html"  # where the redirect led
    assert [path for path, _ in Site.requests] == ["/redirect", "/courier-bridge.html"]
    assert {agent for _, agent in Site.requests} == {USER_AGENT}


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("/missing", "the server answered 404 Not Found"),
        ("/loop", "more than 5 redirects"),
        ("/to-file", "only http and https URLs are fetched (redirected to file:///etc/passwd)"),
        ("/image", "not an article page (content type image/png)"),
        ("/huge", "page too large (more than the 1.0 MiB limit)"),
        ("/slow", "took longer than 1 s"),
    ],
)
def test_failed_urls_say_why(site: str, path: str, problem: str) -> None:
    fetcher = Fetcher(timeout=1.0, max_bytes=1024 * 1024)
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        read_article(f"{site}{path}", fetcher=fetcher)
    assert caught.value.source == f"{site}{path}"
    assert caught.value.problem == problem
    assert time.monotonic() - started < 10


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/story", "gopher://x", "http:///nohost"]
)
def test_only_http_urls_are_accepted(url: str) -> None:
    with pytest.raises(InputError, match=r"only http and https|no host"):
        read_article(url)


def test_cache_rebuilds_a_brief_offline(site: str, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    urls = [f"{site}/courier-bridge.html", f"{site}/metro-bridge.html"]
    first, _ = load_articles(urls, fetcher=Fetcher(cache=cache))
    assert len(list(cache.glob("*.body"))) == 2
    Site.requests.clear()
    again, _ = load_articles(urls, fetcher=Fetcher(cache=cache, offline=True))
    assert Site.requests == []
    assert [a.paragraphs for a in again] == [a.paragraphs for a in first]
    with pytest.raises(InputError, match="not in the cache and fetching is off"):
        load_articles([f"{site}/redirect"], fetcher=Fetcher(cache=cache, offline=True), strict=True)


def test_feed_takes_the_newest_entries_and_full_text(site: str) -> None:
    Site.requests.clear()
    articles, skipped = load_articles([f"{site}/feed.xml"], feed=FeedSelection(limit=3))
    titles = [a.title for a in articles]
    assert titles == [
        "Council approves bridge detour plan with extra buses",
        "Drivers face months of detours as Old Mill bridge shuts",
        "Old Mill bridge to close for six months of repairs",
    ]
    fetched = [path for path, _ in Site.requests]
    assert "/full-text-entry" not in fetched  # its text came with the feed
    assert "/missing-story" not in fetched  # the oldest entry is past the limit
    council = articles[0]
    assert council.outlet == "Port Halden News"
    assert council.authors == ("Priya Nair",)
    assert council.published_date == date(2025, 2, 13)
    assert "Councillors voted 7 to 2" in " ".join(council.paragraphs)
    assert skipped == []


def test_feed_filters_and_failed_entries(site: str) -> None:
    articles, skipped = load_articles(
        [f"{site}/feed.xml"], feed=FeedSelection(limit=10, since=date(2025, 2, 12))
    )
    assert [a.published_date for a in articles] == [date(2025, 2, 13), date(2025, 2, 12)]
    with pytest.raises(InputError, match="404"):  # the one matching entry's link is dead
        load_articles([f"{site}/feed.xml"], feed=FeedSelection(keyword="ferry"))
    articles, skipped = load_articles(
        [f"{site}/feed.xml", WEB / "metro-bridge.html"], feed=FeedSelection(keyword="ferry")
    )
    assert [a.title for a in articles] == [
        "Drivers face months of detours as Old Mill bridge shuts"
    ]
    assert [(s.source, s.reason) for s in skipped] == [
        (f"{site}/missing-story", "the server answered 404 Not Found")
    ]


@pytest.mark.slow
def test_cli_mixes_files_urls_and_feeds_and_lists_failures(site: str, tmp_path: Path) -> None:
    feed = tmp_path / "news.rss"
    feed.write_text(
        (WEB / "feed.xml").read_text(encoding="utf-8").replace("{base}", site), encoding="utf-8"
    )
    out = tmp_path / "out"
    done = run(
        "build", feed, f"{site}/nowhere", "--limit", "4", "-o", out, "--name", "b", "-f", "json"
    )
    assert done.returncode == 3, done.stderr  # written, but not everything could be used
    assert f"skipped {site}/nowhere: the server answered 404 Not Found" in done.stderr
    assert f"skipped {site}/missing-story: the server answered 404" in done.stderr
    brief = json.loads((out / "b.json").read_text(encoding="utf-8"))
    assert len(brief["articles"]) == 3
    assert {s["source"] for s in brief["skipped"]} == {f"{site}/nowhere", f"{site}/missing-story"}

    strict = run("build", feed, f"{site}/nowhere", "--strict", "-o", tmp_path / "strict")
    assert strict.returncode == 1
    assert strict.stderr.count("\n") == 1 and "404" in strict.stderr
    assert not (tmp_path / "strict").exists()


def test_the_same_wire_story_is_found_across_input_types(tmp_path: Path, encoder) -> None:
    page = read_article(WEB / "courier-bridge.html")
    copy = tmp_path / "wire-copy.txt"
    copy.write_text(
        "Bridge closure announced\nBy Wire Staff\n\n" + "\n\n".join(page.paragraphs),
        encoding="utf-8",
    )
    articles, _ = load_articles([WEB / "courier-bridge.html", WEB / "metro-bridge.html", copy])
    duplicates = compare(articles, encoder).duplicates
    assert [(d.article_id, d.duplicate_of) for d in duplicates] == [("a3", "a1")]


def make_pdf(path: Path, paragraphs: list[str], title: str) -> None:
    """A two-page article PDF with a running header, page numbers and a paragraph
    that runs across the page break."""
    from fpdf import FPDF

    class Article(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=9)
            self.cell(0, 8, "THE PORT HALDEN COURIER - Local news", align="C")
            self.ln(12)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", size=9)
            self.cell(0, 8, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = Article()
    pdf.set_title(title)
    pdf.set_author("Maria Lopez")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 9, title)
    pdf.ln(4)
    pdf.set_font("Helvetica", size=12)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 7, paragraph)
        pdf.ln(5)
    pdf.output(str(path))


PDF_PARAGRAPHS = [
    "The Old Mill bridge will close for six months of repairs starting in March, city "
    "engineers announced on Tuesday, after inspectors found corrosion in two steel girders.",
    *[
        f"Paragraph {n} explains the detour in detail: traffic will use the Harbour Road "
        "bridge, buses on routes 4 and 12 follow the same way, and the city will put up "
        "signs at every junction so that drivers who do not know the area can find it."
        for n in range(2, 11)
    ],
    "The repairs are expected to cost $5.1 million, paid from the infrastructure reserve.",
]


def test_pdf_text_without_headers_footers_or_page_numbers(tmp_path: Path) -> None:
    path = tmp_path / "bridge.pdf"
    make_pdf(path, PDF_PARAGRAPHS, "Old Mill bridge to close for six months of repairs")
    article = read_article(path)
    assert article.title == "Old Mill bridge to close for six months of repairs"
    assert article.authors == ("Maria Lopez",)
    body = "\n".join(article.paragraphs)
    assert "COURIER" not in body and "Page 1" not in body and "of 2" not in body
    assert len(article.paragraphs) == len(PDF_PARAGRAPHS)  # wrapped lines and pages rejoined
    for expected, got in zip(PDF_PARAGRAPHS, article.paragraphs, strict=True):
        assert " ".join(got.split()) == expected


def test_pdf_problems_are_clear(tmp_path: Path) -> None:
    fake = tmp_path / "fake.pdf"
    fake.write_text("This is plain text pretending to be a PDF. " * 5, encoding="utf-8")
    with pytest.raises(InputError, match=r"fake\.pdf: named as a PDF but is not one"):
        read_article(fake)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + bytes(200))
    with pytest.raises(InputError, match=r"broken\.pdf: not a readable PDF"):
        read_article(broken)
