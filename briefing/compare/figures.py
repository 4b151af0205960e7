"""Key figures: every claim an article makes (percentages, money, counts) and the dates it cites.

The claims come from :mod:`briefing.compare.claims`; a count that says
nothing about what it counts ("two of them") is left out, as it tells a
reader nothing on its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefing.compare.claims import CURRENCIES, CURRENCY_WORDS
from briefing.compare.reading import Reading
from briefing.dates import DATE_RE
from briefing.models import Figure

_KINDS = {"percent": "percent", "points": "percent", "count": "quantity"}
CURRENCY_NAMES = frozenset(CURRENCIES.values()) | frozenset(CURRENCY_WORDS.values())
"""Units that make a figure money; any other unit ("hectares", "miles") is a quantity."""


def find_figures(readings: Sequence[Reading]) -> list[Figure]:
    """Every distinct figure per article, with the sentence that states it, in reading order."""
    figures: list[Figure] = []
    for reading in readings:
        article = reading.article
        found: list[tuple[int, int, Figure]] = []
        for claim in reading.claims:
            money = claim.unit in CURRENCY_NAMES
            kind = "money" if money else _KINDS.get(claim.unit, "quantity")  # "hectares" too
            if claim.unit == "count" and not claim.measure:
                continue
            value = f"{claim.value} {claim.counted}" if claim.counted else claim.value
            figure = Figure(kind, value, article.id, claim.sentence, claim.context)
            found.append((claim.sentence, claim.context.find(claim.value), figure))
        for sentence in article.sentences:
            for match in DATE_RE.finditer(sentence.text):
                figure = Figure(
                    "date", match.group(0).strip(), article.id, sentence.index, sentence.text
                )
                found.append((sentence.index, match.start(), figure))
        seen: set[tuple[str, str]] = set()
        for _index, _start, figure in sorted(found, key=lambda f: f[:2]):
            if (figure.kind, figure.value.lower()) not in seen:
                seen.add((figure.kind, figure.value.lower()))
                figures.append(figure)
    return figures
