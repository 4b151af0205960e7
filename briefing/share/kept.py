"""Sending a kept brief: its email message, addressed now, over SMTP.

The message was composed when the brief was made (the ``eml`` format: the HTML
body, the PDF and the audio within the attachment limit). ``briefing send``
and the web app's "send" both read it back here, give it its recipients and
sender, and deliver it: the re-addressing is written once, for both.
"""

from __future__ import annotations

from collections.abc import Sequence
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import SMTP
from email.utils import formatdate, make_msgid
from pathlib import Path

from briefing.addresses import addresses, check_address
from briefing.defaults import SEND_MAX_BYTES
from briefing.errors import InputError
from briefing.ingest.reading import read_bytes
from briefing.share.email import Delivery, Server, send

__all__ = ["read_message", "readdress", "send_kept"]


def send_kept(
    path: Path,
    server: Server,
    *,
    to: Sequence[str] = (),
    cc: Sequence[str] = (),
    sender: str | None = None,
    resent: bool = False,
    max_bytes: int = SEND_MAX_BYTES,
) -> Delivery:
    """Deliver the message in ``path``: to ``to`` and ``cc`` instead of its own recipients
    when either is given, from ``sender`` when given; see :func:`readdress`."""
    message = read_message(path, max_bytes)
    readdress(message, to=to, cc=cc, sender=sender, resent=resent)
    return send(message, server)


def read_message(path: Path, max_bytes: int = SEND_MAX_BYTES) -> EmailMessage:
    """The email message in ``path``; a file that is none is an :class:`InputError`."""
    message = BytesParser(policy=SMTP).parsebytes(read_bytes(path, max_bytes))
    if not (message["From"] and message["Subject"]):
        raise InputError(str(path), "not an email message (no From or Subject header)")
    assert isinstance(message, EmailMessage)
    return message


def readdress(
    message: EmailMessage,
    *,
    to: Sequence[str] = (),
    cc: Sequence[str] = (),
    sender: str | None = None,
    resent: bool = False,
) -> None:
    """Give ``message`` new recipients and a new sender, each checked, in place.

    New recipients replace all the old ones (Bcc too). ``resent``: the message
    goes out again, later, as a message of its own: a new Date and Message-ID.
    """
    if to or cc:
        recipients, copies = addresses(to), addresses(cc)  # checked before any change
        for header in ("To", "Cc", "Bcc"):
            del message[header]
        if recipients:
            message["To"] = ", ".join(recipients)
        if copies:
            message["Cc"] = ", ".join(copies)
    if sender:
        check_address(sender)
        del message["From"]
        message["From"] = sender
    if resent:
        domain = check_address(str(message["From"])).rpartition("@")[2]
        for header in ("Date", "Message-ID"):
            del message[header]
        message["Date"] = formatdate(localtime=True)
        message["Message-ID"] = make_msgid(domain=domain)
