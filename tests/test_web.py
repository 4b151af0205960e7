"""`briefing serve`: make, read, hear, share and keep briefs in a real browser.

One uvicorn server on a free 127.0.0.1 port for the module, over a fresh data
directory, with the session's encoder and the espeak voice (the fast one);
Debian's Chromium drives it through Playwright. Email goes to a real SMTP
server (aiosmtpd, STARTTLS and AUTH) and the feed is read with feedparser.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from email import message_from_bytes, policy
from pathlib import Path

import feedparser
import pytest
from aiosmtpd.controller import Controller

from briefing.share.email import Server
from briefing.web import Mailer
from tests.test_accessibility import CHROMIUM_FLAGS, _chromium
from tests.test_email import PASSWORD, USER, Inbox, _authenticate, _server_context
from tests.webserver import ROOT, SHORT, WEB, Client, free_port, serving, site

pytestmark = pytest.mark.slow  # a browser over a running server making briefs with audio

EXAMPLES = ROOT / "examples"
SENDER = "Briefs <briefs@example.org>"


@pytest.fixture(scope="module")
def mail(ca) -> Iterator[Inbox]:
    inbox, port = Inbox(), free_port()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=port, authenticator=_authenticate,
        tls_context=_server_context(ca[0]), require_starttls=True,
    )  # fmt: skip
    controller.start()
    inbox.port = port
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture(scope="module")
def server(tmp_path_factory, encoder, mail, ca):
    smtp = Server("127.0.0.1", mail.port, "starttls", USER, PASSWORD, cafile=ca[1])
    mailer = Mailer(smtp, SENDER)
    data = tmp_path_factory.mktemp("serve") / "data"
    with site() as base, serving(data, encoder, allow_private_urls=True, mailer=mailer) as running:
        running.site = base
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        flags = [*CHROMIUM_FLAGS, "--autoplay-policy=no-user-gesture-required"]
        launched = playwright.chromium.launch(executable_path=_chromium(), args=flags)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(base_url=server.url)
    context.set_default_timeout(30_000)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(scope="module")
def heard(server) -> str:
    """A brief with audio, made from pasted text: its id."""
    client = Client(server.url)
    job = client.make({"text": SHORT, "formats": ["html", "md"], "audio": "on"})
    assert client.wait(job) == f"/briefs/{job}/"
    return job


def _no_partial_files(data: Path) -> None:
    """No staging folder or temp file, and no job's inputs, once the jobs are done."""
    assert list(data.rglob("*.part")) == []
    assert list((data / "uploads").iterdir()) == []


def test_brief_from_pasted_text(page, server) -> None:
    page.goto("/")
    page.fill("#text", SHORT)
    page.click("text=Make the brief")
    page.wait_for_url(re.compile(r"/briefs/[0-9a-f]{16}/$"))
    assert page.inner_text("h1") == "Harbour ferry fares to rise by a fifth"
    assert "1 article" in page.inner_text("main p.meta")
    links = page.locator("ul.downloads a")
    kinds = ["Web page (HTML)", "PDF", "Markdown", "Plain text", "Email (.eml)"]
    assert links.all_inner_texts() == kinds
    markdown = page.request.get(page.url + links.nth(2).get_attribute("href"))
    assert markdown.ok and "Harbour ferry fares" in markdown.text()
    assert markdown.headers["content-disposition"].startswith("attachment")
    pdf = page.request.get(page.url + links.nth(1).get_attribute("href"))
    assert pdf.body().startswith(b"%PDF-")
    assert "The harbour ferry will cost $3 a trip" in page.inner_text("section:has(#overview)")
    _no_partial_files(server.data)


def test_brief_from_uploaded_files_and_urls_names_what_failed(page, server) -> None:
    page.goto("/")
    files = [EXAMPLES / "02-metro-daily-2023.txt", WEB / "metro-bridge.html"]
    page.set_input_files("#files", files)
    page.fill("#urls", f"{server.site}/courier-bridge.html\n{server.site}/missing.html")
    page.uncheck("#format-pdf")
    page.click("text=Make the brief")
    page.wait_for_url(re.compile(r"/briefs/[0-9a-f]{16}/$"))
    assert "3 articles from " in page.inner_text("main p.meta")
    left_out = page.inner_text("#left-out + p + ul")
    assert left_out == f"skipped {server.site}/missing.html: the server answered 404 Not Found"
    titles = page.locator("#summaries ~ article h3").all_inner_texts()
    assert "Old Mill bridge to close for six months of repairs" in titles  # from the URL
    assert "Drivers face months of detours as Old Mill bridge shuts" in titles  # the upload


