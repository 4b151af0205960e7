"""Hostile input against every output: escaped HTML, email and Markdown, a PDF that fetches nothing.

One brief is built per module from three inputs crafted here (Markdown with
front matter, a saved HTML page with meta tags, a local RSS feed), every
metadata field holding markup, event handlers and ``javascript:`` addresses;
it is rendered in every format. A real HTTP server on 127.0.0.1 counts the
requests the PDF step makes (it must make none), and a real aiosmtpd server
takes the mail. The remaining tests cover names, headers, addresses, sizes and
signals: each bad case is a one-line error or a harmless output, never a traceback.
"""

from __future__ import annotations

import base64
import dataclasses
import http.server
import io
import os
import re
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import ClassVar

import html5lib
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from markdown_it import MarkdownIt
from pypdf import PdfReader

from briefing import build_brief
from briefing.addresses import addresses
from briefing.errors import ConfigError, OutputError
from briefing.models import Brief
from briefing.output import check_name, write_atomically
from briefing.render import Options, render
from briefing.render.filters import safe_link
from briefing.render.formats.eml import Attachment, EmailRenderer, Mail
from tests.test_cli import run
from tests.test_email import Inbox, _free_port, _server_context

INJECTIONS = (
    "<script>alert(1)</script>",
    "<b onmouseover=alert(1)>x</b>",
    '"><img src=x onerror=alert(1)>',
    '<iframe src="javascript:alert(1)">',
)
HOSTILE = " ".join(INJECTIONS)
BAD_URL = "javascript:alert(document.cookie)"
ALLOWED = ("http:", "https:", "mailto:", "#")
FORMATS = ["html", "md", "txt", "json", "eml", "pdf", "script"]
HTML_NS = "{http://www.w3.org/1999/xhtml}"

BODIES = {
    "front": """
        The city council on Thursday approved a 4.5 kilometre extension of the number 8 tram
        line, ending a debate that began in 2013.

        Construction is expected to cost 180 million euros and to start in 2025, with the first
        trams running in 2028, according to the transport authority.

        Opponents said the money would be better spent on buses. The mayor said the plan was
        <script>alert(2)</script> "a test of [nerve](javascript:alert(3))".

        Supporters said the tram would carry 20,000 passengers a day, about 12 percent more than
        the buses it replaces.
        """,
    "page": """
        Engineers found corrosion in two steel girders of the Old Mill bridge last autumn, and the
        city said on Tuesday that the bridge will close for six months of repairs from March.

        The repairs will cost about 5.1 million dollars, paid from the infrastructure reserve,
        the city's chief engineer said at a briefing for residents.

        Traders near the bridge fear a drop in trade during the closure, and asked the council
        for free parking on weekends while the work goes on.
        """,
    "feed": """
        The regional transit agency said on Monday that ridership on its buses rose by 9 percent
        last year, the largest increase in a decade.

        The agency credited new express routes and lower fares for students, and said it would
        add forty buses to the fleet by the end of next year.

        Drivers' unions warned that the agency still had too few drivers to run every planned trip
        during the winter months.

        The agency's board will vote in April on a budget that adds 120 drivers, raises the
        starting wage by 6 percent and pays a bonus to drivers who stay for two years, the
        chair said. Riders' groups welcomed the plan but asked the agency to publish monthly
        figures on cancelled trips, which rose sharply last winter when dozens of drivers were
        off sick at the same time and several routes ran only once an hour.

        The agency also plans to test electric buses on two routes from the autumn, and said
        the results of that trial would decide how many of the forty new buses run on batteries.
        """,
}


def _paragraphs(key: str) -> list[str]:
    return [" ".join(p.split()) for p in textwrap.dedent(BODIES[key]).strip().split("\n\n")]


class _Counter(http.server.BaseHTTPRequestHandler):
    seen: ClassVar[list[str]]

    def do_GET(self) -> None:
        self.seen.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(base64.b64decode(_PNG))

    def log_message(self, *args: object) -> None:
        pass


_PNG = (  # a 1x1 image, so a fetch (if one happened) would succeed
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwAD"
    "hgGAWjR9awAAAABJRU5ErkJggg=="
)


