"""`briefing batch`: twenty topics over generated feeds and pages served on 127.0.0.1.

One plan, made by the local engine in this process and by a local Ray
instance (``ray.init(num_cpus=2)``, one per module) with the same run time:
the files must be the same. A topic whose feed is gone fails alone; a second
run with nothing changed skips every topic; a run killed midway resumes
without making its finished topics again and leaves no half-written folder.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import feedparser
import html5lib
import pytest

from briefing.batch import Report, State, load_plan, open_engine, run_batch
from briefing.batch.runner import table
from tests import batch_site

pytestmark = pytest.mark.slow  # whole batch runs: worker processes, Ray, every topic's audio

TOPICS = 20
AUDIO = (1, 2)  # espeak on two topics only: audio is the slow part
DEAD = f"Topic {TOPICS - 1:02d}"
CREATED = datetime(2025, 12, 1, 7, 30)
HIDDEN = (".batch.lock",)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The folder the server serves and its base URL."""
    root = tmp_path_factory.mktemp("served")
    with batch_site.serve(root) as url:
        yield root, url


@pytest.fixture(scope="module")
def plan_path(site: tuple[Path, str]) -> Path:
    root, url = site
    return batch_site.build(root / "main", f"{url}/main/site", TOPICS, AUDIO)


@pytest.fixture(scope="module")
def local(plan_path: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, Path]:
    out = tmp_path_factory.mktemp("local")
    report = run_batch(load_plan(plan_path), out, open_engine("local"), created=CREATED)
    return report, out


@pytest.fixture(scope="module")
def ray_instance() -> Iterator[None]:
    import ray  # the test extra installs it

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield
    finally:
        ray.shutdown()


def files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name not in HIDDEN
    }


def states(report: Report) -> dict[str, State]:
    return {line.topic.name: line.outcome.state for line in report.lines}


def test_the_local_engine_makes_every_topic_but_the_dead_one(local) -> None:
    report, out = local
    made = {name for name, state in states(report).items() if state == State.MADE}
    assert made == {f"Topic {n:02d}" for n in range(TOPICS - 1)}
    assert report.status == 3  # partial: one topic failed
    for line in report.lines:
        if line.topic.name != DEAD:
            assert line.outcome.articles == 3, line.topic.name
            assert (line.outcome.audio is not None) == (line.topic.name in ("Topic 01", "Topic 02"))
    folders = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert folders == [f"topic-{n:02d}" for n in range(TOPICS - 1)]  # no staging left


def test_a_dead_feed_fails_its_topic_alone_with_its_reason(local) -> None:
    report, out = local
    [dead] = [line for line in report.lines if line.outcome.state == State.FAILED]
    assert dead.topic.name == DEAD
    assert "/feeds/gone.rss: the server answered 404" in dead.outcome.reason
    assert not (out / dead.topic.folder).exists()
    text = table(report)
    assert f"failed: {dead.outcome.reason}" in text.splitlines()[-1]
    assert text.splitlines()[0].split() == [
        "topic", "articles", "skipped", "inputs", "audio", "time", "s", "cpu", "s", "status"
    ]  # fmt: skip


def test_a_topic_folder_holds_its_edition_its_feed_and_its_state(local) -> None:
    _report, out = local
    folder = out / "topic-01"
    edition = "topic-01-2025-12-01"
    names = {p.name for p in folder.iterdir()}
    assert names == {".batch.json", "feed.xml"} | {
        edition + suffix
        for suffix in (
            ".html",
            ".md",
            ".json",
            ".mp3",
            ".vtt",
            ".srt",
            ".chapters.json",
            ".script.txt",
        )
    }
    state = json.loads((folder / ".batch.json").read_text())
    assert state["name"] == edition and state["articles"] == 3 and state["audio"] > 10
    feed = feedparser.parse((folder / "feed.xml").read_bytes())
    assert not feed.bozo and feed.feed.title == "Topic 01"
    [episode] = feed.entries
    assert episode.enclosures[0].href == f"https://example.org/briefs/topic-01/{edition}.mp3"
    text_only = {p.name for p in (out / "topic-03").iterdir()}
    assert text_only == {".batch.json"} | {
        f"topic-03-2025-12-01{s}" for s in (".html", ".md", ".json")
    }
    brief = json.loads((out / "topic-03" / "topic-03-2025-12-01.json").read_text())
    assert brief["created"] == CREATED.isoformat()
    assert len(brief["articles"]) == 3


