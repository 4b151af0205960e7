"""Email addresses: parsed and checked once, for composing a message and for delivering it.

Both the email format (render) and SMTP delivery (share) read addresses; this
module sits below both so neither imports the other.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterable
from email.headerregistry import Address
from email.utils import getaddresses

from briefing.errors import ConfigError


def default_sender() -> str:
    """$BRIEFING_FROM, or briefing at this host: something a local server accepts."""
    return os.environ.get("BRIEFING_FROM") or f"briefing <briefing@{socket.gethostname()}>"


def addresses(values: Iterable[str]) -> tuple[str, ...]:
    """Addresses from repeatable, comma-separated options, each checked."""
    found = tuple(
        f"{name} <{addr}>" if name else addr
        for name, addr in getaddresses(list(values))
        if name or addr
    )
    for address in found:
        check_address(address)
    return found


def check_address(address: str) -> str:
    """The bare address (``a@example.org``) of ``address``, or a one-line error."""
    pairs = getaddresses([address])
    bare = pairs[0][1] if len(pairs) == 1 else ""
    try:
        parsed = Address(addr_spec=bare)
        if not parsed.username or not parsed.domain:
            raise ValueError("it needs a name, an @ and a domain")
    except Exception as exc:  # the email package raises several unrelated types here
        reason = str(exc) or "it needs a name, an @ and a domain"
        raise ConfigError(f"bad email address {address!r}: {reason}") from exc
    return bare
