"""Claims: each figure with what it counts, its interval, its time, who states it and its kind.

A figure is found from the parse (numbers, number words, "a dozen", "scores
of"), read into an interval by :mod:`numbers`, and placed in its sentence's
dependency tree: the noun it quantifies or the event verb it is the subject
or object of gives its measure ("15 people died" and "killing 15" both count
deaths), an auxiliary or a verb of expecting makes it a forecast, "up from"
or "than" makes it an earlier value quoted for contrast, and the speech verb
above it, or "according to", says who states it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from briefing.compare.attribution import Speaker, cited
from briefing.compare.naming import (
    LABELS,
    is_unit,
    noun_name,
    numeric,
    state_adjective,
    state_of,
    thing_counted,
    unit_name,
    verb_above,
    verb_name,
)
from briefing.compare.numbers import QUALIFIERS, SCALES, VAGUE, Interval, interval
from briefing.compare.timing import When, resolve

if TYPE_CHECKING:
    from briefing.syntax import Doc, Token

EVENTS = {
    **dict.fromkeys("kill die dead death fatality toll life body".split(), "deaths"),
    **dict.fromkeys("injure injured wound wounded hurt injury".split(), "injured"),
    **dict.fromkeys("miss missing unaccounted".split(), "missing"),
    **dict.fromkeys("evacuate evacuated evacuation flee displace displaced".split(), "evacuated"),
    **dict.fromkeys("rescue rescued".split(), "rescued"),
    **dict.fromkeys("arrest arrested detain detained".split(), "arrested"),
    **dict.fromkeys("hospitalise hospitalize hospitalised hospitalized".split(), "hospitalised"),
    **dict.fromkeys("support favour favor back backing approve approval".split(), "support"),
    **dict.fromkeys("oppose against reject disapprove opposition".split(), "opposition"),
    **dict.fromkeys("cost price budget".split(), "cost"),
}
"""Words a careful editor reads as one measure ("killed", "dead", "death toll" count deaths)."""
GENERIC = frozenset(
    """people person percent % point time year month week day figure number total one
    other resident member""".split()
)
"""Nouns that say what is counted too vaguely to name a measure by themselves."""
LEAVING = frozenset("leave move force flee abandon".split())
"""Verbs that, with "their homes", say people were evacuated."""
LEVEL_VERBS = frozenset(
    """be remain stand rise fall reach climb drop increase decrease grow hit total jump
    slip edge sink soar plunge decline go hold stay number come""".split()
)
"""Verbs that give a quantity's level: their subject names it ("unemployment rose to 5%")."""
FORECASTS = frozenset("expect forecast project predict anticipate target aim plan".split())
MODALS = frozenset("will would could may might shall".split())
CONTRAST = frozenset({"from", "than", "versus", "vs", "vs."})
CURRENCIES = {"$": "dollars", "€": "euros", "£": "pounds", "¥": "yen"}
CURRENCY_WORDS = {
    "dollar": "dollars",
    "pound": "pounds",
    "euro": "euros",
    "yen": "yen",
    "yuan": "yuan",
}
_ARGUMENTS = frozenset({"acomp", "oprd", "attr", "nsubj", "nsubjpass", "dobj", "xcomp"})
_DIGITS = re.compile(r"^\.?\d[\d,.]*(?:bn|m|mn|k|tn)?$", re.I)
_SKIPPED = frozenset({"DATE", "TIME", "ORDINAL"})
NOUN_CLAUSES = frozenset({"relcl", "acl"})
"""Clauses that describe a noun ("which opened in 1988"): their dates are not a figure's."""
_TIME_UNITS = frozenset("year month week day hour minute decade century season".split())


@dataclass(frozen=True)
class Claim:
    """One figure in one sentence: value, interval, unit, measure, time, kind and source."""

    value: str
    interval: Interval
    unit: str
    measure: str
    when: When
    kind: str  # "outcome" | "forecast" | "contrast"
    source: Speaker | None
    sentence: int
    context: str
    counted: str = ""
    """The noun right after a count ("adults" in "1,200 adults"), for the key figures."""
    name: str = ""
    """What a reader calls the measure ("hectares burned"): :mod:`briefing.compare.naming`."""


