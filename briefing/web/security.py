"""What every request passes before a page: host, token, origin, size; headers on every answer.

- Every request must be addressed to a name the server answers to
  (:meth:`ServerConfig.answers_to`): without a token only loopback names, so a
  web page elsewhere cannot rebind its own domain to 127.0.0.1 and read this
  one's forms (DNS rebinding).
- With a token (bound beyond loopback, or ``--require-token``), every request
  needs the token printed at start: once as ``?token=`` (answered with a cookie
  and a redirect that drops it from the address bar), then the cookie; a
  podcast app, which keeps no cookies, reads the feed and its episodes under
  ``/t/TOKEN/``. Nothing answered to a request without the token holds it: the
  pages show the token's feed address only to a request that brought the token.
- A form (any request but GET and HEAD) must come from this server's own pages:
  its ``Origin`` is this server's, or the browser says ``Sec-Fetch-Site:
  same-origin``. Cookies do not tell ports apart, so a page on another port of
  the same host could otherwise set the CSRF cookie and submit the form.
- A request body over the limit is refused with 413 before it is parsed.
- Every answer carries a strict content-security policy (scripts and styles from
  this server's own files only, nothing inline), no referrer and no framing.
- Each browser gets a random CSRF cookie; every form carries the same value and
  :func:`csrf_ok` compares the two (a double-submit token).
"""

from __future__ import annotations

import hmac
import logging
import secrets
from collections.abc import Awaitable, Callable
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode

from briefing.ingest.reading import describe_excess
from briefing.web.config import ServerConfig

log = logging.getLogger("briefing.web")
CSP = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "media-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
TOKEN_COOKIE = "briefing_token"
CSRF_COOKIE = "briefing_csrf"
CSRF_KEY = "briefing.csrf"  # where the page finds this browser's CSRF value in the ASGI scope
TOKEN_KEY = "briefing.token"  # set in the ASGI scope when the request brought the token
SAFE_METHODS = ("GET", "HEAD")
TOKEN_PATHS = ("/feed.xml", "/podcast/")  # what a podcast app may read under /t/TOKEN/
FAILED = "The server failed on this request; its log says why."
DRAIN_LIMIT = 256 * 1024 * 1024  # read at most this much of a refused body, so the answer arrives

Deny = Callable[[int, str], Callable[..., Awaitable[None]]]  # (status, message) -> ASGI app


class TooLarge(Exception):
    pass


