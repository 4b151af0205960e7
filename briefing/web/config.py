"""What one ``briefing serve`` is set up with: where it keeps briefs, how open it is, its limits.

The SMTP server comes from the environment of the server, never from a page:
whoever can open the page must not be able to point the server at another mail
host or read its password. The variables are the ones ``briefing build --send``
and ``briefing send`` already read, plus two for what those take as flags.
"""

from __future__ import annotations

import functools
import ipaddress
import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from briefing.addresses import check_address, default_sender
from briefing.defaults import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT
from briefing.errors import ConfigError
from briefing.share.email import Server
from briefing.speak import VoiceOptions

MIB = 1024 * 1024
SMTP_VARIABLES = {
    "BRIEFING_SMTP": "the SMTP server, HOST or HOST:PORT (no email without it)",
    "BRIEFING_SMTP_SECURITY": "starttls (default), tls or none",
    "BRIEFING_SMTP_USER": "log in as this user",
    "BRIEFING_SMTP_PASSWORD": "that user's password",
    "BRIEFING_SMTP_CAFILE": "trust this CA certificate (a private or company CA)",
    "BRIEFING_FROM": "the sender, e.g. 'Briefs <briefs@example.org>'",
}
"""The environment variables a server reads its email settings from, and what each holds."""


@dataclass(frozen=True)
class Limits:
    """How much one request may bring; a larger one is refused before any work."""

    request_bytes: int = 50 * MIB  # the whole form, every upload together
    file_bytes: int = DEFAULT_MAX_BYTES  # one uploaded file, one fetched page
    files: int = 20
    urls: int = 20
    text_bytes: int = 2 * MIB  # the pasted text
    queued: int = 8  # jobs waiting for a worker; more are refused until one ends
    upload_disk: int = 500 * MIB  # the inputs of every job not yet ended, on disk together
    job_seconds: float = 600  # one brief, from reading to writing
    connections: int = 200  # open at once; one more is answered 503 and closed
    header_seconds: float = 10  # for a request line and its headers, all of them
    body_idle_seconds: float = 30  # the longest silence inside a request's body

    def __post_init__(self) -> None:
        for name in (
            "request_bytes", "file_bytes", "files", "urls", "text_bytes", "queued",
            "upload_disk", "job_seconds", "connections", "header_seconds", "body_idle_seconds",
        ):  # fmt: skip
            if getattr(self, name) <= 0:
                raise ConfigError("{setting} must be positive", setting=name)


@dataclass(frozen=True)
class Mailer:
    """Where the server sends email through, and as whom."""

    server: Server
    sender: str


@dataclass(frozen=True)
class ServerConfig:
    """A server's settings; ``token`` is required on every request when set.

    ``url`` is the address people and podcast apps reach the server at; every
    absolute link (the feed's) is built from it, never from a request's ``Host``.
    Without it, ``http://HOST:PORT/`` (this computer's name for a wildcard bind).
    """

    data: Path
    host: str = "127.0.0.1"
    token: str | None = None
    port: int = 8000
    url: str | None = None
    allow_private_urls: bool = False
    limits: Limits = field(default_factory=Limits)
    mailer: Mailer | None = None
    voice: VoiceOptions = field(default_factory=VoiceOptions)
    workers: int = 2  # briefs made at the same time
    fetch_timeout: float = DEFAULT_TIMEOUT

    def __post_init__(self) -> None:
        if self.token is None and not is_loopback(self.host):
            raise ConfigError(
                f"a server bound to {self.host} needs an access token", setting="token"
            )
        if self.workers < 1:
            raise ConfigError("{setting} must be at least 1", setting="workers")
        if self.url is not None:
            parts = urlsplit(self.url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ConfigError(f"{self.url!r} is not an http or https address", setting="url")

    @functools.cached_property
    def base_url(self) -> str:
        """The server's own address, ending in ``/``: where absolute links start."""
        if self.url is not None:
            return self.url.rstrip("/") + "/"
        name = socket.gethostname().lower() if _wildcard(self.host) else self.host
        shown = f"[{name}]" if ":" in name else name
        return f"http://{shown}:{self.port}/"

    @functools.cached_property
    def names(self) -> frozenset[str]:
        """The host names this server answers to (besides loopback and IP literals)."""
        found = {self.host.lower(), urlsplit(self.base_url).hostname or ""}
        if _wildcard(self.host):
            found.add(socket.gethostname().lower())
        return frozenset(n.strip("[]") for n in found if n)

    def answers_to(self, host: str) -> bool:
        """True for a ``Host`` this server may be addressed by.

        Without a token only loopback names: a page elsewhere cannot rebind its
        own domain to 127.0.0.1 (DNS rebinding). With one, also the configured
        names and any IP address literal, which no other site's name can stand for.
        """
        name = host.lower().rstrip(".")
        if is_loopback(name):
            return True
        if self.token is None:
            return False
        return name.strip("[]") in self.names or _is_address(name)

    def origins(self, host: str, scheme: str) -> frozenset[str]:
        """The ``Origin`` values of this server's own pages, as addressed by ``host``."""
        configured = urlsplit(self.base_url)
        return frozenset(
            {f"{scheme}://{host}".lower(), f"{configured.scheme}://{configured.netloc}"}
        )


def is_loopback(host: str) -> bool:
    """True for a name or address only this machine reaches."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _wildcard(host: str) -> bool:
    return host.strip("[]") in ("0.0.0.0", "::", "")


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def mailer_from(environ: Mapping[str, str] = os.environ) -> Mailer | None:
    """The SMTP settings in ``environ`` (see :data:`SMTP_VARIABLES`); None without a server."""
    where = environ.get("BRIEFING_SMTP", "").strip()
    if not where:
        return None
    host, _, port = where.rpartition(":") if ":" in where else (where, "", "")
    if port and not port.isdigit():
        raise ConfigError(f"BRIEFING_SMTP {where!r}: the port must be a number")
    cafile = environ.get("BRIEFING_SMTP_CAFILE")
    server = Server(
        host=host,
        port=int(port) if port else None,
        security=environ.get("BRIEFING_SMTP_SECURITY", "starttls"),
        user=environ.get("BRIEFING_SMTP_USER") or None,
        password=environ.get("BRIEFING_SMTP_PASSWORD"),
        cafile=Path(cafile) if cafile else None,
    )
    sender = environ.get("BRIEFING_FROM") or default_sender()
    check_address(sender)
    return Mailer(server, sender)
