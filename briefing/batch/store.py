"""The output folder of a batch: one folder per topic, replaced whole, and what each holds.

::

    DIR/index.html                    every topic, its latest brief, audio and feed
    DIR/harbour/harbour-2025-12-01.html, .md, .json, .mp3, .vtt ...   one edition a day
    DIR/harbour/feed.xml              the topic's podcast: every edition's audio
    DIR/harbour/.batch.json           the topic's state: its last brief's hash and files

A made topic's new folder is assembled in ``DIR/.staging/`` (the earlier
editions hard-linked into it, the new files, the feed and the state written
there) and then renamed into place: readers and the next run see the old
folder or the new one, never a half-written one. The state travels inside the
folder, so a brief and its record are committed by the same rename, and an
interrupted batch resumes from the folders it finds. The swap is two renames
(the old folder aside, the new one in); :meth:`Store.recover` puts an old
folder back if a run died between them.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO

from briefing.batch.plan import Topic
from briefing.batch.work import Job, Outcome
from briefing.errors import BriefingError, OutputError
from briefing.output import write_atomically

STATE = ".batch.json"
FEED = "feed.xml"
STAGING = ".staging"
LOCK = ".batch.lock"
STATE_VERSION = 1
STATE_MAX_BYTES = 256 * 1024


@dataclass(frozen=True)
class Edition:
    """A topic's last brief, as its state file records it."""

    fingerprint: str
    name: str  # the files' base name
    title: str
    created: datetime
    articles: int
    audio: float | None  # seconds
    roles: dict[str, str]  # "html", "audio", ... -> file name
    feed: bool


class Store:
    """The batch's output folder; one run at a time writes it (:meth:`lock`)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.staging = root / STAGING

    @contextlib.contextmanager
    def lock(self):
        """Hold the folder for this run: two batches writing one folder would mix topics."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            handle: IO[str] = open(self.root / LOCK, "a")  # noqa: SIM115
        except OSError as exc:
            raise OutputError(f"{self.root}: cannot write ({exc.strerror or exc})") from exc
        with handle:
            try:
                import fcntl

                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except ImportError:  # not on POSIX: no lock
                pass
            except OSError:
                raise OutputError(f"{self.root}: another batch is writing this folder") from None
            yield self

    def recover(self) -> None:
        """Undo what an interrupted run left: put set-aside folders back, drop staged ones."""
        if not self.staging.is_dir():
            return
        for entry in self.staging.iterdir():
            if entry.name.endswith(".old") and not (self.root / entry.name[:-4]).exists():
                os.replace(entry, self.root / entry.name[:-4])
            elif entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            self.staging.rmdir()

    def edition(self, topic: Topic) -> Edition | None:
        """The topic's last brief, or None (never made, or its state is unreadable)."""
        from briefing.ingest.reading import read_bytes

        try:
            data = json.loads(read_bytes(self.root / topic.folder / STATE, STATE_MAX_BYTES))
            if data.get("version") != STATE_VERSION:
                return None
            return Edition(
                data["fingerprint"],
                data["name"],
                data["title"],
                datetime.fromisoformat(data["created"]),
                int(data["articles"]),
                data["audio"],
                dict(data["roles"]),
                bool(data["feed"]),
            )
        except (BriefingError, ValueError, KeyError, TypeError, AttributeError):
            return None  # made again, which writes a good state

    def commit(self, job: Job, outcome: Outcome) -> Edition:
        """Write the topic's new folder beside the old one, then swap them."""
        folder = self.root / job.topic.folder
        self.staging.mkdir(parents=True, exist_ok=True)
        new = Path(tempfile.mkdtemp(prefix=f"{job.topic.folder}.new-", dir=self.staging))
        try:
            _keep_earlier(folder, new, job.edition)
            written = write_atomically({new / name: data for name, data in outcome.files.items()})
            stamp = job.created.timestamp()
            for path in written:  # the feed dates an episode by its audio file's time
                os.utime(path, (stamp, stamp))
            feed = _feed(new, job.topic)
            edition = _edition(job, outcome, feed)
            write_atomically({new / STATE: json.dumps(_state(edition), indent=1) + "\n"})
            self._swap(new, folder)
        except BaseException:
            shutil.rmtree(new, ignore_errors=True)
            raise
        return edition

    def _swap(self, new: Path, folder: Path) -> None:
        aside = self.staging / f"{folder.name}.old"
        try:
            if folder.exists():
                os.replace(folder, aside)
            os.replace(new, folder)
        except OSError as exc:
            raise OutputError(f"{folder}: cannot replace ({exc.strerror or exc})") from exc
        _sync(self.root)
        shutil.rmtree(aside, ignore_errors=True)
        with contextlib.suppress(OSError):
            self.staging.rmdir()


def _keep_earlier(folder: Path, new: Path, edition: str) -> None:
    """The earlier editions, linked into the new folder (copied where links are refused)."""
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        if path.name in (STATE, FEED) or path.name.startswith(f"{edition}."):
            continue  # written anew; today's edition is replaced whole
        if path.is_file() and not path.is_symlink():
            try:
                os.link(path, new / path.name)
            except OSError:
                shutil.copy2(path, new / path.name)


def _feed(folder: Path, topic: Topic) -> bool:
    """The topic's podcast feed over every MP3 in its folder, when it has a base URL."""
    if topic.feed_url is None or not any(folder.glob("*.mp3")):
        return False
    from briefing.share.feed import build_feed

    title = topic.request.title or topic.name
    xml = build_feed(folder, topic.feed_url, title=title)
    write_atomically({folder / FEED: xml})
    return True


def _edition(job: Job, outcome: Outcome, feed: bool) -> Edition:
    assert outcome.fingerprint is not None
    return Edition(
        outcome.fingerprint,
        job.edition,
        outcome.title,
        job.created,
        outcome.articles,
        outcome.audio,
        dict(outcome.roles),
        feed,
    )


def _state(edition: Edition) -> dict:
    return {
        "version": STATE_VERSION,
        "fingerprint": edition.fingerprint,
        "name": edition.name,
        "title": edition.title,
        "created": edition.created.isoformat(),
        "articles": edition.articles,
        "audio": edition.audio,
        "roles": edition.roles,
        "feed": edition.feed,
    }


def _sync(folder: Path) -> None:
    """Make the renames in ``folder`` durable (POSIX; elsewhere a no-op)."""
    with contextlib.suppress(OSError, AttributeError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
