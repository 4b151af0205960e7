"""Hostile and careless inputs: special files, slow and redirecting servers, damaged files.

Every case must end in a one-line :class:`InputError` naming the input, within a
bounded time and memory, or in a correct article. The servers are real HTTP/1.1
keep-alive servers on 127.0.0.1, as most sites are.
"""

from __future__ import annotations

import http.server
import io
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from briefing.errors import InputError
from briefing.ingest import Fetcher, load_articles, read_article

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "tests" / "fixtures" / "web"
STORY = (
    "The council approved the bridge repairs on Tuesday after a long debate. "
    "Work will start in March and last six months, the engineer said. "
    "Buses will run a detour through the market square while the bridge is closed.\n"
)

# --- special files: refused from stat, never opened or read without bound -------------------

_CHILD = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
from briefing.errors import InputError
from briefing.ingest import load_articles
try:
    load_articles([sys.argv[1]], strict=True)
    print(json.dumps({"ok": True}))
except InputError as exc:
    print(json.dumps({"source": exc.source, "problem": exc.problem, "text": str(exc)}))
"""


def _load_in_child(item: str) -> dict:
    """Load one input in a child with 2 GiB of address space and 30 s: a regression fails,
    it does not hang the suite or eat the machine's memory."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, item],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    result["seconds"] = time.monotonic() - started
    return result


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    os.mkfifo(path)
    return path


def test_a_fifo_is_refused_without_blocking(fifo: Path) -> None:
    result = _load_in_child(str(fifo))
    assert result["source"] == str(fifo)
    assert result["problem"] == "not a regular file (a FIFO)"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_without_reading_it(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"{device} is not on this system")
    result = _load_in_child(device)
    assert result["text"] == f"{device}: not a regular file (a character device)"
    assert result["seconds"] < 20


def test_a_list_file_that_is_a_device_or_fifo_is_refused(fifo: Path) -> None:
    assert (
        _load_in_child("@/dev/zero")["problem"]
        == "list file: not a regular file (a character device)"
    )
    assert _load_in_child(f"@{fifo}")["problem"] == "list file: not a regular file (a FIFO)"


def test_a_fifo_named_in_a_list_file_is_refused(fifo: Path, tmp_path: Path) -> None:
    listing = tmp_path / "inputs.txt"
    listing.write_text(f"{fifo.name}\n/dev/zero\n")
    with pytest.raises(InputError) as caught:
        load_articles([f"@{listing}"])
    assert caught.value.problem.startswith("no usable articles (")
    assert "story.txt: not a regular file (a FIFO)" in caught.value.problem
    assert "/dev/zero: not a regular file (a character device)" in caught.value.problem


def test_a_regular_file_is_read_only_up_to_the_limit(tmp_path: Path) -> None:
    """/proc files are regular but report size 0: only the bounded read catches them."""
    maps = Path("/proc/self/maps")
    if not maps.exists():
        pytest.skip("no /proc on this system")
    assert maps.stat().st_size == 0
    with pytest.raises(InputError) as caught:
        read_article(maps, max_bytes=100)
    assert caught.value.problem == "file too large (more than the 100 bytes limit)"


