"""Where a server keeps its files, all under one data directory, and the only way in.

``briefs/<id>/`` holds one brief's files; a brief is made in ``briefs/.<id>.part/``
and renamed into place in one step once everything is written, so a brief's
folder is whole or absent. ``uploads/<id>/`` holds the inputs of a running job
and ``listen/<id>/`` the parts of its recording ready to hear; both go when the job
ends. No path from a request is joined to a folder: a
request names a brief by its id (checked against :data:`ID`) and a file by its
name as recorded in the database, and :meth:`DataDir.file` still checks that
the result lies inside the brief's folder.
"""

from __future__ import annotations

import re
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from briefing.errors import ConfigError

ID = re.compile(r"^[0-9a-f]{16}$")
PAGE = ".page.html"
"""The brief as the web page shows it, rendered once when it is made (hidden: not a download)."""


def new_id() -> str:
    return secrets.token_hex(8)


@dataclass(frozen=True)
class DataDir:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "briefing.sqlite3"

    @property
    def briefs(self) -> Path:
        return self.root / "briefs"

    @property
    def scratch(self) -> Path:
        """Short-lived files of a request (the feed's episode links)."""
        return self.root / "tmp"

    def brief(self, brief_id: str) -> Path:
        return self.briefs / _checked(brief_id)

    def staging(self, brief_id: str) -> Path:
        return self.briefs / f".{_checked(brief_id)}.part"

    def uploads(self, brief_id: str) -> Path:
        return self.root / "uploads" / _checked(brief_id)

    def listening(self, brief_id: str) -> Path:
        """The parts of a job's recording heard while it is made; gone when the job ends."""
        return self.root / "listen" / _checked(brief_id)

    def file(self, brief_id: str, name: str) -> Path | None:
        """The file ``name`` of a brief, if it is a regular file inside the brief's folder."""
        folder = self.brief(brief_id).resolve()
        path = (folder / name).resolve()
        if path.parent != folder or not path.is_file():
            return None
        return path

    def lock(self) -> BinaryIO:
        """Hold the data directory for this server: a second one would remove its work.

        The lock goes with the process, however it ends; keep the returned file open.
        """
        self.root.mkdir(parents=True, exist_ok=True)
        handle = (self.root / "briefing.lock").open("wb")
        try:
            import fcntl
        except ImportError:  # no flock here (Windows): one server per folder, by convention
            return handle
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise ConfigError(
                f"another briefing serve is using {self.root}; stop it or give another {{setting}}",
                setting="data",
            ) from None
        return handle

    def prepare(self, kept: set[str]) -> None:
        """At start: make the folders; remove what no finished brief owns.

        No job runs yet, so every upload folder and staging folder is left over
        from a server that stopped mid-brief, and so is a brief folder the
        database does not list (stopped between the rename and the commit).
        """
        for folder in (self.briefs, self.scratch, self.root / "uploads", self.root / "listen"):
            folder.mkdir(parents=True, exist_ok=True)
        leftovers = [*(self.root / "uploads").iterdir(), *self.scratch.iterdir()]
        leftovers += [*(self.root / "listen").iterdir()]
        leftovers += [p for p in self.briefs.iterdir() if p.name not in kept]
        for path in leftovers:
            remove(path)

    def uploads_size(self) -> int:
        """Bytes held by every running job's inputs together."""
        folder = self.root / "uploads"
        return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())

    def remove_brief(self, brief_id: str) -> None:
        remove(self.brief(brief_id))


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _checked(brief_id: str) -> str:
    if not ID.match(brief_id):
        raise ValueError(f"not a brief id: {brief_id!r}")
    return brief_id
