"""What the web app's tests share: a real uvicorn in a thread, a local article site, a browser.

Every server binds 127.0.0.1 on a free port and is stopped by the fixture that
started it. The browser is Debian's Chromium, launched as the accessibility
tests launch it.
"""

from __future__ import annotations

import http.client
import http.server
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

import uvicorn

from briefing.resources import Resources
from briefing.speak import VoiceOptions
from briefing.web import ServerConfig, create_app
from briefing.web.protocol import uvicorn_config
from tests.local_http import http_server as http_server

ROOT = Path(__file__).resolve().parent.parent
WEB = Path(__file__).resolve().parent / "fixtures" / "web"
SHORT = """Harbour ferry fares to rise by a fifth

The harbour ferry will cost $3 a trip from 1 March, up from $2.50, the transport office said.
Officials said the rise would pay for two new electric boats and longer evening service.
Commuter groups said the increase came too soon after last year's timetable cuts.
The council will vote on the plan on 20 February.
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Running:
    """A uvicorn server on 127.0.0.1 in a thread, set up as ``briefing serve`` sets it up.

    ``url`` ends without a slash.
    """

    def __init__(self, app, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.app = app
        limits = app.state.server.config.limits
        self.server = uvicorn.Server(
            uvicorn_config(
                app,
                limits,
                "127.0.0.1",
                self.port,
                log_level="warning",
                timeout_graceful_shutdown=1,
            )
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def data(self) -> Path:
        return self.app.state.server.data.root

    def __enter__(self) -> Running:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert time.monotonic() < deadline, "the server did not start"
            assert self.thread.is_alive(), "the server thread ended"
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(15)


@contextmanager
def serving(data: Path, encoder, **settings) -> Iterator[Running]:
    """A server over ``data`` with the shared encoder; ``settings`` go to ServerConfig."""
    settings.setdefault("voice", VoiceOptions(engine="espeak"))
    settings.setdefault("port", free_port())
    app = create_app(ServerConfig(data=data, **settings), resources=Resources(encoder))
    with Running(app, settings["port"]) as running:
        yield running


class Site(http.server.BaseHTTPRequestHandler):
    """Article pages, a missing page, a redirect, and a page that fails once released."""

    release: ClassVar[threading.Event] = threading.Event()
    seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Site.seen.append(f"{self.server.server_address[0]}{self.path}")
        path, _, query = self.path.partition("?")
        if path == "/hop":  # a redirect to the address in the query
            self.send_response(302)
            self.send_header("Location", unquote(query.removeprefix("to=")))
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/stall":
            Site.release.wait(60)
            self.send("text/html", b"<html><body><p>Released.</p></body></html>", 503)
        elif path.endswith(".html") and (WEB / path.lstrip("/")).is_file():
            self.send("text/html; charset=utf-8", (WEB / path.lstrip("/")).read_bytes())
        else:
            self.send("text/html", b"<html><body><h1>Not found</h1></body></html>", 404)

    def send(self, kind: str, body: bytes, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def site(address: str = "127.0.0.1") -> Iterator[str]:
    """The local site's base URL; anything stalled is released when it stops."""
    server = http.server.ThreadingHTTPServer((address, 0), Site)
    server.daemon_threads = True
    Site.release.clear()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{address}:{server.server_address[1]}"
    finally:
        Site.release.set()
        server.shutdown()
        server.server_close()


class Client:
    """An HTTP client that keeps the server's cookies, for requests a browser would not make."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes = b"", headers: dict | None = None):
        """``method`` on ``path``; a form (not GET) says it comes from the server's own page."""
        parts = urlsplit(self.base)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        sent = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if method not in ("GET", "HEAD"):
            sent["Origin"] = self.base
        connection.request(method, path, body=body, headers={**sent, **(headers or {})})
        response = connection.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        connection.close()
        return response, content

    def get(self, path: str, **headers: str):
        return self.request("GET", path, headers=headers)

    def csrf(self) -> str:
        if "briefing_csrf" not in self.cookies:
            self.get("/")
        return self.cookies["briefing_csrf"]

    def post(self, path: str, fields: dict[str, str | list[str]], files=(), headers=None):
        """A multipart form: ``files`` are (field, filename, bytes)."""
        boundary = "----briefingtest"
        parts = []
        for name, value in fields.items():
            for one in value if isinstance(value, list) else [value]:
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                    f"{one}\r\n".encode()
                )
        for name, filename, content in files:
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
            )
            parts.append(head.encode() + content + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        kind = f"multipart/form-data; boundary={boundary}"
        return self.request("POST", path, body, {"Content-Type": kind, **(headers or {})})

    def make(self, fields: dict, files=()) -> str:
        """Start a brief; its job id."""
        response, content = self.post("/make", {"csrf": self.csrf(), **fields}, files)
        assert response.status == 303, content.decode()[:2000]
        return response.getheader("Location").rsplit("/", 1)[1]

    def wait(self, job_id: str, timeout: float = 60) -> str:
        """Follow a job to its end; the address it ends at."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            response, content = self.get(f"/jobs/{job_id}")
            if response.status == 303:
                return response.getheader("Location")
            if b"could not be made" in content:
                raise AssertionError(re.sub(r"\s+", " ", content.decode())[:3000])
            time.sleep(0.1)
        raise AssertionError(f"job {job_id} did not end in {timeout} s")
