"""Turn the bytes of a file into clean Unicode text, or say clearly why not."""

from __future__ import annotations

import codecs
import re
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
    """Read a file, refusing missing, unreadable and oversized ones."""
    source = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except OSError as exc:
        raise InputError(source, f"cannot read ({exc.strerror or exc})") from exc
    if size > max_bytes:
        raise InputError(
            source, f"file too large ({_mib(size)}; the limit is {_mib(max_bytes)}, see --max-size)"
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(source, f"cannot read ({exc.strerror or exc})") from exc


def decode(data: bytes, source: str) -> str:
    """Decode bytes of unknown encoding and repair common scraping damage.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are taken at their
    word. Otherwise charset-normalizer proposes encodings; among Western
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
    return f"{size / 1024 / 1024:.1f} MiB"
