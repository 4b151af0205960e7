"""What the cleaner finds about an article as it reads: title, authors, outlets, dates.

Each clue is kept with its strength (an outlet from a byline beats one from a
masthead; a labelled date beats one under the headline, which beats a date box
above it), and the strongest is read out at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from briefing.ingest import datelines, metadata


@dataclass
class Findings:
    """What the cleaner has learnt about an article so far, with the strength of each clue."""

    title: str | None = None
    title_given: bool = False
    authors: list[str] = field(default_factory=list)
    outlets: list[tuple[int, str]] = field(default_factory=list)
    carriers: list[str] = field(default_factory=list)
    after_note: bool = False
    dates: list[tuple[int, int, datetime | date]] = field(default_factory=list)
    undecided: list[str] = field(default_factory=list)
    updated: datetime | date | None = None
    notes: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    fallback_title: str | None = None
    standfirst: list[str] = field(default_factory=list)

    @property
    def published(self) -> datetime | date | None:
        """The strongest date: a labelled one, then one under the headline, then one above
        it (a page header's date box is the day the page was printed, not the article's)."""
        return min(self.dates, key=lambda d: d[:2])[2] if self.dates else None

    @property
    def outlet(self) -> str | None:
        """The outlet with the strongest evidence (see ``metadata.BYLINE`` and after)."""
        return min(self.outlets)[1] if self.outlets else None

    def add_outlet(self, rank: int, name: str | None) -> None:
        name = (name or "").strip(" .,;:-")
        if name:
            self.outlets.append((rank, name))

    def add_note(self, note: str) -> None:
        """Keep the author's description; addresses and a trailing outlet are removed."""
        names = tuple(name for _rank, name in self.outlets)
        text, removed, outlet = metadata.tidy_author_note(note, names)
        self.removed.extend(removed)
        self.add_outlet(metadata.SIGNATURE, outlet)
        if text:
            self.notes.append(text)
        self.after_note = True

    def add_date(self, found: metadata.FoundDate) -> None:
        if found.label in ("updated", "last updated", "last modified", "modified"):
            self.updated = self.updated or found.value
        else:
            rank = 0 if found.label else 1 if self.title else 2
            self.dates.append((rank, len(self.dates), found.value))


def settle_undecided(found: Findings, blocks: list[str]) -> None:
    """A date that reads either way round ("3/4/2024") is read the way the article's
    other evidence says (its currency, time zones, spelled dates), or left unread
    and said so in ``removed``."""
    if found.published or found.updated or not found.undecided:
        return
    order = datelines.date_order([*blocks, *found.removed])
    line = found.undecided[0]
    date_found = metadata.find_date(line, order) if order else None
    if date_found:
        found.add_date(date_found)
    else:
        found.removed.append(f"{line} ({UNDECIDED_NOTE})")


UNDECIDED_NOTE = "date left unread: day and month could be either way round"
