"""`briefing feed`: a podcast feed for a folder of audio briefs, read back with feedparser."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import feedparser
import pytest
from mutagen.mp3 import MP3

from tests.test_cli import run
from tests.test_speak import BASE

URL = "https://example.org/briefs/"


@pytest.fixture(scope="module")
def served(recorded: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two episodes: the recorded brief, and a second one recorded with `speak`."""
    folder = tmp_path_factory.mktemp("served")
    for path in (recorded / "audio").iterdir():
        shutil.copy(path, folder / path.name)
    script = folder / "second.txt"
    script.write_text("# Second brief\n\n## Only part\nA short second episode for the feed.\n")
    done = run("speak", script, "-o", folder, "--name", "second-brief", "--engine", "espeak")
    assert done.returncode == 0, done.stderr
    script.unlink()
    return folder


def read(folder: Path) -> feedparser.FeedParserDict:
    parsed = feedparser.parse((folder / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    return parsed


@pytest.mark.slow
def test_every_episode_is_in_the_feed_with_enclosure_duration_and_links(served: Path) -> None:
    done = run("feed", served, "--base-url", URL, "--title", "Port Halden briefs")
    assert done.returncode == 0, done.stderr
    parsed = read(served)
    assert parsed.feed.title == "Port Halden briefs"
    assert parsed.version == "rss20"
    episodes = {entry.title: entry for entry in parsed.entries}
    assert set(episodes) == {"Port Halden congestion charge", "Second brief"}
    for entry in parsed.entries:
        mp3 = served / Path(entry.enclosures[0].href).name
        assert entry.enclosures[0].href == URL + mp3.name
        assert entry.enclosures[0].type == "audio/mpeg"
        assert int(entry.enclosures[0].length) == mp3.stat().st_size
        assert int(entry.itunes_duration) == round(MP3(mp3).info.length)
        assert entry.published_parsed is not None
        assert entry.description
    brief = episodes["Port Halden congestion charge"]
    assert "Port Halden Courier" in brief.author
    assert "0:00 The bottom line" in brief.description
    xml = (served / "feed.xml").read_text(encoding="utf-8")
    for suffix, kind in ((".vtt", "text/vtt"), (".chapters.json", "application/json+chapters")):
        assert f'url="{URL}{BASE}{suffix}"' in xml and f'type="{kind}"' in xml
    chapters = json.loads((served / f"{BASE}.chapters.json").read_text())["chapters"]
    assert chapters[0]["title"] == "The bottom line"


@pytest.mark.slow
def test_rerunning_keeps_guids_and_adds_only_new_episodes(served: Path, tmp_path: Path) -> None:
    run("feed", served, "--base-url", URL)
    first = {e.title: e.id for e in read(served).entries}
    again = run("feed", served, "--base-url", URL)
    assert again.returncode == 0
    assert {e.title: e.id for e in read(served).entries} == first
    third = served / "third-brief.mp3"
    shutil.copy(served / "second-brief.mp3", third)
    run("feed", served, "--base-url", URL)
    ids = [e.id for e in read(served).entries]
    assert len(ids) == len(set(ids)) == 3
    third.unlink()


def test_feed_errors(tmp_path: Path) -> None:
    done = run("feed", tmp_path, "--base-url", URL)
    assert done.returncode == 1 and "no MP3 audio briefs in this folder" in done.stderr
    done = run("feed", tmp_path, "--base-url", "example.org")
    assert done.returncode == 2 and "--base-url" in done.stderr
    assert not (tmp_path / "feed.xml").exists()
