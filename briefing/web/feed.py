"""The podcast feed of every audio brief, and its episodes, for podcast apps.

Each brief keeps its files in its own folder; the feed (built by
:mod:`briefing.share.feed`, as ``briefing feed`` builds one) serves each under
its brief id (``<id>.mp3``, ``<id>.vtt``, ``<id>.chapters.json``): the
episodes' addresses and GUIDs then stay the same as long as the brief is kept.
"""

from __future__ import annotations

import re

from briefing.layout import CHAPTERS, TRANSCRIPT
from briefing.share.feed import feed_of, read_episode
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
    episodes = [
        read_episode(data.brief(entry.id) / audio.name, name=f"{entry.id}.mp3")
        for entry in entries
        if (audio := episode_file(entry, ".mp3")) is not None
    ]
    return feed_of(episodes, base_url + "podcast/")
