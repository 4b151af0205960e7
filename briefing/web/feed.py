"""The podcast feed of every audio brief, and its episodes, for podcast apps.

The feed builder (:mod:`briefing.share.feed`) reads one folder of MP3 files
with their transcripts and chapters beside them. Each brief keeps its files in
its own folder, so the feed is built from a scratch folder of links named by
brief id (``<id>.mp3``, ``<id>.vtt``, ``<id>.chapters.json``): the episodes'
addresses and GUIDs then stay the same as long as the brief is kept.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from briefing.defaults import PODCAST
from briefing.layout import CHAPTERS, TRANSCRIPT
from briefing.share.feed import build_feed
from briefing.web.folders import DataDir
from briefing.web.store import Entry, File

EPISODE = re.compile(r"^([0-9a-f]{16})(\.mp3|\.vtt|\.chapters\.json)$")
SIDECARS = {".mp3": "audio", TRANSCRIPT: "transcript", CHAPTERS: "chapters"}


def episode_file(entry: Entry, suffix: str) -> File | None:
    """The file of a brief an episode address (``<id>.mp3``, ``.vtt``, ...) stands for."""
    wanted = entry.file(SIDECARS[suffix])
    if wanted is None or (suffix == ".mp3" and not wanted.name.endswith(".mp3")):
        return None
    return wanted


def podcast(data: DataDir, entries: list[Entry], base_url: str) -> bytes:
    """RSS for every MP3 brief in ``entries``; episodes at ``base_url`` + ``podcast/<id>.mp3``."""
    episodes = [e for e in entries if episode_file(e, ".mp3")]
    if not episodes:
        return _empty(base_url)
    with tempfile.TemporaryDirectory(dir=data.scratch) as scratch:
        for entry in episodes:
            for suffix in SIDECARS:
                found = episode_file(entry, suffix)
                if found is not None:
                    target = data.brief(entry.id) / found.name
                    os.symlink(target, Path(scratch) / f"{entry.id}{suffix}")
        return build_feed(Path(scratch), base_url + "podcast/")


def _empty(base_url: str) -> bytes:
    """A feed with no episodes yet: an app can subscribe now and get them as they come."""
    from feedgen.feed import FeedGenerator

    feed = FeedGenerator()
    feed.title(PODCAST["title"])
    feed.link(href=base_url, rel="alternate")
    feed.description(PODCAST["description"])
    feed.language("en")
    return feed.rss_str(pretty=True)
