"""A per-user cache of compiled templates: a cold command skips Jinja's parse and compile.

Parsing and compiling the shipped templates is most of the template stage of a
cold ``briefing build`` (about 0.25 of 0.3 CPU seconds). One file per template
in ``$XDG_CACHE_HOME/briefing/templates`` (``~/.cache/briefing/templates``)
holds its compiled code and the names its tree uses, so the filter and test
check runs on every load, from the cache or not. An entry serves only:

- the very source it was compiled from (its SHA-1, as Jinja's own bytecode
  cache checks it), so an edited template is parsed, compiled and checked anew;
- the very same compiler: Python's bytecode magic, Jinja's version, the
  environment's settings, filters and tests, whether the template is escaped,
  and the briefing package's files (Jinja runs filters on constants while it
  compiles, so a changed filter changes the code).

The folder must belong to this user and be writable by no one else, or nothing
is cached: code from the cache is run. Anything unreadable is a miss; a write
that fails is ignored.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
import stat
import sys
import tempfile
from pathlib import Path
from types import CodeType

import jinja2

ENTRY = b"briefing compiled template 1\n"
Found = tuple[tuple[tuple[str, str, int], ...], tuple[str, ...]]  # (used, included)


def user_folder() -> Path | None:
    """``$XDG_CACHE_HOME/briefing/templates``, else ``~/.cache/briefing/templates``."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG rule: a relative path is ignored
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home to speak of
            return None
    return Path(base) / "briefing" / "templates"


def safe_folder(folder: Path) -> bool:
    """Make ``folder`` (mode 0700) if need be; True if it is this user's and no one
    else can write in it, so nothing in it can have been put there by another user."""
    if not hasattr(os, "getuid"):
        return False
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        found = os.stat(folder)  # through a link: the folder the files would land in
    except OSError:
        return False
    others_write = stat.S_IMODE(found.st_mode) & (stat.S_IWGRP | stat.S_IWOTH)
    return stat.S_ISDIR(found.st_mode) and found.st_uid == os.getuid() and not others_write


class CompiledCache:
    """Compiled templates with their names, one file per template path, in a safe folder."""

    def __init__(self, folder: Path, environment: jinja2.Environment) -> None:
        self.folder = folder
        self.environment = environment
        self._compiler: bytes | None = None  # made on first use, once the filters are in

    @classmethod
    def for_folder(
        cls, folder: Path | None, environment: jinja2.Environment
    ) -> CompiledCache | None:
        """A cache in ``folder``, or None where there is none or it is not safe."""
        return cls(folder, environment) if folder is not None and safe_folder(folder) else None

    def get(self, name: str, filename: str, source: str) -> tuple[CodeType, Found] | None:
        """The code and names compiled from exactly this source, or None."""
        try:
            data = self._path(name, filename).read_bytes()
            header = self._header(name, source)
            if not data.startswith(header):
                return None
            code, used, included = marshal.loads(data[len(header) :])
        except (OSError, ValueError, EOFError, TypeError):
            return None
        return (code, (used, included)) if isinstance(code, CodeType) else None

    def put(self, name: str, filename: str, source: str, code: CodeType, found: Found) -> None:
        """Write the entry all at once (a reader sees the old one or the new); failures pass."""
        try:
            data = self._header(name, source) + marshal.dumps((code, *found))
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
        except (OSError, ValueError):
            return
        target = self._path(name, filename)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, target)
        except OSError:
            Path(temporary).unlink(missing_ok=True)

    def _path(self, name: str, filename: str) -> Path:
        key = hashlib.sha1(f"{name}\0{filename}".encode(), usedforsecurity=False)
        return self.folder / f"{key.hexdigest()}.bin"

    def _header(self, name: str, source: str) -> bytes:
        """What an entry must start with: the compiler's digest, this template's escaping
        and name, and the source's SHA-1."""
        escape = self.environment.autoescape
        escaped = escape(name) if callable(escape) else escape
        entry = hashlib.sha1(self.compiler(), usedforsecurity=False)
        entry.update(f"\0{name}\0{escaped}".encode())
        checksum = hashlib.sha1(source.encode("utf-8"), usedforsecurity=False)
        return ENTRY + entry.digest() + checksum.digest()

    def compiler(self) -> bytes:
        if self._compiler is None:
            self._compiler = compiler_digest(self.environment)
        return self._compiler


def compiler_digest(environment: jinja2.Environment) -> bytes:
    """What the compiled code depends on besides the source (see the module docstring)."""
    settings = [
        getattr(environment, field)
        for field in (
            "block_start_string",
            "block_end_string",
            "variable_start_string",
            "variable_end_string",
            "comment_start_string",
            "comment_end_string",
            "line_statement_prefix",
            "line_comment_prefix",
            "trim_blocks",
            "lstrip_blocks",
            "newline_sequence",
            "keep_trailing_newline",
            "optimized",
            "is_async",
            "sandboxed",
        )
    ]
    parts = [
        importlib.util.MAGIC_NUMBER.hex(),
        sys.version,
        jinja2.__version__,
        repr(settings),
        _callables(environment.filters),
        _callables(environment.tests),
        _callables({"finalize": environment.finalize} if environment.finalize else {}),
        repr(sorted(environment.extensions)),
        repr(environment.undefined),
        repr(_package_files()),
    ]
    return hashlib.sha1("\0".join(parts).encode(), usedforsecurity=False).digest()


def _callables(table: dict[str, object]) -> str:
    """Each name with the function's module, name and how Jinja calls it."""
    return repr(
        sorted(
            (
                name,
                getattr(function, "__module__", None),
                getattr(function, "__qualname__", None),
                repr(getattr(function, "jinja_pass_arg", None)),
            )
            for name, function in table.items()
        )
    )


def _package_files() -> list[tuple[str, int, int]]:
    """(path, modification time, size) of every Python file of the briefing package."""
    found: list[tuple[str, int, int]] = []
    pending = [str(Path(__file__).resolve().parent.parent)]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
                    pending.append(entry.path)
                elif entry.name.endswith(".py"):
                    facts = entry.stat()
                    found.append((entry.path, facts.st_mtime_ns, facts.st_size))
    return sorted(found)
