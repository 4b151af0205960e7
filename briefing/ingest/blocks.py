"""Split raw text into blocks: paragraphs and the short lines around them.

Scraped text comes one paragraph a line, hard-wrapped at a fixed width, or as
Markdown. Whatever the form, the cleaner downstream sees a list of blocks,
each one paragraph or one header line.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from statistics import quantiles

from markdown_it import MarkdownIt

from briefing.ingest import chrome, metadata
from briefing.text import ends_sentence

_SPACES = re.compile(r"\s+")


def text_blocks(text: str, widest_wrap: int = 100, wrapped: bool = False) -> list[str]:
    """Blocks of a plain-text article, rejoining hard-wrapped paragraphs.

    Text wrapped wider than ``widest_wrap`` columns is taken as unwrapped;
    PDF text passes a larger value and ``wrapped``: it is always wrapped, even
    where short header lines outnumber the lines of a short article's body.
    """
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _group(lines, widest_wrap, wrapped)


def _group(lines: list[str], widest_wrap: int = 100, wrapped: bool = False) -> list[str]:
    """Join consecutive lines that belong to one paragraph; blank lines separate."""
    width = _wrap_width(lines, widest_wrap, wrapped)
    blocks: list[list[str]] = []
    previous = ""
    for line in lines:
        if not line:
            previous = ""
            continue
        if previous and _continues(previous, line, width):
            blocks[-1].append(line)
        else:
            blocks.append([line])
        previous = line
    return [_join(block) for block in blocks]


def markdown_blocks(text: str) -> tuple[list[str], str | None]:
    """Blocks of a Markdown article and its first level-one heading, if any."""
    tokens = MarkdownIt("commonmark").parse(text)
    lines: list[str] = []
    heading: str | None = None
    for position, token in enumerate(tokens):
        if token.type != "inline":
            continue
        block_lines = _inline_lines(token.children or [])
        opener = tokens[position - 1] if position else None
        if block_lines and opener is not None and opener.type == "heading_open":
            block_lines = [" ".join(block_lines)]
            if opener.tag == "h1":
                heading = heading or block_lines[0]
        lines.extend([*block_lines, ""])
    return _group(lines), heading


def _inline_lines(children: list) -> list[str]:
    """The text lines of one Markdown block; soft breaks are kept as line ends."""
    lines = [""]
    for child in children:
        if child.type in ("text", "code_inline"):
            lines[-1] += child.content
        elif child.type in ("softbreak", "hardbreak"):
            lines.append("")
        elif child.type == "image":
            return []  # an image is a picture and its caption, not article text
    return [stripped for line in lines if (stripped := _SPACES.sub(" ", line).strip())]


def _wrap_width(lines: list[str], widest: int = 100, wrapped: bool = False) -> int | None:
    """The column a hard-wrapped text breaks at, or None if it is not wrapped."""
    lengths = [len(line) for line in lines if line]
    if len(lengths) < 6:
        return None
    width = int(quantiles(lengths, n=10)[-1])
    if width > widest:
        return None
    if wrapped:
        return width
    near = sum(1 for length in lengths if width * 0.5 <= length <= width + 2)
    return width if near / len(lengths) >= 0.6 else None


def _continues(previous: str, line: str, width: int | None) -> bool:
    """Whether ``line`` carries on the paragraph that ``previous`` belongs to.

    A caption or player line under a paragraph is a block of its own; the
    chrome test runs only where the lines would otherwise join, and each line is
    tested once (as ``line``, then as ``previous``), as it is the costly part."""
    if width is not None:
        if ends_sentence(previous) and len(previous) < 0.85 * width:
            return False  # a short line that ends a sentence ends its paragraph
        joins = len(previous) >= 0.6 * width
    else:
        joins = len(previous) >= 40 and not ends_sentence(previous) and line[:1].islower()
    if not joins or _looks_like_metadata(line):
        return False
    return not (_is_chrome(line) or _is_chrome(previous))


_is_chrome = lru_cache(maxsize=4)(chrome.is_chrome)


_HYPHEN_END = re.compile(r"[a-z]-$")


def _looks_like_metadata(line: str) -> bool:
    return len(line.split()) <= 12 and bool(metadata.find_date(line) or metadata.parse_byline(line))


def _join(lines: list[str]) -> str:
    """One paragraph from wrapped lines; the text ends as its last line does, so only
    that line is searched (searching the growing text made long paragraphs quadratic)."""
    parts = [lines[0]]
    for previous, line in itertools.pairwise(lines):
        if not (_HYPHEN_END.search(previous) and line[:1].islower()):
            parts.append(" ")  # no space when wrapped after a hyphen: "well-" + "known"
        parts.append(line)
    return "".join(parts)
