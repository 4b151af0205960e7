"""Recognise metadata lines: publication dates, bylines, outlets, author notes.

Each function looks at one short line and returns what it found or ``None``;
the cleaner decides where such lines may appear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from briefing.dates import DATE_RE
from briefing.ingest import datelines
from briefing.ingest.names import (
    NOT_NAMES,
    SECTION_WORDS,
    is_masthead,
    is_section_line,
    looks_like_outlet,
    tidy_outlet,
)

_DATE_LABEL = re.compile(
    r"^\s*(?:first\s+)?(?P<label>published|posted|updated|last updated|last modified|modified|date|"
    r"released|issued)\s*(?:on|at)?\s*[:\-–]?\s*",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*", re.IGNORECASE)

_UPPER = "A-ZÀ-ÖØ-ÞŁŚŹŽČŠ"
_NAME_WORD = rf"(?:[{_UPPER}][^\W\d_]*(?:['’-][^\W\d_]+)*|[{_UPPER}]\.)"
_PERSON = rf"{_NAME_WORD}(?:\s+(?:van|von|de|da|del|der|di|le|la|bin|al)?\s*{_NAME_WORD}){{1,3}}"
PERSON_RE = re.compile(rf"^{_PERSON}$")
_BYLINE_RE = re.compile(
    r"^(?:(?:written|words|reporting|story|opinion|analysis|commentary|column|review)\s+)?by"
    r"\s+(?P<names>.+)$|^authors?:?\s+(?P<listed>.+)$",
    re.IGNORECASE,
)
_NAME_SEPARATOR = re.compile(r"\s*(?:;|,|\||&|\band\b|\n)\s*")
_OUTLET_SEPARATOR = re.compile(r"\s+[/|]\s+|\s*\|\s*")
_TRAILING_PLACE = re.compile(
    r"\s+(?:in|from)\s+[A-Z][\w .'-]*$|\s*[,(]\s*(?:staff|correspondent|reporter)\b.*$",
    re.IGNORECASE,
)
_ROLE_NOUNS = (
    "correspondent|reporter|editor|writer|columnist|contributor|journalist|critic|producer"
    "|analyst|photographer|staff|intern|presenter|commentator|reviewer|chief|desk|team"
)
_ROLE_QUALIFIERS = (
    "senior|chief|deputy|associate|assistant|managing|executive|contributing|special|staff"
    "|political|economics|foreign|home|affairs|diplomatic|legal|democracy|consumer|education"
    "|health|transport|business|science|technology|environment|crime|sports?|local|city"
    "|national|international|investigations?|data|climate|arts|culture|food|travel|energy"
)
_ROLE_TAIL = re.compile(
    rf"(?:\s+(?:{_ROLE_QUALIFIERS}))*\s+(?:{_ROLE_NOUNS})s?\b.*$"
    rf"|\s*[,(]\s*[^,]*\b(?:{_ROLE_NOUNS})s?\b.*$",
    re.IGNORECASE,
)
"""A writer's role after the name: "Transport correspondent", ", Local Democracy Reporter"."""
_ROLE_WORD = re.compile(rf"\b(?:{_ROLE_NOUNS})s?\b", re.IGNORECASE)
_WIDGET_TAIL = re.compile(
    r"(?:\s+(?:share|print|email|e-mail|comments?|save|follow|tweet)\b\s*:?)+\s*$",
    re.IGNORECASE,
)
_HANDLE = re.compile(r"(?<![\w@])@\w{1,30}\b")
_SOURCE_RE = re.compile(r"^(?:source|from|via)\s*:\s*(?P<outlet>.{2,60})$", re.IGNORECASE)
_COPYRIGHT_RE = re.compile(
    r"^(?:copyright|©|\(c\))\s*(?:©\s*)?(?:\d{4}\s*(?:[-–]\s*\d{4})?\s*)?(?P<owner>[^.|]{2,60}?)"
    r"\s*(?:\.|\||all rights reserved|$)",
    re.IGNORECASE,
)
AUTHOR_NOTE_RE = re.compile(
    r"^(?:the\s+)?(?:author|writer|columnist|contributor)s?\s+(?:is|are|was|were|has|serves)\b"
    r"|^[—–-]\s*[A-Z][\w.'’ -]+\s+is\s+(?:a|an|the)\b",
    re.IGNORECASE,
)
DISCLAIMER_RE = re.compile(
    r"^(?:the\s+)?(?:views|opinions)\s+(?:expressed|in this|do not|don't)|"
    r"does not necessarily reflect|do not necessarily (?:reflect|represent)",
    re.IGNORECASE,
)