def test_audio_plays_with_chapters_and_a_transcript_in_step(page, server, heard) -> None:
    page.goto(f"/briefs/{heard}/")
    player = page.locator("#player")
    page.wait_for_function("() => document.getElementById('player').readyState >= 1")
    assert player.evaluate("p => p.duration") > 5
    page.evaluate("document.getElementById('player').muted = true")
    assert page.get_attribute("details.transcript", "open") is None  # folded: the brief first
    page.click("details.transcript summary")
    page.locator(".chapters a[data-start]").nth(1).click()  # listen from the first article
    start = float(page.locator(".chapters a[data-start]").nth(1).get_attribute("data-start"))
    page.wait_for_function(f"() => document.getElementById('player').currentTime > {start + 0.5}")
    assert not player.evaluate("p => p.paused")
    now = page.locator(".transcript .cue.now")
    now.wait_for()
    begins, ends = float(now.get_attribute("data-start")), float(now.get_attribute("data-end"))
    assert begins - 0.5 <= player.evaluate("p => p.currentTime") <= ends + 1.0
    audio = page.request.get(page.url + player.get_attribute("src"))
    assert audio.headers["content-type"] == "audio/mpeg" and audio.body()[:3] == b"ID3"


def test_send_by_email_names_who_got_it_and_who_refused(page, server, heard, mail) -> None:
    before = len(mail.envelopes)
    page.goto(f"/briefs/{heard}/")
    page.fill("#to", "ann@example.org, nobody@example.org")
    page.click("button:has-text('Send')")
    notice = page.inner_text(".notice")
    assert notice.startswith("Sent to ann@example.org. Refused: nobody@example.org (550")
    (envelope,) = mail.envelopes[before:]
    assert envelope.rcpt_tos == ["ann@example.org"]
    message = message_from_bytes(envelope.content, policy=policy.default)
    assert message["From"].addresses[0].addr_spec == "briefs@example.org"
    assert message["Subject"].startswith("Harbour ferry fares to rise by a fifth")
    kinds = [part.get_content_type() for part in message.iter_attachments()]
    assert kinds == ["audio/mpeg"]
    page.fill("#to", "not an address")
    page.evaluate("document.querySelector('form.send').noValidate = true")  # past the browser
    page.click("button:has-text('Send')")
    assert page.inner_text("#to-error").startswith("Error: bad email address 'not'")
    assert "addr-spec" not in page.inner_text("#to-error")  # the email package's jargon
    assert len(mail.envelopes) == before + 1
    page.goto(f"/briefs/{heard}/")
    page.fill("#to", "ann@example.org")
    page.click("button:has-text('Send')")
    assert page.inner_text(".notice") == "Sent to ann@example.org."
    page.reload()  # after post-redirect-get: nothing is sent again, nothing shown again
    assert page.locator(".notice").count() == 0
    assert len(mail.envelopes) == before + 2


def test_podcast_feed_lists_audio_briefs_and_serves_their_episodes(server, heard) -> None:
    client = Client(server.url)
    response, xml = client.get("/feed.xml")
    assert response.status == 200 and response.getheader("Content-Type").startswith(
        "application/rss+xml"
    )
    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.bozo_exception
    (entry,) = [e for e in parsed.entries if heard in e.link]
    assert entry.title == "Harbour ferry fares to rise by a fifth"
    enclosure = entry.enclosures[0]
    assert enclosure.href == f"{server.url}/podcast/{heard}.mp3"
    response, audio = client.get(f"/podcast/{heard}.mp3")
    brief = server.data / "briefs" / heard
    assert audio == next(brief.glob("*.mp3")).read_bytes()
    assert int(enclosure.length) == len(audio)
    response, vtt = client.get(f"/podcast/{heard}.vtt")
    assert vtt.startswith(b"WEBVTT")