@pytest.fixture(scope="module")
def http_server() -> Iterator[tuple[int, list[str]]]:
    """A real HTTP server on 127.0.0.1 that records every request made to it."""
    handler = type("Counter", (_Counter,), {"seen": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], handler.seen
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, http_server) -> tuple[Path, Path]:
    """The three hostile inputs, and a secret file a ``file:`` link in a title points at."""
    port, _ = http_server
    folder = tmp_path_factory.mktemp("hostile")
    secret = folder / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT\n")
    fetchers = (
        f'<a rel="attachment" href="file://{secret}">s</a> '
        f'<img src="http://127.0.0.1:{port}/x.png"> '
        f'<link rel="stylesheet" href="http://127.0.0.1:{port}/s.css">'
    )

    def yaml(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    front = "\n".join(
        [
            "---",
            f"title: {yaml('FRONTMARK ' + HOSTILE + ' ' + fetchers)}",
            f"authors: [{yaml('Ann ' + HOSTILE)}]",
            f"outlet: {yaml('Courier ' + HOSTILE)}",
            "date: 2023-11-02",
            f"url: {yaml(BAD_URL)}",
            "---",
            "",
            "\n\n".join(_paragraphs("front")),
        ]
    )
    (folder / "front.md").write_text(front + "\n")

    def attr(text: str) -> str:
        return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")

    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{attr("PAGEMARK " + HOSTILE)}</title>
<meta property="og:title" content="{attr("PAGEMARK " + HOSTILE)}">
<meta name="author" content="{attr("Bea " + HOSTILE)}">
<meta property="og:site_name" content="{attr("Metro " + HOSTILE)}">
<meta property="article:published_time" content="2024-02-11T08:30:00Z">
<link rel="canonical" href="{BAD_URL}">
</head><body><article>
<h1>{attr("PAGEMARK " + HOSTILE)}</h1>
{"".join(f"<p>{attr(p)}</p>" for p in _paragraphs("page"))}
</article></body></html>
"""
    (folder / "page.html").write_text(page)

    def xml(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    content = "".join(f"<p>{xml(p)}</p>" for p in _paragraphs("feed"))
    feed = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>{xml("Transit " + HOSTILE)}</title><link>https://transit.example/</link>
<description>news</description>
<item>
  <title>{xml("FEEDMARK " + HOSTILE)}</title>
  <link>{xml(BAD_URL)}</link>
  <dc:creator>{xml("Cy " + HOSTILE)}</dc:creator>
  <pubDate>Mon, 03 Mar 2025 06:00:00 GMT</pubDate>
  <description>{xml(HOSTILE)}</description>
  <content:encoded><![CDATA[{content}]]></content:encoded>
</item></channel></rss>
"""
    (folder / "feed.xml").write_text(feed)
    return folder, secret


@pytest.fixture(scope="module")
def brief(inputs, encoder) -> Brief:
    folder, _ = inputs
    files = [folder / "front.md", folder / "page.html", folder / "feed.xml"]
    return build_brief(files, encoder=encoder, strict=True)


@pytest.fixture(scope="module")
def outputs(brief: Brief, http_server) -> dict[str, str | bytes]:
    mail = Mail(sender="brief@example.org", to=("ann@example.org",))
    documents = render(brief, [name for name in FORMATS if name != "eml"])
    pdf = Attachment.of("brief.pdf", documents["pdf"][1])  # as make_brief attaches it
    documents.update(render(brief, [EmailRenderer(mail, (pdf,))]))
    return {name: content for name, (_, content) in documents.items()}


def test_every_input_type_carried_its_hostile_fields(brief: Brief) -> None:
    """The injections really reach the renderers, so the checks below test something."""
    titles = " ".join(a.title for a in brief.articles)
    for mark in ("FRONTMARK", "PAGEMARK", "FEEDMARK"):
        assert mark in titles
    fields = [a.title for a in brief.articles] + [a.outlet or "" for a in brief.articles]
    fields += [name for a in brief.articles for name in a.authors]
    assert sum("<script>" in f for f in fields) >= 5, fields
    assert any(a.url == BAD_URL for a in brief.articles)


def _active_content(html: str) -> list[str]:
    """Everything in an HTML document that could run, load or link somewhere else."""
    tree = html5lib.parse(html, namespaceHTMLElements=True)
    found = []
    for element in tree.iter():
        tag = str(element.tag).removeprefix(HTML_NS)
        if tag in ("script", "iframe", "object", "embed", "frame", "img", "link", "base"):
            found.append(f"<{tag}>")
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"{tag} {name}")
            linking = name in ("href", "src", "action", "formaction", "srcset", "poster", "data")
            if linking and not value.strip().lower().startswith(ALLOWED):
                found.append(f"{tag} {name}={value}")
    return found