def test_one_byte_over_the_limit_shows_two_different_sizes(tmp_path: Path) -> None:
    limit = 1024 * 1024
    path = tmp_path / "long.txt"
    path.write_bytes(STORY.encode() * (limit // len(STORY) + 1))
    with path.open("r+b") as file:
        file.truncate(limit + 1)
    with pytest.raises(InputError) as caught:
        read_article(path, max_bytes=limit)
    assert caught.value.problem == "file too large (1,048,577 bytes; the limit is 1,048,576 bytes)"
    path.write_bytes(STORY.encode())
    assert read_article(path, max_bytes=limit).sentences


# --- damaged files ------------------------------------------------------------------------


def _pdf(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def _encrypted(data: bytes, user_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_password_protected_pdf_says_so(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(_encrypted(_pdf(STORY), user_password="secret"))
    with pytest.raises(InputError) as caught:
        read_article(path)
    assert str(caught.value) == f"{path}: the PDF is password-protected"


def test_a_pdf_with_only_an_owner_password_is_read(tmp_path: Path) -> None:
    path = tmp_path / "owner-only.pdf"
    path.write_bytes(_encrypted(_pdf(STORY), user_password=""))
    article = read_article(path)
    assert "bridge repairs" in " ".join(article.paragraphs)


def test_a_damaged_pdf_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "damaged.pdf"
    path.write_bytes(_pdf(STORY)[:400])
    with pytest.raises(InputError) as caught:
        read_article(path)
    assert "\n" not in str(caught.value)
    assert caught.value.source == str(path)


def test_invalid_utf8_in_utf8_text_becomes_replacement_characters(tmp_path: Path) -> None:
    path = tmp_path / "damaged.txt"
    text = "Café owners in Zürich said the “bridge” works began on time. " * 3
    path.write_bytes(text.encode() + b"Then the\xff\xfe\xc3( noise stopped. " + STORY.encode())
    body = " ".join(read_article(path).paragraphs)
    assert "Café owners in Zürich" in body and "“bridge”" in body
    assert "the\ufffd" in body
    assert "Ã" not in body and "ÿ" not in body


def test_cp1252_text_is_still_detected(tmp_path: Path) -> None:
    path = tmp_path / "western.txt"
    path.write_bytes(
        ("Café owners said the “bridge” works began on time. " + STORY).encode("cp1252")
    )
    body = " ".join(read_article(path).paragraphs)
    assert "Café owners said the “bridge” works" in body
    assert "\ufffd" not in body


# --- servers: HTTP/1.1 keep-alive, redirects, slow drips -----------------------------------


class KeepAlive(http.server.BaseHTTPRequestHandler):
    """An ordinary HTTP/1.1 server: keep-alive, Content-Length on every response."""

    protocol_version = "HTTP/1.1"
    requests: ClassVar[list[str]] = []
    stop = threading.Event()

    def do_GET(self) -> None:
        KeepAlive.requests.append(self.path)
        scheme = "https" if hasattr(self.connection, "cipher") else "http"  # TLS socket?
        redirects = {
            "/301": (301, "/chain/302"),
            "/chain/302": (302, "307"),  # relative to /chain/
            "/chain/307": (307, "../308"),
            "/308": (308, f"{scheme}://{self.headers['Host']}/pages/courier-bridge.html"),
            "/loop": (302, "/loop"),
            "/to-file": (302, "file:///etc/passwd"),
            "/to-ftp": (301, "ftp://127.0.0.1/story"),
            "/to-nowhere": (302, "http://[::1"),
        }
        if self.path in redirects:
            status, location = redirects[self.path]
            self.reply(status, b"<html><body>Moved</body></html>", location=location)
        elif self.path == "/pages/courier-bridge.html":
            self.reply(200, (WEB / "courier-bridge.html").read_bytes())
        elif self.path == "/drip-body":
            self.drip_body()
        elif self.path == "/drip-headers":
            self.drip_headers()
        else:
            self.reply(404, b"<html><body>Not found</body></html>")

    def reply(self, status: int, body: bytes, location: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if location:
            self.send_header("Location", location)
        self.end_headers()
        self.wfile.write(body)

    def drip(self, data: bytes) -> None:
        """One byte every half second until done, the client leaves or the test ends."""
        for byte in data:
            if KeepAlive.stop.wait(0.5):
                return
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except OSError:
                return

    def drip_body(self) -> None:
        body = b"<html><body><p>" + b"slow " * 400 + b"</p></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.flush()
        self.drip(body)
        self.close_connection = True

    def drip_headers(self) -> None:
        self.wfile.write(b"HTTP/1.1 200 OK\r\n")
        self.drip(b"X-Padding: " + b"a" * 400 + b"\r\nContent-Length: 0\r\n\r\n")
        self.close_connection = True

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    KeepAlive.stop.clear()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), KeepAlive)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    KeepAlive.stop.set()
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def test_a_redirect_chain_is_followed_on_a_keep_alive_server(server: str) -> None:
    KeepAlive.requests.clear()
    article = read_article(f"{server}/301", fetcher=Fetcher(timeout=10))
    assert article.title == "Old Mill bridge to close for six months of repairs"
    assert article.url == f"{server}/pages/courier-bridge.html"
    assert KeepAlive.requests == [
        "/301",
        "/chain/302",
        "/chain/307",
        "/308",
        "/pages/courier-bridge.html",
    ]


def test_pages_after_a_redirect_are_fetched_again(server: str) -> None:
    """The same fetcher goes on working after redirects (no stale keep-alive state)."""
    fetcher = Fetcher(timeout=10)
    for _ in range(3):
        assert fetcher.fetch(f"{server}/chain/307").url == f"{server}/pages/courier-bridge.html"


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("/loop", "more than 5 redirects"),
        ("/to-file", "only http and https URLs are fetched (redirected to file:///etc/passwd)"),
        ("/to-ftp", "only http and https URLs are fetched (redirected to ftp://127.0.0.1/story)"),
        ("/to-nowhere", "not a valid URL (redirected to http://[::1)"),
        ("/missing", "the server answered 404 Not Found"),
    ],
)
def test_bad_redirects_say_why(server: str, path: str, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        read_article(f"{server}{path}", fetcher=Fetcher(timeout=10))
    assert str(caught.value) == f"{server}{path}: {problem}"


@pytest.mark.parametrize("path", ["/drip-body", "/drip-headers"])
def test_a_slow_drip_ends_at_the_whole_url_timeout(server: str, path: str) -> None:
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        read_article(f"{server}{path}", fetcher=Fetcher(timeout=2))
    elapsed = time.monotonic() - started
    assert str(caught.value) == f"{server}{path}: took longer than 2 s"
    assert 1.9 < elapsed < 4


def test_the_timeout_option_bounds_a_slow_drip_in_the_command(server: str, tmp_path: Path) -> None:
    from tests.test_cli import run

    started = time.monotonic()
    result = run("build", f"{server}/drip-body", "--timeout", "2", "-o", tmp_path / "out")
    assert result.returncode == 1
    assert f"{server}/drip-body: took longer than 2 s" in result.stderr
    assert result.stderr.count("\n") == 1
    assert time.monotonic() - started < 30  # startup included; the fetch itself is ~2 s


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The same handler over TLS, with a certificate from a test CA (trustme)."""
    import ssl

    import trustme

    ca = trustme.CA()
    ca_file = tmp_path_factory.mktemp("tls") / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    KeepAlive.stop.clear()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), KeepAlive)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{httpd.server_address[1]}", ca_file
    KeepAlive.stop.set()
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def test_https_redirects_and_slow_drips_are_bounded_too(
    tls_server: tuple[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over TLS the deadline shuts the TLS socket down; redirects work as over http."""
    base, ca_file = tls_server
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))  # trust the test CA, as a system CA
    assert Fetcher(timeout=10).fetch(f"{base}/301").url == f"{base}/pages/courier-bridge.html"
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        Fetcher(timeout=2).fetch(f"{base}/drip-body")
    assert str(caught.value) == f"{base}/drip-body: took longer than 2 s"
    assert 1.9 < time.monotonic() - started < 4


@pytest.mark.parametrize("url", ["http://[::1", "https://example.org:port/", "http://a:99999/"])
def test_malformed_urls_are_one_line_errors(url: str) -> None:
    with pytest.raises(InputError) as caught:
        load_articles([url], strict=True)
    assert str(caught.value) == f"{url}: not a valid URL"
