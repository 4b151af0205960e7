"""The addresses a server fetches for its users: checked before any connection, the
connection made to the address checked, every special-use range refused, no port oracle.

Real sockets on 127.0.0.1 and 127.0.0.2 (loopback, so each test picks which
loopback addresses its policy lets through); a TLS server with a test CA.
"""

from __future__ import annotations

import http.server
import re
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import ClassVar

import pytest

from briefing.errors import InputError
from briefing.ingest.fetch import Fetcher
from briefing.ingest.hosts import first_refused, refusal
from briefing.web.forms import url_problem
from tests.webserver import free_port, site


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("fe80::1%lo", "an address with a zone id"),
        ("64:ff9b::7f00:1", "a loopback address"),  # NAT64 of 127.0.0.1
        ("64:ff9b::a9fe:a9fe", "a link-local address"),  # NAT64 of 169.254.169.254
        ("64:ff9b:1::a00:1", "a local-use NAT64 address"),
        ("2002:a9fe:a9fe::1", "a link-local address"),  # 6to4
        ("::ffff:169.254.169.254", "a link-local address"),  # IPv4-mapped
        ("::ffff:0:a00:1", "a private address"),  # IPv4-translated
        ("::7f00:1", "a loopback address"),  # IPv4-compatible
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "a documentation address"),  # Teredo
        ("fec0::1", "a site-local address"),
        ("ff02::1", "a multicast address"),
        ("100::1", "a discard address"),
        ("::", "an unspecified address"),
        ("0.0.0.0", "an unspecified address"),
        ("0.1.2.3", "a 'this network' address"),
        ("100.64.0.1", "a shared (carrier-grade NAT) address"),
        ("192.0.0.170", "an IETF protocol address"),
        ("192.88.99.1", "a 6to4 relay address"),
        ("198.18.0.1", "a benchmarking address"),
        ("240.0.0.1", "a reserved address"),
        ("255.255.255.255", "a reserved address"),
    ],
)
def test_special_use_addresses_are_refused(address: str, reason: str) -> None:
    said = refusal(address)
    assert said is not None and said.startswith(reason)


@pytest.mark.parametrize(
    "address", ["8.8.8.8", "2606:4700::1111", "64:ff9b::808:808", "2002:808:808::1", "1.1.1.1"]
)
def test_public_addresses_pass_also_inside_ipv6(address: str) -> None:
    assert refusal(address) is None


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("http://[fe80::1%25lo]/", "fe80::1%25lo is fe80::1%lo, an address with a zone id"),
        ("http://[64:ff9b::7f00:1]:8000/", "64:ff9b::7f00:1 is a loopback address"),
        ("http://[64:ff9b::a9fe:a9fe]/latest/", "64:ff9b::a9fe:a9fe is a link-local address"),
        ("http://2130706433/", "2130706433 is 127.0.0.1, a loopback address"),
        ("http://0x7f.1/", "0x7f.1 is 127.0.0.1, a loopback address"),
        ("http://[::ffff:7f00:1]/", "::ffff:7f00:1 is a loopback address"),
    ],
)
def test_the_form_refuses_them_before_any_work(url: str, said: str) -> None:
    problem = url_problem(url, allow_private=False)
    assert problem is not None and f"refused: {said}" in problem, problem


@contextmanager
def listener(address: str = "127.0.0.1") -> Iterator[tuple[socket.socket, int]]:
    """A TCP socket that listens and never answers: did anyone connect?"""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((address, 0))
    sock.listen(8)
    sock.settimeout(0.5)
    try:
        yield sock, sock.getsockname()[1]
    finally:
        sock.close()


def _connected(sock: socket.socket) -> bool:
    try:
        sock.accept()[0].close()
    except TimeoutError:
        return False
    return True


def test_a_refused_address_is_never_connected_to() -> None:
    with listener() as (sock, port):
        with pytest.raises(InputError, match=r"refused: 127\.0\.0\.1 is a loopback address"):
            Fetcher(refuse=refusal, timeout=5).fetch(f"http://127.0.0.1:{port}/")
        assert not _connected(sock)
        with pytest.raises(InputError, match=r"refused: 127\.0\.0\.1 is a loopback address"):
            Fetcher(refuse=refusal, timeout=5).fetch(f"http://localhost:{port}/")
        assert not _connected(sock)


def test_a_redirect_to_a_refused_address_is_never_connected_to() -> None:
    only_first = lambda address: "refused here" if address != "127.0.0.1" else None  # noqa: E731
    with site() as public, listener("127.0.0.2") as (sock, port):
        with pytest.raises(InputError, match=r"refused: 127\.0\.0\.2 is refused here"):
            Fetcher(refuse=only_first, timeout=5).fetch(f"{public}/hop?to=http://127.0.0.2:{port}/")
        assert not _connected(sock)


def test_open_and_closed_ports_read_the_same() -> None:
    """A feed's entries pointing at local ports learn nothing about which are open."""
    fetcher = Fetcher(refuse=refusal, timeout=5)
    messages = []
    with listener() as (_, open_port):
        for port in (open_port, free_port()):
            with pytest.raises(InputError) as caught:
                fetcher.fetch(f"http://127.0.0.1:{port}/entry")
            messages.append(re.sub(r":\d+/", ":PORT/", str(caught.value)))
    assert messages[0] == messages[1]
    assert messages[0].endswith("refused: 127.0.0.1 is a loopback address")


def test_the_name_is_looked_up_once_and_the_checked_address_is_the_one_used(monkeypatch) -> None:
    real = socket.getaddrinfo
    asked: list[str] = []

    def counting(host, *args, **kwargs):
        asked.append(str(host))
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", counting)
    checked: list[str] = []

    def loopback_only(address: str) -> str | None:
        checked.append(address)
        return None if address == "127.0.0.1" else "not this one"

    with site() as base:
        url = base.replace("127.0.0.1", "localhost") + "/courier-bridge.html"
        if any(":" in a for *_, (a, *_) in real("localhost", 80, type=socket.SOCK_STREAM)):
            pytest.fail("this machine's localhost has an IPv6 address; the test needs IPv4 only")
        page = Fetcher(refuse=loopback_only, timeout=10).fetch(url)
    assert page.url == url and b"bridge" in page.data.lower()
    assert asked.count("localhost") == 1 and checked == ["127.0.0.1"]


class Page(http.server.BaseHTTPRequestHandler):
    hosts: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Page.hosts.append(self.headers.get("Host", ""))
        body = b"<html><head><title>Over TLS</title></head><body><p>A page.</p></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_https_keeps_the_host_name_for_the_certificate_and_the_host_header(ca, monkeypatch) -> None:
    authority, ca_file = ca
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    authority.issue_cert("localhost").configure_cert(context)  # the name only, no address
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        port = httpd.server_address[1]
        allow = lambda address: None if address in ("127.0.0.1", "::1") else "no"  # noqa: E731
        page = Fetcher(refuse=allow, timeout=10).fetch(f"https://localhost:{port}/")
        assert b"Over TLS" in page.data and Page.hosts[-1] == f"localhost:{port}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_name_that_does_not_resolve_is_not_a_refusal() -> None:
    assert first_refused("no-such-host.invalid") is None
    with pytest.raises(InputError, match="host not found"):
        Fetcher(refuse=refusal, timeout=5).fetch("http://no-such-host.invalid/")