class Guard:
    """ASGI middleware; ``deny`` renders the page that explains a refusal."""

    def __init__(self, app, *, config: ServerConfig, deny: Deny) -> None:
        self.app, self.config, self.deny = app, config, deny
        self.token, self.max_body = config.token, config.limits.request_bytes

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cookies = _cookies(scope)
        csrf = cookies.get(CSRF_COOKIE) or ""
        fresh = not _plausible(csrf)
        if fresh:
            csrf = secrets.token_urlsafe(32)
        scope[CSRF_KEY] = csrf
        set_cookies = [_cookie(CSRF_COOKIE, csrf, "Strict")] if fresh else []
        send = _with_headers(send, set_cookies)
        refusal = self._refusal(scope, cookies)
        if refusal is not None:
            status, message = refusal
            await self.deny(status, message)(scope, receive, send)
            return
        if self.token and _query(scope).get("token") is not None:
            await self._welcome(scope, send)  # the token was right: keep it in a cookie
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_body:
            await _drain(receive, declared)
            await self.deny(413, self._too_large(declared))(scope, receive, send)
            return
        started = False

        async def watched_send(message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, _counted(receive, self.max_body), watched_send)
        except TooLarge:
            if started:
                raise
            await self.deny(413, self._too_large(None))(scope, receive, send)
        except Exception:
            if started:
                raise
            log.exception("%s %s failed", scope.get("method"), scope.get("path"))
            await self.deny(500, FAILED)(scope, receive, send)

    def _refusal(self, scope, cookies: dict[str, str]) -> tuple[int, str] | None:
        """(status, message) when the request may not go on; None when it may."""
        host = _host(scope)
        if not self.config.answers_to(host):
            if self.token is None:
                return 403, (
                    f"This server answers only at its loopback address, not at {host[:100]!r}; "
                    "open it as http://127.0.0.1 or http://localhost."
                )
            return 403, f"This server does not answer to the name {host[:100]!r}."
        refused = self._token_refusal(scope, cookies)
        if refused is None and scope["method"] not in SAFE_METHODS and not self._same_origin(scope):
            return 403, (
                "This form was sent from another site's page, not from this server's own; "
                "open the form on this server and send it from there."
            )
        return refused

    def _same_origin(self, scope) -> bool:
        """True when the browser says the request comes from this server's own page."""
        headers = _headers(scope)
        site = headers.get("sec-fetch-site")
        if site is not None:  # the browser's own word, even where Origin is "null"
            return site == "same-origin"
        origin = headers.get("origin", "").lower()
        return origin in self.config.origins(headers.get("host", ""), scope.get("scheme", "http"))

    def _token_refusal(self, scope, cookies: dict[str, str]) -> tuple[int, str] | None:
        if self.token is None:
            return None
        path = scope["path"]
        if path.startswith("/static/"):
            return None  # the stylesheet and script, so that even a refusal is readable
        if path.startswith("/t/"):
            given, _, rest = path[3:].partition("/")
            if _same(given, self.token) and ("/" + rest).startswith(TOKEN_PATHS):
                scope["path"] = "/" + rest
                scope[TOKEN_KEY] = True
                return None
            return 403, "Wrong access token in the address."
        query = _query(scope).get("token")
        if query is not None:
            return None if _same(query, self.token) else (403, "Wrong access token.")
        if _same(cookies.get(TOKEN_COOKIE, ""), self.token):
            scope[TOKEN_KEY] = True
            return None
        return 403, (
            "This server needs its access token: open the address it printed when it started "
            "(it ends in ?token=...)."
        )

    async def _welcome(self, scope, send) -> None:
        query = urlencode([(k, v) for k, v in parse_qsl(_raw_query(scope)) if k != "token"])
        location = local_path(scope["path"]) + (f"?{query}" if query else "")
        assert self.token is not None
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [
                    (b"location", location.encode("latin-1", "replace")),
                    (b"set-cookie", _cookie(TOKEN_COOKIE, self.token, "Lax")),
                    (b"content-length", b"0"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": b""})

    def _too_large(self, size: int | None) -> str:
        mib = self.max_body / (1024 * 1024)
        if size is None:
            return f"The upload is too large: this server takes at most {mib:g} MiB in one go."
        return (
            f"The upload is too large ({describe_excess(size, self.max_body)}): "
            f"this server takes at most {mib:g} MiB in one go. Send fewer or smaller files."
        )


def local_path(path: str) -> str:
    """``path`` as a redirect that stays on this server: ``//evil.example/`` is ``/evil.example/``.

    A browser reads a location starting with two slashes (or a slash and a
    backslash) as another host's address.
    """
    return "/" + path.lstrip("/\\")


def csrf_ok(scope, submitted: object) -> bool:
    """True when the form's CSRF value is this browser's cookie value."""
    expected = _cookies(scope).get(CSRF_COOKIE, "")
    return isinstance(submitted, str) and _plausible(expected) and _same(submitted, expected)


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def _plausible(value: str) -> bool:
    return 30 <= len(value) <= 100 and value.replace("-", "").replace("_", "").isalnum()


def _cookie(name: str, value: str, same_site: str) -> bytes:
    return f"{name}={value}; Path=/; HttpOnly; SameSite={same_site}".encode()


def _cookies(scope) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for key, value in scope.get("headers", ()):
        if key == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed cookie header counts as none
                continue
    return {name: morsel.value for name, morsel in jar.items()}


def _headers(scope) -> dict[str, str]:
    """The request's headers by lower-case name (the first of repeated ones)."""
    found: dict[str, str] = {}
    for key, value in scope.get("headers", ()):
        found.setdefault(key.decode("latin-1").lower(), value.decode("latin-1"))
    return found


def _host(scope) -> str:
    """The host name the request was addressed to, without its port."""
    host = _headers(scope).get("host")
    if host is not None:
        if host.startswith("["):
            return host[: host.find("]") + 1] if "]" in host else host
        return host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    server = scope.get("server")
    return str(server[0]) if server else ""


def _raw_query(scope) -> str:
    return scope.get("query_string", b"").decode("latin-1")


def _query(scope) -> dict[str, str]:
    return dict(parse_qsl(_raw_query(scope), keep_blank_values=True))


def _content_length(scope) -> int | None:
    for key, value in scope.get("headers", ()):
        if key == b"content-length":
            return int(value) if value.isdigit() else None
    return None


def _with_headers(send, cookies: list[bytes]):
    async def sending(message) -> None:
        if message["type"] == "http.response.start":
            headers = [h for h in message.get("headers", []) if h[0].lower() != b"server"]
            headers += HEADERS + [(b"set-cookie", c) for c in cookies]
            message = {**message, "headers": headers}
        await send(message)

    return sending


def _counted(receive, limit: int):
    seen = 0

    async def receiving():
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise TooLarge
        return message

    return receiving


async def _drain(receive, declared: int) -> None:
    """Read and drop a refused body (up to a bound), so the browser gets to read the answer."""
    seen = 0
    while seen < min(declared, DRAIN_LIMIT):
        message = await receive()
        if message["type"] != "http.request":
            return
        seen += len(message.get("body", b""))
        if not message.get("more_body", False):
            return
