"""A podcast feed (RSS 2.0 with iTunes and Podcasting 2.0 tags) for a folder of audio briefs.

Each MP3 in the folder is an episode: title, date, outlets and description
come from its ID3 tags, the duration from the audio, the chapters and
transcript from the files written beside it. GUIDs derive from the file name,
so re-running the command after adding a brief adds one episode and changes
none of the others. Serve the folder with any static web server and subscribe
to ``feed.xml`` in a podcast app.

:func:`build_feed` reads a folder (``briefing feed``, the batch runner);
:func:`feed_of` takes episodes read one by one, each under the name it is
served at (the web app serves every brief's audio as ``<id>.mp3``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from briefing.defaults import PODCAST
from briefing.errors import ConfigError, InputError
from briefing.layout import AudioPaths
from briefing.render.filters import clock

PODCAST_NAMESPACE = "https://podcastindex.org/namespace/1.0"
GUID_NAMESPACE = uuid.UUID("8f2b4c1e-5d0a-4f8e-9a57-3c1b2d6e7f90")


@dataclass(frozen=True)
class Episode:
    file: Path
    title: str
    published: datetime
    description: str
    artist: str
    duration: float
    chapters: Path | None
    transcript: Path | None
    name: str = ""  # the file name it is served under (default: its own)

    @property
    def served(self) -> AudioPaths:
        """The names the audio and its transcript and chapters are served under."""
        return AudioPaths.beside(Path(self.name or self.file.name))

    @property
    def guid(self) -> str:
        return str(uuid.uuid5(GUID_NAMESPACE, self.served.audio.name))


def read_episode(path: Path, name: str | None = None) -> Episode:
    """The episode of the MP3 at ``path``, served as ``name`` (default: its own name);
    its transcript and chapters are the files beside it."""
    from mutagen import MutagenError
    from mutagen.mp3 import MP3

    try:
        audio = MP3(path)
    except MutagenError as exc:
        raise InputError(str(path), f"not a readable MP3 ({exc})") from exc
    tags = audio.tags or {}

    def text(frame: str) -> str:
        value = tags.get(frame) if hasattr(tags, "get") else None
        return str(value).strip() if value is not None else ""

    comments = tags.getall("COMM") if hasattr(tags, "getall") else []
    description = str(comments[0]) if comments else ""
    frames = sorted(
        tags.getall("CHAP") if hasattr(tags, "getall") else [], key=lambda c: c.start_time
    )
    chapters = [f"{clock(c.start_time / 1000)} {c.sub_frames.get('TIT2', '')}" for c in frames]
    shown = Path(name or path.name)
    stem = shown.name[: -len(shown.suffix)]
    sidecar = AudioPaths.beside(path)
    if chapters:
        description = f"{description} Chapters: {'; '.join(c for c in chapters if c)}.".strip()
    return Episode(
        file=path,
        title=text("TIT2") or stem.replace("-", " ").capitalize(),
        published=_published(text("TDRC"), path),
        description=description or "An audio brief made by briefing.",
        artist=text("TPE1"),
        duration=float(audio.info.length),
        chapters=sidecar.chapters if sidecar.chapters.exists() else None,
        transcript=sidecar.transcript if sidecar.transcript.exists() else None,
        name=shown.name,
    )


def _published(tagged: str, path: Path) -> datetime:
    """The brief's date from its tag, at the file's time of day so same-day briefs order."""
    modified = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    try:
        day = datetime.strptime(tagged[:10], "%Y-%m-%d")
    except ValueError:
        return modified
    return modified.replace(year=day.year, month=day.month, day=day.day)


def _episodes(folder: Path) -> list[Episode]:
    """Every MP3 brief in the folder, newest first; none is an error."""
    episodes = sorted(
        (read_episode(p) for p in folder.glob("*.mp3")), key=lambda e: e.published, reverse=True
    )
    if not episodes:
        raise InputError(
            str(folder),
            "no MP3 audio briefs in this folder (make them with {setting})",
            setting="audio",
        )
    return episodes


def build_feed(
    folder: Path,
    base_url: str,
    *,
    title: str = PODCAST["title"],
    description: str = PODCAST["description"],
    author: str = PODCAST["author"],
    language: str = "en",
) -> bytes:
    """RSS 2.0 bytes for every MP3 in ``folder``, newest first."""
    about = {"title": title, "description": description, "author": author, "language": language}
    _base(base_url)  # a wrong address is told before the folder is read
    return feed_of(_episodes(folder), base_url, **about)


def feed_of(
    episodes: Sequence[Episode],
    base_url: str,
    *,
    title: str = PODCAST["title"],
    description: str = PODCAST["description"],
    author: str = PODCAST["author"],
    language: str = "en",
) -> bytes:
    """RSS 2.0 bytes for ``episodes``, newest first, at ``base_url`` + each one's name.

    No episodes is a feed all the same: an app can subscribe now and get them as
    they come.
    """
    from feedgen.feed import FeedGenerator

    base = _base(base_url)
    episodes = sorted(episodes, key=lambda e: e.published, reverse=True)
    feed = FeedGenerator()
    feed.load_extension("podcast")
    feed.register_extension(
        "podcastindex", _PodcastIndexFeed, _PodcastIndexEntry, atom=False, rss=True
    )
    feed.title(title)
    feed.link(href=base, rel="alternate")
    feed.description(description)
    feed.language(language)
    feed.author({"name": author})
    feed.podcast.itunes_author(author)
    feed.podcast.itunes_category("News")
    feed.podcast.itunes_explicit("no")
    feed.podcast.itunes_summary(description)
    if episodes:
        feed.lastBuildDate(episodes[0].published)
    for episode in reversed(episodes):  # feedgen prepends: add oldest first
        _add(feed, episode, base, author)
    return feed.rss_str(pretty=True)


def _base(base_url: str) -> str:
    """The address the episodes are served at, ending in a slash; an error unless http(s)."""
    if not base_url.startswith(("http://", "https://")):
        raise ConfigError(
            f"{{setting}} {base_url!r} must be the http(s) address the folder is served at",
            setting="base_url",
        )
    return base_url.rstrip("/") + "/"


def _add(feed, episode: Episode, base: str, author: str) -> None:
    """One episode's item; its files at ``base`` under the names it is served as."""
    served = episode.served
    entry = feed.add_entry()
    entry.guid(episode.guid, permalink=False)
    entry.title(episode.title)
    entry.description(episode.description)
    entry.published(episode.published)
    url = base + served.audio.name
    entry.link(href=url)
    entry.enclosure(url, str(episode.file.stat().st_size), "audio/mpeg")
    entry.podcast.itunes_duration(round(episode.duration))
    entry.podcast.itunes_author(episode.artist or author)
    entry.podcast.itunes_summary(episode.description)
    if episode.transcript:
        entry.podcastindex.transcript = (base + served.transcript.name, "text/vtt")
    if episode.chapters:
        entry.podcastindex.chapters = (
            base + served.chapters.name,
            "application/json+chapters",
        )


class _PodcastIndexFeed:
    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NAMESPACE}

    def extend_rss(self, feed):
        return feed

    def extend_atom(self, feed):
        return feed


class _PodcastIndexEntry:
    """podcast:transcript and podcast:chapters on an item."""

    def __init__(self) -> None:
        self.transcript: tuple[str, str] | None = None
        self.chapters: tuple[str, str] | None = None

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NAMESPACE}

    def extend_rss(self, item):
        from lxml import etree

        for tag, value in (("transcript", self.transcript), ("chapters", self.chapters)):
            if value:
                element = etree.SubElement(item, f"{{{PODCAST_NAMESPACE}}}{tag}")
                element.set("url", value[0])
                element.set("type", value[1])
                if tag == "transcript":
                    element.set("language", "en")
        return item

    def extend_atom(self, entry):
        return entry