def _visible_text(html: str) -> str:
    tree = html5lib.parse(html, namespaceHTMLElements=True)
    return " ".join("".join(tree.itertext()).split())


def _email(outputs) -> EmailMessage:
    return message_from_bytes(outputs["eml"], policy=policy.default)


def test_html_and_email_html_have_no_active_content(outputs) -> None:
    html = outputs["html"]
    email_html = _email(outputs).get_body(("html",)).get_content()
    for document in (html, email_html):
        assert _active_content(document) == []
        text = _visible_text(document)
        for injection in INJECTIONS:  # shown to the reader as text, not dropped
            assert injection in text
        assert BAD_URL in text
    assert "<style" not in email_html and "<link" not in email_html


def test_markdown_is_inert(outputs) -> None:
    md = outputs["md"]
    assert not re.search(r"<[a-zA-Z/!?]", md), "no raw tag"
    assert "](javascript:" not in md.lower() and "](" not in md
    for mark in ("FRONTMARK", "PAGEMARK", "FEEDMARK"):
        assert mark in md
    rendered = MarkdownIt("commonmark", {"html": True, "linkify": False}).render(md)
    assert _active_content(rendered) == []
    text = _visible_text(rendered)
    for injection in INJECTIONS:  # a renderer shows them as the text they are
        assert injection in text


def test_text_script_and_json_keep_the_text_and_no_controls(brief: Brief) -> None:
    noisy = dataclasses.replace(brief, title="Bells \x07 and \x1b[31mred\x1b[0m \u202eevil")
    documents = render(noisy, ["txt", "script", "md", "html", "json"])
    for name in ("txt", "script", "md", "html"):
        content = documents[name][1]
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202e]", content), name
        assert "red" in content
    assert '"title": "Bells \\u0007 and \\u001b[31mred' in documents["json"][1]  # data, escaped


def test_a_line_break_in_a_field_starts_no_line_or_chapter(brief: Brief) -> None:
    first = dataclasses.replace(
        brief.articles[0], title="Tram\n## Fake chapter", outlet="Courier\n# Fake title"
    )
    noisy = dataclasses.replace(
        brief, title="Brief\n## Fake chapter", articles=(first, *brief.articles[1:])
    )
    documents = render(noisy, ["script", "txt", "md"])
    for name, (_, content) in documents.items():
        lines = content.splitlines()
        assert not [line for line in lines if line.lstrip("#* ").startswith("Fake")], name
        assert any("Fake chapter" in line for line in lines), name  # kept, on its line


def _pdf_problems(data: bytes) -> list[str]:
    """Embedded files, scripts, launch actions and links other than http(s)/mailto in a PDF."""
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    problems = []
    names = root.get("/Names")
    names = names.get_object() if names is not None else {}
    for key in ("/EmbeddedFiles", "/JavaScript"):
        if key in names:
            problems.append(key)
    if "/OpenAction" in root or "/AA" in root:
        problems.append("document action")
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/FileAttachment":
                problems.append("file attachment annotation")
            action = annotation.get("/A")
            if action is None:
                continue
            action = action.get_object()
            kind = action.get("/S")
            uri = str(action.get("/URI", ""))
            if kind in ("/JavaScript", "/Launch", "/ImportData", "/SubmitForm"):
                problems.append(f"action {kind}")
            if kind == "/URI" and not uri.lower().startswith(("http:", "https:", "mailto:")):
                problems.append(f"link {uri}")
    if b"TOP-SECRET-CONTENT" in data:
        problems.append("secret file content")
    return problems


