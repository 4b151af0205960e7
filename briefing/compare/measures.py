"""Figures in sentences and the clause around each: what a tracked figure measures.

:func:`measures_in` finds every trackable figure (percent, money, counted
things) with the words of its clause, the sentence's subject, its unit and
whether it is a forecast or an outcome; :mod:`briefing.compare.tracked` links
them across articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from briefing.compare.figures import figure_spans
from briefing.dates import MONTHS, WEEKDAYS
from briefing.models import Article, FigureValue
from briefing.text import STOPWORDS, words
from briefing.text import stem as word_stem

CONTEXT_WEIGHT = 0.5
"""Weight of a word from the sentence's opening clause, against one from the figure's own."""

_BOUNDARY = re.compile(
    r",\s|;\s|:\s|\s[-–—]\s|\(|\)|\s(?:and|but|while|whereas|although|though|because|as)\s", re.I
)
_REFERENCE = re.compile(r"\b(?:up|down)\s+from\s*$|\b(?:from|than|versus|vs\.?)\s*$", re.I)
_FORECAST = re.compile(
    r"\b(?:project(?:s|ed|ing|ions?)|expect(?:s|ed|ing|ations?)|forecast(?:s|ed|ing)?"
    r"|predict(?:s|ed|ing|ion|ions)?|target(?:s|ed)?|promis(?:e|es|ed)|plan(?:s|ned)?\s+to"
    r"|aims?\s+to|would|will|could|is\s+set\s+to|are\s+set\s+to)\b",
    re.I,
)
_OUTCOME = re.compile(
    r"\b(?:raised|collected|fell|fallen|rose|risen|dropped|climbed|reached|recorded|cut"
    r"|grew|grown|declined|increased|decreased|has|have|had|was|were|actual(?:ly)?)\b",
    re.I,
)
CANONICAL = {
    **dict.fromkeys(
        "support supports supported supporting favour favor favours favors back backs backing "
        "approve approves approved approval".split(),
        "support",
    ),
    **dict.fromkeys(
        "oppose opposes opposed opposing opposition against reject rejects rejected disapprove "
        "disapproval".split(),
        "oppose",
    ),
    **dict.fromkeys(
        "fall fell fallen falls drop dropped drops cut cuts reduce reduced reduces reduction "
        "lower lowered decline declined declines decrease decreased down".split(),
        "decrease",
    ),
    **dict.fromkeys(
        "rise rose risen rises increase increased increases grow grew grown climb climbed up "
        "higher".split(),
        "increase",
    ),
    **dict.fromkeys("killed dead died deaths death fatalities".split(), "death"),
    **dict.fromkeys("injured wounded hurt injuries".split(), "injured"),
}
_GENERIC = frozenset(
    """percent per cent percentage point points million billion trillion thousand bn
    month months week weeks day days today now still about around nearly almost some least
    more less than only new figure figures data total estimated estimate estimates roughly
    approximately just another further found find finds show shows showed showing
    latest""".split()
) | {name.lower() for name in (*MONTHS, *WEEKDAYS)}
_CUE_WORDS = frozenset(
    """project projects projected projecting projection projections expect expects expected
    expecting expectation expectations forecast forecasts forecasted predict predicts
    predicted prediction target targets promise promises promised plan plans planned aim
    aims would will could set""".split()
)
_IGNORED = STOPWORDS | _GENERIC | _CUE_WORDS
UNITS = {"%": "percent", "$": "dollars", "€": "euros", "£": "pounds", "¥": "yen"}
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "bn": 1e9, "billion": 1e9}
_SCALES["trillion"] = 1e12


@dataclass(frozen=True)
class Measure:
    """One figure in one sentence, with what its clause says it measures."""

    unit: str
    value: FigureValue
    stems: frozenset[str]
    before: str
    after: str
    subject: str = ""
    context: frozenset[str] = frozenset()
    """Words of the sentence's opening clause only: its subject, weighed at half."""

    @cached_property
    def words(self) -> frozenset[str]:
        return self.stems | self.context

    def total(self, weights: dict[str, float]) -> float:
        """The weight of all its words; the same ``weights`` serve a whole brief, so kept."""
        cache = self.__dict__.setdefault("_totals", {})
        key = id(weights)
        if key not in cache:
            # in sorted order: a float sum in a set's order changes with the hash seed
            cache[key] = sum(self.weight(s, weights) for s in sorted(self.words))
        return cache[key]

    def weight(self, stem: str, weights: dict[str, float]) -> float:
        return weights.get(stem, 1.0) * (1.0 if stem in self.stems else CONTEXT_WEIGHT)


