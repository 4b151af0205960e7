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
from urllib.parse import unquote

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Refusal = Callable[[str], "str | None"]
"""A policy: why an IP address may not be connected to, or None when it may."""


SPECIAL_V4 = {
    "0.0.0.0/8": "a 'this network' address",
    "10.0.0.0/8": "a private address",
    "100.64.0.0/10": "a shared (carrier-grade NAT) address",
    "127.0.0.0/8": "a loopback address",
    "169.254.0.0/16": "a link-local address (where cloud metadata services answer)",
    "172.16.0.0/12": "a private address",
    "192.0.0.0/24": "an IETF protocol address",
    "192.0.2.0/24": "a documentation address",
    "192.88.99.0/24": "a 6to4 relay address",
    "192.168.0.0/16": "a private address",
    "198.18.0.0/15": "a benchmarking address",
    "198.51.100.0/24": "a documentation address",
    "203.0.113.0/24": "a documentation address",
    "224.0.0.0/4": "a multicast address",
    "240.0.0.0/4": "a reserved address",
}
"""IANA's special-purpose IPv4 ranges (RFC 6890 and its updates), written out: the
``ipaddress`` module's own lists differ between Python versions."""
SPECIAL_V6 = {
    "64:ff9b:1::/48": "a local-use NAT64 address",
    "100::/64": "a discard address",
    "2001::/23": "an IETF protocol address",
    "2001:db8::/32": "a documentation address",
    "3fff::/20": "a documentation address",
    "5f00::/16": "a segment-routing address",
    "fc00::/7": "a private address",
    "fe80::/10": "a link-local address",
    "fec0::/10": "a site-local address",
    "ff00::/8": "a multicast address",
    "::/8": "a reserved IPv6 address",  # after the ranges inside it
}
"""IANA's special-purpose IPv6 ranges; those that carry an IPv4 address inside are
judged by that address first (:func:`_embedded`)."""
_V4 = [(ipaddress.ip_network(n), why) for n, why in SPECIAL_V4.items()]
_V6 = [(ipaddress.ip_network(n), why) for n, why in SPECIAL_V6.items()]
NAT64 = ipaddress.ip_network("64:ff9b::/96")
TRANSLATED = ipaddress.ip_network("::ffff:0:0:0/96")  # SIIT, RFC 2765
COMPATIBLE = ipaddress.ip_network("::/96")  # deprecated IPv4-compatible, RFC 4291


def refusal(address: str) -> str | None:
    """Why the IP ``address`` may not be fetched (``"a loopback address"``), or None.

    An address with a zone (``fe80::1%eth0``) names one interface of this
    machine: always refused. An IPv6 address carrying an IPv4 one (mapped,
    translated, NAT64, 6to4, Teredo) is refused when the IPv4 one is.
    """
    if "%" in address:
        return "an address with a zone id (one of this machine's own links)"
    try:
        ip: Address = ipaddress.ip_address(address)
    except ValueError:
        return "not an IP address"
    if ip.is_unspecified:
        return "an unspecified address"
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded(ip)
        if embedded is not None:
            return refusal(str(embedded))  # ::ffff:127.0.0.1 is loopback too
        if ip == ipaddress.IPv6Address("::1"):
            return "a loopback address"
    special = _V4 if isinstance(ip, ipaddress.IPv4Address) else _V6
    for network, reason in special:
        if ip in network:
            return reason
    checks = (
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address (where cloud metadata services answer)"),
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_private, "a private address"),
        (not ip.is_global, "not a public address"),
    )
    return next((reason for refused, reason in checks if refused), None)


def _embedded(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address inside an IPv6 one: mapped, translated, compatible, NAT64, 6to4, Teredo."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in NAT64 or ip in TRANSLATED or (ip in COMPATIBLE and int(ip) > 1):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def host_refusal(host: str) -> tuple[str, str] | None:
    """(address, reason) when ``host`` (a URL's host) is itself an address that is refused.

    Checked without resolving: ``[fe80::1%25lo]`` or ``[64:ff9b::7f00:1]`` must not
    depend on what the resolver makes of them.
    """
    literal = unquote(host).strip("[]")
    try:
        ipaddress.ip_address(literal.split("%", 1)[0])
    except ValueError:
        return None
    reason = refusal(literal)
    return (literal, reason) if reason else None


def first_refused(host: str, port: int | None = None) -> tuple[str, str] | None:
    """The first address ``host`` resolves to that may not be fetched, with the reason.

    Every address counts, not only the first: a name with one public and one
    private address could connect to either. A name that does not resolve is
    not refused here; fetching it fails later with "host not found".
    """
    literal = host_refusal(host)
    if literal is not None:
        return literal
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
