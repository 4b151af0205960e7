"""Listening while the brief is recorded, in a real browser, with the default (natural) voice.

``briefing serve`` runs as its own process (Piper cannot share a process with the
espeak voice the other web tests load), on a free 127.0.0.1 port over a fresh data
directory, and is stopped at the end. Debian's Chromium submits the four examples
with audio and the page's own script plays the parts as they come: the first sound
must come within 15 s of submitting and within 30% of the time the whole brief
takes, every part must play once and in order, and the finished recording must
take over when the brief is ready.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from tests.test_accessibility import CHROMIUM_FLAGS, _chromium
from tests.webserver import ROOT, Client, free_port

EXAMPLES = sorted((ROOT / "examples").iterdir())
FIRST_SOUND_S = 15.0
FIRST_SOUND_SHARE = 0.30

# Recorded in the page before its own script runs: which part each "playing" was, and when.
WATCH = """
window.__played = [];
document.addEventListener("playing", function (event) {
  var player = event.target;
  window.__played.push([player.currentSrc, Date.now()]);
}, true);
document.addEventListener("loadstart", function (event) {
  event.target.muted = true;
  event.target.defaultPlaybackRate = 4;  /* the parts are heard faster than they are made */
}, true);
"""


@pytest.fixture(scope="module")
def piper_server(tmp_path_factory) -> Iterator[str]:
    """``briefing serve`` with its default voice; its base URL."""
    port = free_port()
    data = tmp_path_factory.mktemp("listen") / "data"
    command = [sys.executable, "-m", "briefing", "serve", "--data", str(data),
               "--port", str(port), "--quiet"]  # fmt: skip
    process = subprocess.Popen(command, env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                Client(base).get("/")
                break
            except OSError:
                assert process.poll() is None, "briefing serve stopped"
                assert time.monotonic() < deadline, "briefing serve did not start"
                time.sleep(0.5)
        _warm(base)
        yield base
    finally:
        process.terminate()
        process.wait(30)


def _warm(base: str) -> None:
    """One brief with audio first, as a server that has made one: what loads lazily, loads."""
    client = Client(base)
    files = [("files", path.name, path.read_bytes()) for path in EXAMPLES[:1]]
    client.wait(client.make({"formats": "md", "audio": "on"}, files), timeout=300)


@pytest.mark.slow
def test_the_first_part_plays_long_before_the_brief_is_done(piper_server, tmp_path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        flags = [*CHROMIUM_FLAGS, "--autoplay-policy=no-user-gesture-required"]
        browser = playwright.chromium.launch(executable_path=_chromium(), args=flags)
        try:
            context = browser.new_context(base_url=piper_server)
            context.set_default_timeout(600_000)
            context.add_init_script(WATCH)
            page = context.new_page()
            page.goto("/")
            page.set_input_files("#files", [str(p) for p in EXAMPLES])
            page.check("#audio")
            for name in ("pdf", "txt"):
                page.uncheck(f"#format-{name}")
            page.click("text=Make the brief")
            submitted = page.evaluate("Date.now()")
            page.wait_for_function(
                "() => (document.getElementById('progress-text') || {}).textContent"
                " .startsWith('The brief is ready')"
            )
            done = page.evaluate("Date.now()")
            played = page.evaluate("window.__played")
            listed = page.eval_on_selector_all("#parts a", "links => links.map(l => l.href)")
            ends = page.eval_on_selector_all(
                "#parts a", "links => links.map(l => parseFloat(l.dataset.partEnd))"
            )
            finished = page.eval_on_selector("#listen-player", "p => p.currentSrc")
            said = page.inner_text("main")
            page.click("text=Open the brief")
            page.wait_for_selector("#player")
        finally:
            browser.close()
    assert played, f"nothing played; the page said {said!r}"
    first = (played[0][1] - submitted) / 1000
    total = (done - submitted) / 1000
    print(f"\nfirst sound {first:.1f} s, brief done {total:.1f} s ({first / total:.0%})")
    assert first <= FIRST_SOUND_S
    assert first <= FIRST_SOUND_SHARE * total
    parts = [src for src, _ in played if "/parts/" in src]
    assert len(listed) >= 3
    assert parts == listed[: len(parts)]  # in order, none twice, none skipped
    assert "/briefs/" in finished  # the whole recording took over, where the parts were
    assert 0 < float(finished.rsplit("#t=", 1)[1]) <= ends[len(parts) - 1] + 0.01


@pytest.mark.slow
def test_the_fast_voice_is_offered_beside_the_natural_one(piper_server) -> None:
    """espeak cannot share a process with Piper: the server speaks it from a child process."""
    client = Client(piper_server)
    _, form = client.get("/")
    page = form.decode()
    assert "Natural voice (Piper)" in page and "Fast voice (espeak-ng" in page
    assert page.count("to record each minute of audio") == 2  # each with its estimate
    files = [("files", path.name, path.read_bytes()) for path in EXAMPLES[:2]]
    job = client.make({"formats": "md", "audio": "on", "style": "fast"}, files)
    assert client.wait(job, timeout=300) == f"/briefs/{job}/"
    _, brief = client.get(f"/briefs/{job}/")
    assert b"the audio runs" in brief
