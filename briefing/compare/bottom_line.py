"""The bottom line: the findings a reader needs first, as a record a template words.

What the articles agree on is the subject of the theme most of them share;
of those, the one the most articles report on, then the one nearest their
ledes (its label says what). The articles counted are every one that reports
on that subject, not only those with a sentence in the theme
(:mod:`briefing.compare.subject`); each is followed by the sentence that
shows it. The theme's own sentences rank it first, as they are what the
encoder found shared; the key terms only widen the count, so a theme with a
common head noun ("workers") never outranks one more articles share.

Who: the people and organisations two or more of those articles name, those
most of them name first (ties: the ones they cite as sources); where and
when: the places and times (a year or a month) the parser names in the
sentences of two or more articles of the shared themes. The main
disagreement is the conflicting figure the most articles state (ties: the
one nearest their ledes), else two pieces near in time that argue opposite
ways (:mod:`briefing.compare.stance`). The main change is the figure series
most tied to a shared theme, else what the later coverage of the first
shifted theme adds. Every finding keeps the points or figures it rests on,
so each sentence the template writes links to its evidence; nothing is
worded here, so every word comes from the records.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefing.compare.parsing import NUMBER_WORDS
from briefing.compare.subject import covering
from briefing.compare.theme_labels import in_prose
from briefing.models import (
    Article,
    BottomLine,
    Citation,
    FigureConflict,
    FigureSeries,
    FramingShift,
    Point,
    Position,
    Theme,
)

if TYPE_CHECKING:
    from briefing.syntax import Span

WHO = frozenset({"PERSON", "ORG"})
WHERE = frozenset({"GPE", "LOC", "FAC"})
WHEN = frozenset({"DATE"})
_ABSOLUTE = re.compile(
    r"\b(?:1[89]|20)\d\d\b|\b(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December)\b"
)
"""A time the bottom line may give: a year or a month ("Monday" in two articles may be two days)."""
MAX_WHO = 2
_NUMBER = re.compile(r"\d|\b(?:" + "|".join(sorted(NUMBER_WORDS)) + r")\b", re.IGNORECASE)
"""A figure in a label: digits or a number word ("Forty-eight nations")."""


def build_bottom_line(
    themes: Sequence[Theme],
    articles: Sequence[Article],
    conflicts: Sequence[FigureConflict] = (),
    positions: Sequence[Position] = (),
    series: Sequence[FigureSeries] = (),
    framing: Sequence[FramingShift] = (),
    citations: Sequence[Citation] = (),
    reported: Sequence[Theme] = (),
) -> BottomLine:
    """The bottom line's findings; empty fields where the brief has no such finding.

    ``articles`` are the brief's distinct articles in reading order: the ones
    counted, and the order their evidence is listed in. ``reported`` are the
    themes before those that state both sides of a conflicting figure were
    taken out: where no theme is left, the articles still share a subject
    (a crash whose death toll they dispute), and it comes from those whose
    label names no figure (:func:`subjects`).
    """
    change = main_change(series)
    shift = next((s for s in framing if s.new_terms), None) if change is None else None
    found = BottomLine(
        disagreement=main_disagreement(conflicts),
        positions=tuple(positions),
        change=change,
        shift=shift,
    )
    themes = subjects(themes, reported)
    if not themes:
        return found
    covered = dict(zip([t.label for t in themes], covering(themes, articles), strict=True))
    top = min(
        themes, key=lambda t: (-len(t.article_ids), -len(_ids(covered[t.label])), _lateness(t))
    )
    rank = {a.id: n for n, a in enumerate(articles)}
    points = tuple(sorted(covered[top.label], key=lambda p: rank.get(p.article_id, len(rank))))
    reporting = [a for a in articles if a.id in _ids(points)]
    shared = [p for t in themes for p in t.points]
    names = shared_names(shared, top.label)
    candidates = shared_names(shared, top.label, least=1)["who"]
    return BottomLine(
        in_prose(top.label, [p.text for p in top.points]),
        _ids(points),
        len(articles),
        points,
        tuple(named_by_several(candidates, reporting, top.label, citations)[:MAX_WHO]),
        tuple(_Texts.of(reporting).with_the(_bare(w)) for w in names["where"][:1]),
        tuple(names["when"][:1]),
        found.disagreement,
        found.positions,
        found.change,
        found.shift,
    )


def subjects(themes: Sequence[Theme], reported: Sequence[Theme]) -> Sequence[Theme]:
    """The themes, else those of ``reported`` whose label names no figure: a label such as
    "estimated 20,000 people" is the disputed count itself, not what was reported on."""
    if themes:
        return themes
    return [t for t in reported if not _NUMBER.search(t.label)]


def _ids(points: Sequence[Point]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p.article_id for p in points))


def _lateness(theme: Theme) -> float:
    """How far into their articles the theme's sentences sit: the lede tells what happened."""
    return sum(p.sentence for p in theme.points) / len(theme.points)


