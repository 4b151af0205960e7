"""The brief as an email message (.eml): HTML and plain-text bodies, the PDF and MP3 attached.

:func:`compose` builds a standards-compliant message with the standard
library's ``email`` package: an HTML body made for mail clients (styles
inlined by css-inline, no scripts, no remote resources), a plain-text
alternative, and the files given as attachments when they fit under a size
cap; the body says which were left out. Open the file in a mail client to
send it by hand, or deliver it with :func:`briefing.share.email.send`.

The format owns the mail settings (:class:`Mail`) and the attachments: a
renderer made with ``EmailRenderer(mail, attachments)`` renders that message;
the registered one renders an unaddressed message without attachments.
:func:`briefing.app.make_brief` attaches the PDF and MP3 of the same run.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from typing import ClassVar

from briefing.addresses import addresses, check_address, default_sender
from briefing.defaults import ATTACH_LIMIT
from briefing.errors import ConfigError
from briefing.models import Brief
from briefing.render.base import Display, Options, context
from briefing.render.filters import long_date, plain
from briefing.render.templates import Templates

__all__ = [
    "Attachment",
    "EmailRenderer",
    "Mail",
    "addresses",
    "check_address",
    "compose",
    "default_sender",
]

DEFAULT_ATTACH_LIMIT = ATTACH_LIMIT
"""Bytes of attachments per message: base64 makes 10 MB about 13.5, under common 20-25 MB caps."""
DESCRIPTIONS = {"application/pdf": "the brief as a PDF", "audio/mpeg": "the audio brief"}


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes = field(repr=False)
    mime: str = "application/octet-stream"

    @classmethod
    def of(cls, filename: str, content: str | bytes) -> Attachment:
        data = content.encode("utf-8") if isinstance(content, str) else content
        mime = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        return cls(filename, data, mime)

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def description(self) -> str:
        return DESCRIPTIONS.get(self.mime, f"the {self.mime.split('/')[-1]} file")


@dataclass(frozen=True)
class Mail:
    """Who the email is from and to, and how much may be attached."""

    sender: str = field(default_factory=lambda: default_sender())
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    attach_limit: int = DEFAULT_ATTACH_LIMIT

    def __post_init__(self) -> None:
        for address in (self.sender, *self.to, *self.cc):
            check_address(address)
        if self.attach_limit < 0:
            raise ConfigError("{setting} cannot be negative", setting="attach_limit")


def subject_of(brief: Brief) -> str:
    """The Subject header: the title on one line (CR/LF and controls folded to spaces)."""
    title = " ".join(plain(brief.title.replace("\r", " ")).split()) or "Brief"
    return f"{title} ({long_date(brief.created)})"


def compose(
    brief: Brief,
    templates: Templates,
    mail: Mail,
    attachments: Sequence[Attachment] = (),
) -> EmailMessage:
    """The brief as a MIME message: text and HTML alternatives plus what fits of the files."""
    attached, left_out = _within(attachments, mail.attach_limit)
    variables = context(brief, Display(theme="light"), medium="email")
    variables.update(attached=attached, left_out=left_out, attach_limit=mail.attach_limit)
    html = _inline(templates.render("brief.html.j2", **variables))
    text = templates.render("brief.txt.j2", **variables)

    message = EmailMessage(policy=SMTP)
    message["Subject"] = subject_of(brief)
    message["From"] = mail.sender
    if mail.to:
        message["To"] = ", ".join(mail.to)
    if mail.cc:
        message["Cc"] = ", ".join(mail.cc)
    message["Date"] = format_datetime(brief.created.astimezone())
    message["Message-ID"] = make_msgid("briefing", domain=check_address(mail.sender).split("@")[1])
    message.set_content(text, cte="quoted-printable")
    message.add_alternative(html, subtype="html", cte="quoted-printable")
    for item in attached:
        maintype, subtype = item.mime.split("/", 1)
        message.add_attachment(item.content, maintype, subtype, filename=item.filename)
    return message


def _within(
    attachments: Sequence[Attachment], limit: int
) -> tuple[list[Attachment], list[Attachment]]:
    """Attach in order while the total stays within the limit; the rest are left out."""
    attached: list[Attachment] = []
    left_out: list[Attachment] = []
    total = 0
    for item in attachments:
        if total + item.size <= limit:
            attached.append(item)
            total += item.size
        else:
            left_out.append(item)
    return attached, left_out


def _inline(html: str) -> str:
    """Move the stylesheet into style attributes: many mail clients drop <style>."""
    import css_inline

    inliner = css_inline.CSSInliner(load_remote_stylesheets=False, keep_style_tags=False)
    return inliner.inline(html)


@dataclass(frozen=True)
class EmailRenderer:
    """The ``eml`` format: one message, to ``mail``'s recipients, with ``attachments``."""

    name: ClassVar[str] = "eml"
    label: ClassVar[str] = "Email message"  # what a reader calls it (the web form)
    extension: ClassVar[str] = ".eml"
    templates: ClassVar[tuple[str, ...]] = ("brief.html.j2", "brief.txt.j2")
    attaches: ClassVar[tuple[str, ...]] = ("pdf",)  # formats of the same run worth attaching

    mail: Mail | None = None  # None: from the default sender, to no one yet
    attachments: tuple[Attachment, ...] = ()

    def check(self) -> None:
        """css-inline is a dependency; nothing else to find."""

    def render(self, brief: Brief, templates: Templates, options: Options) -> bytes:
        message = compose(brief, templates, self.mail or Mail(), self.attachments)
        return message.as_bytes()


ENGINE = EmailRenderer
