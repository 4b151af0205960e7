"""The sources articles cite: people, organisations and polls, named precisely.

A capitalised span is cut at the first time word ("Police on Tuesday" is
"Police"), loses leading job titles ("Detective Chief Inspector Ann Lee" is
the person "Ann Lee"), and a span made only of titles ("Chief Executive
Officer") is no source at all. "Director of the Halden Institute" cites the
institute. Each source is kept once per article, with the sentence it is in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from briefing.dates import MONTH_WORDS, WEEKDAYS
from briefing.models import Article, Citation

_ORG_WORDS = (
    "Institute|Department|Council|Chamber|University|Commission|Ministry|Agency|Bank|Bureau"
    "|Office|Association|Centre|Center|Party|Court|Committee|Board|Fund|Group|Inc|Corp|Ltd"
    "|Company|Foundation|Authority|Service|Services|Police|Government|Organization|Organisation"
    "|Union|Federation|Network|Society|Times|Post|Daily|News|Review|Courier|Herald|Journal"
    "|Tribune|Reuters|Institution|Hospital|School|College|Club|Coalition|Alliance|Trust"
    "|Administration|Parliament|Senate|Congress|Assembly|Force|Army|Navy"
)
_CAP = r"(?:[A-ZÀ-Þ][^\W\d_]*(?:['’.-][^\W\d_]+)*\.?|[A-Z]{2,})"
_NAME = re.compile(rf"{_CAP}(?:\s+(?:of|for|&)(?:\s+the)?\s+{_CAP}|\s+{_CAP})*")
_ORG = re.compile(rf"\b(?:{_ORG_WORDS})\b")
_POLL_CUE = re.compile(
    r"\b(?:poll|survey|study|report|analysis|data|figures|modelling|modeling)\b", re.I
)
_SPEECH = (
    r"(?:said|says|saying|told|warned|added|argued|wrote|estimated|found|reported|called"
    r"|conceded|noted|stated|explained|claimed|insisted|confirmed)"
)
TITLES = frozenset(
    """mayor councillor councilor director president minister spokesman spokeswoman
    spokesperson chief chair chairman chairwoman professor prof economist analyst secretary
    senator governor leader manager owner founder head officer official researcher scientist
    executive detective inspector superintendent sergeant constable commissioner deputy
    assistant senior junior general colonel captain lieutenant major judge justice dr mr mrs
    ms sir dame lord lady rev reverend father sister prime vice acting interim principal
    investigating lead editor correspondent reporter""".split()
)
"""Words that name a role or rank, not a person or an organisation by themselves."""
TIME_WORDS = (
    frozenset("today yesterday tomorrow tonight morning evening night weekend".split())
    | MONTH_WORDS
    | {day.lower() for day in WEEKDAYS}
)
PLACE_WORDS = frozenset(
    """street road avenue lane square primary school bridge river valley hall
    station airport harbour port market""".split()
)
_LEADING = frozenset({"the", "a", "an", "but", "and", "yet", "its", "their", "our", "his", "her"})


def find_citations(articles: Sequence[Article]) -> list[Citation]:
    """Named people, organisations and polls each article attributes statements to."""
    citations: list[Citation] = []
    for article in articles:
        people: dict[str, str] = {}
        seen: set[str] = set()
        for sentence in article.sentences:
            for name, kind in sources_in(sentence.text):
                if kind == "person":
                    name = people.setdefault(name.split()[-1], name)
                if name not in seen:
                    seen.add(name)
                    citations.append(
                        Citation(name, kind, article.id, sentence.index, sentence.text)
                    )
    return citations


@lru_cache(maxsize=1 << 14)
def sources_in(text: str) -> tuple[tuple[str, str], ...]:
    """(name, kind) for each source named in one sentence; wire copy repeats sentences."""
    return tuple(_sources_in(text))


def _sources_in(text: str) -> Iterator[tuple[str, str]]:
    for match in _NAME.finditer(text):
        span = match.group(0).rstrip(".")
        name = clean_name(span)
        if not name:
            continue
        before, after = text[: match.start()], text[match.end() :]
        if _ORG.search(name):
            by = re.search(r"\bby\s+(?:the\s+)?$", before)
            poll = bool(_POLL_CUE.search(before[-60:]) and by)
            yield name, "poll" if poll else "organisation"
        elif _is_person(name) and not _place(name, before) and _attributed(span, before, after):
            yield name, "person"


def clean_name(span: str) -> str:
    """The source's own name: no time words, leading articles or job titles."""
    words = span.split()
    for n, word in enumerate(words):
        if word.strip(".,").lower() in TIME_WORDS:
            words = words[:n]
            break
    while words and words[-1].lower() in {"of", "for", "&", "the", "on"}:
        words = words[:-1]
    while words and words[0].lower() in _LEADING:
        words = words[1:]
    if not words or all(w.lower().strip(".") in TITLES | {"of", "for", "the", "&"} for w in words):
        return ""
    lowered = [w.lower() for w in words]
    if "of" in lowered and all(w.strip(".") in TITLES for w in lowered[: lowered.index("of")]):
        rest = words[lowered.index("of") + 1 :]
        words = rest[1:] if rest and rest[0].lower() == "the" else rest
    elif not _ORG.search(" ".join(words)):
        while len(words) > 1 and words[0].lower().strip(".") in TITLES:
            words = words[1:]
    name = " ".join(words)
    if _ORG.fullmatch(name) and name not in {"Police", "Reuters"}:
        return ""  # "Council" or "Department" alone names nobody in particular
    return re.sub(r"['’]s$", "", name).strip()


def _attributed(span: str, before: str, after: str) -> bool:
    """Whether the text attributes a statement to this person (said, told, a title)."""
    return bool(
        re.match(rf"\s*,?\s*(?:[\w' ]{{0,60}},\s*)?{_SPEECH}\b", after)
        or re.search(rf"\b{_SPEECH}\s+(?:[a-z]+\s+){{0,2}}$", before, re.I)
        or span.split()[0].lower().strip(".") in TITLES
        or _title_before(before)
    )


def _title_before(before: str) -> bool:
    """'chamber president Linda Osei': a lower-case title right before the name."""
    last = re.search(r"([a-z]+)\s+$", before)
    return bool(last and last.group(1) in TITLES)


def _place(name: str, before: str) -> bool:
    """'Traders on Mill Street said': a place after a preposition, not a person."""
    return name.split()[-1].lower() in PLACE_WORDS or bool(
        re.search(r"\b(?:at|on|in|from|near|outside|inside)\s+(?:the\s+)?$", before)
    )


def _is_person(name: str) -> bool:
    parts = name.split()
    return 2 <= len(parts) <= 3 and all(
        re.fullmatch(r"[A-ZÀ-Þ][^\W\d_A-Z]+(?:['’-]\w+)?", p) for p in parts
    )
