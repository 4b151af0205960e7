"""The protocol every summarizer engine implements."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from briefing.models import Article, Summary
from briefing.summarize.length import Length


class Summarizer(Protocol):
    """Condenses articles; engines batch across all articles of a brief."""

    name: str

    def summarize(self, articles: Sequence[Article], length: Length) -> list[Summary]:
        """One summary per article, in the same order."""
        ...
