"""Limits a plan's text must keep before the TOML parser sees it.

``tomllib`` is pure Python and recursive: one dotted key of 40,000 parts (80 KB)
took it 43 s and 9.4 GB, because it copies the key's prefix for every part, and
a few thousand nested brackets end in a ``RecursionError``. A plan needs none of
that: its keys are at most a few parts (``generation.num_beams``), its values at
most a list or an inline table deep. One pass of a regular expression over the
text counts what the parser would build, so a hostile plan is refused in
milliseconds with a one-line reason, and a plan within the limits parses in a
few seconds at most.
"""

from __future__ import annotations

import re

MAX_KEY_PARTS = 8
"""Parts of one dotted key or table header (``[topic.generation]`` has two)."""
MAX_DEPTH = 8
"""Lists and inline tables inside each other (``generation = {num_beams = 4}`` is one)."""
MAX_KEYS = 60_000
"""Keys and table headers in one plan: 10,000 topics of a name, inputs and a few settings."""

_STRING_OR_COMMENT = re.compile(
    r"""([^"'#]+)"""  # everything else, kept as it is
    r'''|"""(?:[^"\\]|\\[\s\S]|"(?!""))*+"""'''
    r"""|'''(?:[^']|'(?!''))*+'''"""
    r'''|"(?:[^"\\\n]|\\.)*+"'''
    r"""|'[^'\n]*+'"""
    r"""|(#[^\n]*)"""
    r"""|["']"""  # an unclosed quote: the parser names it
)
"""Strings (possessive, so an unclosed one costs one pass) and comments."""
_LONG_KEY = re.compile(rf"(?<![\w-])(?:[\w-]++[ \t]*+\.[ \t]*+){{{MAX_KEY_PARTS}}}[\w-]")
"""More than MAX_KEY_PARTS parts joined by dots: outside strings only a key has them
(a number or a date has one dot at most). Possessive, and starting only where a word
starts, so a long word costs one pass, not one per letter."""
_HEADER = re.compile(r"^[ \t]*\[", re.MULTILINE)
_BRACKET = re.compile(r"[\[\]{}]")


class TooLarge(ValueError):
    """A plan past one of the limits; the message says which, in a plan author's words."""


def check_bounds(text: str) -> None:
    """Raise :class:`TooLarge` when ``text`` has a key of too many parts, values nested
    too deep or too many keys; say nothing of other mistakes, which the parser names."""
    bare = _STRING_OR_COMMENT.sub(_placeholder, text)
    long_key = _LONG_KEY.search(bare)
    if long_key:
        line = bare.count("\n", 0, long_key.start()) + 1
        raise TooLarge(f"line {line}: a key of more than {MAX_KEY_PARTS} dotted parts")
    keys = bare.count("=") + len(_HEADER.findall(bare))
    if keys > MAX_KEYS:
        raise TooLarge(f"{keys:,} keys; a plan holds at most {MAX_KEYS:,}")
    depth = 0
    for bracket in _BRACKET.finditer(bare):
        depth += 1 if bracket.group() in "[{" else -1
        if depth > MAX_DEPTH:
            line = bare.count("\n", 0, bracket.start()) + 1
            raise TooLarge(f"line {line}: lists or tables nested more than {MAX_DEPTH} deep")


def _placeholder(match: re.Match[str]) -> str:
    """Other text as it is; a comment dropped; a string as one letter, its lines kept."""
    if match.group(1) is not None:
        return match.group(1)
    if match.group(2) is not None:
        return ""
    return "s" + "\n" * match.group().count("\n")
