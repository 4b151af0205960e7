"""What articles state that a brief tracks: figures with their claims, and cited sources.

Split from :mod:`briefing.models`, which re-exports every name here, so a
record is imported from either; each links back to its sentence by anchor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


def sentence_anchor(article_id: str, sentence: int) -> str:
    """'a2-s14': the id of a sentence in the HTML brief, which its points and figures link to."""
    return f"{article_id}-s{sentence}"


@dataclass(frozen=True)
class Figure:
    """A number, percentage, amount of money or date cited in an article."""

    kind: str
    value: str
    article_id: str
    sentence: int
    context: str


@dataclass(frozen=True)
class FigureValue:
    """One article's value of a tracked quantity, linked to the sentence that states it.

    ``status`` is "forecast" or "outcome" where the text says so ("projects",
    "expects" against "raised", "fell"), otherwise empty.
    """

    value: str
    amount: float
    article_id: str
    sentence: int
    context: str
    published: date | None = None
    status: str = ""
    source: str = ""
    """Who states it, as the article names them ("the health ministry"); empty: the article."""
    low: float | None = None
    high: float | None = None
    """The interval the words allow ("more than 400": 400 to None); None is unbounded."""
    measure: str = ""
    """What it counts or measures ("deaths", "support", "unemployment")."""
    when: str = ""
    """The time it refers to as the text says it ("last year"); empty: the article's date."""
    kind: str = ""
    """"outcome", "forecast" or "contrast" (an earlier value quoted for contrast)."""

    @property
    def anchor(self) -> str:
        return sentence_anchor(self.article_id, self.sentence)


@dataclass(frozen=True)
class FigureSeries:
    """A quantity several articles state at different dates, oldest first."""

    label: str
    unit: str
    values: tuple[FigureValue, ...]
    direction: str = ""
    """"rose", "fell", "unchanged" or "changed" from the first value to the last."""
    themes: tuple[str, ...] = ()
    """Labels of the shared themes whose sentences state these figures."""


@dataclass(frozen=True)
class FigureConflict:
    """Articles of the same day that state different values for the same quantity."""

    label: str
    unit: str
    published: date | None
    values: tuple[FigureValue, ...]
    measure: str = ""
    dated: bool = True
    """False when an article's date is unknown: the values may not be of one day."""


@dataclass(frozen=True)
class Citation:
    """A named source an article cites: a poll, an institution or a person."""

    name: str
    kind: str
    article_id: str
    sentence: int
    context: str
    role: str = ""
    """What the person is ("spokesperson", "fire chief"), apart from the name."""
    affiliation: str = ""
    """What the person speaks for ("health ministry")."""