MAX_LINE = 300
"""Longer lines are never read as a date, byline or source line: such a line is prose,
and the patterns for them take quadratic time on long runs of spaces."""


@dataclass(frozen=True)
class FoundDate:
    value: datetime | date
    label: str | None


def find_date(line: str, order: str | None = None) -> FoundDate | None:
    """The date a short metadata line states, with its label ("published", ...).

    A numeric date that could be either way round ("3/4/2024") is read in
    ``order`` (``datelines.DAY_FIRST`` or ``MONTH_FIRST``), or not at all.
    """
    if len(line) > MAX_LINE:
        return None
    label_match = _DATE_LABEL.match(line)
    label = label_match.group("label").lower() if label_match else None
    text = _WEEKDAY.sub("", line[label_match.end() :] if label_match else line)
    match = DATE_RE.search(text)
    if match:
        dayfirst = match.lastgroup in ("dmy", "dotted")
        value = datelines.parse_spelled(match.group(0), dayfirst=dayfirst)
    else:
        numeric = datelines.NUMERIC_DATE.search(text)
        value = datelines.read_numeric(numeric, order) if numeric else None
    return FoundDate(value, label) if value else None


def undecided_date(line: str) -> str | None:
    """The numeric date of a short line that could be day-first or month-first."""
    if len(line) > MAX_LINE or DATE_RE.search(line):
        return None
    match = datelines.NUMERIC_DATE.search(line)
    if not match or datelines.numeric_order(match):
        return None
    both = [datelines.read_numeric(match, order) for order in datelines.ORDERS]
    return match.group(0).strip() if all(both) else None


def parse_byline(line: str) -> tuple[tuple[str, ...], str | None] | None:
    """Authors and outlet from "By A and B", "A / Outlet" or "A | Outlet" lines."""
    if len(line) > MAX_LINE:
        return None
    line = _HANDLE.sub("", EMAIL_ADDRESS_RE.sub("", line))  # "By Jane Doe jdoe@post.com"
    match = _BYLINE_RE.match(line.strip())
    listed = (match.group("names") or match.group("listed")) if match else ""
    if match and looks_like_outlet(tidy_outlet(listed)):
        return (), tidy_outlet(listed)  # "By The Associated Press"
    if match:
        names, outlet = _split_outlet(listed)
        if outlet is None:
            names, outlet = _outlet_after_names(names)
        authors = _split_names(names)
        return (authors, outlet) if authors else None
    parts = [part.strip() for part in _OUTLET_SEPARATOR.split(line.strip()) if part.strip()]
    named = person_line(parts[0]) if len(parts) == 2 and not find_date(parts[1]) else None
    if named and PERSON_RE.match(parts[0]):
        return (named[0],), without_widgets(parts[1])  # "Jane Doe | Reporter": no outlet
    return None


_FOR_OUTLET = re.compile(r"\s+for\s+(?P<outlet>[A-Z][\w&'’. -]{1,40})$", re.IGNORECASE)
_COMMA_OUTLET = re.compile(r",\s*(?P<outlet>[A-Z][\w&'’.]*(?:\s+[A-Z][\w&'’.]*){0,4})\s*$")


def _outlet_after_names(names: str) -> tuple[str, str | None]:
    """ "Jane Doe for The Independent", "Jane Doe, CNN": the names, and the outlet after them."""
    match = _FOR_OUTLET.search(names)
    if match and match.group("outlet")[:1].isupper():
        return names[: match.start()], _tidy_name(match.group("outlet").strip())
    match = _COMMA_OUTLET.search(names)
    outlet = match.group("outlet") if match else ""
    if match and (re.fullmatch(r"[A-Z]{2,6}", outlet) or looks_like_outlet(outlet)):
        return names[: match.start()], outlet
    return names, None


