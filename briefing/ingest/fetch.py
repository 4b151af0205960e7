"""Fetch web pages for the brief: http(s) only, bounded in time, size and redirects.

Every fetched page can be kept in a cache folder, so a brief can be rebuilt
offline from the same pages. Failures become one :class:`InputError` per URL.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from briefing.errors import InputError
from briefing.ingest.reading import DEFAULT_MAX_BYTES, _mib
from briefing.output import write_atomically
from briefing.version import __version__

USER_AGENT = f"briefing/{__version__} (offline news brief generator)"
SCHEMES = ("http", "https")
ACCEPTED_TYPES = re.compile(
    r"^(?:text/(?:html|plain|xml|markdown)|application/(?:xhtml\+xml|xml|rss\+xml|atom\+xml|pdf"
    r"|rdf\+xml|feed\+json)|application/octet-stream)$"
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

    timeout: float = 20.0
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = 5
    cache: Path | None = None
    offline: bool = False

    def fetch(self, url: str) -> Page:
        check_url(url)
        cached = self._cached(url)
        if cached is not None:
            return cached
        if self.offline:
            raise InputError(url, "not in the cache and fetching is off (--offline)")
        page = self._download(url)
        self._store(url, page)
        return page

    def _download(self, url: str) -> Page:
        import urllib3

        pool = urllib3.PoolManager(
            headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,*/*"},
            timeout=urllib3.Timeout(connect=self.timeout, read=self.timeout),
            retries=False,
        )
        current = url
        try:
            for _ in range(self.max_redirects + 1):
                response = pool.request("GET", current, preload_content=False, redirect=False)
                if response.status in (301, 302, 303, 307, 308):
                    location = response.headers.get("Location")
                    response.release_conn()
                    if not location:
                        raise InputError(url, f"redirect ({response.status}) without a location")
                    current = urljoin(current, location)
                    check_url(current, original=url)
                    continue
                return self._read(url, current, response)
        except urllib3.exceptions.HTTPError as exc:
            raise InputError(url, f"cannot fetch ({_describe(exc)})") from exc
        raise InputError(url, f"more than {self.max_redirects} redirects")

    def _read(self, url: str, final: str, response) -> Page:
        try:
            if response.status >= 400:
                raise InputError(url, f"the server answered {response.status} {response.reason}")
            content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if content_type and not ACCEPTED_TYPES.match(content_type):
                raise InputError(url, f"not an article page (content type {content_type})")
            declared = int(response.headers.get("Content-Length") or 0)
            if declared > self.max_bytes:
                raise self._too_large(url, declared)
            data = bytearray()
            for chunk in response.stream(64 * 1024):
                data += chunk
                if len(data) > self.max_bytes:
                    raise self._too_large(url, len(data), at_least=True)
            return Page(final, content_type, bytes(data))
        finally:
            response.release_conn()

    def _too_large(self, url: str, size: int, at_least: bool = False) -> InputError:
        limit = _mib(self.max_bytes)
        if at_least:
            return InputError(url, f"page too large (more than the {limit} limit, see --max-size)")
        return InputError(
            url, f"page too large ({_mib(size)}; the limit is {limit}, see --max-size)"
        )

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
            meta = json.loads(paths[1].read_text(encoding="utf-8"))
            return Page(meta["url"], meta["content_type"], paths[0].read_bytes())
        except (OSError, ValueError, KeyError):
            return None  # a damaged entry is fetched again

    def _store(self, url: str, page: Page) -> None:
        paths = self._paths(url)
        if paths is None:
            return
        meta = {"requested": url, "url": page.url, "content_type": page.content_type}
        write_atomically({paths[0]: page.data, paths[1]: json.dumps(meta, indent=1)})


def check_url(url: str, original: str | None = None) -> None:
    """Only http and https, with a host: no file:// or other schemes, even by redirect."""
    parts = urlsplit(url)
    name = original or url
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