def test_the_index_page_lists_every_topic_and_links_its_files(local) -> None:
    _report, out = local
    page = html5lib.parse((out / "index.html").read_text(), namespaceHTMLElements=False)
    rows = page.findall(".//tbody/tr")
    assert [row.find("th").text for row in rows] == [f"Topic {n:02d}" for n in range(TOPICS)]
    assert "No brief yet" in "".join(rows[-1].itertext())
    links = [a.get("href") for a in page.iter("a") if a.get("href") != "#main"]
    assert len(links) == TOPICS - 1 + 2 * len(AUDIO)  # briefs, then audio and feed
    for link in links:
        assert (out / link).is_file(), link


def test_the_index_page_passes_axe(local) -> None:
    from tests.test_accessibility import AXE, CHROMIUM_FLAGS, _axe, _chromium

    if not AXE.is_file():
        pytest.fail(f"{AXE} missing: scripts/setup.sh --test installs axe-core with npm")
    from playwright.sync_api import sync_playwright

    _report, out = local
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=_chromium(), args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 640, "height": 900})
            page.goto((out / "index.html").as_uri())
            assert _axe(page) == []
            scrolls = "document.documentElement.scrollWidth > document.documentElement.clientWidth"
            assert not page.evaluate(scrolls)  # 200% zoom
        finally:
            browser.close()


def comparable(out: Path) -> dict[str, bytes]:
    """Every file, with what audio timing decides left out of the audio topics' files.

    A topic without audio must be byte for byte the same. With audio, the
    speech itself differs by milliseconds between processes: espeak-ng carries
    its pitch flutter from one recording to the next within a process (a static
    in its wave generator), and Piper samples noise by design. So there the
    narration script, the Markdown and the JSON less its recording must match;
    the audio, the timed transcripts, the page's chapter times and the feed's
    durations may not.
    """
    found = files(out)
    spoken = {name.split("/")[0] for name in found if name.endswith(".mp3")}
    kept: dict[str, bytes] = {}
    for name, data in found.items():
        if name == "index.html":
            data = re.sub(rb"\(\d+:\d\d\)", b"(m:ss)", data)  # the audio's length
        elif name.split("/")[0] in spoken:
            if name.endswith(".json") and not name.endswith(".chapters.json"):
                brief = json.loads(data)
                brief.pop("audio")
                data = json.dumps(brief).encode()
            elif not name.endswith((".md", ".script.txt")):
                continue
        kept[name] = data
    return kept


def test_ray_makes_the_same_files_as_the_local_engine(
    local, plan_path: Path, ray_instance, tmp_path: Path
) -> None:
    _report, local_out = local
    report = run_batch(load_plan(plan_path), tmp_path, open_engine("ray"), created=CREATED)
    assert states(report) == states(local[0])
    assert sorted(files(tmp_path)) == sorted(files(local_out))
    made, expected = comparable(tmp_path), comparable(local_out)
    assert len(made) > (TOPICS - 1 - len(AUDIO)) * 4  # three documents and a state per topic
    assert [name for name in made if made[name] != expected[name]] == []


def test_two_worker_processes_make_the_same_files(local, plan_path: Path, tmp_path: Path) -> None:
    """The process pool: each worker loads the model and voices once, in its initializer."""
    plan = load_plan(plan_path)
    chosen = [t for t in plan.topics if t.name in ("Topic 02", "Topic 03", "Topic 04")]
    report = run_batch(
        replace(plan, topics=tuple(chosen)), tmp_path, open_engine("local", workers=2),
        created=CREATED,
    )  # fmt: skip
    assert set(states(report).values()) == {State.MADE}
    made, expected = comparable(tmp_path), comparable(local[1])
    for topic in chosen:
        mine = {k: v for k, v in made.items() if k.startswith(topic.folder + "/")}
        assert mine and mine == {k: expected[k] for k in mine}, topic.name


