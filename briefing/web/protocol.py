"""How ``briefing serve`` runs under uvicorn: slow and many clients bounded, logs kept short.

uvicorn bounds idle keep-alive connections, but not a client that sends its
request line and headers a byte at a time, nor one that stops halfway through
a body: each holds a connection (a file descriptor) for as long as it likes,
and a thousand of them leave the process without descriptors, its log full of
"Too many open files". So each connection here has

- a deadline for its request line and headers, all of them (``header_seconds``),
  counted from the first byte of each request, not reset by more bytes;
- a limit on silence inside a request body (``body_idle_seconds``);
- a place among at most ``connections`` open at once: one more is answered
  ``503`` and closed at once, so its descriptor is free again.

Repeated log lines (the same message from the same logger) are let through at
most :data:`LOG_BURST` times every :data:`LOG_PERIOD` seconds; the next one
that passes says how many were dropped. Access lines count per client, up to
:data:`ACCESS_BURST` in the same time: a page and its files are a few.
"""

from __future__ import annotations

import asyncio
import logging
import resource
import threading
import time
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from briefing.web.config import Limits

log = logging.getLogger("briefing.web")
BUSY = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
    b"Connection: close\r\nContent-Length: 37\r\n\r\nThe server is busy; try again soon.\r\n"
)
RESERVED_FILES = 128  # descriptors kept for the database, the models and the briefs' files
LOG_BURST = 5
LOG_PERIOD = 10.0
ACCESS_BURST = 60
NOISY_LOGGERS = ("uvicorn.error", "asyncio", "briefing.web")


class BoundedH11(H11Protocol):
    """uvicorn's h11 protocol with a header deadline, a body silence limit and a cap."""

    limits: Limits = Limits()  # set on the subclass :func:`uvicorn_config` makes

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._waiting: asyncio.TimerHandle | None = None
        self._waiting_for = ""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.limits.connections:
            log.warning("more than %d connections open: one refused", self.limits.connections)
            transport.write(BUSY)
            transport.close()
            return
        self._wait("headers", self.limits.header_seconds)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        state = self.conn.their_state
        if state is h11.SEND_BODY:
            self._wait("body", self.limits.body_idle_seconds)  # restarted by every byte
        elif state is h11.IDLE and self._waiting_for != "headers":
            self._wait("headers", self.limits.header_seconds)  # the next request's headers
        elif state is not h11.IDLE:
            self._stop_waiting()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_waiting()
        super().connection_lost(exc)

    def _wait(self, what: str, seconds: float) -> None:
        self._stop_waiting()
        self._waiting_for = what
        self._waiting = self.loop.call_later(seconds, self._too_slow)

    def _stop_waiting(self) -> None:
        if self._waiting is not None:
            self._waiting.cancel()
        self._waiting, self._waiting_for = None, ""

    def _too_slow(self) -> None:
        if self.flow is not None and self.flow.read_paused:  # the app is slow to read, not them
            self._wait(self._waiting_for, self.limits.body_idle_seconds)
            return
        log.warning("a client was too slow sending its request %s: closed", self._waiting_for)
        self._waiting, self._waiting_for = None, ""
        self.transport.close()


def open_file_limit() -> int:
    """Raise this process's soft limit on open files to its hard limit; the limit now."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        wanted = 65536 if hard == resource.RLIM_INFINITY else hard
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
        except (ValueError, OSError):
            pass
    return soft


def uvicorn_config(app, limits: Limits, host: str, port: int, **options: Any) -> uvicorn.Config:
    """A uvicorn configuration for ``app`` that enforces ``limits`` on every connection.

    The connection cap is lowered to fit the descriptors this process may open.
    """
    allowed = max(open_file_limit() - RESERVED_FILES, 16)
    bounded = Limits(**{**vars(limits), "connections": min(limits.connections, allowed)})
    protocol = type("Bounded", (BoundedH11,), {"limits": bounded})
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        http=protocol,
        timeout_keep_alive=5,
        limit_concurrency=bounded.connections + 1,
        server_header=False,
        **options,
    )


class RateLimit(logging.Filter):
    """Let each message through at most ``burst`` times per ``period`` seconds."""

    def __init__(
        self, burst: int = LOG_BURST, period: float = LOG_PERIOD, per_client: bool = False
    ) -> None:
        super().__init__()
        self.burst, self.period, self.per_client = burst, period, per_client
        self._seen: dict[tuple[str, object], tuple[float, int, int]] = {}
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        client = record.args[0] if self.per_client and isinstance(record.args, tuple) else ""
        key = (record.name, client or record.msg)
        now = time.monotonic()
        with self._lock:
            if len(self._seen) > 10_000:  # many clients or messages: forget the quiet ones
                self._seen = {k: v for k, v in self._seen.items() if now - v[0] < self.period}
            start, passed, dropped = self._seen.get(key, (now, 0, 0))
            if now - start >= self.period:
                start, passed = now, 0
            if passed >= self.burst:
                self._seen[key] = (start, passed, dropped + 1)
                return False
            self._seen[key] = (start, passed + 1, 0)
        if dropped:
            record.msg = f"{record.msg} ({dropped} more like this not logged)"
        return True


def limit_logs() -> None:
    """Rate-limit the server's loggers, access lines per client (see the module docstring)."""
    chosen = {name: RateLimit() for name in NOISY_LOGGERS}
    chosen["uvicorn.access"] = RateLimit(ACCESS_BURST, per_client=True)
    for name, limit in chosen.items():
        logger = logging.getLogger(name)
        for old in [f for f in logger.filters if isinstance(f, RateLimit)]:
            logger.removeFilter(old)
        logger.addFilter(limit)
