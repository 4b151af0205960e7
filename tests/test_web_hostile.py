"""`briefing serve` against hostile clients: the token kept, forms from other origins refused,
slow and many clients bounded, jobs bounded, and uploads named as their owner named them.

Real uvicorn servers on 127.0.0.1 free ports (one told it is bound to 0.0.0.0, so
it requires a token), real sockets for the slow clients, Debian's Chromium for
the form sent from a page on another port.
"""

from __future__ import annotations

import http.server
import re
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from briefing.web import Limits
from briefing.web.store import INTERRUPTED
from tests.webserver import SHORT, Client, Site, http_server, serving, site

TOKEN = "a-test-token-of-enough-length-0123456789"
PUBLIC = "http://briefs.example.org:8443/"


@pytest.fixture(scope="module")
def guarded(tmp_path_factory, encoder):
    data = tmp_path_factory.mktemp("guarded") / "data"
    with serving(data, encoder, host="0.0.0.0", token=TOKEN, url=PUBLIC) as running:
        yield running


def _everything(response, body: bytes) -> str:
    headers = "\n".join(f"{k}: {v}" for k, v in response.getheaders())
    return f"{response.status}\n{headers}\n\n{body.decode('utf-8', 'replace')}"


@pytest.mark.parametrize(
    ("method", "path", "headers"),
    [
        ("GET", "/", {}),
        ("GET", "/library", {}),
        ("GET", "/nowhere", {}),
        ("GET", "/feed.xml", {}),
        ("GET", "/podcast/0123456789abcdef.mp3", {}),
        ("GET", "/t/wrong/feed.xml", {}),
        ("GET", "/?token=wrong", {}),
        ("GET", "/", {"Host": "evil.example"}),
        ("GET", "/static/style.css", {}),
        ("POST", "/make", {"Content-Type": "application/x-www-form-urlencoded"}),
        ("POST", "/briefs/0123456789abcdef/delete", {"Origin": "http://evil.example"}),
    ],
)
def test_no_answer_to_a_request_without_the_token_holds_it(guarded, method, path, headers) -> None:
    response, body = Client(guarded.url).request(method, path, b"text=x", headers)
    seen = _everything(response, body)
    assert TOKEN not in seen, seen[:3000]
    assert response.status in (200, 403), response.status  # the static files are public


def test_pages_show_the_token_feed_only_to_those_who_brought_the_token(guarded) -> None:
    client = Client(guarded.url)
    response, _ = client.get(f"/?token={TOKEN}")
    assert response.status == 303
    _, page = client.get("/feed")  # the page that tells how to subscribe
    assert f"/t/{TOKEN}/feed.xml" in page.decode()
    assert f"{PUBLIC.rstrip('/')}/t/{TOKEN}/feed.xml" in page.decode()  # the address to copy
    _, missing = client.get("/nowhere")  # an error page, even to the token's holder
    assert TOKEN not in missing.decode()


@pytest.mark.parametrize("path", ["//evil.example/", "/\\evil.example/", "///evil.example/x"])
def test_the_token_redirect_stays_on_this_server(guarded, path) -> None:
    response, _ = Client(guarded.url).get(f"{path}?token={TOKEN}")
    location = response.getheader("Location")
    assert response.status == 303 and location.startswith("/") and location[1] not in "/\\"
    assert "evil.example" in location  # kept as a path here, not taken as a host


def test_the_host_is_checked_and_the_feed_built_from_the_configured_address(guarded) -> None:
    stranger = Client(guarded.url)
    response, body = stranger.get(f"/t/{TOKEN}/feed.xml", Host="evil.example")
    assert response.status == 403 and b"does not answer to the name" in body
    for host in ("briefs.example.org:8443", f"127.0.0.1:{guarded.port}", "[::1]"):
        response, xml = stranger.get(f"/t/{TOKEN}/feed.xml", Host=host)
        assert response.status == 200, host
        links = re.findall(r"https?://[^<\"\s]+", xml.decode())
        ours = [link for link in links if "/t/" in link]
        assert ours and all(link.startswith(f"{PUBLIC}t/{TOKEN}/") for link in ours), links


