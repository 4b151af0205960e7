"""Write outputs all-or-nothing: temp files first, renamed into place at the end."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from briefing.errors import ConfigError, OutputError

FILE_MODE = 0o644
"""Written files: read by all, written by their owner, as under the usual umask (022).

Set explicitly rather than from the umask: reading the umask means setting it,
for the whole process, while a server's other threads may be creating files."""


def write_atomically(files: Mapping[Path, str | bytes]) -> list[Path]:
    """Write every file, or none: a failure or an interrupt removes the temp files.

    An ``OSError`` becomes an :class:`OutputError` naming the file. Anything
    else (``KeyboardInterrupt``, ``SystemExit`` from a signal handler) is
    re-raised after the clean-up; if some files had already been renamed into
    place, the exception carries them as ``written`` so the caller can say so.
    """
    staged: list[tuple[Path, Path]] = []
    placed: list[Path] = []
    target = Path("output")
    try:
        for target, content in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temp_name = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=".part", dir=target.parent
            )
            staged.append((Path(temp_name), target))
            _write(handle, content)
            os.chmod(temp_name, FILE_MODE)  # as an ordinary file would be, not mkstemp's 0600
        for temp, target in staged:
            os.replace(temp, target)
            placed.append(target)
    except BaseException as exc:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            # a full disk reports no file name: name the file being written
            raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from exc
        exc.written = tuple(placed)  # type: ignore[attr-defined]
        raise
    return placed


def _write(handle: int, content: str | bytes) -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def slugify(text: str, limit: int = 60) -> str:
    """A file-name-safe form of a title: lower case ASCII words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "brief"


def check_name(name: str) -> str:
    """``name`` if it is a plain file name, else a one-line error.

    Output names are joined to the output folder, so a name with a folder in
    it (``../../pwned``, ``/abs/path``), a hidden or empty name, or control
    characters could write outside that folder or hide the file.
    """
    bad = (
        not name.strip()
        or name in (".", "..")
        or name.startswith(".")
        or any(sep in name for sep in ("/", "\\", os.sep))
        or any(unicodedata.category(c) == "Cc" for c in name)
    )
    if bad or len(name.encode("utf-8")) > 200:
        raise ConfigError(
            f"output name {name!r} must be a plain file name (no folders, not hidden, "
            "at most 200 bytes)"
        )
    return name