def test_library_search_and_delete(page, server) -> None:
    client = Client(server.url)
    upload = [("files", "metro.html", (WEB / "metro-bridge.html").read_bytes())]
    job = client.make({"title": "Zebra crossing dispute", "formats": "md"}, upload)
    client.wait(job)
    page.goto("/library")
    page.fill("#q", "zebra metro")  # a word of the title and one of the outlet
    page.click("button:has-text('Search')")
    assert page.eval_on_selector_all("ul.library h2", "hs => hs.map(h => h.textContent)") == [
        "Zebra crossing dispute"
    ]
    assert "1 article from Metro Daily" in page.inner_text("ul.library .meta")
    page.fill("#q", "qqqq")
    page.click("button:has-text('Search')")
    assert "No brief matches “qqqq”" in page.inner_text("main")
    page.goto("/library?q=zebra")
    page.click("button:has-text('Delete Zebra crossing dispute')")
    assert page.inner_text("h1") == "Delete “Zebra crossing dispute”?"  # asked first
    page.click("text=Keep it: back to the library")
    assert (server.data / "briefs" / job).exists()
    page.click("button:has-text('Delete Zebra crossing dispute')")
    page.click("button:has-text('Delete it')")
    assert page.inner_text(".notice") == "The brief was deleted."
    assert "Zebra crossing dispute" not in page.inner_text("main")
    assert not (server.data / "briefs" / job).exists()
    assert client.get(f"/briefs/{job}/")[0].status == 404


def test_two_briefs_at_once_both_complete_while_pages_answer(server) -> None:
    client = Client(server.url)
    fields = {"formats": "md", "audio": "on"}
    first, second = (
        client.make(fields, [("files", name, (EXAMPLES / name).read_bytes())])
        for name in ("01-courier-2021.txt", "02-metro-daily-2023.txt")
    )
    answered_while_running = False
    for _ in range(100):
        response, _ = client.get("/library")
        assert response.status == 200
        running = [client.get(f"/jobs/{j}")[0].status == 200 for j in (first, second)]
        answered_while_running |= any(running)
        if not any(running):
            break
    assert answered_while_running
    for job in (first, second):
        assert client.wait(job) == f"/briefs/{job}/"
        assert list((server.data / "briefs" / job).glob("*.mp3"))


def test_several_pasted_articles_make_one_brief(page, server) -> None:
    other = SHORT.replace("Harbour ferry fares", "Ferry fare rise").replace("a fifth", "20%")
    page.goto("/")
    page.fill("#text", SHORT)
    page.click("#more-articles")  # the page's script adds a field; files chosen stay chosen
    page.fill("#text-2", other)
    page.uncheck("#format-pdf")
    page.click("text=Make the brief")
    page.wait_for_url(re.compile(r"/briefs/[0-9a-f]{16}/$"))
    assert "2 articles" in page.inner_text(".meta")


def test_another_article_field_without_javascript(browser, server) -> None:
    context = browser.new_context(base_url=server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/")
        page.fill("#text", SHORT)
        page.click("#more-articles")  # a round trip: the form again, one field more, as typed
        assert page.input_value("#text") == SHORT
        assert page.locator("#text-2").count() == 1
        assert page.evaluate("document.activeElement.id") == "text-2"
    finally:
        context.close()


def test_feed_page_says_how_to_subscribe(page, server, heard) -> None:
    page.goto("/library")
    page.click("nav >> text=Podcast feed")
    assert page.inner_text("h1") == "Hear the briefs in a podcast app"
    address = page.input_value("#feed-address")
    assert address == f"{server.url}/feed.xml"
    assert "Harbour ferry fares to rise by a fifth" in page.inner_text("main")
    assert Client(server.url).get("/feed.xml")[1].startswith(b"<?xml")


def test_a_failed_brief_is_explained_in_plain_words(server) -> None:
    client = Client(server.url)
    job = client.make(
        {"urls": f"{server.site}/missing.html\n{server.site}/gone.html", "formats": "md"}
    )
    _, content = client.get(f"/jobs/{job}")
    for _ in range(100):
        if b"could not be made" in content:
            break
        time.sleep(0.2)
        _, content = client.get(f"/jobs/{job}")
    text = content.decode()
    assert "None of the articles could be used" in text
    assert "inputs:" not in text