def main_disagreement(conflicts: Sequence[FigureConflict]) -> FigureConflict | None:
    """The conflict the most articles take part in; of those, the one stated nearest the ledes
    (a death toll in the first sentence before a count of evacuees further down)."""
    if not conflicts:
        return None
    return min(
        conflicts,
        key=lambda c: (
            -len({v.article_id for v in c.values}),
            sum(v.sentence for v in c.values) / len(c.values),
        ),
    )


def main_change(series: Sequence[FigureSeries]) -> FigureSeries | None:
    """The series tied to a shared theme with the most values, else the longest."""
    if not series:
        return None
    return max(series, key=lambda s: (bool(s.themes), len(s.values)))


def shared_names(points: Sequence[Point], label: str, least: int = 2) -> dict[str, list[str]]:
    """Who, where and when: entities of the sentences of ``least`` articles or more, most
    used first.

    A name the label already says is left out ("Port Halden" under "Port
    Halden's congestion charge"), and so is a shorter form of a name kept.
    """
    from briefing import language

    articles: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    written: dict[tuple[str, str], str] = {}
    for point, doc in zip(points, language.parsed([p.text for p in points]), strict=True):
        for ent in doc.ents:
            kind = _kind(ent.label_)
            if kind and (kind != "when" or _ABSOLUTE.search(ent.text)):
                text = _written(ent) if kind != "when" else _bare(ent.text)  # never "the 2009"
                key = (kind, text.removeprefix("the ").lower())
                articles[key].add(point.article_id)
                written[key] = max(written.get(key, text), text, key=len)  # with its "the"
    counts = Counter({key: len(ids) for key, ids in articles.items() if len(ids) >= least})
    found: dict[str, list[str]] = {"who": [], "where": [], "when": []}
    for (kind, bare), _ in counts.most_common():
        if bare in label.lower() or any(bare in kept.lower() for kept in found[kind]):
            continue
        found[kind].append(written[(kind, bare)])
    return found


def _kind(label: str) -> str:
    if label in WHO:
        return "who"
    if label in WHERE:
        return "where"
    return "when" if label in WHEN else ""


def _written(ent: Span) -> str:
    """The name as the sentence writes it: with its "the" ("the Transport Department"),
    without a possessive "'s"."""
    text = ent.text.removesuffix("'s").removesuffix("’s").strip()
    if text.startswith("The "):
        return "the " + text[4:]
    before = ent.doc[ent.start - 1] if ent.start else None
    return f"the {text}" if before is not None and before.lower_ == "the" else text


