"""A pronunciation list: words the voices get wrong and how to say them.

A plain text file, one ``WORD = SPOKEN`` a line, ``#`` for comments: easy to
extend by hand. The shipped list (``data/pronunciations.txt``) covers the
names in the examples and places that are often misread; ``--pronunciations
FILE`` adds entries or overrides shipped ones. Matching is whole-word and
case-sensitive, so "Reading" the town is respelt and "reading" is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from briefing.errors import InputError

SHIPPED = Path(__file__).with_name("data") / "pronunciations.txt"
MAX_BYTES = 1024 * 1024  # a list, not a dictionary


@dataclass(frozen=True)
class Pronunciations:
    entries: tuple[tuple[str, str], ...]

    def apply(self, text: str) -> str:
        if not self.entries:
            return text
        return _pattern(self.entries).sub(lambda m: dict(self.entries)[m.group(0)], text)


@cache
def _pattern(entries: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    words = sorted((w for w, _ in entries), key=len, reverse=True)  # "Des Moines" before "Des"
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")


def parse(text: str, source: str) -> dict[str, str]:
    entries: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        word, equals, spoken = (part.strip() for part in line.partition("="))
        if not equals or not word or not spoken:
            raise InputError(f"{source}:{number}", "expected 'WORD = HOW TO SAY IT'")
        entries[word] = spoken
    return entries


def load(extra: Path | None = None) -> Pronunciations:
    """The shipped list, then the user's file on top."""
    entries = parse(SHIPPED.read_text(encoding="utf-8"), str(SHIPPED))
    if extra is not None:
        try:
            if not extra.is_file() or extra.stat().st_size > MAX_BYTES:
                raise InputError(str(extra), "not a pronunciation list (a text file up to 1 MiB)")
            text = extra.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(str(extra), f"cannot read the pronunciation list ({exc})") from exc
        entries.update(parse(text, str(extra)))
    return Pronunciations(tuple(entries.items()))
