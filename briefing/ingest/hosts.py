"""Which network addresses a server may fetch on its users' behalf.

A web front end fetches the URLs its users type. Without a check, a URL (or a
redirect, or a feed entry, or a name that resolves differently the second
time) could reach the server's own loopback services, the local network or a
cloud metadata endpoint: server-side request forgery. Only globally routable
addresses pass. :class:`~briefing.ingest.fetch.Fetcher` applies this to every
connection it opens when ``public_only`` is set; a front end may also ask
before any work (:func:`first_refused`) to answer with a clear error at once.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Refusal = Callable[[str], "str | None"]
"""A policy: why an IP address may not be connected to, or None when it may."""


def refusal(address: str) -> str | None:
    """Why the IP ``address`` may not be fetched (``"a loopback address"``), or None."""
    try:
        ip: Address = ipaddress.ip_address(address.split("%", 1)[0])  # no IPv6 zone
    except ValueError:
        return "not an IP address"
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            return refusal(str(embedded))  # ::ffff:127.0.0.1 is loopback too
    checks = (
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address (where cloud metadata services answer)"),
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_private, "a private address"),
        (not ip.is_global, "not a public address"),
    )
    return next((reason for refused, reason in checks if refused), None)


def first_refused(host: str, port: int | None = None) -> tuple[str, str] | None:
    """The first address ``host`` resolves to that may not be fetched, with the reason.

    Every address counts, not only the first: a name with one public and one
    private address could connect to either. A name that does not resolve is
    not refused here; fetching it fails later with "host not found".
    """
    try:
        found = socket.getaddrinfo(host, port or 80, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return None
    for *_, sockaddr in found:
        address = str(sockaddr[0])
        reason = refusal(address)
        if reason is not None:
            return address, reason
    return None
