"""Turn the bytes of a file into clean Unicode text, or say clearly why not."""

from __future__ import annotations

import codecs
import os
import re
import stat
import unicodedata
from pathlib import Path

import charset_normalizer
import ftfy

from briefing.defaults import DEFAULT_MAX_BYTES  # light, shared with the command line
from briefing.errors import InputError

_WESTERN = {"cp1252", "latin_1", "iso8859_15", "cp1250", "cp1257", "cp775"}
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a regular file, refusing missing, unreadable, special and oversized ones.

    ``st_size`` is 0 for FIFOs and devices, so anything but a regular file is
    refused from ``stat`` before it is opened (a FIFO would block the open), and
    the read itself stops one byte past the limit (a file can grow meanwhile).
    """
    source = str(path)
    info = _stat(path, source)
    if info.st_size > max_bytes:
        raise too_large(source, "file", max_bytes, info.st_size)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        handle = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(source, f"cannot read ({exc.strerror or exc})") from exc
    with os.fdopen(handle, "rb") as file:
        _require_regular(os.fstat(file.fileno()).st_mode, source)  # swapped since stat?
        try:
            data = file.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(source, f"cannot read ({exc.strerror or exc})") from exc
    if len(data) > max_bytes:
        raise too_large(source, "file", max_bytes)
    return data


def _stat(path: Path, source: str) -> os.stat_result:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except OSError as exc:
        raise InputError(source, f"cannot read ({exc.strerror or exc})") from exc
    except ValueError:  # a NUL byte in the name
        raise InputError(source, "not a valid file name") from None
    _require_regular(info.st_mode, source)
    return info


_SPECIAL_FILES = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _require_regular(mode: int, source: str) -> None:
    if stat.S_ISREG(mode):
        return
    kind = next((name for test, name in _SPECIAL_FILES if test(mode)), "a special file")
    raise InputError(source, f"not a regular file ({kind})")


def too_large(source: str, what: str, limit: int, size: int | None = None) -> InputError:
    """'file too large (6.2 MiB; the limit is 5.0 MiB)' for a file or a page.

    Without a ``size`` (a read stopped past the limit) it says 'more than the
    5.0 MiB limit'; the sizes are in bytes where MiB would print one number.
    """
    amount = f"more than the {_mib(limit)} limit" if size is None else describe_excess(size, limit)
    return InputError(source, f"{what} too large ({amount})", setting="max_bytes")


def describe_excess(size: int, limit: int) -> str:
    """Like "6.2 MiB; the limit is 5.0 MiB", in bytes where MiB would print one number."""
    if _mib(size) == _mib(limit):
        return f"{size:,} bytes; the limit is {limit:,} bytes"
    return f"{_mib(size)}; the limit is {_mib(limit)}"


def decode(data: bytes, source: str) -> str:
    """Decode bytes of unknown encoding and repair common scraping damage.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are taken at their
    word, and so is UTF-8 with a few invalid sequences (they become U+FFFD).
    Otherwise charset-normalizer proposes encodings; among Western
    single-byte candidates cp1252 wins, since it is what such pages really use
    and the detector's first pick (often cp1250) garbles accented letters.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return normalize(data.decode(encoding, errors="replace"))
    if _looks_binary(data):
        raise InputError(source, "binary file, not text")
    try:
        return normalize(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return normalize(data.decode("utf-8", errors="replace"))
    matches = charset_normalizer.from_bytes(data)
    encodings = [match.encoding for match in matches]
    if any(encoding in _WESTERN for encoding in encodings):
        for encoding in ("cp1252", "latin_1"):
            try:
                return normalize(data.decode(encoding))
            except UnicodeDecodeError:
                continue
    best = matches.best()
    if best is None:
        raise InputError(source, "cannot decode text: unknown encoding")
    return normalize(str(best))


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few damaged sequences, rather than a single-byte encoding?

    Valid multi-byte UTF-8 sequences almost never occur by chance in cp1252 or
    latin-1 text, so when they outnumber the invalid ones the text is UTF-8 and
    the damage becomes U+FFFD; read as cp1252 every valid letter would turn into
    mojibake instead.
    """
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = len(text) - len(text.encode("ascii", errors="ignore")) - invalid
    return valid > invalid


def normalize(text: str) -> str:
    """Repair mojibake, unify line endings and drop invisible characters."""
    text = ftfy.fix_text(text, uncurl_quotes=False, fix_line_breaks=True)
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    return text.replace("\u00a0", " ").replace("\t", " ")


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in b"\t\n\r\f\v\x1b")
    return bool(sample) and controls / len(sample) > 0.1


def _mib(size: int) -> str:
    """A size for a message: MiB to one decimal, bytes below 0.1 MiB."""
    if size < 100 * 1024:
        return f"{size:,} bytes"
    return f"{size / 1024 / 1024:.1f} MiB"