def test_a_second_run_with_nothing_changed_skips_every_topic(
    local, plan_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    shutil.copytree(local[1], out)  # hard links would share the inodes; a copy does not
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    later = datetime(2025, 12, 2, 7, 30)  # another day: the unchanged topics stay unchanged
    report = run_batch(load_plan(plan_path), out, open_engine("local"), created=later)
    assert states(report) == {
        f"Topic {n:02d}": State.UNCHANGED if n < TOPICS - 1 else State.FAILED for n in range(TOPICS)
    }
    after = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    assert {p: t for p, t in after.items() if p.name != "index.html"} == {
        p: t for p, t in before.items() if p.name != "index.html"
    }
    assert all(line.edition.created == CREATED for line in report.lines if line.edition)


def test_a_changed_article_remakes_its_topic_only_and_the_feed_keeps_both_days(
    site: tuple[Path, str], tmp_path: Path
) -> None:
    root, url = site
    plan = batch_site.build(root / "changed", f"{url}/changed/site", 3, audio=(0,))
    first = run_batch(load_plan(plan), tmp_path, open_engine("local"), created=CREATED)
    assert list(states(first).values()) == [State.MADE, State.MADE, State.FAILED]
    page = root / "changed" / "site" / "pages" / "t00-1.html"  # linked from topic 0's feed
    added = "<p>A new closing line was added to this report by its editors on the second day.</p>"
    page.write_text(page.read_text().replace("</article>", added + "</article>"))
    later = datetime(2025, 12, 2, 7, 30)
    second = run_batch(load_plan(plan), tmp_path, open_engine("local"), created=later)
    assert list(states(second).values()) == [State.MADE, State.UNCHANGED, State.FAILED]
    folder = tmp_path / "topic-00"
    feed = feedparser.parse((folder / "feed.xml").read_bytes())
    assert [Path(e.enclosures[0].href).name for e in feed.entries] == [
        "topic-00-2025-12-02.mp3",
        "topic-00-2025-12-01.mp3",
    ]  # newest first
    assert (folder / "topic-00-2025-12-01.html").is_file()  # the earlier edition stays
    assert "editors on the second day" in (folder / "topic-00-2025-12-02.json").read_text()


def _committed(out: Path) -> list[Path]:
    return [p for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")]


def test_a_killed_run_resumes_without_making_finished_topics_again(
    plan_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    command = [sys.executable, "-m", "briefing", "batch", str(plan_path), "-o", str(out), "-q"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    process = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and process.poll() is None:
            if out.is_dir() and len(_committed(out)) >= 3:
                break
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    finished = _committed(out)
    assert 3 <= len(finished) < TOPICS - 1
    for folder in finished:  # each one whole: its state and every file it names
        state = json.loads((folder / ".batch.json").read_text())
        assert {"html", "md", "json"} <= set(state["roles"])
        assert all((folder / name).is_file() for name in state["roles"].values())
    inodes = {p: p.stat().st_ino for folder in finished for p in folder.iterdir()}
    done = subprocess.run(command[:-1], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 3, done.stderr  # the dead feed
    statuses = {
        line[:8]: line.split()[-1] if "failed" not in line else "failed"
        for line in done.stdout.splitlines()[1:-1]
    }
    names = {f"Topic {folder.name[-2:]}" for folder in finished}
    assert {name for name, status in statuses.items() if status == "unchanged"} == names
    assert sum(status == "made" for status in statuses.values()) == TOPICS - 1 - len(names)
    assert {p: p.stat().st_ino for p in inodes} == inodes  # not rewritten
    assert len(_committed(out)) == TOPICS - 1
    assert not (out / ".staging").exists()
