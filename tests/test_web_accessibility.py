"""`briefing serve` for everyone: axe-core on every page state, keyboard alone, no JavaScript.

Every state (empty form, form with errors, brief in progress, failed, result in
each colour theme, library, empty library, an error page) must have zero axe
violations for WCAG 2.0, 2.1 and 2.2 A/AA plus best practices in Debian's
Chromium. axe is injected into the page, which the content-security policy
would block, so only the audit's browser contexts bypass it; the keyboard and
no-JavaScript flows run under the policy as a person's browser does.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest

from tests.test_accessibility import AXE, CHROMIUM_FLAGS, _axe, _chromium, _scrolls_sideways
from tests.webserver import SHORT, Client, Site, serving, site

pytestmark = pytest.mark.slow  # a real Chromium over a running server making briefs

BRIEF = re.compile(r"/briefs/[0-9a-f]{16}/$")


@pytest.fixture(scope="module")
def local() -> Iterator[str]:
    with site() as base:
        yield base


@pytest.fixture(scope="module")
def server(tmp_path_factory, encoder, local):
    data = tmp_path_factory.mktemp("a11y") / "data"
    with serving(data, encoder, allow_private_urls=True, fetch_timeout=20) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    if not AXE.is_file():
        pytest.fail(f"{AXE} missing: scripts/setup.sh --test installs axe-core with npm")
    with sync_playwright() as playwright:
        flags = [*CHROMIUM_FLAGS, "--autoplay-policy=no-user-gesture-required"]
        launched = playwright.chromium.launch(executable_path=_chromium(), args=flags)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def heard(server) -> str:
    client = Client(server.url)
    job = client.make({"text": SHORT, "formats": ["html", "md"], "audio": "on"})
    client.wait(job)
    return job


def _open(browser, base: str, path: str, audit: bool = True, script: bool = True):
    context = browser.new_context(base_url=base, bypass_csp=audit, java_script_enabled=script)
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.goto(path)
    return page


def _audit(page) -> None:
    assert _axe(page) == []
    page.set_viewport_size({"width": 640, "height": 900})  # a 1280 px window at 200% zoom
    assert not _scrolls_sideways(page)


@pytest.mark.parametrize("path", ["/", "/library", "/nowhere", "/feed", "/briefs/{heard}/delete"])
def test_pages_pass_axe(browser, server, heard, path) -> None:
    page = _open(browser, server.url, path.format(heard=heard))
    _audit(page)
    page.context.close()


def test_form_with_two_article_fields_passes_axe(browser, server) -> None:
    page = _open(browser, server.url, "/")
    page.click("#more-articles")
    assert page.evaluate("document.activeElement.id") == "text-2"
    _audit(page)
    page.context.close()


def test_listening_while_recording_passes_axe(browser, server, heard, local) -> None:
    """The job's page with a part ready to hear: its player, the parts list, its live text."""
    import json
    import shutil

    client = Client(server.url)
    job = client.make({"urls": f"{local}/stall", "formats": "md"})
    parts = server.data / "listen" / job
    parts.mkdir(parents=True)
    recorded = next((server.data / "briefs" / heard).glob("*.mp3"))
    shutil.copy(recorded, parts / "part-001.mp3")
    index = [{"name": "part-001.mp3", "title": "Introduction", "start": 0.0, "end": 5.0}]
    (parts / "parts.json").write_text(json.dumps(index), encoding="utf-8")
    try:
        for script in (True, False):
            page = _open(browser, server.url, f"/jobs/{job}", script=script)
            page.wait_for_selector("#listen-player", state="visible")
            assert page.locator("#parts a").count() == 1
            if script:  # axe itself is a script; the page's markup is the same without one
                _audit(page)
            page.context.close()
    finally:
        Site.release.set()
    for _ in range(200):  # the stalled page fails the job, which then clears its parts
        if b"could not be made" in client.get(f"/jobs/{job}")[1]:
            break
        time.sleep(0.1)
    assert not parts.exists()  # the finished job's parts go with it
    Site.release.clear()


def test_empty_library_passes_axe(browser, tmp_path, encoder) -> None:
    with serving(tmp_path / "data", encoder) as empty:
        page = _open(browser, empty.url, "/library")
        assert "No briefs yet." in page.inner_text("main")
        _audit(page)
        page.context.close()