def test_require_token_guards_a_loopback_server_too(tmp_path, encoder, monkeypatch) -> None:
    from briefing.cli import serve
    from briefing.cli.main import _parser

    monkeypatch.delenv("BRIEFING_SMTP", raising=False)
    local = serve.config(_parser().parse_args(["serve", "--require-token", "--port", "8123"]))
    assert local.host == "127.0.0.1" and local.token and len(local.token) >= 32
    assert local.base_url == "http://127.0.0.1:8123/"
    assert serve.config(_parser().parse_args(["serve"])).token is None
    with serving(tmp_path / "data", encoder, token=TOKEN) as running:
        client = Client(running.url)
        response, body = client.get("/")
        assert response.status == 403 and b"needs its access token" in body
        assert TOKEN.encode() not in body
        assert client.get(f"/?token={TOKEN}")[0].status == 303
        assert client.get("/")[0].status == 200


@pytest.fixture(scope="module")
def local_server(tmp_path_factory, encoder):
    data = tmp_path_factory.mktemp("origin") / "data"
    limits = Limits(queued=1, job_seconds=60)
    with (
        site() as articles,
        serving(
            data, encoder, allow_private_urls=True, limits=limits, workers=1, fetch_timeout=20
        ) as running,
    ):
        running.site = articles
        yield running


@pytest.mark.parametrize(
    ("headers", "allowed"),
    [
        ({"Origin": "http://127.0.0.1:9999"}, False),  # another port of the same host
        ({"Origin": "null"}, False),
        ({"Sec-Fetch-Site": "same-site"}, False),
        ({"Sec-Fetch-Site": "cross-site", "Origin": "http://evil.example"}, False),
        ({"Origin": ""}, False),  # a client that says nothing is refused too
        ({"Sec-Fetch-Site": "same-origin", "Origin": "null"}, True),  # our page, no-referrer
        ({}, True),  # the test client: Origin is this server's
    ],
)
def test_forms_need_this_servers_origin(local_server, headers, allowed) -> None:
    client = Client(local_server.url)
    fields = {"csrf": client.csrf(), "text": "", "formats": "md"}
    response, body = client.post("/make", fields, headers=headers)
    refused = response.status == 403 and b"sent from another site" in body
    assert refused != allowed, (response.status, body[:300])
    if allowed:
        assert response.status == 400  # the form's own check: no article given


