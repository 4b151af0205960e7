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
from briefing.text import plain


def default_sender() -> str:
    """$BRIEFING_FROM, or briefing at this host: something a local server accepts."""
    return os.environ.get("BRIEFING_FROM") or f"briefing <briefing@{socket.gethostname()}>"


def addresses(values: Iterable[str]) -> tuple[str, ...]:
    """Addresses from repeatable, comma-separated options, each checked.

    A value with a line break is refused before parsing: the parser would read
    ``a@x\r\nBcc: b@y`` as two recipients and make the hidden one visible.
    """
    values = [_one_line(value) for value in values]
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
    pairs = getaddresses([_one_line(address)])
    bare = pairs[0][1] if len(pairs) == 1 else ""
    try:
        parsed = Address(addr_spec=bare)
        if not parsed.username or not parsed.domain:
            raise ValueError("it needs a name, an @ and a domain")
    except Exception as exc:  # the email package raises several unrelated types here
        # its words ("addr-spec local part with no domain") are for RFC readers, not people
        raise ConfigError(
            f"bad email address {address!r}: it needs a name, an @ and a domain, "
            "as in name@example.org"
        ) from exc
    return bare


def _one_line(address: str) -> str:
    """``address`` unchanged, or an error if it holds a line break or control character."""
    if plain(address) != address or "\n" in address:
        raise ConfigError(
            f"bad email address {address!r}: it contains a line break or control character"
        )
    return address