def named_by_several(
    candidates: Sequence[str],
    articles: Sequence[Article],
    label: str,
    citations: Sequence[Citation] = (),
) -> list[str]:
    """People and organisations two or more of ``articles`` name, named by most first.

    The candidates are the parser's names in the themes' sentences and the
    sources the articles cite; each is looked for in every sentence of every
    article, so a body one article cites and two others mention counts three
    times. Ties go to the name more of the articles cite as a source, then to
    the one named first. A name the label says is left out, and so is a
    shorter form of another name found ("Kurz" beside "Hannah Kurz"); a cited
    source no sentence writes as a name ("police", "Police said") is a
    description, not a name.
    """
    ids = {a.id for a in articles}
    cited: defaultdict[str, set[str]] = defaultdict(set)
    for citation in citations:
        if citation.article_id in ids:
            cited[_bare(citation.name).lower()].add(citation.article_id)
    sources = [c.name for c in citations if c.article_id in ids]
    texts = _Texts.of(articles)
    found: dict[str, tuple[int, int, tuple[int, int], str]] = {}
    for name in dict.fromkeys([*candidates, *sources]):
        bare = _bare(name)
        key = bare.lower()
        if not bare or key in found or key in label.lower():
            continue
        if name not in candidates and not texts.proper(bare):
            continue
        hits = texts.mentions(bare)
        if len(hits) >= 2:
            found[key] = (-len(hits), -len(cited[key]), hits[0], texts.with_the(bare))
    kept = [k for k in found if not any(k != o and _part_of(k, o) for o in found)]
    return [found[k][3] for k in sorted(kept, key=lambda k: found[k][:3])]


def _bare(name: str) -> str:
    """The name without a leading "the" or a possessive "'s"."""
    text = name.strip().removesuffix("'s").removesuffix("’s")
    return re.sub(r"^(?:the|The)\s+", "", text)


def _pattern(bare: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(bare)}(?![\w-])", flags)


class _Texts:
    """The articles' sentences, one text per article (a sentence a line), searched for names.

    A plain substring test picks the articles worth a regular expression, so a
    batch of hundreds of articles and sources stays quick.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = list(texts)
        self.lowered = [text.lower() for text in texts]

    @classmethod
    def of(cls, articles: Sequence[Article]) -> _Texts:
        return cls(["\n".join(s.text for s in a.sentences) for a in articles])

    def mentions(self, bare: str) -> list[tuple[int, int]]:
        """(article, offset) of the first mention in each article that names it, in order."""
        pattern, needle = _pattern(bare), bare.lower()
        found = []
        for n, low in enumerate(self.lowered):
            match = pattern.search(self.texts[n]) if needle in low else None
            if match:
                found.append((n, match.start()))
        return found

    def proper(self, bare: str) -> bool:
        """Whether some sentence writes it as a name: capitalised, and not only because it
        opens the sentence ("Police said", "The council said")."""
        if not bare[:1].isupper():
            return False
        if any(word[:1].isupper() for word in bare.split()[1:]):
            return True  # "Hannah Kurz", "Port Halden Chamber of Commerce"
        pattern = _pattern(bare, 0)
        return any(
            text[text.rfind("\n", 0, m.start()) + 1 : m.start()].strip() not in ("", "The")
            for text in self.texts
            if bare in text
            for m in pattern.finditer(text)
        )

    def with_the(self, bare: str) -> str:
        """'the Transport Department' where at least half its mentions have a "the" or a
        possessive before them ("The Transport Department said", "the city's Transport
        Department"), else the name ("Hamas", though "the Hamas leader" occurs)."""
        pattern, needle = _pattern(bare), bare.lower()
        mentions = [
            text[: m.start()]
            for text, low in zip(self.texts, self.lowered, strict=True)
            if needle in low
            for m in pattern.finditer(text)
        ]
        definite = sum(bool(_DEFINITE.search(before)) for before in mentions)
        return f"the {bare}" if mentions and 2 * definite >= len(mentions) else bare


_DEFINITE = re.compile(r"(?:\b[Tt]he|['’]s)\s+$")


def _part_of(short: str, long: str) -> bool:
    """Whether ``short`` is a whole-word part of ``long`` ("kurz" of "hannah kurz")."""
    return bool(_pattern(short).search(long))
