"""Email: a standard .eml with the PDF and MP3, delivered to a real SMTP server (aiosmtpd).

The server runs on 127.0.0.1 with certificates from a CA the test makes
(trustme): STARTTLS, implicit TLS and AUTH are the real protocol, and the
tests compare what the server received with the files written, byte for byte.
"""

from __future__ import annotations

import re
import socket
import ssl
import threading
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from tests.test_cli import run

pytestmark = pytest.mark.slow  # briefs built with the PDF and audio, real SMTP servers over TLS

USER, PASSWORD = "ann", "correct horse battery staple"
NAME = "port-halden-congestion-charge"


class Inbox:
    """An aiosmtpd handler that keeps every delivery; nobody@ addresses are refused."""

    def __init__(self) -> None:
        self.envelopes: list = []

    async def handle_RCPT(self, server, session, envelope, address, options):
        if address.startswith("nobody@"):
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 2.0.0 accepted"


def _authenticate(server, session, envelope, mechanism, auth_data) -> AuthResult:
    ok = auth_data.login == USER.encode() and auth_data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _server_context(authority: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    return context


@pytest.fixture
def smtp(request, ca) -> Iterator[tuple[Inbox, int]]:
    """An SMTP server; request.param: 'starttls' (with AUTH), 'tls' (implicit) or 'plain'."""
    mode = getattr(request, "param", "starttls")
    inbox, port = Inbox(), _free_port()
    options: dict = {"authenticator": _authenticate}
    if mode == "starttls":
        options.update(tls_context=_server_context(ca[0]), require_starttls=True)
    elif mode == "tls":
        options.update(ssl_context=_server_context(ca[0]))
    else:
        options.update(auth_require_tls=False)
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.fixture(scope="module")
def built(examples_dir: Path, tmp_path_factory) -> Path:
    """`briefing build examples -f html,pdf,eml --audio`: the PDF and MP3 get attached."""
    folder = tmp_path_factory.mktemp("email")
    done = run(
        "build", examples_dir, "-f", "html,pdf,eml", "--audio", "--engine", "espeak",
        "--to", "Ann <ann@example.org>",
        "--from", "Briefing <brief@example.org>", cwd=folder,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return folder


def _message(data: bytes) -> EmailMessage:
    return message_from_bytes(data, policy=policy.default)


def _send(*args, password: str | None = PASSWORD, **kwargs):
    env = {"BRIEFING_SMTP_PASSWORD": password} if password is not None else {}
    return run("send", *args, env=env, **kwargs)


def test_eml_is_a_standard_message_with_both_files(built: Path) -> None:
    raw = (built / "briefs" / f"{NAME}.eml").read_bytes()
    message = _message(raw)
    assert message["Subject"].startswith("Port Halden congestion charge (")
    assert message["From"].addresses[0].addr_spec == "brief@example.org"
    assert message["To"].addresses[0].display_name == "Ann"
    assert parsedate_to_datetime(message["Date"]).tzinfo is not None
    assert re.fullmatch(r"<[^@\s]+@example\.org>", message["Message-ID"])
    assert all(len(line) <= 998 for line in raw.split(b"\r\n")), "RFC 5322 line limit"
    assert not [p.defects for p in message.walk() if p.defects]
    parts = [p.get_content_type() for p in message.walk()]
    assert parts == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "application/pdf",
        "audio/mpeg",
    ]
    files = {p.get_filename(): p.get_content() for p in message.iter_attachments()}
    assert files[f"{NAME}.pdf"] == (built / "briefs" / f"{NAME}.pdf").read_bytes()
    assert files[f"{NAME}.mp3"] == (built / "audio" / f"{NAME}.mp3").read_bytes()


def test_email_html_is_made_for_mail_clients(built: Path) -> None:
    message = _message((built / "briefs" / f"{NAME}.eml").read_bytes())
    html = message.get_body(("html",)).get_content()
    assert "<script" not in html and "<style" not in html and "<link" not in html
    assert "<audio" not in html and 'type="radio"' not in html
    assert not re.search(r"""(?:src|href)=["'](?:https?:|file:|cid:|/)""", html)
    assert "var(--" not in html and 'style="' in html  # inlined, plain colours
    assert '<html lang="en"' in html and "<title>Port Halden congestion charge</title>" in html
    assert "Attached: the brief as a PDF" in html and "the audio brief" in html
    text = message.get_body(("plain",)).get_content()
    assert text.startswith("PORT HALDEN CONGESTION CHARGE")
    assert "Attached: the brief as a PDF" in " ".join(text.split())
    html_words = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    for line in text.split("\n\n")[5:8]:  # the overview, said in both bodies
        assert " ".join(line.split())[:60] in html_words


def test_attachments_over_the_limit_are_left_out_and_named(examples_dir, tmp_path) -> None:
    done = run(
        "build", examples_dir, "-f", "pdf,eml", "--attach-limit", "0.01", "-o", tmp_path
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    message = _message((tmp_path / f"{NAME}.eml").read_bytes())
    assert list(message.iter_attachments()) == []
    for kind in ("plain", "html"):
        body = " ".join(re.sub(r"<[^>]+>", " ", message.get_body((kind,)).get_content()).split())
        assert re.search(
            rf"Not attached: the brief as a PDF \({NAME}\.pdf, \d+ KB\) is over the 10 KB limit",
            body,
        ), kind


@pytest.mark.parametrize("smtp", ["starttls"], indirect=True)
def test_send_over_starttls_with_auth_delivers_byte_for_byte(built, smtp, ca) -> None:
    inbox, port = smtp
    eml = built / "briefs" / f"{NAME}.eml"
    done = _send(
        eml, "--to", "ann@example.org, bob@example.org", "--cc", "cy@example.org",
        "--smtp", f"127.0.0.1:{port}", "--user", USER, "--cafile", ca[1],
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "sent to ann@example.org, bob@example.org, cy@example.org" in done.stdout
    (envelope,) = inbox.envelopes
    assert envelope.rcpt_tos == ["ann@example.org", "bob@example.org", "cy@example.org"]
    assert envelope.mail_from == "brief@example.org"
    received, written = _message(envelope.content), _message(eml.read_bytes())
    assert received["Subject"] == written["Subject"]
    assert received["Message-ID"] == written["Message-ID"]
    for kind in ("plain", "html"):
        got = received.get_body((kind,)).get_payload(decode=True)
        assert got == written.get_body((kind,)).get_payload(decode=True)
    attachments = {p.get_filename(): p.get_content() for p in received.iter_attachments()}
    assert attachments[f"{NAME}.pdf"] == (built / "briefs" / f"{NAME}.pdf").read_bytes()
    assert attachments[f"{NAME}.mp3"] == (built / "audio" / f"{NAME}.mp3").read_bytes()
    assert PASSWORD not in done.stdout + done.stderr


@pytest.mark.parametrize("smtp", ["tls"], indirect=True)
def test_send_over_implicit_tls(built, smtp, ca) -> None:
    inbox, port = smtp
    done = _send(
        built / "briefs" / f"{NAME}.eml", "--smtp", f"127.0.0.1:{port}", "--security", "tls",
        "--cafile", ca[1], password=None,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert inbox.envelopes[0].rcpt_tos == ["ann@example.org"]  # the file's own To


@pytest.mark.parametrize("smtp", ["starttls"], indirect=True)
def test_build_send_builds_writes_and_delivers(examples_dir, tmp_path, smtp, ca) -> None:
    inbox, port = smtp
    done = run(
        "build", examples_dir, "-o", tmp_path, "--send", "--to", "ann@example.org",
        "--smtp", f"127.0.0.1:{port}", "--user", USER, "--cafile", ca[1],
        env={"BRIEFING_SMTP_PASSWORD": PASSWORD},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    (envelope,) = inbox.envelopes
    assert envelope.content.replace(b"\r\n", b"\n") == (tmp_path / f"{NAME}.eml").read_bytes(
    ).replace(b"\r\n", b"\n")  # fmt: skip
    assert (tmp_path / f"{NAME}.html").exists()


@pytest.mark.parametrize("smtp", ["starttls"], indirect=True)
def test_wrong_password_is_refused_and_never_shown(built, smtp, ca) -> None:
    inbox, port = smtp
    secret = "hunter2-not-it"
    done = _send(
        built / "briefs" / f"{NAME}.eml", "--smtp", f"127.0.0.1:{port}", "--user", USER,
        "--cafile", ca[1], password=secret,
    )  # fmt: skip
    assert done.returncode == 1 and not inbox.envelopes
    assert re.fullmatch(
        rf"briefing: error: SMTP server 127\.0\.0\.1:{port} "
        rf"refused the login for 'ann' \(535 .*\)\n",
        done.stderr,
    )
    assert secret not in done.stdout + done.stderr


@pytest.mark.parametrize("smtp", ["plain"], indirect=True)
def test_auth_without_encryption_needs_explicit_consent(built, smtp) -> None:
    inbox, port = smtp
    eml = built / "briefs" / f"{NAME}.eml"
    common = ("--smtp", f"127.0.0.1:{port}", "--security", "none", "--user", USER)
    refused = _send(eml, *common)
    assert refused.returncode == 2 and "refusing to send a password over an unencrypted" in (
        refused.stderr
    )
    assert not inbox.envelopes  # refused before connecting
    allowed = _send(eml, *common, "--allow-insecure-auth")
    assert allowed.returncode == 0, allowed.stderr
    assert len(inbox.envelopes) == 1


@pytest.mark.parametrize("smtp", ["starttls"], indirect=True)
def test_refused_recipients_are_named(built, smtp, ca) -> None:
    inbox, port = smtp
    eml = built / "briefs" / f"{NAME}.eml"
    common = ("--smtp", f"127.0.0.1:{port}", "--cafile", ca[1])
    some = _send(eml, "--to", "ann@example.org,nobody@example.org", *common, password=None)
    assert some.returncode == 3
    assert "refused nobody@example.org (550 5.1.1 no such mailbox)" in some.stderr
    assert "sent to ann@example.org" in some.stdout
    assert inbox.envelopes[0].rcpt_tos == ["ann@example.org"]
    none = _send(eml, "--to", "nobody@example.org", *common, password=None)
    assert none.returncode == 1
    assert "every recipient was refused: nobody@example.org (550" in none.stderr


@pytest.mark.parametrize("smtp", ["starttls"], indirect=True)
def test_untrusted_certificate_is_refused(built, smtp) -> None:
    _, port = smtp
    done = _send(built / "briefs" / f"{NAME}.eml", "--smtp", f"127.0.0.1:{port}", password=None)
    assert done.returncode == 1
    assert "certificate is not trusted" in done.stderr and "--cafile" in done.stderr


def test_bad_address_unreachable_host_and_timeout(built: Path) -> None:
    eml = built / "briefs" / f"{NAME}.eml"
    bad = _send(eml, "--to", "not-an-address", password=None)
    assert bad.returncode == 2  # a usage error
    assert bad.stderr.startswith("briefing: error: bad email address 'not-an-address'")
    closed = _free_port()
    refused = _send(eml, "--smtp", f"127.0.0.1:{closed}", password=None)
    assert refused.returncode == 1
    assert f"cannot reach SMTP server 127.0.0.1:{closed}: connection refused" in refused.stderr
    with socket.socket() as silent:  # accepts the connection, never greets
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        accepted: list = []
        threading.Thread(target=lambda: accepted.append(silent.accept()), daemon=True).start()
        slow = _send(eml, "--smtp", f"127.0.0.1:{port}", "--smtp-timeout", "1", password=None)
    assert slow.returncode == 1
    assert f"SMTP server 127.0.0.1:{port} did not answer within 1 s" in slow.stderr
    not_mail = built / "briefs" / f"{NAME}.html"
    wrong = _send(not_mail, password=None)
    assert wrong.returncode == 1 and "not an email message" in wrong.stderr


def test_password_is_never_a_command_line_option(built: Path) -> None:
    done = run("send", built / "briefs" / f"{NAME}.eml", "--password", "x")
    assert done.returncode == 2 and "never taken from the command line" in done.stderr
    assert "x" not in done.stderr.split("error:")[1].split()
    no_tty = _send(built / "briefs" / f"{NAME}.eml", "--user", USER, password=None)
    assert no_tty.returncode == 2  # a usage error
    assert "set BRIEFING_SMTP_PASSWORD or run on a terminal" in no_tty.stderr
