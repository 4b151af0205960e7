"""`briefing serve` refuses what it must: forged forms, oversized uploads, private URLs,
paths out of its data directory, requests without its token; and nothing in an article runs.

Two real servers on 127.0.0.1: one as the default makes it (loopback, private
URLs refused, small limits for the test), and one told it is bound to 0.0.0.0,
so it requires a token, while it actually listens on 127.0.0.1 only.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from briefing.errors import ConfigError, InputError
from briefing.ingest.fetch import Fetcher
from briefing.ingest.hosts import refusal
from briefing.web import Limits, ServerConfig, mailer_from
from briefing.web.security import CSP
from tests.webserver import SHORT, Client, Site, serving, site

MIB = 1024 * 1024
TOKEN = "a-test-token-of-enough-length"
LIMITS = Limits(request_bytes=2 * MIB, file_bytes=MIB, files=3)
HOSTILE = """Council <script>alert("owned")</script> votes on <b>fares</b>

The council voted on Monday. <img src=x onerror="alert(1)"> It said the fare would rise.
A link: javascript:alert(2) and <a href="javascript:alert(3)">click</a>.
"""


@pytest.fixture(scope="module")
def strict(tmp_path_factory, encoder):
    data = tmp_path_factory.mktemp("strict") / "data"
    with serving(data, encoder, limits=LIMITS) as running:
        yield running


@pytest.fixture(scope="module")
def guarded(tmp_path_factory, encoder):
    data = tmp_path_factory.mktemp("guarded") / "data"
    with serving(data, encoder, host="0.0.0.0", token=TOKEN) as running:
        yield running


@pytest.fixture(scope="module")
def kept(strict) -> str:
    """A brief on the strict server: its id."""
    client = Client(strict.url)
    job = client.make({"text": HOSTILE, "formats": ["md", "html"]})
    client.wait(job)
    return job


def test_forms_without_their_csrf_token_are_refused(strict, kept) -> None:
    client = Client(strict.url)
    response, body = client.post("/make", {"text": SHORT})
    assert response.status == 403 and b"no valid security token" in body
    client.csrf()  # the cookie is set, but the form carries another value
    response, _ = client.post("/make", {"text": SHORT, "csrf": "x" * 43})
    assert response.status == 403
    for action in ("delete", "send"):
        response, _ = client.post(f"/briefs/{kept}/{action}", {"to": "ann@example.org"})
        assert response.status == 403, action
    assert client.get(f"/briefs/{kept}/")[0].status == 200  # not deleted


def test_oversized_uploads_are_refused_with_413_and_say_why(strict) -> None:
    client = Client(strict.url)
    big = b"word " * (int(2.5 * MIB) // 5)
    response, body = client.post("/make", {"csrf": client.csrf()}, [("files", "a.txt", big)])
    assert response.status == 413
    text = " ".join(re.sub(r"<[^>]+>", " ", body.decode()).split())
    assert "The upload is too large (2.5 MiB; the limit is 2.0 MiB)" in text
    one = b"word " * (int(1.2 * MIB) // 5)
    response, body = client.post("/make", {"csrf": client.csrf()}, [("files", "big.txt", one)])
    assert response.status == 413
    assert "big.txt: too large (1.2 MiB; the limit is 1.0 MiB)." in body.decode()
    four = [("files", f"{n}.txt", SHORT.encode()) for n in range(4)]
    response, body = client.post("/make", {"csrf": client.csrf()}, four)
    assert response.status == 400 and "At most 3 files at once." in body.decode()
    chunks = iter([b"x" * MIB] * 3)  # no Content-Length: counted as it arrives
    response, body = client.request(
        "POST", "/make", chunks, {"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert response.status == 413 and b"The upload is too large" in body


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://127.0.0.1:9/article.html", "refused: 127.0.0.1 is a loopback address;"),
        ("http://localhost:9/a", "refused: localhost is "),
        ("http://169.254.169.254/latest/meta-data/", "a link-local address"),
        ("http://10.1.2.3/a", "refused: 10.1.2.3 is a private address;"),
        ("http://[::ffff:127.0.0.1]/a", "a loopback address"),
        ("file:///etc/passwd", "only http and https URLs are fetched"),
    ],
)
def test_urls_to_private_addresses_are_refused_before_any_work(strict, url, problem) -> None:
    client = Client(strict.url)
    response, body = client.post("/make", {"csrf": client.csrf(), "urls": url})
    assert response.status == 400
    text = " ".join(re.sub(r"<[^>]+>", " ", body.decode()).split()).replace("&#39;", "'")
    assert problem in text
    if url.startswith("http"):
        assert "start it with --allow-private-urls to allow local ones" in text


def test_every_connection_is_checked_so_redirects_cannot_reach_a_refused_address() -> None:
    with site() as public, site("127.0.0.2") as private:
        target = f"{private}/courier-bridge.html"
        assert Fetcher().fetch(f"{public}/hop?to={target}").url == target  # it is reachable
        second = Fetcher(refuse=lambda address: "refused here" if address == "127.0.0.2" else None)
        with pytest.raises(InputError, match=r"refused: 127\.0\.0\.2 is refused here"):
            second.fetch(f"{public}/hop?to={target}")
        before = list(Site.seen)
        with pytest.raises(InputError, match=r"refused: 127\.0\.0\.1 is a loopback address"):
            Fetcher(refuse=refusal).fetch(f"{public}/courier-bridge.html")
        assert Site.seen == before  # refused before a request was sent


def test_address_policy() -> None:
    public = ("8.8.8.8", "2606:4700::1111", "93.184.216.34")
    assert [refusal(a) for a in public] == [None, None, None]
    assert refusal("127.0.0.1") == refusal("::1") == "a loopback address"
    assert refusal("::ffff:10.0.0.1") == "a private address"
    assert refusal("fd00:ec2::254") == "a private address"  # a cloud metadata service
    assert refusal("100.100.100.200") == "a shared (carrier-grade NAT) address"
    assert refusal("0.0.0.0") == "an unspecified address"


@pytest.mark.parametrize(
    "path",
    [
        "/briefs/{id}/../../briefing.sqlite3",
        "/briefs/{id}/..%2F..%2Fbriefing.sqlite3",
        "/briefs/{id}/%2e%2e%2f%2e%2e%2fbriefing.sqlite3",
        "/briefs/{id}/.page.html",
        "/briefs/..%2Fbriefing.sqlite3/x",
        "/briefs/{id}%2F..%2F..%2F/briefing.sqlite3",
        "/static/..%2F..%2Fbriefing.sqlite3",
        "/podcast/..%2Fbriefing.sqlite3",
        "/podcast/{id}.mp3",
        "/../../../etc/passwd",
        "/briefs/{id}/..\\..\\briefing.sqlite3",
    ],
)
def test_no_path_leaves_the_data_directory(strict, kept, path) -> None:
    response, body = Client(strict.url).get(path.format(id=kept))
    assert response.status in (400, 404), (path, response.status)
    assert b"SQLite format" not in body and b"root:" not in body


def test_listed_files_are_served_and_only_they(strict, kept) -> None:
    client = Client(strict.url)
    folder = strict.data / "briefs" / kept
    (name,) = [p.name for p in folder.glob("*.md")]
    response, body = client.get(f"/briefs/{kept}/{name}")
    assert response.status == 200 and body == (folder / name).read_bytes()
    (folder / "planted.txt").write_text("not listed")
    assert client.get(f"/briefs/{kept}/planted.txt")[0].status == 404


def test_a_token_is_required_when_bound_beyond_loopback(guarded) -> None:
    client = Client(guarded.url)
    response, body = client.get("/")
    assert response.status == 403 and b"needs its access token" in body
    assert client.get("/?token=wrong")[0].status == 403
    response, _ = client.get(f"/library?q=x&token={TOKEN}")
    assert response.status == 303 and response.getheader("Location") == "/library?q=x"
    assert client.cookies["briefing_token"] == TOKEN
    assert client.get("/")[0].status == 200  # the cookie now
    stranger = Client(guarded.url)
    response, xml = stranger.get(f"/t/{TOKEN}/feed.xml")  # a podcast app keeps no cookie
    assert response.status == 200 and b"<rss" in xml
    assert stranger.get("/t/wrong/feed.xml")[0].status == 403
    assert stranger.get(f"/t/{TOKEN}/library")[0].status == 403  # the feed and episodes only
    assert stranger.get("/feed.xml")[0].status == 403


def test_a_loopback_server_answers_only_to_loopback_names(strict) -> None:
    client = Client(strict.url)
    response, body = client.get("/", Host="attacker.example")  # DNS rebinding
    assert response.status == 403 and b"only at its loopback address" in body
    assert client.get("/", Host=f"localhost:{strict.port}")[0].status == 200


def test_pages_carry_a_strict_policy_and_nothing_from_an_article_runs(strict, kept) -> None:
    client = Client(strict.url)
    for path in ("/", "/library", f"/briefs/{kept}/", "/nowhere", "/static/style.css"):
        response, _ = client.get(path)
        assert response.getheader("Content-Security-Policy") == CSP, path
        assert response.getheader("X-Content-Type-Options") == "nosniff"
        assert response.getheader("X-Frame-Options") == "DENY"
    assert "script-src 'self'" in CSP and "unsafe" not in CSP
    _, page = client.get(f"/briefs/{kept}/")
    html = page.decode()
    found = Markup()
    found.feed(html)
    assert found.scripts == ["/static/serve.js"] and found.active == []
    assert "&lt;script&gt;alert(&#34;owned&#34;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html


class Markup(HTMLParser):
    """Scripts (by source) and anything active: inline code, styles, handlers, script links."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str | None] = []
        self.active: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts.append(dict(attrs).get("src"))
        if tag == "style":
            self.active.append("<style>")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.active.append(f"{tag} {name}")
            if name in ("href", "src", "action") and (value or "").lower().startswith(
                ("javascript:", "data:")
            ):
                self.active.append(f"{tag} {name}={value}")

    def handle_data(self, data: str) -> None:
        if self.lasttag == "script" and data.strip():
            self.active.append("inline script")