def test_form_with_errors_passes_axe_and_takes_focus(browser, server) -> None:
    page = _open(browser, server.url, "/")
    page.fill("#urls", "file:///etc/passwd")
    for name in ("html", "pdf", "md", "txt"):
        page.uncheck(f"#format-{name}")
    page.click("text=Make the brief")
    summary = page.locator("#error-summary")
    assert "2 things to fix" in summary.inner_text()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.get_attribute("#urls", "aria-invalid") == "true"
    assert "urls-error" in page.get_attribute("#urls", "aria-describedby")
    assert page.input_value("#urls") == "file:///etc/passwd"  # kept as typed
    _audit(page)
    page.context.close()


@pytest.mark.parametrize("theme", ["auto", "dark", "contrast"])
def test_result_passes_axe_in_each_theme(browser, server, heard, theme) -> None:
    page = _open(browser, server.url, f"/briefs/{heard}/")
    if theme != "auto":
        page.click("details.display-options summary")
        page.check(f"#theme-{theme}")
    _audit(page)
    page.context.close()


def test_in_progress_and_failed_pass_axe(browser, server, local) -> None:
    client = Client(server.url)
    job = client.make({"urls": f"{local}/stall", "formats": "md"})
    page = _open(browser, server.url, f"/jobs/{job}")
    try:
        status = page.locator("#progress-text")
        assert status.get_attribute("role") == "status"  # a polite live region
        assert re.match(r"Reading articles \(step 1 of \d\)", status.inner_text())
        _audit(page)
    finally:
        Site.release.set()
    page.wait_for_selector("text=The brief could not be made")  # the page follows the job
    assert "503 Service Unavailable" in page.inner_text("[role=alert]")
    _audit(page)
    page.context.close()
    Site.release.clear()


def _tab_to(page, test: str, limit: int = 150) -> None:
    """Press Tab until ``test`` (JavaScript, of the focused element ``e``) holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const e = document.activeElement; return {test}; }})()"):
            return
    seen = page.evaluate("document.activeElement.outerHTML.slice(0, 80)")
    raise AssertionError(f"Tab never reached: {test} (at {seen})")


def test_the_whole_flow_by_keyboard_alone(browser, server) -> None:
    page = _open(browser, server.url, "/", audit=False)
    _tab_to(page, "e.id === 'text'")
    page.keyboard.insert_text(SHORT.replace("Harbour ferry", "Keyboard ferry"))
    _tab_to(page, "e.id === 'audio'")
    page.keyboard.press("Space")
    _tab_to(page, "e.textContent === 'Make the brief'")
    page.keyboard.press("Enter")
    page.wait_for_selector("#listen-player")  # the first part plays while the rest is made
    page.wait_for_selector("#progress-text a")  # "The brief is ready. Open the brief"
    assert page.evaluate("!document.getElementById('listen-player').paused")
    _tab_to(page, "e.textContent === 'Open the brief'")
    page.keyboard.press("Enter")
    page.wait_for_url(BRIEF)
    assert page.inner_text("h1") == "Keyboard ferry fares to rise by a fifth"
    page.evaluate("document.getElementById('player').muted = true")
    _tab_to(page, "(e.dataset.start || '0') !== '0' && e.closest('.chapters') !== null")
    start = float(page.evaluate("document.activeElement.dataset.start"))
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.getElementById('player').currentTime > {start}")
    _tab_to(page, "e.textContent === 'Library'", limit=400)
    page.keyboard.press("Enter")
    page.wait_for_url("**/library")
    _tab_to(page, "e.textContent.trim() === 'Delete Keyboard ferry fares to rise by a fifth…'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/delete?back=library")
    _tab_to(page, "e.textContent === 'Delete it'")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=The brief was deleted.")
    assert "Keyboard ferry" not in page.inner_text("main")
    page.context.close()


def test_the_form_works_without_javascript(browser, server, local) -> None:
    page = _open(browser, server.url, "/", audit=False, script=False)
    page.fill("#text", SHORT.replace("Harbour ferry", "Scriptless ferry"))
    page.fill("#urls", f"{local}/stall")
    try:
        page.click("text=Make the brief")
        page.wait_for_url(re.compile(r"/jobs/[0-9a-f]{16}$"))
        assert "Making the brief" in page.inner_text("h1")
        assert page.locator("a", has_text="check again").count() == 1
    finally:
        Site.release.set()
    page.wait_for_url(BRIEF, timeout=40_000)  # by the page's own refresh
    assert page.inner_text("h1") == "Scriptless ferry fares to rise by a fifth"
    assert f"skipped {local}/stall: the server answered 503" in page.inner_text("main")
    page.context.close()
    Site.release.clear()
