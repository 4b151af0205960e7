"""The server's index in SQLite: the jobs it ran and the briefs it keeps.

The files of a brief live in its own folder under the data directory; the
database says which briefs exist, what they hold (for the library and its
search) and how each job went. A job is recorded before it starts, so a server
killed mid-brief finds it still "running" when it starts again and marks it
failed (:meth:`Store.recover`). Each call opens its own connection: calls come
from the event loop's thread pool and from the job threads alike.
"""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed')),
    stage TEXT NOT NULL DEFAULT '',
    step INTEGER NOT NULL DEFAULT 0,
    steps INTEGER NOT NULL DEFAULT 1,
    created REAL NOT NULL,
    finished REAL,
    error TEXT
);
CREATE TABLE IF NOT EXISTS briefs (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    created TEXT NOT NULL,
    articles INTEGER NOT NULL,
    outlets TEXT NOT NULL,
    audio_seconds REAL,
    theme TEXT NOT NULL,
    easy_reading INTEGER NOT NULL,
    files TEXT NOT NULL,
    skipped TEXT NOT NULL
);
"""
LIKE_SPECIAL = re.compile(r"[\\%_]")
INTERRUPTED = "the server stopped while this brief was being made; nothing of it was kept"


@dataclass(frozen=True)
class Job:
    id: str
    state: str  # running, done or failed
    stage: str
    step: int
    steps: int
    error: str | None


@dataclass(frozen=True)
class File:
    """One file of a brief: its name in the brief's folder and what it is."""

    name: str
    kind: str  # a format (html, pdf, ...) or a role (audio, transcript, ...)
    size: int


@dataclass(frozen=True)
class Entry:
    """A brief in the library."""

    id: str
    title: str
    created: datetime
    articles: int
    outlets: tuple[str, ...]
    audio_seconds: float | None
    theme: str
    easy_reading: bool
    files: tuple[File, ...]
    skipped: tuple[tuple[str, str], ...]  # (input, reason) for each input left out

    @property
    def formats(self) -> tuple[str, ...]:
        return tuple(f.kind for f in self.files if f.kind not in ROLES)

    def file(self, kind: str) -> File | None:
        return next((f for f in self.files if f.kind == kind), None)


ROLES = ("narration", "audio", "transcript", "subtitles", "chapters")


class Store:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(SCHEMA)

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30)
        db.row_factory = sqlite3.Row
        try:
            with db:  # one transaction: committed, or rolled back on an error
                yield db
        finally:
            db.close()

    def add_job(self, job_id: str, steps: int) -> None:
        with self._connect() as db:
            db.execute(
                "INSERT INTO jobs (id, state, steps, created) VALUES (?, 'running', ?, ?)",
                (job_id, steps, time.time()),
            )

    def progress(self, job_id: str, stage: str, step: int) -> None:
        with self._connect() as db:
            db.execute("UPDATE jobs SET stage = ?, step = ? WHERE id = ?", (stage, step, job_id))

    def fail(self, job_id: str, error: str) -> None:
        with self._connect() as db:
            db.execute(
                "UPDATE jobs SET state = 'failed', error = ?, finished = ? WHERE id = ?",
                (error, time.time(), job_id),
            )

    def finish(self, entry: Entry) -> None:
        """The brief joins the library and its job is done, in one transaction."""
        with self._connect() as db:
            db.execute(
                "INSERT INTO briefs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    entry.id,
                    entry.title,
                    entry.created.isoformat(),
                    entry.articles,
                    json.dumps(entry.outlets, ensure_ascii=False),
                    entry.audio_seconds,
                    entry.theme,
                    int(entry.easy_reading),
                    json.dumps([[f.name, f.kind, f.size] for f in entry.files]),
                    json.dumps(entry.skipped, ensure_ascii=False),
                ),
            )
            db.execute(
                "UPDATE jobs SET state = 'done', step = steps, finished = ? WHERE id = ?",
                (time.time(), entry.id),
            )

    def job(self, job_id: str) -> Job | None:
        with self._connect() as db:
            row = db.execute(
                "SELECT id, state, stage, step, steps, error FROM jobs WHERE id = ?", (job_id,)
            ).fetchone()
        return Job(**row) if row else None

    def recover(self) -> list[str]:
        """Jobs a stopped server left running: marked failed; their ids, to clean up after."""
        with self._connect() as db:
            ids = [r["id"] for r in db.execute("SELECT id FROM jobs WHERE state = 'running'")]
            db.execute(
                "UPDATE jobs SET state = 'failed', error = ?, finished = ? WHERE state = 'running'",
                (INTERRUPTED, time.time()),
            )
        return ids

    def entries(self, query: str = "") -> list[Entry]:
        """The library, newest first; ``query`` matches words of the title or an outlet."""
        sql, args = "SELECT * FROM briefs", []
        words = query.split()
        if words:
            match = "(title LIKE ? ESCAPE '\\' OR outlets LIKE ? ESCAPE '\\')"
            sql += " WHERE " + " AND ".join([match] * len(words))
            for word in words:
                pattern = "%" + LIKE_SPECIAL.sub(r"\\\g<0>", word) + "%"
                args += [pattern, pattern]
        with self._connect() as db:
            rows = db.execute(sql + " ORDER BY created DESC, rowid DESC", args).fetchall()
        return [_entry(row) for row in rows]

    def entry(self, brief_id: str) -> Entry | None:
        with self._connect() as db:
            row = db.execute("SELECT * FROM briefs WHERE id = ?", (brief_id,)).fetchone()
        return _entry(row) if row else None

    def delete(self, brief_id: str) -> bool:
        with self._connect() as db:
            gone = db.execute("DELETE FROM briefs WHERE id = ?", (brief_id,)).rowcount
            db.execute("DELETE FROM jobs WHERE id = ?", (brief_id,))
        return bool(gone)


def _entry(row: sqlite3.Row) -> Entry:
    return Entry(
        id=row["id"],
        title=row["title"],
        created=datetime.fromisoformat(row["created"]),
        articles=row["articles"],
        outlets=tuple(json.loads(row["outlets"])),
        audio_seconds=row["audio_seconds"],
        theme=row["theme"],
        easy_reading=bool(row["easy_reading"]),
        files=tuple(File(name, kind, size) for name, kind, size in json.loads(row["files"])),
        skipped=tuple((source, reason) for source, reason in json.loads(row["skipped"])),
    )
