"""Sending a kept brief: its email message, addressed now, through the server's SMTP settings.

The message was composed when the brief was made (the ``eml`` format: the HTML
body, the PDF and the audio within the attachment limit); here it gets its
sender and recipients, a new date and message id, and goes out.
"""

from __future__ import annotations

from pathlib import Path

from briefing.addresses import addresses
from briefing.errors import ConfigError
from briefing.share.email import Delivery
from briefing.share.kept import send_kept
from briefing.web.config import Mailer

MAX_RECIPIENTS = 20


def send_brief(eml: Path, to: str, mailer: Mailer) -> Delivery:
    """Deliver the message in ``eml`` to the addresses in ``to`` (comma-separated)."""
    recipients = addresses([to])
    if not recipients:
        raise ConfigError("give an email address in {setting}", setting="to")
    if len(recipients) > MAX_RECIPIENTS:
        raise ConfigError(f"at most {MAX_RECIPIENTS} addresses in {{setting}}", setting="to")
    return send_kept(eml, mailer.server, to=recipients, sender=mailer.sender, resent=True)
