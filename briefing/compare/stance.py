"""Stance versus change: argued pieces near in time that take opposite sides are positions.

Two dated articles published within :data:`STANCE_DAYS` of each other that
share a theme, are both argued pieces (an author note, or an opinion label
such as "Opinion" or "Comment" in the title or the page's removed chrome) and
take opposite sides, argue for and against: the brief shows them as
positions, each with its author and the author's affiliation from the author
note, never as the coverage "turning" one way (``framing`` reads change only
across articles further apart).

A piece's side is read from its recommendations first: sentences where
"should" or "must" governs a verb ("the council should reject the subsidy" is
against, "should say yes" for, a negation flips it); failing those, from the
mean tone (VADER) of all its sentences. Only sentences with such a modal are parsed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from itertools import combinations

import numpy as np

from briefing.compare.framing import STANCE_DAYS, argued, compound
from briefing.compare.theme_labels import in_prose
from briefing.models import Article, Point, Position, Theme

POLAR = 0.15
"""Mean tone beyond which an article with no recommendation argues one way (VADER, -1 to 1)."""
MAX_ROLE = 14
"""Longest role read from an author note ("deputy director of the Centre for ...")."""
REJECTING = frozenset(
    "reject scrap abandon stop oppose block cancel drop halt refuse axe end ban resist".split()
)
"""Verbs whose recommendation argues against ("should reject", "must scrap")."""
_MODAL = re.compile(r"\b(?:should|must|ought to)\b", re.IGNORECASE)
_ROLE = re.compile(r"\b(?:is|was|are)\s+(?:an?\s+|the\s+)?(.+?)[.]?$")


def find_positions(themes: Sequence[Theme], articles: Mapping[str, Article]) -> list[Position]:
    """For the first theme two near argued pieces take opposite sides on: one position each."""
    sides = {a: side(articles[a]) for a in articles if argued(articles[a])}
    for theme in themes:
        for first, second in combinations(theme.article_ids, 2):
            if first not in sides or second not in sides:
                continue
            if not near(articles[first], articles[second]):
                continue
            (stance_a, point_a), (stance_b, point_b) = sides[first], sides[second]
            if stance_a and stance_b and stance_a != stance_b:
                label = in_prose(theme.label, [p.text for p in theme.points])
                return [
                    position(articles[first], stance_a, point_a, label),
                    position(articles[second], stance_b, point_b, label),
                ]
    return []


def near(first: Article, second: Article) -> bool:
    """Whether two articles were published within :data:`STANCE_DAYS` of each other."""
    a, b = first.published_date, second.published_date
    return a is not None and b is not None and abs((a - b).days) <= STANCE_DAYS


def side(article: Article) -> tuple[str, Point]:
    """ "for", "against" or "", with the sentence that states the side."""
    points = [Point(s.text, article.id, s.paragraph, s.index) for s in article.sentences]
    if not points:
        return "", Point("", article.id, 0, 0)
    advised = [(p, recommends(p.text)) for p in points if _MODAL.search(p.text)]
    advised = [(p, sign) for p, sign in advised if sign]
    if advised:
        total = sum(sign for _, sign in advised)
        stance = "for" if total > 0 else "against" if total < 0 else ""
        return stance, next((p for p, sign in advised if sign * total > 0), advised[0][0])
    scores = [compound(p.text) for p in points]
    mean = float(np.mean(scores))
    stance = "for" if mean >= POLAR else "against" if mean <= -POLAR else ""
    return stance, points[int(np.argmax(scores) if stance == "for" else np.argmin(scores))]


def recommends(text: str) -> int:
    """+1 where the sentence recommends doing something, -1 against it, 0 for no advice."""
    from briefing import language

    total = 0
    for token in language.parsed([text])[0]:
        if token.tag_ != "MD" or token.lower_ not in ("should", "must", "ought"):
            continue
        verb = token.head
        sign = -1 if verb.lemma_.lower() in REJECTING else 1
        if any(child.dep_ == "neg" for child in verb.children):
            sign = -sign
        total += sign
    return int(np.sign(total))


def position(article: Article, stance: str, point: Point, theme: str) -> Position:
    author = ", ".join(article.authors)
    return Position(article.id, stance, point, theme, author, affiliation(article))


def affiliation(article: Article) -> str:
    """Who the author is, from the author note: the role it gives, else its first organisation.

    "The author is deputy director of the Centre for Urban Mobility." gives
    "deputy director of the Centre for Urban Mobility"; a note whose role runs
    past :data:`MAX_ROLE` words gives its first organisation instead.
    """
    from briefing import language

    for note in article.author_notes:
        role = _ROLE.search(note.strip())
        if role and len(role.group(1).split()) <= MAX_ROLE:
            return role.group(1).strip()
    for doc in language.parsed(list(article.author_notes)):
        organisations = [e.text for e in doc.ents if e.label_ == "ORG"]
        if organisations:
            return organisations[0]
    return ""
