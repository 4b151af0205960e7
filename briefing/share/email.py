"""The brief as an email, and its delivery over SMTP.

:func:`compose` builds a standards-compliant message with the standard
library's ``email`` package: an HTML body made for mail clients (styles
inlined by css-inline, no scripts, no remote resources), a plain-text
alternative, and the PDF and MP3 attached when they fit under a size cap;
the body says which were left out. :func:`send` delivers a message with
``smtplib``: STARTTLS, implicit TLS or (on a trusted network) plain, optional
AUTH, and one clear line for every way delivery can fail. Passwords never
reach an error message.
"""

from __future__ import annotations

import base64
import mimetypes
import os
import smtplib
import socket
import ssl
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, getaddresses, make_msgid
from pathlib import Path

from briefing.errors import ConfigError, OutputError
from briefing.models import Brief
from briefing.render.base import Display, context
from briefing.render.filters import long_date, plain
from briefing.render.templates import Templates

DEFAULT_ATTACH_LIMIT = 10_000_000
"""Bytes of attachments per message: base64 makes 10 MB about 13.5, under common 20-25 MB caps."""
SECURITY = {"starttls": 587, "tls": 465, "none": 25}  # and each one's usual port
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
            raise ConfigError("the attachment limit cannot be negative")


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
        reason = str(exc) or "it needs a name, an @ and a domain"
        raise ConfigError(f"bad email address {address!r}: {reason}") from exc
    return bare


def _one_line(address: str) -> str:
    """``address`` unchanged, or an error if it holds a line break or control character."""
    if plain(address) != address or "\n" in address:
        raise ConfigError(
            f"bad email address {address!r}: it contains a line break or control character"
        )
    return address


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
class Server:
    """An SMTP server and how to talk to it."""

    host: str = "localhost"
    port: int | None = None  # None: the usual port for the security mode
    security: str = "starttls"  # starttls | tls | none
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = 30.0
    cafile: Path | None = None  # trust a private CA, e.g. a company's
    allow_insecure_auth: bool = False

    def __post_init__(self) -> None:
        if self.security not in SECURITY:
            raise ConfigError(
                f"unknown SMTP security {self.security!r}; choose from: {', '.join(SECURITY)}"
            )
        if self.user and self.security == "none" and not self.allow_insecure_auth:
            raise ConfigError(
                "refusing to send a password over an unencrypted connection; use "
                "--security starttls or tls (or --allow-insecure-auth on a trusted network)"
            )
        if self.user and self.password is None:
            raise ConfigError(f"no password for SMTP user {self.user!r}")

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port or SECURITY[self.security]}"


@dataclass(frozen=True)
class Delivery:
    accepted: tuple[str, ...]
    refused: dict[str, str]  # address -> the server's reason


def recipients_of(message: EmailMessage) -> list[str]:
    """Bare addresses from To, Cc and Bcc."""
    fields = [str(v) for name in ("To", "Cc", "Bcc") for v in message.get_all(name, [])]
    return [check_address(a) for name, a in getaddresses(fields) if a]


def send(message: EmailMessage, server: Server) -> Delivery:
    """Deliver ``message`` to its To, Cc and Bcc recipients; Bcc is not transmitted."""
    recipients = recipients_of(message)
    if not recipients:
        raise ConfigError("no recipients: give --to (or a To: header in the message)")
    try:
        with _connect(server) as smtp:
            if server.user:
                _login(smtp, server.user, server.password or "")
            refused = smtp.send_message(message, to_addrs=recipients)
    except smtplib.SMTPRecipientsRefused as exc:
        raise OutputError(
            f"{server.address}: every recipient was refused: {_reasons(exc.recipients)}"
        ) from None
    except (smtplib.SMTPException, OSError, UnicodeError) as exc:
        raise OutputError(_explain(exc, server)) from None
    reasons = {address: _reason(answer) for address, answer in refused.items()}
    return Delivery(tuple(r for r in recipients if r not in reasons), reasons)