class Attacker(http.server.BaseHTTPRequestHandler):
    """A page on another port of 127.0.0.1 that sets the CSRF cookie and sends the form."""

    target = ""
    csrf = "k" * 43

    def do_GET(self) -> None:
        body = (
            f'<!DOCTYPE html><title>x</title><form method="post" action="{self.target}/make" '
            'enctype="multipart/form-data">'
            f'<input name="csrf" value="{self.csrf}"><input name="formats" value="md">'
            f'<textarea name="text">{SHORT}</textarea><button id="go">Go</button></form>'
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Set-Cookie", f"briefing_csrf={self.csrf}; Path=/; SameSite=Lax")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def attacker_site(target: str) -> Iterator[str]:
    Attacker.target = target
    with http_server(Attacker) as url:
        yield url


@pytest.mark.slow
def test_a_page_on_another_port_cannot_send_the_form_in_a_real_browser(local_server) -> None:
    from playwright.sync_api import sync_playwright

    from tests.test_accessibility import CHROMIUM_FLAGS, _chromium

    with sync_playwright() as playwright, attacker_site(local_server.url) as evil:
        browser = playwright.chromium.launch(executable_path=_chromium(), args=CHROMIUM_FLAGS)
        try:
            page = browser.new_context().new_page()
            page.goto(f"{local_server.url}/library")  # the person uses the app, then...
            page.goto(f"{evil}/")  # ...opens a page on another port, which sends the form
            with page.expect_navigation():
                page.click("#go")
            assert "sent from another site" in page.inner_text("main")
            page.goto(f"{local_server.url}/")  # the app's own form still works
            page.fill("#text", SHORT)
            page.click("text=Make the brief")
            page.wait_for_url(re.compile(r"/briefs/[0-9a-f]{16}/$"), timeout=60_000)
        finally:
            browser.close()
    library = Client(local_server.url).get("/library")[1].decode()
    titles = re.findall(r"<h2[^>]*>(.*?)</h2>", library)
    assert len(titles) == 1  # only the app's own form made a brief


def test_waiting_jobs_are_capped_and_the_pdf_page_limit_names_the_upload(local_server) -> None:
    from pypdf import PdfWriter

    client = Client(local_server.url)
    Site.release.clear()
    stalled = client.make({"text": SHORT, "urls": f"{local_server.site}/stall", "formats": "md"})
    writer = PdfWriter()
    for _ in range(1001):
        writer.add_blank_page(100, 100)
    path = local_server.data.parent / "pages.pdf"
    writer.write(path)
    waiting = client.make({"formats": "md"}, [("files", "My report.pdf", path.read_bytes())])
    response, body = client.post("/make", {"csrf": client.csrf(), "text": SHORT, "formats": "md"})
    assert response.status == 503 and b"The server is busy" in body
    Site.release.set()
    client.wait(stalled)
    started = time.monotonic()
    with pytest.raises(AssertionError, match=r"My report\.pdf: too many pages \(1,001; the limit"):
        client.wait(waiting)
    assert time.monotonic() - started < 20
    _, page = client.get(f"/jobs/{waiting}")
    assert b"uploads" not in page


def test_uploads_are_named_by_their_own_names_in_every_output(local_server) -> None:
    client = Client(local_server.url)
    files = [("files", "Harbour notes.txt", SHORT.encode())]
    job = client.make({"formats": ["md", "txt", "html", "json"]}, files)
    assert client.wait(job) == f"/briefs/{job}/"
    folder = local_server.data / "briefs" / job
    outputs = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir() if p.is_file()}
    assert any("Harbour notes.txt" in text for text in outputs.values())
    for name, text in outputs.items():
        assert "uploads" not in text and str(local_server.data) not in text, name


def test_a_brief_over_its_time_is_stopped_with_the_reason(tmp_path, encoder) -> None:
    limits = Limits(job_seconds=0.5)
    with (
        site() as articles,
        serving(
            tmp_path / "data", encoder, allow_private_urls=True, limits=limits, fetch_timeout=2
        ) as running,
    ):
        client = Client(running.url)
        job = client.make({"text": SHORT, "urls": f"{articles}/stall", "formats": "md"})
        said = r"took longer than this server(&#39;|')s limit of 0\.5 s"
        with pytest.raises(AssertionError, match=said):
            client.wait(job)


def test_uploads_on_disk_are_capped_while_their_jobs_run(tmp_path, encoder) -> None:
    limits = Limits(upload_disk=2500)
    with (
        site() as articles,
        serving(tmp_path / "data", encoder, allow_private_urls=True, limits=limits) as running,
    ):
        client = Client(running.url)
        Site.release.clear()
        first = [("files", "first.txt", SHORT.encode() * 4)]  # 1,420 bytes, kept meanwhile
        stalled = client.make({"urls": f"{articles}/stall", "formats": "md"}, first)
        second = [("files", "second.txt", SHORT.encode() * 4)]
        response, body = client.post("/make", {"csrf": client.csrf(), "formats": "md"}, second)
        assert response.status == 503 and b"hold" in body and b"of uploads already" in body
        assert len(list((running.data / "uploads").iterdir())) == 1  # nothing of it saved
        Site.release.set()
        client.wait(stalled)
        assert client.make({"formats": "md"}, second)  # room again once the first one ended


