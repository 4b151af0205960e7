"""Delivery of an email over SMTP.

:func:`send` delivers a message with ``smtplib``: STARTTLS, implicit TLS or
(on a trusted network) plain, optional AUTH, and one clear line for every way
delivery can fail. Passwords never reach an error message. Composing the
message is the ``eml`` format's work (:mod:`briefing.render.formats.eml`).
"""

from __future__ import annotations

import base64
import smtplib
import socket
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import getaddresses
from pathlib import Path

from briefing.addresses import check_address
from briefing.errors import ChoiceError, ConfigError, OutputError, first_line

SECURITY = {"starttls": 587, "tls": 465, "none": 25}  # and each one's usual port


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
            raise ChoiceError(
                f"unknown SMTP security {self.security!r}; choose from: {', '.join(SECURITY)}",
                setting="security",
            )
        if self.user and self.security == "none" and not self.allow_insecure_auth:
            raise ConfigError(
                "refusing to send a password over an unencrypted connection; use "
                "{setting} starttls or tls (or allow insecure auth on a trusted network)",
                setting="security",
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
        raise ConfigError(
            "no recipients: give {setting} (or a To: header in the message)", setting="to"
        )
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
        raise OutputError(_explain(exc, server), setting=_setting_of(exc)) from None
    reasons = {address: _reason(answer) for address, answer in refused.items()}
    return Delivery(tuple(r for r in recipients if r not in reasons), reasons)


def deliver(data: bytes, server: Server) -> Delivery:
    """Deliver a message given as bytes (an .eml file's content)."""
    from email.parser import BytesParser

    return send(BytesParser(policy=SMTP).parsebytes(data), server)


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


def _setting_of(exc: BaseException) -> str | None:
    """The setting a failed delivery's message points to, if any."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        return "cafile"
    if isinstance(exc, ssl.SSLError | smtplib.SMTPNotSupportedError):
        return "security"
    return None


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
            "use {setting} for a private certificate authority"
        )
    elif isinstance(exc, ssl.SSLError):
        text = f"{where}: TLS failed ({exc.reason or exc}); check {{setting}} and the port"
    elif isinstance(exc, smtplib.SMTPNotSupportedError):
        text = (
            f"{where} does not offer STARTTLS; use {{setting}} tls, "
            "or {setting} none on a trusted network"
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
    return first_line(text)


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