def test_pdf_embeds_nothing_fetches_nothing_and_is_whole(outputs, http_server, inputs) -> None:
    _, seen = http_server
    attached = [
        p.get_content()
        for p in _email(outputs).iter_attachments()
        if p.get_content_type() == "application/pdf"
    ]
    assert len(attached) == 1
    for pdf in (outputs["pdf"], attached[0]):
        assert _pdf_problems(pdf) == []
        text = " ".join("".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
        assert "<iframe" in text  # the title is text, so the iframe swallows nothing:
        sections = {"overview", "timeline", "figures", "cited", "summaries", "texts"}
        assert sections <= set(PdfReader(io.BytesIO(pdf)).named_destinations)
        assert "Full source texts" in text and "Made offline by briefing" in text
        assert "buses it replaces" in text  # the last article's full text is there
    assert seen == [], "the PDF step made HTTP requests"


def test_pdf_fetcher_refuses_files_and_network_even_in_raw_html(inputs, http_server) -> None:
    """Defence in depth: markup that did get into the HTML still fetches nothing."""
    from briefing.render.formats.pdf import typeset

    port, seen = http_server
    _, secret = inputs
    html = (
        f'<html><body><p>x <a rel="attachment" href="file://{secret}">secret</a>'
        f'<img src="http://127.0.0.1:{port}/raw.png"><img src="file://{secret}"></p></body></html>'
    )
    assert _pdf_problems(typeset(html)) == []
    assert seen == []


def test_css_inliner_loads_no_stylesheets(http_server, inputs) -> None:
    from briefing.render.formats.eml import _inline

    port, seen = http_server
    folder, _ = inputs
    local = folder / "local.css"
    local.write_text("p { color: #123456 }\n")
    links = (f"http://127.0.0.1:{port}/s.css", f"file://{local}", str(local))
    head = "".join(f'<link rel="stylesheet" href="{href}">' for href in links)
    inlined = _inline(f"<html><head>{head}</head><body><p>x</p></body></html>")
    assert "#123456" not in inlined
    assert seen == []


def test_safe_link_allows_only_http_https_and_mailto() -> None:
    for url in ("https://example.org/a?b=1#c", "http://example.org", "mailto:ann@example.org"):
        assert safe_link(url) == url
    for url in (
        BAD_URL, " JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "data:text/html,<b>x</b>",
        "file:///etc/passwd", "vbscript:msgbox", "/relative", "relative.html", "//host/x",
        "http:/nohost", "https://[broken", "", None,
    ):  # fmt: skip
        assert safe_link(url) == "", url


def test_email_subject_folds_line_breaks_in_the_title(brief: Brief) -> None:
    hostile = dataclasses.replace(brief, title="Tram\r\nBcc: evil@example.org\r\n\r\nbody")
    mail = Mail(sender="brief@example.org", to=("ann@example.org",))
    data = render(hostile, [EmailRenderer(mail)])["eml"][1]
    message = message_from_bytes(data, policy=policy.default)
    assert message["Bcc"] is None and message.get_all("Bcc") is None
    assert message["Subject"].startswith("Tram Bcc: evil@example.org body (")
    assert [str(a) for a in message["To"].addresses] == ["ann@example.org"]


def test_cli_title_with_crlf_gives_a_clean_eml(examples_dir: Path, tmp_path: Path) -> None:
    done = run(
        "build", examples_dir / "01-courier-2021.txt", "-f", "eml", "-o", tmp_path,
        "-t", "Charge\r\nBcc: evil@example.org", "--name", "crlf",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    message = message_from_bytes((tmp_path / "crlf.eml").read_bytes(), policy=policy.default)
    assert message.get_all("Bcc") is None
    assert message["Subject"].startswith("Charge Bcc: evil@example.org (")


@pytest.mark.parametrize("value", ["a@example.org\r\nBcc: b@example.org", "a@x.org\nb@y.org"])
def test_addresses_with_line_breaks_are_refused(value: str) -> None:
    with pytest.raises(ConfigError, match="line break"):
        addresses([value])


def test_cli_refuses_a_hidden_recipient_in_to(examples_dir: Path, tmp_path: Path) -> None:
    done = run(
        "build", examples_dir, "-f", "eml", "-o", tmp_path,
        "--to", "a@example.org\r\nBcc: b@example.org",
    )  # fmt: skip
    assert done.returncode == 2  # a usage error
    assert done.stderr.count("\n") == 1 and "line break" in done.stderr, done.stderr
    assert "a@example.org" in done.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["../../pwned", "/tmp/abs-pwned", "..", ".hidden", "a/b", ""])
def test_output_names_are_plain_file_names(name: str, brief: Brief) -> None:
    with pytest.raises(ConfigError, match="plain file name"):
        check_name(name)
    with pytest.raises(ConfigError):
        render(brief, ["txt"], options=Options(name=name))


def test_cli_name_traversal_writes_nothing(examples_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "a" / "b"
    for name in ("../../pwned", str(tmp_path / "abs")):
        done = run("build", examples_dir, "-f", "txt", "-o", out, "--name", name)
        assert done.returncode == 2  # a usage error
        assert done.stderr.count("\n") == 1 and "plain file name" in done.stderr
    assert sorted(p.name for p in tmp_path.rglob("*")) == []


def test_disk_full_names_the_file(tmp_path: Path) -> None:
    """RLIMIT_FSIZE makes write() fail with EFBIG and no file name, as a full disk does."""
    target = tmp_path / "big.pdf"
    code = f"""
import resource, signal
from pathlib import Path
from briefing.output import write_atomically
from briefing.errors import OutputError
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
try:
    write_atomically({{Path({str(target)!r}): b"x" * 100_000}})
except OutputError as exc:
    print(exc)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.startswith(f"{target}: cannot write ("), done.stdout + done.stderr
    assert list(tmp_path.iterdir()) == []


def test_interrupt_while_staging_leaves_no_part_files(tmp_path: Path) -> None:
    class Interrupting(dict):
        def items(self):
            yield tmp_path / "one.txt", "one"
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt) as caught:
        write_atomically(Interrupting())
    assert caught.value.written == ()
    assert list(tmp_path.iterdir()) == []


def test_interrupt_while_renaming_reports_what_was_written(tmp_path, monkeypatch) -> None:
    """The second rename is interrupted: the first file is in place and is reported."""
    rename = os.replace
    done: list[Path] = []

    def interrupted_rename(source, target) -> None:  # only to place the interrupt
        if done:
            raise KeyboardInterrupt
        rename(source, target)
        done.append(Path(target))

    monkeypatch.setattr(os, "replace", interrupted_rename)
    with pytest.raises(KeyboardInterrupt) as caught:
        write_atomically({tmp_path / "a.txt": "a", tmp_path / "b.txt": "b"})
    monkeypatch.undo()
    assert caught.value.written == (tmp_path / "a.txt",)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]  # no .part left


_SLOW_BUILD = """
import sys, time
import briefing.output as output
write = output._write
def slow(handle, content):  # only the timing is changed: the signal lands mid-write
    write(handle, content)
    time.sleep(0.4)
output._write = slow
from briefing.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.slow
@pytest.mark.parametrize(("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_signal_while_writing_leaves_nothing(examples_dir, tmp_path, signum, status) -> None:
    """The real `briefing build`, its file writes slowed so the signal lands while writing."""
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}
    child = subprocess.Popen(
        [sys.executable, "-c", _SLOW_BUILD, "build", str(examples_dir / "01-courier-2021.txt"),
         "-o", str(out), "-f", "txt,md,json,html"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**env, "HF_HUB_OFFLINE": "1"},
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 240
        while not list(out.glob(".*.part")):
            assert child.poll() is None, child.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.02)
        child.send_signal(signum)
        _, stderr = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == status, stderr
    assert "Traceback" not in stderr
    assert stderr.strip() == "briefing: interrupted; nothing was written"
    assert list(out.iterdir()) == []


def _big_eml(path: Path, size: int) -> Path:
    message = EmailMessage(policy=policy.SMTP)
    message["Subject"] = "big brief"
    message["From"] = "brief@example.org"
    message["To"] = "ann@example.org"
    message.set_content("see the attachment")
    message.add_attachment(os.urandom(size), "audio", "mpeg", filename="brief.mp3")
    path.write_bytes(message.as_bytes())
    return path


@pytest.fixture
def plain_smtp() -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.mark.slow
def test_send_takes_what_build_attaches_and_names_a_real_flag(tmp_path, plain_smtp) -> None:
    inbox, port = plain_smtp
    eml = _big_eml(tmp_path / "big.eml", 9_000_000)  # under build's 10 MB attachment limit
    assert eml.stat().st_size > 5 * 1024 * 1024
    server = ("--smtp", f"127.0.0.1:{port}", "--security", "none")
    done = run("send", eml, *server)
    assert done.returncode == 0, done.stderr
    assert len(inbox.envelopes) == 1
    refused = run("send", eml, *server, "--max-size", "5")
    assert refused.returncode == 1
    assert "--max-size" in refused.stderr and refused.stderr.count("\n") == 1
    assert "--max-size" in run("send", "--help").stdout


NON_ASCII_PASSWORD = "pässwörd-€-日本"


@pytest.fixture
def auth_smtp(ca) -> Iterator[tuple[Inbox, int]]:
    def authenticate(server, session, envelope, mechanism, data) -> AuthResult:
        ok = data.login == b"ann" and data.password == NON_ASCII_PASSWORD.encode()
        return AuthResult(success=ok, handled=False)

    inbox, port = Inbox(), _free_port()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=port, authenticator=authenticate,
        tls_context=_server_context(ca[0]), require_starttls=True,
    )  # fmt: skip
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def test_non_ascii_password_logs_in_and_a_wrong_one_is_one_line(tmp_path, auth_smtp, ca) -> None:
    inbox, port = auth_smtp
    eml = _big_eml(tmp_path / "small.eml", 1000)
    server = ("--smtp", f"127.0.0.1:{port}", "--user", "ann", "--cafile", ca[1])
    done = run("send", eml, *server, env={"BRIEFING_SMTP_PASSWORD": NON_ASCII_PASSWORD})
    assert done.returncode == 0, done.stderr
    assert len(inbox.envelopes) == 1
    wrong = "wröng-ß"
    done = run("send", eml, *server, env={"BRIEFING_SMTP_PASSWORD": wrong})
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "refused the login for 'ann'" in done.stderr
    for secret in (wrong, "ö", "ß"):
        assert secret not in done.stdout + done.stderr


def test_write_error_is_an_output_error_naming_the_file(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OutputError, match=re.escape(str(blocker / "x.txt"))):
        write_atomically({blocker / "x.txt": "x"})


def _long(brief: Brief, words: int, per_paragraph: int) -> Brief:
    """The brief with its first article's body replaced by ``words`` words of sentences."""
    from briefing.models import Sentence

    per = max(1, per_paragraph // 11)
    count = words // 11
    sentences = tuple(  # 11 words each, numbered to tell which are shown
        Sentence(f"The council met again on day {i} at the bridge today.", i // per, i)
        for i in range(count)
    )
    paragraphs = tuple(
        " ".join(s.text for s in sentences[i : i + per]) for i in range(0, count, per)
    )
    article = dataclasses.replace(brief.articles[0], paragraphs=paragraphs, sentences=sentences)
    return dataclasses.replace(brief, articles=(article, *brief.articles[1:]))


@pytest.mark.slow
@pytest.mark.parametrize("per_paragraph", [110, 1_000_000])  # many paragraphs, or one huge one
def test_pdf_full_text_is_capped_and_says_so(brief, monkeypatch, per_paragraph) -> None:
    from briefing.render import base

    monkeypatch.setattr(base, "PRINT_TEXT_WORDS", 550)  # the mechanism, at a test's size
    long = _long(brief, 5_500, per_paragraph)
    html = render(long, ["html"])["html"][1]
    assert html.count("The council met again") == 500  # the page keeps every sentence
    pdf = render(long, ["pdf"])["pdf"][1]
    text = " ".join("".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "on day 49 at" in text and "on day 50 at" not in text  # 50 sentences, 550 words
    assert "This PDF shows the first 550 of the article's 5,500 words" in text
    assert _pdf_problems(pdf) == []