def _slow_client(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the blank line
    return sock


def _closed_within(sock: socket.socket, seconds: float) -> bool:
    """True when the server closes ``sock`` (after any answer) within ``seconds``."""
    sock.settimeout(seconds)
    try:
        while sock.recv(4096):
            pass
    except TimeoutError:
        return False
    except ConnectionError:
        return True
    return True


@pytest.mark.slow
def test_slow_and_many_clients_are_bounded(tmp_path, encoder) -> None:
    limits = Limits(connections=20, header_seconds=1.5, body_idle_seconds=1.5)
    with serving(tmp_path / "data", encoder, limits=limits) as running:
        slow = [_slow_client(running.port) for _ in range(20)]
        try:
            extra = socket.create_connection(("127.0.0.1", running.port), timeout=5)
            assert extra.recv(200).startswith(b"HTTP/1.1 503")  # the 21st: refused at once
            extra.close()
            started = time.monotonic()
            for sock in slow[:5]:
                sock.sendall(b"X-Drip: 1")  # dripping header bytes extends nothing
            assert all(_closed_within(sock, 4) for sock in slow)
            assert time.monotonic() - started < 4
            assert Client(running.url).get("/library")[0].status == 200  # open again
            body = socket.create_connection(("127.0.0.1", running.port), timeout=10)
            body.sendall(
                b"POST /make HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n"
                b"Content-Type: application/x-www-form-urlencoded\r\n\r\ntext=abc"
            )
            assert _closed_within(body, 5)  # a body that stops: closed after its silence
        finally:
            for sock in slow:
                sock.close()


def test_repeated_log_lines_are_rate_limited() -> None:
    import logging

    from briefing.web.protocol import RateLimit

    seen: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record.getMessage())

    logger = logging.getLogger("briefing.test.flood")
    logger.propagate = False
    logger.addHandler(Keep())
    limit = RateLimit(burst=3, period=0.5)
    logger.addFilter(limit)
    for n in range(1000):
        logger.warning("accept failed: %s", n)
    logger.warning("another message")
    time.sleep(0.6)
    logger.warning("accept failed: %s", "late")
    assert seen[:3] == ["accept failed: 0", "accept failed: 1", "accept failed: 2"]
    assert seen[3] == "another message"
    assert seen[4] == "accept failed: late (997 more like this not logged)"
    assert len(seen) == 5
    access = logging.getLogger("briefing.test.access")
    access.propagate = False
    access.setLevel(logging.INFO)
    access.addHandler(Keep())
    access.addFilter(RateLimit(burst=2, period=60, per_client=True))
    for client in ("10.0.0.1:1", "10.0.0.2:2"):
        for path in ("/", "/static/style.css", "/static/serve.js"):
            access.info('%s - "GET %s"', client, path)
    assert seen[5:] == ['10.0.0.1:1 - "GET /"', '10.0.0.1:1 - "GET /static/style.css"',
                        '10.0.0.2:2 - "GET /"', '10.0.0.2:2 - "GET /static/style.css"']  # fmt: skip


def test_sigterm_mid_brief_records_the_server_stopped(tmp_path) -> None:
    import signal

    from tests.test_web_restart import served

    data = tmp_path / "data"
    with site() as local, served(data) as (process, client):
        job = client.make({"text": SHORT, "urls": f"{local}/stall", "formats": "md"})
        deadline = time.monotonic() + 30
        while b"Reading articles" not in client.get(f"/jobs/{job}")[1]:
            assert time.monotonic() < deadline, "the job did not start"
            time.sleep(0.1)
        process.send_signal(signal.SIGTERM)
        time.sleep(1)
        Site.release.set()
        assert process.wait(60) == 143  # as a shell reports SIGTERM
    import sqlite3

    with sqlite3.connect(data / "briefing.sqlite3") as db:
        state, error = db.execute("SELECT state, error FROM jobs WHERE id = ?", (job,)).fetchone()
    assert (state, error) == ("failed", INTERRUPTED)


def test_a_config_url_must_be_http(tmp_path: Path) -> None:
    from briefing.errors import ConfigError
    from briefing.web import ServerConfig

    with pytest.raises(ConfigError, match="not an http or https address"):
        ServerConfig(data=tmp_path, url="javascript:alert(1)")
    config = ServerConfig(data=tmp_path, host="0.0.0.0", token=TOKEN, port=9000)
    assert config.base_url == f"http://{socket.gethostname().lower()}:9000/"
    assert config.answers_to("10.0.0.7") and config.answers_to(socket.gethostname())
    assert not config.answers_to("evil.example")
    assert not ServerConfig(data=tmp_path).answers_to("10.0.0.7")  # loopback names only
