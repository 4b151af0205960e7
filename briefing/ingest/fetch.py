"""Fetch web pages for the brief: http(s) only, bounded in time, size and redirects.

Every fetched page can be kept in a cache folder, so a brief can be rebuilt
offline from the same pages. Failures become one :class:`InputError` per URL.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import hashlib
import ipaddress
import json
import re
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin, urlsplit

from briefing.defaults import DEFAULT_TIMEOUT
from briefing.errors import InputError
from briefing.ingest.hosts import Refusal
from briefing.ingest.reading import DEFAULT_MAX_BYTES, read_bytes, too_large
from briefing.output import write_atomically
from briefing.version import __version__

if TYPE_CHECKING:
    import urllib3

USER_AGENT = f"briefing/{__version__} (offline news brief generator)"
SCHEMES = ("http", "https")
ACCEPTED_TYPES = re.compile(
    r"^(?:text/(?:html|plain|xml|markdown)|application/(?:xhtml\+xml|xml|(?:x-)?rss\+xml"
    r"|(?:x-)?atom\+xml|pdf|rdf\+xml|feed\+json)|application/octet-stream)$"
)


def is_url(text: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", text))


@dataclass(frozen=True)
class Page:
    """A fetched (or cached) page: its final URL, declared type and body."""

    url: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class Fetcher:
    """How URLs are fetched; one instance serves a whole brief."""

    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = 5
    cache: Path | None = None
    offline: bool = False
    refuse: Refusal | None = None  # why an address may not be connected to (None: any may)

    def fetch(self, url: str) -> Page:
        check_url(url)
        cached = self._cached(url)
        if cached is not None:
            return cached
        if self.offline:
            raise InputError(url, "not in the cache and fetching is off", setting="offline")
        page = self._download(url)
        self._store(url, page)
        return page

    def _download(self, url: str) -> Page:
        import urllib3

        deadline = Deadline(self.timeout)
        token = _DEADLINE.set(deadline)
        guarded = _REFUSE.set(self.refuse)
        try:
            return self._follow(url, deadline)
        except urllib3.exceptions.HTTPError as exc:
            if deadline.expired or _describe(exc) == "timed out":
                raise self._too_slow(url) from exc
            raise InputError(url, f"cannot fetch ({_describe(exc)})") from exc
        except Refused as exc:
            raise InputError(url, f"refused: {exc.address} is {exc.reason}") from None
        finally:
            _REFUSE.reset(guarded)
            _DEADLINE.reset(token)
            deadline.cancel()

    def _follow(self, url: str, deadline: Deadline) -> Page:
        """GET ``url``, following at most ``max_redirects`` redirects by hand.

        Each redirect is checked before it is followed (http and https only),
        and its response is closed, not returned to the pool unread: a
        keep-alive connection with an unread body would garble the next request.
        """
        current = url
        with _pool_manager() as pool:
            for _ in range(self.max_redirects + 1):
                response = pool.request(
                    "GET",
                    current,
                    preload_content=False,
                    redirect=False,
                    timeout=deadline.timeout(),
                )
                if response.status not in (301, 302, 303, 307, 308):
                    return self._read(url, current, response, deadline)
                location = response.headers.get("Location")
                response.close()
                response.release_conn()
                if not location:
                    raise InputError(url, f"redirect ({response.status}) without a location")
                try:
                    current = urljoin(current, location)
                except ValueError:
                    raise InputError(url, f"not a valid URL (redirected to {location})") from None
                check_url(current, original=url)
        raise InputError(url, f"more than {self.max_redirects} redirects")

    def _read(self, url: str, final: str, response, deadline: Deadline) -> Page:
        try:
            if response.status >= 400:
                raise InputError(url, f"the server answered {response.status} {response.reason}")
            content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if content_type and not ACCEPTED_TYPES.match(content_type):
                raise InputError(url, f"not an article page (content type {content_type})")
            declared = _content_length(response.headers.get("Content-Length"))
            if declared > self.max_bytes:
                raise too_large(url, "page", self.max_bytes, declared)
            data = bytearray()
            for chunk in response.stream(64 * 1024):
                if deadline.expired:
                    raise self._too_slow(url)
                data += chunk
                if len(data) > self.max_bytes:
                    raise too_large(url, "page", self.max_bytes)
            if deadline.expired:
                raise self._too_slow(url)
            return Page(final, content_type, bytes(data))
        finally:
            response.close()
            response.release_conn()

    def _too_slow(self, url: str) -> InputError:
        return InputError(url, f"took longer than {self.timeout:g} s")

    def _paths(self, url: str) -> tuple[Path, Path] | None:
        if self.cache is None:
            return None
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]
        return self.cache / f"{key}.body", self.cache / f"{key}.json"

    def _cached(self, url: str) -> Page | None:
        paths = self._paths(url)
        if paths is None or not (paths[0].exists() and paths[1].exists()):
            return None
        try:
            meta = json.loads(read_bytes(paths[1], 64 * 1024))
            return Page(meta["url"], meta["content_type"], read_bytes(paths[0], self.max_bytes))
        except (ValueError, KeyError, TypeError):
            return None  # a damaged (or oversized, or special) entry is fetched again

    def _store(self, url: str, page: Page) -> None:
        paths = self._paths(url)
        if paths is None:
            return
        meta = {"requested": url, "url": page.url, "content_type": page.content_type}
        write_atomically({paths[0]: page.data, paths[1]: json.dumps(meta, indent=1)})


class Deadline:
    """The time left for one URL, connect, headers and body together.

    A socket timeout bounds each read, not the whole fetch: a server that sends
    a byte every few seconds never trips it. So every socket opened for the URL
    is registered here, and a timer shuts them all down when the time is up,
    which ends any read that is still waiting.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._expired = False
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    @property
    def expired(self) -> bool:
        return self._expired or time.monotonic() >= self._end

    def timeout(self) -> urllib3.Timeout:
        """Connect and read timeouts that end no later than the deadline."""
        import urllib3

        left = max(self._end - time.monotonic(), 0.001)
        return urllib3.Timeout(connect=left, read=left)

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            expired = self._expired
        if expired:
            _shut(sock)

    def cancel(self) -> None:
        self._timer.cancel()
        with self._lock:
            self._sockets.clear()

    def _expire(self) -> None:
        with self._lock:
            self._expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