def measures_in(article: Article) -> list[Measure]:
    """Every trackable figure (percent, money, counted things) with its clause."""
    found = []
    for sentence in article.sentences:
        spans = [s for s in figure_spans(sentence.text) if s[0] != "date"]
        for n, (kind, value, start, end) in enumerate(spans):
            left = spans[n - 1][3] if n else 0
            right = spans[n + 1][2] if n + 1 < len(spans) else len(sentence.text)
            before = _last_clause(sentence.text[left:start])
            subject = _subject(sentence.text[: spans[0][2]])
            after = _first_clause(sentence.text[end:right])
            if _REFERENCE.search(before):
                continue  # "up from 34 percent": a past value quoted for contrast
            amount, unit = _amount(kind, value)
            if amount is None:
                continue
            own = stems_of(f"{before} {after} {unit if kind == 'quantity' else ''}")
            status = _status(before, after, sentence.text[:start])
            figure = FigureValue(
                value, amount, article.id, sentence.index, sentence.text,
                article.published_date, status,
            )  # fmt: skip
            context = frozenset(stems_of(subject)) - own
            found.append(Measure(unit, figure, frozenset(own), before, after, subject, context))
    return found


def _subject(text: str) -> str:
    """The sentence's first clause ("Lake Orrin, the reservoir that ..., is 62 percent")."""
    return _BOUNDARY.split(text, maxsplit=1)[0].strip()


def _last_clause(text: str) -> str:
    parts = _BOUNDARY.split(text)
    return parts[-1].strip() if parts else ""


def _first_clause(text: str) -> str:
    return _BOUNDARY.split(text)[0].strip().rstrip(".")


def _amount(kind: str, value: str) -> tuple[float | None, str]:
    """The number a figure states, and its unit ("percent", "dollars", "people")."""
    number = re.search(r"\d+(?:[.,]\d+)*", value)
    if not number:
        return None, ""
    digits = number.group(0)
    digits = digits.replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+", digits) else digits
    try:
        amount = float(digits.replace(",", "."))
    except ValueError:
        return None, ""
    rest = value[number.end() :].strip().lower().split()
    if rest and rest[0] in _SCALES:
        amount *= _SCALES[rest[0]]
        rest = rest[1:]
    if kind == "percent":
        return amount, "points" if "point" in value.lower() else "percent"
    if kind == "money":
        symbol = value.strip()[0]
        return amount, UNITS.get(symbol, rest[-1] if rest else "money")
    return amount, word_stem(rest[-1]) if rest else "count"


def _status(before: str, after: str, prefix: str) -> str:
    """Forecast or outcome, from the figure's clause first and its sentence second."""
    if _FORECAST.search(before) or _FORECAST.search(after.split(" than ")[0]):
        return "forecast"
    if _OUTCOME.search(before):
        return "outcome"
    return "forecast" if _FORECAST.search(prefix) else ""


def stems_of(text: str) -> set[str]:
    found = set()
    for word in words(text):
        word = re.sub(r"['’]s?$", "", word)
        if word in CANONICAL:
            found.add(CANONICAL[word])
        elif len(word) > 2 and not word[0].isdigit() and word not in _IGNORED:
            found.add(word_stem(word))
    return found
