"""Key figures (percentages, money, counts, dates) and the sources articles cite."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from briefing.ingest.metadata import DATE_RE
from briefing.models import Article, Citation, Figure
from briefing.text import STOPWORDS

_NUMBER = r"\d+(?:[.,]\d+)*"
_SCALE = r"(?:\s?(?:million|billion|trillion|thousand|bn|m|k)\b)?"
FIGURE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "money",
        re.compile(
            rf"[$€£¥]\s?{_NUMBER}{_SCALE}|\b{_NUMBER}{_SCALE}\s(?:dollars|euros|pounds|yuan|yen)\b",
            re.I,
        ),
    ),
    (
        "percent",
        re.compile(rf"\b{_NUMBER}\s?(?:%|percent\b|per cent\b|percentage points?\b)", re.I),
    ),
    (
        "date",
        re.compile(
            rf"{DATE_RE.pattern}|\b(?:in|since|by|before|until|from)\s(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s)?(?:19|20)\d{{2}}\b",
            re.I,
        ),
    ),
    ("quantity", re.compile(rf"\b{_NUMBER}{_SCALE}(?:\s(?:square\s)?[a-z]+)\b")),
)
_SMALL_NUMBER = re.compile(r"^(?:\d|1\d)\s")

_ORG_WORDS = (
    "Institute|Department|Council|Chamber|University|Commission|Ministry|Agency|Bank|Bureau|Office"
    "|Association|Centre|Center|Party|Court|Committee|Board|Fund|Group|Inc|Corp|Ltd|Company|Foundation"
    "|Authority|Service|Police|Government|Organization|Organisation|Union|Federation|Network|Society"
    "|Times|Post|Daily|News|Review|Courier|Herald|Journal|Tribune|Reuters|Agency"
)
_CAPITALISED = r"(?:[A-ZÀ-Þ][^\W\d_]*(?:['’.-][^\W\d_]+)*\.?|[A-Z]{2,})"
_NAME = re.compile(
    rf"{_CAPITALISED}(?:\s+(?:of|for|the|and|&|on)\s+{_CAPITALISED}|\s+{_CAPITALISED})*"
)
_ORG = re.compile(rf"\b(?:{_ORG_WORDS})\b")
_POLL_CUE = re.compile(
    r"\b(?:poll|survey|study|report|analysis|data|figures|modelling|modeling)\b", re.I
)
_SPEECH = (
    r"(?:said|says|saying|told|warned|added|argued|wrote|estimated|found|reported|called"
    r"|conceded|noted|stated)"
)
_ROLE = (
    r"(?:mayor|councillor|councilor|director|president|minister|spokesman|spokeswoman|spokesperson"
    r"|chief|chair|chairman|chairwoman|professor|economist|analyst|secretary|senator|governor|leader"
    r"|manager|owner|founder|head|officer|official|researcher|scientist|executive|spokesperson)"
)
_LEADING_WORDS = {
    "The",
    "A",
    "An",
    "But",
    "And",
    "Yet",
    "Its",
    "Their",
    "Our",
    "His",
    "Her",
    "Mayor",
    "Councillor",
    "Councilor",
    "Transport",
    "Chamber",
    "Chief",
    "President",
    "Director",
}


def find_figures(articles: Sequence[Article]) -> list[Figure]:
    """Every distinct figure per article, with the sentence that states it."""
    figures: list[Figure] = []
    for article in articles:
        seen: set[tuple[str, str]] = set()
        for sentence in article.sentences:
            for kind, value in _figures_in(sentence.text):
                if (kind, value.lower()) not in seen:
                    seen.add((kind, value.lower()))
                    figures.append(Figure(kind, value, article.id, sentence.index, sentence.text))
    return figures


def _figures_in(text: str) -> Iterator[tuple[str, str]]:
    for kind, value, _start, _end in figure_spans(text):
        yield kind, value


def figure_spans(text: str) -> list[tuple[str, str, int, int]]:
    """(kind, value, start, end) of every figure in a sentence, in reading order."""
    taken: list[tuple[str, str, int, int]] = []
    for kind, pattern in FIGURE_PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and end > s for _k, _v, s, e in taken):
                continue
            value = match.group(0).strip()
            if kind == "quantity" and _not_a_quantity(value):
                continue
            taken.append((kind, value, start, start + len(match.group(0).rstrip())))
    return sorted(taken, key=lambda item: item[2])


def _not_a_quantity(value: str) -> bool:
    unit = value.split()[-1].lower()
    return (
        bool(_SMALL_NUMBER.match(value) or re.match(r"(?:19|20)\d{2}\b", value))
        or unit in STOPWORDS
    )


def find_citations(articles: Sequence[Article]) -> list[Citation]:
    """Named people, institutions and polls an article attributes statements to."""
    citations: list[Citation] = []
    for article in articles:
        people: dict[str, str] = {}
        seen: set[str] = set()
        for sentence in article.sentences:
            for name, kind in _sources_in(sentence.text):
                name = _full_name(name, kind, people)
                if name not in seen:
                    seen.add(name)
                    citations.append(
                        Citation(name, kind, article.id, sentence.index, sentence.text)
                    )
    return citations


def _sources_in(text: str) -> Iterator[tuple[str, str]]:
    for match in _NAME.finditer(text):
        span = match.group(0).rstrip(".")
        name = _trim(span)
        if not name or name in _LEADING_WORDS or (_ORG.fullmatch(name)):
            continue
        before = text[: match.start()]
        after = text[match.end() :]
        if _ORG.search(name):
            kind = (
                "poll"
                if _POLL_CUE.search(before[-60:]) and re.search(r"\bby\s+(?:the\s+)?$", before)
                else "organisation"
            )
            yield name, kind
        elif _is_person(name) and (
            re.match(rf"\s*,?\s*(?:[\w' ]{{0,40}},\s*)?{_SPEECH}\b", after)
            or re.search(rf"\b{_SPEECH}\s+(?:{_ROLE}\s+|[a-z]+\s+{_ROLE}\s+)?$", before, re.I)
            or re.search(rf"\b{_ROLE}\s+$", before, re.I)
            or re.match(rf"{_ROLE}\s", span, re.I)
        ):
            yield name, "person"


def _trim(name: str) -> str:
    parts = name.split()
    while parts and parts[0] in _LEADING_WORDS and len(parts) > 1 and not _ORG.fullmatch(parts[-1]):
        parts = parts[1:]
    while parts and parts[0] in ("The", "A", "An"):
        parts = parts[1:]
    name = " ".join(parts)
    return re.sub(r"['’]s$", "", name).strip()


def _is_person(name: str) -> bool:
    parts = name.split()
    return 2 <= len(parts) <= 3 and all(
        re.fullmatch(r"[A-ZÀ-Þ][^\W\d_A-Z]+(?:['’-]\w+)?", p) for p in parts
    )


def _full_name(name: str, kind: str, people: dict[str, str]) -> str:
    if kind != "person":
        return name
    surname = name.split()[-1]
    return people.setdefault(surname, name)
