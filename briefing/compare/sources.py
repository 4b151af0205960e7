"""The sources articles cite: people, organisations and polls, from the parse.

A source is a speaker an article attributes a statement to (see
:mod:`briefing.compare.attribution`): the subject of a speech verb, the
object of "according to", or the organisation behind a poll. Each is kept
once per article, with its role and affiliation apart from its name and the
first sentence that cites it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from briefing.compare.reading import Reading
from briefing.dates import MONTH_WORDS, WEEKDAYS
from briefing.models import Citation

TIME_WORDS = (
    frozenset("today yesterday tomorrow tonight morning evening night weekend".split())
    | MONTH_WORDS
    | {day.lower() for day in WEEKDAYS}
)
"""Words that say when, never who (framing's term filter reads them too)."""


def find_citations(readings: Sequence[Reading]) -> list[Citation]:
    """Named people, organisations and polls each article attributes statements to."""
    citations: list[Citation] = []
    for reading in readings:
        article = reading.article
        texts = {s.index: s.text for s in article.sentences}
        seen: dict[str, int] = {}
        for speaker, index in reading.cited:
            key = speaker.name.lower()
            if key in seen:
                kept = citations[seen[key]]
                if speaker.kind == "poll" or (speaker.role and not kept.role):
                    citations[seen[key]] = Citation(
                        kept.name, "poll" if speaker.kind == "poll" else kept.kind,
                        kept.article_id, kept.sentence, kept.context,
                        kept.role or speaker.role, kept.affiliation or speaker.affiliation,
                    )  # fmt: skip
                continue
            seen[key] = len(citations)
            citations.append(
                Citation(
                    speaker.name,
                    speaker.kind,
                    article.id,
                    index,
                    texts[index],
                    speaker.role,
                    speaker.affiliation,
                )
            )
    return _full_names(citations)


def _full_names(citations: list[Citation]) -> list[Citation]:
    """'statistics office' named in full elsewhere ('national statistics office'): the full name.

    One article may shorten a body another names in full; the brief lists it once.
    """
    names = {c.name for c in citations if c.kind != "person"}
    full = {}
    for name in names:
        words = name.lower().split()
        longer = [
            n
            for n in names
            if len(n.split()) > len(words) and n.lower().split()[-len(words) :] == words
        ]
        if len(longer) == 1:
            full[name] = longer[0]
    return [replace(c, name=full.get(c.name, c.name)) for c in citations]
