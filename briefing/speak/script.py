"""The narration script: parsed from the text the script template writes.

The format is small enough to edit by hand: ``# Title`` once, ``## Chapter``
before each chapter, ``[host 2]`` (or ``[host 1]``) on its own line to hand
over, and blank lines between paragraphs. A line with nothing to say (``***``,
``—``, ``...``) is a paragraph break, never read aloud. Each paragraph is spoken as
sentences with short pauses, paragraphs with longer ones, chapters longer still.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.errors import InputError
from briefing.text import split_sentences

_HOST = re.compile(r"^\[host ([12])\]$", re.IGNORECASE)
_SPEAKABLE = re.compile(r"\w")


@dataclass(frozen=True)
class Paragraph:
    host: int | None  # None: whoever the chapter's turn gives
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class Chapter:
    title: str
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Script:
    title: str
    chapters: tuple[Chapter, ...]

    @property
    def words(self) -> int:
        return sum(len(s.split()) for c in self.chapters for p in c.paragraphs for s in p.sentences)


def parse_script(text: str, source: str = "script") -> Script:
    """Read a script; errors name the file and line."""
    title: str | None = None
    chapters: list[tuple[str, list[Paragraph]]] = []
    lines: list[str] = []
    host: int | None = None

    def close_paragraph() -> None:
        nonlocal lines
        if lines:
            if not chapters:
                chapters.append(("Introduction", []))
            sentences = tuple(s.text for s in split_sentences([" ".join(lines)]))
            chapters[-1][1].append(Paragraph(host, sentences))
        lines = []

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line.startswith("## "):
            close_paragraph()
            chapters.append((line[3:].strip(), []))
            host = None
        elif line.startswith("# ") and title is None:
            title = line[2:].strip()
        elif line.startswith("#"):
            raise InputError(
                f"{source}:{number}", "a heading must be '# Title' (once) or '## Chapter'"
            )
        elif match := _HOST.match(line):
            close_paragraph()
            host = int(match.group(1))
        elif not _SPEAKABLE.search(line):
            close_paragraph()  # blank, or only marks ("***", "—", "?!"): nothing to say, a break
        else:
            lines.append(line)
    close_paragraph()
    kept = tuple(Chapter(name, tuple(paragraphs)) for name, paragraphs in chapters if paragraphs)
    if not kept:
        raise InputError(source, "the script has nothing to say")
    return Script(title or kept[0].title, kept)