def outlet_line(line: str) -> str | None:
    """An outlet named alone on a byline's line, perhaps with a place: "BBC News, Leeds"."""
    name, _, place = line.strip().partition(",")
    if len(line) > 80 or (place and not re.fullmatch(r"\s*[A-Z][\w .'’-]{1,40}", place)):
        return None
    return name.strip() if looks_like_outlet(name) else None


def person_line(line: str) -> tuple[str, str | None] | None:
    """A writer's name alone on a line, with any role after it dropped and any outlet
    after it kept: "Daniel Okafor Transport correspondent" -> ("Daniel Okafor", None),
    "Jane Doe, The Northgate Herald" -> ("Jane Doe", "The Northgate Herald")."""
    if len(line) > 80 or is_section_line(line):
        return None
    name, outlet = _outlet_after_names(line.strip())
    name = _ROLE_TAIL.sub("", name).strip(" -–—,")
    if not PERSON_RE.match(name) or _ROLE_WORD.search(name) or is_section_line(name):
        return None
    words = {w.lower() for w in name.split()}
    if looks_like_outlet(name) or words & (SECTION_WORDS | NOT_NAMES):
        return None
    return _tidy_name(name), outlet


def without_widgets(outlet: str) -> str | None:
    """An outlet name without the share or print buttons printed after it; a role
    ("Jane Doe | Reporter") names no outlet."""
    name = _WIDGET_TAIL.sub("", outlet).strip(" :|/")
    return None if not name or _ROLE_WORD.search(name) else name


def _split_outlet(names: str) -> tuple[str, str | None]:
    parts = _OUTLET_SEPARATOR.split(names, maxsplit=1)
    if len(parts) == 2:
        return parts[0], without_widgets(parts[1])
    return names, None


def _split_names(names: str) -> tuple[str, ...]:
    names = _TRAILING_PLACE.sub("", names.strip().rstrip("."))
    kept = (_ROLE_TAIL.sub("", name).strip(" -–—,") for name in split_names(names))
    return tuple(
        _tidy_name(name) for name in kept if PERSON_RE.match(name) and not _ROLE_WORD.search(name)
    )


def _tidy_name(name: str) -> str:
    return name.title() if name.isupper() else name


def parse_source_line(line: str) -> str | None:
    """The outlet named by "Source: X" or a copyright notice."""
    if len(line) > MAX_LINE:
        return None
    match = _SOURCE_RE.match(line.strip()) or _COPYRIGHT_RE.match(line.strip())
    if not match:
        return None
    outlet = match.group(match.lastgroup or 1).strip(" .,-")
    return outlet or None


def split_names(text: str) -> tuple[str, ...]:
    """'A; B, C and D' -> ('A', 'B', 'C', 'D'): the one reading of a list of authors.

    Bylines ("By A, B and C"), front matter, PDF and page metadata all list
    authors with commas, semicolons, bars, ampersands, "and" or one a line.
    """
    return tuple(name.strip() for name in _NAME_SEPARATOR.split(text) if name.strip())


# Outlet evidence, strongest first: a byline "Name / Outlet", a masthead above the
# headline, a signature line after the author note, "Source:" and copyright lines,
# a contact domain matched to an outlet named in the brief, a feed or site name.
# A token repeated on the first lines is page chrome, trusted only when the page
# names it again elsewhere.
BYLINE, MASTHEAD, SIGNATURE, SOURCE, CARRIER = range(5)

_URL_RE = re.compile(r"\bhttps?://[^\s)>\]]+|\bwww\.[^\s)>\]]+", re.IGNORECASE)
EMAIL_ADDRESS_RE = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
_VIEWS_OF = re.compile(
    r"\b(?:those|views|position|policy)\s+of\s+(?P<outlet>(?:the\s+)?[A-Z][\w&'’.-]*"
    r"(?:\s+[A-Z][\w&'’.-]*){0,4})",
)
_WEBMAIL = frozenset(
    "gmail googlemail yahoo hotmail outlook live icloud proton protonmail aol".split()
)
_NOTE_TAIL = re.compile(r"(?<=[.!?])\s+(?P<tail>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,4})\s*$")


