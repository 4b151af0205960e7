"""How long a summary should be: a number of sentences, words, or a ratio."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.errors import ConfigError


@dataclass(frozen=True)
class Length:
    """Exactly one of ``sentences``, ``words`` or ``ratio`` is set."""

    sentences: int | None = None
    words: int | None = None
    ratio: float | None = None

    def __post_init__(self) -> None:
        given = [v for v in (self.sentences, self.words, self.ratio) if v is not None]
        if len(given) != 1:
            raise ConfigError("a length needs exactly one of sentences, words or ratio")
        if (self.sentences is not None and self.sentences < 1) or (
            self.words is not None and self.words < 1
        ):
            raise ConfigError("a summary length must be at least 1")
        if self.ratio is not None and not 0 < self.ratio <= 1:
            raise ConfigError("a length ratio must be between 0 and 1")

    @classmethod
    def parse(cls, spec: str | int | Length) -> Length:
        """Read "3", "3s", "120w", "0.2" or "20%"."""
        if isinstance(spec, Length):
            return spec
        if isinstance(spec, int):
            return cls(sentences=spec)
        text = str(spec).strip().lower().replace(" ", "")
        if match := re.fullmatch(r"(\d+)(s|sent|sentences?)?", text):
            return cls(sentences=int(match.group(1)))
        if match := re.fullmatch(r"(\d+)(w|words?)", text):
            return cls(words=int(match.group(1)))
        if match := re.fullmatch(r"(\d+(?:\.\d+)?)%", text):
            return cls(ratio=float(match.group(1)) / 100)
        if match := re.fullmatch(r"0?\.\d+", text):
            return cls(ratio=float(match.group(0)))
        raise ConfigError(
            f"cannot read length {spec!r}: use sentences (3), words (120w) or a ratio (0.2 or 20%)"
        )

    @property
    def spec(self) -> str:
        """The spec :meth:`parse` reads back: "3", "120w" or "20%"."""
        if self.sentences is not None:
            return str(self.sentences)
        if self.words is not None:
            return f"{self.words}w"
        return f"{self.ratio * 100:g}%"

    def sentence_budget(self, available: int) -> int:
        """How many sentences to pick at most out of ``available``."""
        if self.sentences is not None:
            return min(self.sentences, available)
        if self.ratio is not None:
            return max(1, min(available, round(self.ratio * available)))
        return available

    def admits(self, used: int, size: int) -> bool:
        """Whether ``size`` more words fit after ``used``: the one word budget of every summary.

        The first sentence always fits (``used`` is 0), so a budget shorter than
        the first sentence still gives a summary, not an empty one.
        """
        return self.words is None or not used or used + size <= self.words

    def __str__(self) -> str:
        if self.sentences is not None:
            return f"{self.sentences} sentences"
        if self.words is not None:
            return f"{self.words} words"
        return f"{self.ratio:.0%} of sentences"


DEFAULT_LENGTH = Length(sentences=3)
"""Per-article summary length of a brief."""

DEFAULT_OVERVIEW = Length(words=120)
"""Length of a brief's overview (its lede)."""
