"""Sending a kept brief: its email message, addressed now, through the server's SMTP settings.

The message was composed when the brief was made (the ``eml`` format: the HTML
body, the PDF and the audio within the attachment limit); here it gets its
sender and recipients, a new date and message id, and goes out.
"""

from __future__ import annotations

from email.parser import BytesParser
from email.policy import SMTP
from email.utils import formatdate, make_msgid
from pathlib import Path

from briefing.addresses import addresses, check_address
from briefing.defaults import SEND_MAX_BYTES
from briefing.errors import ConfigError
from briefing.ingest.reading import read_bytes
from briefing.share.email import Delivery, send
from briefing.web.config import Mailer

MAX_RECIPIENTS = 20


def send_brief(eml: Path, to: str, mailer: Mailer) -> Delivery:
    """Deliver the message in ``eml`` to the addresses in ``to`` (comma-separated)."""
    recipients = addresses([to])
    if not recipients:
        raise ConfigError("give an email address in {setting}", setting="to")
    if len(recipients) > MAX_RECIPIENTS:
        raise ConfigError(f"at most {MAX_RECIPIENTS} addresses in {{setting}}", setting="to")
    message = BytesParser(policy=SMTP).parsebytes(read_bytes(eml, SEND_MAX_BYTES))
    for header in ("From", "To", "Cc", "Bcc", "Date", "Message-ID"):
        del message[header]
    message["From"] = mailer.sender
    message["To"] = ", ".join(recipients)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=check_address(mailer.sender).rpartition("@")[2])
    return send(message, mailer.server)
