"""Write outputs all-or-nothing: temp files first, renamed into place at the end."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from briefing.errors import OutputError


def write_atomically(files: Mapping[Path, str | bytes]) -> list[Path]:
    """Write every file, or none: a failure removes the temp files and raises."""
    staged: list[tuple[Path, Path]] = []
    try:
        for target, content in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temp_name = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=".part", dir=target.parent
            )
            staged.append((Path(temp_name), target))
            data = content.encode("utf-8") if isinstance(content, str) else content
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temp_name, 0o666 & ~_umask())  # as an ordinary file would be, not 0600
        for temp, target in staged:
            os.replace(temp, target)
    except OSError as exc:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise OutputError(
            f"{exc.filename or 'output'}: cannot write ({exc.strerror or exc})"
        ) from exc
    return [target for _, target in staged]


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def slugify(text: str, limit: int = 60) -> str:
    """A file-name-safe form of a title: lower case ASCII words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "brief"