@dataclass(frozen=True)
class _Form:
    """What the parse alone says of one figure; the same for every sentence of one shape."""

    chars: tuple[int, int]
    unit: str
    measure: str
    kind: str
    source: Speaker | None
    date: str
    counted: str = ""
    name: str = ""


def claims_in(doc: Doc, text: str, sentence: int, published: date | None) -> Iterator[Claim]:
    """Every figure of one parsed sentence (``text`` is the sentence the parse stands for)."""
    forms = doc.user_data.get("briefing.figures")
    if forms is None:  # kept in the parse, which every sentence of one shape shares
        forms = doc.user_data["briefing.figures"] = tuple(_forms(doc))
    for form in forms:
        value = text[form.chars[0] : form.chars[1]]
        bounds = interval(value)
        if bounds is None:
            continue
        kind, when = form.kind, resolve(form.date, published)
        if kind == "outcome" and published and when.year > published.year:
            kind = "forecast"  # "in 2027"
        if kind == "forecast":
            when = resolve(form.date, published, forward=True)  # "by September": the next one
        yield Claim(
            value, bounds, form.unit, form.measure, when, kind, form.source, sentence, text,
            form.counted, form.name,
        )  # fmt: skip


def _forms(doc: Doc) -> Iterator[_Form]:
    said = list(cited(doc))
    dates = [e for e in doc.ents if e.label_ == "DATE"]
    for first, last in number_spans(doc):
        start, end, unit = _extend(doc, first, last)
        root = doc[start:end].root
        noun = quantified(root, start, end)
        if unit == "count" and noun is not None and noun.lemma_.lower() in CURRENCY_WORDS:
            unit = CURRENCY_WORDS[noun.lemma_.lower()]
        chars = (doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
        counted = noun.text if noun is not None and noun.i == end and unit == "count" else ""
        measured = None
        if unit == "count" and noun is not None and is_unit(noun):
            unit, measured, noun = unit_name(noun), noun, None  # "12,000 hectares"
        measure, name = measure_of(root, noun, unit, measured)
        yield _Form(
            chars, unit, measure, kind_of(root), source_of(root, said),
            _nearest_date(dates, root), counted, name,
        )  # fmt: skip


def _numeric(token: Token) -> bool:
    lower = token.lower_
    return bool(
        _DIGITS.match(token.text) or (token.like_num and lower not in {"one", "ten"})
    ) or lower in {"dozen", "dozens", "scores", "hundreds", "thousands", "millions"}


def number_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the numbers a sentence states, not dates, times or ordinals."""
    skip = {
        t.i
        for e in doc.ents
        if e.label_ in _SKIPPED
        for t in e
        if not (any(_counts_things(c) for c in e) and (_numeric(t) or t.text in "-–"))
    }
    spans, k = [], 0
    while k < len(doc):
        if k in skip or not _numeric(doc[k]) or _year(doc[k]):
            k += 1
            continue
        end = k + 1
        while end < len(doc) and end not in skip and _continues(doc, end):
            end += 1
        if doc[k].lower_ in VAGUE and not (end < len(doc) and doc[end].lower_ == "of"):
            k = end
            continue  # "thousands" alone is not a figure; "thousands of homes" is
        spans.append((k, end))
        k = end
    return spans


def _counts_things(token: Token) -> bool:
    """'Last year 14 people died', 'Forty-eight countries': a number the tagger put inside
    a date, that counts a noun; its number words stay figures, the rest of the date does not."""
    head = token.head
    return token.dep_ == "nummod" and head.pos_ == "NOUN" and head.lemma_ not in _TIME_UNITS


def _continues(doc: Doc, k: int) -> bool:
    token = doc[k]
    if _numeric(token) or token.lower_ in SCALES:
        return True
    if token.text in {"-", "–", "to", "and"} and k + 1 < len(doc) and _numeric(doc[k + 1]):
        return token.text != "and" or any(t.lower_ == "between" for t in doc[max(k - 4, 0) : k])
    return False


def _year(token: Token) -> bool:
    return bool(re.fullmatch(r"(?:1[89]|20)\d\d", token.text)) and token.dep_ != "nummod"


def _extend(doc: Doc, start: int, end: int) -> tuple[int, int, str]:
    """The span widened over its currency sign, qualifier and percent word; and its unit."""
    unit = "count"
    if end < len(doc) and doc[end].lower_ in {"%", "percent"}:
        end, unit = end + 1, "percent"
    elif end + 1 < len(doc) and doc[end].lower_ == "per" and doc[end + 1].lower_ == "cent":
        end, unit = end + 2, "percent"
    if unit == "percent" and end + 1 < len(doc) and doc[end - 1].lower_ == "percentage":
        unit = "points"
    if start and doc[start - 1].text in CURRENCIES:
        start, unit = start - 1, CURRENCIES[doc[start - 1].text]
    elif end < len(doc) and doc[end].lemma_.lower() in CURRENCY_WORDS:
        unit = CURRENCY_WORDS[doc[end].lemma_.lower()]
    amounts = {"dozen", "hundred", "thousand", "million", "score"}
    if start and doc[start].lower_ in amounts and doc[start - 1].lower_ in {"a", "an"}:
        start -= 1  # "a dozen"
    if start > 1 and doc[start - 1].lower_ == "a" and doc[start - 2].lower_ == "half":
        start -= 2  # "half a million"
    for size in (3, 2, 1):
        words = " ".join(t.lower_ for t in doc[max(start - size, 0) : start])
        if start - size >= 0 and words in QUALIFIERS:
            return start - size, end, unit
    return start, end, unit


def quantified(root: Token, start: int, end: int) -> Token | None:
    """The noun a number counts ("15 people", "scores of homes"), if any."""
    if root.dep_ in {"nummod", "quantmod", "compound", "amod", "nmod"} and root.head.pos_ in {
        "NOUN",
        "PROPN",
    }:
        return root.head
    of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None:
        return next((c for c in of.children if c.dep_ == "pobj"), None)
    if root.pos_ == "NOUN" and not start <= root.i < end:
        return root
    return None


def measure_of(
    root: Token, noun: Token | None, unit: str = "count", measured: Token | None = None
) -> tuple[str, str]:
    """What a figure counts, as a key to match by and as a reader's name (:mod:`naming`): an
    event ("deaths"), its noun, or what its verb does to it ("hectares burned"); ("", "")
    where no name says it. ``measured`` is the unit word it is counted in, if any."""
    for token in _event_path(root, noun):
        lemma = token.lemma_.lower()
        if lemma in EVENTS or token.lower_ in EVENTS:
            key = EVENTS.get(lemma) or EVENTS[token.lower_]
            return key, LABELS[key].lower()
        if lemma in LEAVING and _from_home(token):
            return "evacuated", LABELS["evacuated"].lower()  # "were moved out of their homes"
    group = _group_of(noun) if noun is not None else None
    if group is not None and group.i != root.i:  # not the figure itself ("thousands of")
        return group.lemma_.lower(), f"{group.lemma_.lower()} size"
    if noun is not None and _names(noun):
        return noun.lemma_.lower(), noun_name(noun)
    state = state_adjective(root)
    if state is not None:
        return state_of(state)  # "Lake Orrin is 62 percent full": how full Lake Orrin is
    verb = verb_above(noun or measured or root)
    if verb is None:
        return "", ""
    if verb.lemma_ not in LEVEL_VERBS:  # "raised $26 million", "burned 12,000 hectares"
        key = verb.lemma_.lower()
        name = LABELS.get(key, "").lower()
        name = name or verb_name(verb, noun or measured or root, thing_counted(noun, unit))
        return (key, name) if name else ("", "")
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.pos_ != "NOUN" or subject.i == root.i or not _names(subject):
        return "", ""
    return subject.lemma_.lower(), noun_name(subject)


def _names(noun: Token) -> bool:
    """Whether a noun says what is counted: not "people", "percent" or a number word."""
    return noun.pos_ == "NOUN" and noun.lemma_.lower() not in GENERIC and not numeric(noun)


def _event_path(root: Token, noun: Token | None) -> Iterator[Token]:
    """The words that may name the figure's event, nearest first."""
    if noun is not None:
        yield from (c for c in noun.children if c.dep_ in {"amod", "compound"})
        yield noun
    for prep in (c for c in root.children if c.dep_ == "prep" and c.lower_ != "of"):
        yield prep  # "34 percent against", "34 percent in favour"
        yield from (c for c in prep.children if c.dep_ == "pobj")
    token, verbs = noun if noun is not None else root, 0
    while token.dep_ != "ROOT" and verbs < 1:
        token = token.head
        yield token
        if token.pos_ in {"VERB", "AUX", "ADJ"}:
            verbs += 1
            for child in token.children:
                if child.dep_ in _ARGUMENTS:
                    yield from (c for c in child.children if c.dep_ in {"compound", "amod"})
                    yield child
                    yield from _of_object(child)  # "the number of dead"
                elif child.dep_ == "prep" and child.i != root.i:
                    yield child  # "are in favour", "are against it"
                    yield from (c for c in child.children if c.dep_ == "pobj")
        if token.lemma_ in {"say", "tell", "report"}:
            break


def _from_home(verb: Token) -> bool:
    """'left their homes', 'moved out of their homes', 'forced from their homes'."""
    for token in verb.subtree:
        if token.lemma_.lower() == "home" and token.dep_ in {"dobj", "pobj"}:
            steps = [a for a in token.ancestors if a.i != verb.i and verb in a.ancestors]
            return len(steps) <= 2
    return False


def _of_object(token: Token) -> Iterator[Token]:
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            yield from (c for c in prep.children if c.dep_ == "pobj")


def _group_of(noun: Token) -> Token | None:
    """'a delegation of 120 officials': the group whose size the figure gives. Only a group
    the sentence introduces ("a", "an"): "the killing of 800 protesters" counts protesters."""
    head, group = noun.head, noun.head.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and group.pos_ == "NOUN" and _names(group):
        return group if any(c.lower_ in {"a", "an"} for c in group.children) else None
    return None


def _governs(date: Token, root: Token) -> bool:
    """Whether a sentence's one date times its figure: not where the date sits in a clause
    that describes a noun and leaves the figure out ("The plant, which opened in 1988,
    employs 1,900 people": 1988 is when the plant opened). An adverbial clause ("killed
    when a tunnel collapsed on Monday") times the event it modifies, so it counts."""
    token = date
    while token.head.i != token.i:
        if token.dep_ in NOUN_CLAUSES and root.i not in {t.i for t in token.subtree}:
            return False
        token = token.head
    return True


def kind_of(root: Token) -> str:
    """'contrast' ("up from 12", "than 12"), 'forecast' ("will", "expects"), else 'outcome'."""
    head = root.head
    if head.lower_ in CONTRAST and root.dep_ == "pobj":
        return "contrast"
    if head.lower_ in {"with", "to"} and head.head.lemma_ == "compare":
        return "contrast"
    token = root
    for _ in range(4):
        if token.lemma_ in FORECASTS or any(
            c.dep_ == "aux" and c.lower_ in MODALS for c in token.children
        ):
            return "forecast"
        if token.dep_ == "ROOT" or token.lemma_ in {"say", "tell"}:
            break
        token = token.head
    return "outcome"


def source_of(root: Token, said: list[Speaker]) -> Speaker | None:
    """The speaker whose verb governs the figure, else the sentence's one speaker."""
    ancestors = {t.i for t in root.ancestors}
    for speaker in said:
        if speaker.verb in ancestors:
            return speaker
    return said[0] if said else None


def _nearest_date(dates, root: Token) -> str:
    """The date expression of the figure's clause: the nearest one on the same verb, else
    the sentence's only date unless a clause describing a noun holds it (:func:`_governs`)."""
    if not dates:
        return ""
    verb = verb_above(root)
    own = {t.i for t in root.ancestors} | {root.i}
    aside = {
        t.i
        for token in root.doc
        if token.lower_ in CONTRAST and token.i not in own
        for t in token.subtree
    }  # "up from 34 percent in 2023": the year of the earlier value only
    dates = [d for d in dates if d.root.i not in aside]
    close = [d for d in dates if verb is None or verb_above(d.root) == verb]
    pool = close or [d for d in dates if len(dates) == 1 and _governs(d.root, root)]
    if not pool:
        return ""
    return min(pool, key=lambda d: abs(d.root.i - root.i)).text
