"""Names on a news page: an outlet's masthead, a section label, a newspaper's words.

A line alone above a headline may be the outlet ("The Northgate Herald"), a
section label ("LOCAL NEWS") or a menu ("Home News Sport Weather"); these
word lists and shapes tell them apart, and tell an outlet's name from a
writer's ("Valley Courier" from "Karen Liu").
"""

from __future__ import annotations

import re

OUTLET_WORDS = frozenset(
    """news times post herald courier tribune gazette journal daily press review guardian
    telegraph mail express star sun mirror observer chronicle record independent standard
    examiner bulletin register ledger sentinel dispatch inquirer enquirer echo argus
    advertiser mercury globe network media radio broadcasting magazine weekly online wire
    agency associated reuters bloomberg today leader citizen voice free""".split()
)
"""Words of newspaper and broadcaster names ("Evening Post", "Valley Courier"), which a
person's name does not have; they tell an outlet's line from a writer's."""


NOT_NAMES = frozenset(
    """key points live updates summary explainer exclusive gallery photos watch listen read
    share follow subscribe newsletter sponsored partner content advertisement related
    reporting from in the of and at what we know how why""".split()
)
"""Words of the short headings and labels printed near a byline ("Key Points",
"Live Updates"), which are not in people's names."""


def has_outlet_word(name: str) -> bool:
    """Whether a name holds a newspaper word ("Herald", "News"), not only "The"."""
    return any(w.lower().strip(".") in OUTLET_WORDS for w in name.split())


def looks_like_outlet(name: str) -> bool:
    """A masthead-shaped name that reads as an outlet: "The ...", or a newspaper word."""
    text = name.strip()
    words = [w.lower().strip(".") for w in text.split()]
    if not is_masthead(text) and not (len(words) == 1 and words[0] in OUTLET_WORDS):
        return False
    return words[0] == "the" or any(w in OUTLET_WORDS for w in words)


SECTION_WORDS = frozenset(
    """home news opinion opinions business world sport sports local politics culture menu
    viewpoint editorial analysis features feature lifestyle tech technology science health
    entertainment national international economy markets breaking live latest video videos
    comment commentary columns column blog blogs travel weather search trending transport
    education environment climate crime money property motoring football cricket letters
    arts books film music media society obituaries uk us europe asia africa americas
    australia regional region nation city metro state more all top stories""".split()
)
"""Words of the section labels and navigation lines news sites print above a headline."""
_MASTHEAD_RE = re.compile(r"^(?:The\s+)?[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3}$")


def is_masthead(line: str) -> bool:
    """An outlet name alone on a line: one to four capitalised words, not a section label.

    A name may contain a section word ("The National", "Northgate Evening News",
    "Business Review"); a line of nothing but section words is a label or menu. A
    name in capitals ("THE NORTHGATE HERALD") needs a newspaper word, as most lines
    in capitals are labels.
    """
    text = line.strip()
    if text.isupper() and len(text.split()) > 1:
        return has_outlet_word(text) and is_masthead(tidy_outlet(text))
    if not _MASTHEAD_RE.match(text) or text.isupper() or text.endswith("."):
        return False
    tokens = [w.lower().strip(".") for w in text.split()]
    repeated = len(set(tokens)) < len(tokens)  # "Metro Daily Metro Daily": page chrome
    named = tokens[0] == "the" or not is_section_line(text)
    # four capitalised words without a newspaper word are more often a headline in
    # title case ("Fed Holds Rates Steady") than an outlet's name
    short = len(tokens) <= 3 or tokens[0] == "the" or has_outlet_word(text)
    return len(tokens) >= 2 and not repeated and named and short


def tidy_outlet(name: str) -> str:
    """An outlet's name as it is written, not in capitals: "THE NORTHGATE HERALD" ->
    "The Northgate Herald"; a word without vowels stays an acronym ("BBC NEWS" -> "BBC News")."""
    name = name.strip()
    if not name.isupper():
        return name
    words = [w if not re.search(r"[AEIOU]", w) else w.capitalize() for w in name.split()]
    return " ".join(words)


def is_section_line(line: str) -> bool:
    """A line made only of section words: "LOCAL NEWS", "Home News Sport Weather"."""
    tokens = re.findall(r"[^\W\d_]+", line.lower())
    return bool(tokens) and all(token in SECTION_WORDS for token in tokens)
