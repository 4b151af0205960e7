"""One reading of each article for the comparison: its claims and the sources it cites.

Every sentence that needs a parse is parsed once (in one batch for the whole
brief); claims and sources are read from the same parses. A pronoun speaker
("she said") is the article's previous speaker, and a surname alone
("Okafor said") the person the article named in full before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from briefing.compare.attribution import Speaker, cited
from briefing.compare.claims import Claim, claims_in
from briefing.compare.parsing import parse_sentences
from briefing.models import Article


@dataclass(frozen=True)
class Reading:
    """An article's claims and cited speakers, each speaker with its sentence index."""

    article: Article
    claims: tuple[Claim, ...]
    cited: tuple[tuple[Speaker, int], ...]
    order: int = 0
    """The article's place in the brief: earlier articles' values come first at one time."""
    names: frozenset[str] = frozenset()
    """Capitalised words inside its sentences ("Kessing", "Varos"): what it is about."""

    def shares_names(self, other: Reading) -> bool:
        """Whether two articles name a common person, place or body: one story, likely."""
        return bool(self.names & other.names)


def read_articles(articles: Sequence[Article]) -> list[Reading]:
    """Each article's reading, all sentences parsed in one batch."""
    texts = [s.text for a in articles for s in a.sentences]
    docs = iter(parse_sentences(texts))
    readings = []
    for order, article in enumerate(articles):
        pairs = [(s, next(docs)) for s in article.sentences]
        reading = _read(article, pairs)
        readings.append(replace(reading, order=order, names=names_in(article)))
    return readings


def _read(article: Article, pairs) -> Reading:
    claims: list[Claim] = []
    named: list[tuple[Speaker, int]] = []
    known = _Names()
    for sentence, doc in pairs:
        if doc is None:
            continue
        said = [known.resolve(s) for s in cited(doc)]
        named.extend((s, sentence.index) for s in said if s is not None and s.name)
        for claim in claims_in(doc, sentence.text, sentence.index, article.published_date):
            source = known.resolve(claim.source) if claim.source else None
            claims.append(replace(claim, source=source))
        for speaker in said:
            if speaker is not None and speaker.name:
                known.last = speaker
    return Reading(article, tuple(claims), tuple(named))


_INNER_NAME = re.compile(r"(?<=[a-z,;:] )[A-Z][a-z]{2,}")


def names_in(article: Article) -> frozenset[str]:
    """Capitalised words that follow a lower-case word: names, not sentence openings."""
    return frozenset(w for s in article.sentences for w in _INNER_NAME.findall(s.text))


class _Names:
    """The people an article has named in full, and its last speaker."""

    def __init__(self) -> None:
        self.full: dict[str, Speaker] = {}
        self.bodies: list[Speaker] = []
        self.last: Speaker | None = None

    def resolve(self, speaker: Speaker | None) -> Speaker | None:
        if speaker is None:
            return None
        if speaker.pronoun or not speaker.name:
            return self.last if speaker.pronoun else None
        if speaker.kind != "person":
            return self._organisation(speaker)
        parts = speaker.name.split()
        if len(parts) == 1 and parts[0] in self.full:
            earlier = self.full[parts[0]]
            return replace(earlier, verb=speaker.verb)
        if len(parts) > 1:
            kept = self.full.get(parts[-1])
            if kept is None or not kept.role:
                self.full[parts[-1]] = speaker
        return speaker

    def _organisation(self, speaker: Speaker) -> Speaker:
        """'the agency' after 'the Environment Agency': the body named in full before."""
        words = speaker.name.lower().split()
        for earlier in self.bodies:
            longer = earlier.name.lower().split()
            if len(longer) > len(words) and longer[-len(words) :] == words:
                return replace(earlier, verb=speaker.verb)
        self.bodies.append(speaker)
        return speaker