def test_smtp_settings_come_from_the_environment() -> None:
    assert mailer_from({}) is None
    mailer = mailer_from(
        {
            "BRIEFING_SMTP": "mail.example.org:2525",
            "BRIEFING_SMTP_SECURITY": "tls",
            "BRIEFING_SMTP_USER": "ann",
            "BRIEFING_SMTP_PASSWORD": "secret",
            "BRIEFING_FROM": "Briefs <briefs@example.org>",
        }
    )
    assert mailer is not None
    server = mailer.server
    assert (server.host, server.port, server.security, server.user) == (
        "mail.example.org", 2525, "tls", "ann",
    )  # fmt: skip
    assert server.password == "secret" and "secret" not in repr(mailer)
    assert mailer.sender == "Briefs <briefs@example.org>"
    with pytest.raises(ConfigError, match="port must be a number"):
        mailer_from({"BRIEFING_SMTP": "mail.example.org:smtp"})


def test_beyond_loopback_a_server_cannot_be_set_up_without_a_token(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="needs an access token"):
        ServerConfig(data=tmp_path, host="0.0.0.0")
    assert ServerConfig(data=tmp_path, host="::1").token is None


def test_serve_makes_a_fresh_token_only_beyond_loopback(monkeypatch) -> None:
    from briefing.cli import serve
    from briefing.cli.main import _parser

    monkeypatch.delenv("BRIEFING_SMTP", raising=False)
    wide = [serve.config(_parser().parse_args(["serve", "--host", "0.0.0.0"])) for _ in range(2)]
    assert wide[0].token and len(wide[0].token) >= 32 and wide[0].token != wide[1].token
    local = serve.config(_parser().parse_args(["serve", "--max-upload", "3"]))
    assert local.token is None and local.host == "127.0.0.1"
    assert local.limits.request_bytes == 3 * MIB and not local.allow_private_urls


def test_one_server_per_data_directory(strict, encoder) -> None:
    from briefing.resources import Resources
    from briefing.web import create_app

    with pytest.raises(ConfigError, match="another briefing serve is using"):
        create_app(ServerConfig(data=strict.data), resources=Resources(encoder))
    assert Client(strict.url).get("/library")[0].status == 200  # the first one goes on