def _login(smtp: smtplib.SMTP, user: str, password: str) -> None:
    """AUTH; a user name or password beyond ASCII goes as UTF-8 with AUTH PLAIN (RFC 4616).

    smtplib encodes credentials as ASCII and would fail with a traceback that
    shows a character of the password; PLAIN is defined over UTF-8, so use it.
    """
    if (user + password).isascii():
        smtp.login(user, password)
        return
    smtp.ehlo_or_helo_if_needed()
    if "PLAIN" not in smtp.esmtp_features.get("auth", "").upper().split():
        raise ConfigError(
            f"the SMTP server does not offer AUTH PLAIN, which a login for {user!r} needs "
            "(its user name or password has characters other than ASCII)"
        )
    token = base64.b64encode(b"\0" + user.encode() + b"\0" + password.encode()).decode("ascii")
    code, answer = smtp.docmd("AUTH", f"PLAIN {token}")
    if code not in (235, 503):  # 503: already authenticated
        raise smtplib.SMTPAuthenticationError(code, answer)


def _connect(server: Server) -> smtplib.SMTP:
    port = server.port or SECURITY[server.security]
    tls = ssl.create_default_context(cafile=str(server.cafile) if server.cafile else None)
    if server.security == "tls":
        return smtplib.SMTP_SSL(server.host, port, timeout=server.timeout, context=tls)
    smtp = smtplib.SMTP(server.host, port, timeout=server.timeout)
    try:
        if server.security == "starttls":
            smtp.ehlo()
            if not smtp.has_extn("starttls"):
                raise smtplib.SMTPNotSupportedError("STARTTLS")
            smtp.starttls(context=tls)
            smtp.ehlo()
    except BaseException:
        smtp.close()
        raise
    return smtp


def _explain(exc: BaseException, server: Server) -> str:
    """One line for a failed delivery; the password is never part of it."""
    where = f"SMTP server {server.address}"
    if isinstance(exc, socket.gaierror):
        text = f"cannot reach {where}: host not found"
    elif isinstance(exc, ConnectionRefusedError):
        text = f"cannot reach {where}: connection refused"
    elif isinstance(exc, TimeoutError | socket.timeout) or "timed out" in str(exc):
        # smtplib turns a timeout while reading a reply into SMTPServerDisconnected
        text = f"{where} did not answer within {server.timeout:g} s"
    elif isinstance(exc, ssl.SSLCertVerificationError):
        text = (
            f"{where}: its certificate is not trusted ({exc.verify_message}); "
            "use --cafile for a private certificate authority"
        )
    elif isinstance(exc, ssl.SSLError):
        text = f"{where}: TLS failed ({exc.reason or exc}); check --security and the port"
    elif isinstance(exc, smtplib.SMTPNotSupportedError):
        text = (
            f"{where} does not offer STARTTLS; use --security tls, "
            "or --security none on a trusted network"
        )
    elif isinstance(exc, UnicodeError):  # its message would show a character of the input
        text = f"{where}: cannot send characters other than ASCII in the login or a header"
    elif isinstance(exc, smtplib.SMTPAuthenticationError):
        text = f"{where} refused the login for {server.user!r} ({_reason(exc)})"
    elif isinstance(exc, smtplib.SMTPSenderRefused):
        text = f"{where} refused the sender {exc.sender!r} ({_reason(exc)})"
    elif isinstance(exc, smtplib.SMTPResponseException):
        text = f"{where} rejected the message ({_reason(exc)})"
    elif isinstance(exc, smtplib.SMTPServerDisconnected):
        text = f"{where} closed the connection unexpectedly"
    else:
        text = f"{where}: {type(exc).__name__}: {exc}"
    if server.password:
        text = text.replace(server.password, "***")
    return text.splitlines()[0] if text else where


def _reason(answer: object) -> str:
    """'550 no such user' from an smtplib (code, message) pair or response exception."""
    code, message = (
        (answer.smtp_code, answer.smtp_error)
        if isinstance(answer, smtplib.SMTPResponseException)
        else answer
    )
    if isinstance(message, bytes):
        message = message.decode("utf-8", "replace")
    return f"{code} {' '.join(str(message).split())}"


def _reasons(refused: dict[str, tuple[int, bytes]]) -> str:
    return "; ".join(f"{address} ({_reason(answer)})" for address, answer in refused.items())