def outlet_in_disclaimer(line: str) -> str | None:
    """ "The views ... do not reflect those of Coastal Review." names the outlet."""
    if not DISCLAIMER_RE.search(line):
        return None
    match = _VIEWS_OF.search(line)
    return match.group("outlet").rstrip(".") if match else None


def tidy_author_note(note: str, names: tuple[str, ...] = ()) -> tuple[str, list[str], str | None]:
    """An author note as a description only: (note, removed parts, trailing outlet).

    Contact addresses and links go, and so does a name left after the last
    sentence ("... Halden University. Example Post").
    """
    removed = [m.group(0) for m in EMAIL_ADDRESS_RE.finditer(note)]
    removed += [m.group(0) for m in _URL_RE.finditer(note)]
    text = _URL_RE.sub("", EMAIL_ADDRESS_RE.sub("", note))
    text = re.sub(r"\s*(?:(?:e-?mail|contact|write to|reach (?:him|her|them) at)\s*:?\s*)+$", "",
                  text.strip(), flags=re.IGNORECASE)  # fmt: skip
    text = re.sub(r"\s+([.,;:])", r"\1", re.sub(r"\s{2,}", " ", text)).strip(" ,;:|")
    outlet = None
    tail = _NOTE_TAIL.search(text)
    if tail and (tail.group("tail") in names or is_masthead(tail.group("tail"))):
        outlet = tail.group("tail")
        removed.append(outlet)
        text = text[: tail.start()].strip()
    return text, removed, outlet


def domain_label(host: str) -> str | None:
    """The name part of a domain: "opinion.examplepost.com" -> "examplepost"."""
    labels = [p for p in host.lower().strip(".").split(".") if p and p != "www"]
    if len(labels) < 2:
        return None
    if (
        len(labels) >= 3
        and labels[-2] in ("co", "com", "org", "net", "ac", "gov")
        and len(labels[-1]) == 2
    ):
        labels = labels[:-1]
    label = labels[-2]
    return None if label in _WEBMAIL else label


def matches_domain(name: str, label: str) -> bool:
    """Whether an outlet's name spells a domain: "Example Post" ~ "examplepost",
    "Port Halden Courier" ~ "phcourier" (any word may shrink to its initial)."""
    parts = [re.sub(r"\W", "", w.lower()) for w in name.split()]
    parts = [p for p in parts if p]
    if not parts or len(label) < 4:
        return False
    if parts[0] == "the" and len(parts) > 1:
        pattern = "(?:the)?" + "".join(f"(?:{re.escape(p)}|{p[0]})" for p in parts[1:])
    else:
        pattern = "".join(f"(?:{re.escape(p)}|{p[0]})" for p in parts)
    # at least one word must be spelled out, or any three initials would match
    return bool(re.fullmatch(pattern, label)) and any(p in label for p in parts if len(p) > 2)


def contact_domains(texts: tuple[str, ...]) -> list[str]:
    """Domain names of e-mail addresses and links in these lines, first seen first."""
    found = []
    for text in texts:
        found += [m.group(1) for m in EMAIL_ADDRESS_RE.finditer(text)]
        for url in _URL_RE.findall(text):
            host = re.sub(r"^https?://", "", url, flags=re.IGNORECASE).split("/")[0]
            found.append(host.split(":")[0])
    return list(dict.fromkeys(found))


_CAPITALISED_RUN = re.compile(r"\b(?:The\s+)?[A-Z][\w&'’-]+(?:\s+[A-Z][\w&'’-]+){0,3}")


def named_outlets(texts: list[str]) -> list[str]:
    """Capitalised names written in the brief's texts: candidates for a domain match."""
    return list(
        dict.fromkeys(m.group(0) for text in texts for m in _CAPITALISED_RUN.finditer(text))
    )