_DEADLINE: contextvars.ContextVar[Deadline | None] = contextvars.ContextVar(
    "briefing_fetch_deadline", default=None
)
_REFUSE: contextvars.ContextVar[Refusal | None] = contextvars.ContextVar(
    "briefing_fetch_refuse", default=None
)


class Refused(Exception):
    """A connection reached an address the fetcher's ``refuse`` policy refuses."""

    def __init__(self, address: str, reason: str) -> None:
        super().__init__(f"{address} is {reason}")
        self.address = address
        self.reason = reason


def _watched(connection_class: type) -> type:
    """A urllib3 connection class whose sockets obey the current :class:`Deadline`.

    With a ``refuse`` policy (e.g. :func:`briefing.ingest.hosts.refusal`: public
    addresses only), the host is resolved once, every address it resolves to is
    checked before any connection is tried, and the socket is connected to a
    checked address (:func:`_checked_connection`): neither a redirect, a feed
    entry nor a name that resolves differently the second time gets past it,
    and a refused address is never reached, open port or closed.
    """

    class Watched(connection_class):  # type: ignore[misc, valid-type]
        def _new_conn(self) -> socket.socket:
            refuse = _REFUSE.get()
            if refuse is None:
                return super()._new_conn()
            return _checked_connection(self, refuse)

        def connect(self) -> None:
            super().connect()
            deadline = _DEADLINE.get()
            if deadline is not None and self.sock is not None:
                deadline.watch(self.sock)

    Watched.__name__ = f"Watched{connection_class.__name__}"
    return Watched


def _checked_connection(connection, refuse: Refusal) -> socket.socket:
    """A socket connected to an address of ``connection``'s host that ``refuse`` lets through.

    The name is looked up once; the connection goes to the address checked, so
    the TLS name and the ``Host`` header stay the host's while the route cannot change.
    """
    from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
    from urllib3.util.connection import create_connection

    host, port = unquote(connection._dns_host).strip("[]"), connection.port
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        reason = refuse(host)
        if reason is not None and _is_literal(host):  # a zone id the resolver rejects
            raise Refused(host, reason) from None
        raise NameResolutionError(connection.host, connection, exc) from exc  # type: ignore[arg-type]
    addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
    for address in addresses:
        reason = refuse(address)
        if reason is not None:
            raise Refused(address, reason)
    error: Exception = NewConnectionError(connection, f"no address for {host}")
    for address in addresses:
        try:
            return create_connection(
                (address, port),
                connection.timeout,
                source_address=connection.source_address,
                socket_options=connection.socket_options,
            )
        except TimeoutError:
            error = ConnectTimeoutError(connection, f"Connection to {host} timed out")
        except OSError as exc:
            error = NewConnectionError(connection, f"Failed to establish a new connection: {exc}")
    raise error


def _is_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    return True


@functools.cache
def _pool_classes() -> dict[str, type]:
    from urllib3.connection import HTTPConnection, HTTPSConnection
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

    class Plain(HTTPConnectionPool):
        ConnectionCls = _watched(HTTPConnection)

    class Secure(HTTPSConnectionPool):
        ConnectionCls = _watched(HTTPSConnection)

    return {"http": Plain, "https": Secure}


def _pool_manager() -> urllib3.PoolManager:
    import urllib3

    pool = urllib3.PoolManager(
        headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,*/*"},
        retries=False,
    )
    pool.pool_classes_by_scheme = _pool_classes()
    return pool


def _content_length(value: str | None) -> int:
    """The declared length, or 0 where the header is missing or not a number."""
    try:
        return max(int(value or 0), 0)
    except ValueError:
        return 0


def check_url(url: str, original: str | None = None) -> None:
    """Only http and https, with a host: no file:// or other schemes, even by redirect."""
    name = original or url
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:  # "http://[::1" and the like
        via = f" (redirected to {url})" if original else ""
        raise InputError(name, f"not a valid URL{via}") from None
    if parts.scheme.lower() not in SCHEMES:
        via = f" (redirected to {url})" if original else ""
        raise InputError(name, f"only http and https URLs are fetched{via}")
    if not parts.hostname:
        raise InputError(name, "the URL has no host")


def _describe(exc: Exception) -> str:
    """The root cause of a urllib3 error, in a few words."""
    reason = getattr(exc, "reason", None) or exc
    text = str(reason)
    if "timed out" in text.lower() or "timeout" in type(reason).__name__.lower():
        return "timed out"
    if "Name or service not known" in text or "getaddrinfo" in text or "resolve" in text:
        return "host not found"
    if "refused" in text.lower():
        return "connection refused"
    return text.split(": ", 1)[-1][:120]
