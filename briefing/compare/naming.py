"""What a reader calls the quantity a figure counts, and the unit it is counted in.

A claim's measure is a key for matching ("deaths", "burn", "job"); what the
brief shows is a noun phrase a reader would use for it. A noun the figure
counts names it in the form the sentence writes it ("jobs", "fares"); a group
("a delegation of 120 officials") is named by its size; a figure that a verb
moves is named by what it counts and the verb as the sentence writes it:
"hectares burned", "people taken to hospital", "people taking part" (the
sentence's own word where it is the participle). A unit of
measurement ("12,000 hectares", "40 miles") is the figure's unit, never its
measure. A figure whose measure cannot be named so is tracked under no
measure at all, rather than under a bare verb.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefing import language
from briefing.compare.numbers import SCALES, VAGUE
from briefing.inflection import inflect

if TYPE_CHECKING:
    from briefing.syntax import Token

LABELS = {
    "deaths": "Deaths",
    "injured": "Injured",
    "missing": "Missing",
    "evacuated": "Evacuated",
    "rescued": "Rescued",
    "arrested": "Arrested",
    "hospitalised": "In hospital",
    "support": "Support",
    "opposition": "Opposition",
    "cost": "Cost",
    # money a verb moves ("the charge raised $38 million"): named as a reader would
    "raise": "Money raised",
    "collect": "Money collected",
    "generate": "Money generated",
    "spend": "Spending",
    "pay": "Payments",
    "earn": "Earnings",
    "sell": "Sales",
    "invest": "Investment",
    "lose": "Losses",
    "save": "Savings",
    "borrow": "Borrowing",
    "fund": "Funding",
}
"""Measures with a name of their own; the others are named from the sentence."""
UNITS = frozenset(
    """hectare acre mile kilometre kilometer km metre meter foot feet yard inch centimetre
    centimeter millimetre millimeter mm cm tonne ton kilogram kilo kg gram pound ounce litre
    liter gallon barrel degree mph""".split()
)
"""Units of measurement: what a figure is counted in, not what it counts. The parser's
QUANTITY entity ("12,000 hectares") finds the others."""
_PLAIN = frozenset({"count", "percent", "points"})
_CURRENCIES = frozenset({"dollars", "euros", "pounds", "yen", "yuan"})
_OBJECTS = frozenset({"dobj", "nsubjpass", "attr", "oprd"})
LIGHT = frozenset("be have do get say tell see show include".split())
"""Verbs too light to name what a figure counts ("has 3,000 residents", "said 12")."""


def is_unit(noun: Token) -> bool:
    """'hectares' in "burned 12,000 hectares": a unit of measurement after a number."""
    lemma = noun.lemma_.lower()
    return noun.pos_ == "NOUN" and (lemma in UNITS or noun.ent_type_ == "QUANTITY")


def unit_name(noun: Token) -> str:
    """A unit as claims of one quantity share it: always plural ("hectares"); an
    abbreviation ("mph", "km", no vowel) as written."""
    if noun.tag_ in {"NNS", "NNPS"} or not any(c in "aeiou" for c in noun.lower_):
        return noun.lower_
    return inflect(noun.lemma_.lower(), "NNS") or noun.lower_


def noun_name(noun: Token) -> str:
    """A counted noun as the sentence writes it: "jobs", "fares", "unemployment"."""
    return noun.lower_ if noun.tag_ in {"NNS", "NNPS"} else noun.lemma_.lower()


def verb_name(verb: Token, figure: Token, thing: str) -> str:
    """'hectares burned', 'people taken to hospital', 'people taking part': what a verb moves.

    ``figure`` is the figure's word that hangs on the verb (its noun or its number), and
    ``thing`` what the figure counts ("people", "hectares"). Empty where the verb does not
    take the figure as its subject or object, or where nothing names what is counted.
    """
    path = figure
    while path.head.i != verb.i and path.head.i != path.i:
        path = path.head
    if path.head.i != verb.i or verb.lemma_.lower() in LIGHT or not verb.lemma_.isalpha():
        return ""
    if not thing and path.i != figure.i and path.pos_ == "NOUN" and not numeric(path):
        thing = noun_name(path)  # "An estimated 20,000 people took part"
    if not thing:
        return ""
    done = verb.tag_ == "VBN" and not any(c.lemma_ == "have" for c in verb.children)
    if path.dep_ in _OBJECTS or done:  # "hectares burned", "members taken hostage"
        said = form(verb, "VBN")
    elif path.dep_ == "nsubj":  # "people taking part"
        said = form(verb, "VBG")
    else:
        return ""
    return " ".join([thing, said, *_predicate(verb, figure)]) if said else ""


def form(verb: Token, tag: str) -> str:
    """The verb as a participle (``tag`` VBN or VBG): the sentence's own word where it is
    one ("were taken", "burned", "marching"), else a mark, ``{take:VBG}``, that
    :func:`spelled` turns into the word when a name is shown."""
    if verb.tag_ == tag or (tag == "VBN" and verb.tag_ == "VBD" and verb.lower_.endswith("ed")):
        return verb.lower_
    return f"{{{verb.lemma_.lower()}:{tag}}}"


_MARK = re.compile(r"\{([a-z]+):(VBN|VBG)\}")


def spelled(name: str) -> str:
    """A name as shown: each mark of :func:`form` inflected ("people {take:VBG} part":
    "people taking part"). Only names a brief shows are spelled, so lemminflect's
    tables (about 0.2 s to load) load only for a brief that shows such a name."""
    return _MARK.sub(lambda m: inflect(m[1], m[2]) or m[1], name)


def thing_counted(noun: Token | None, unit: str) -> str:
    """What a figure counts, as a name: its noun, else its unit, else money."""
    if noun is not None and noun.pos_ == "NOUN" and not numeric(noun):
        return noun_name(noun)
    if unit in _CURRENCIES:
        return "money"
    return unit if unit not in _PLAIN else ""


def _predicate(verb: Token, figure: Token) -> list[str]:
    """The words that complete a verb's sense: a particle ("off"), a bare object ("part"),
    a bare place ("to hospital"). Objects with a determiner are one article's detail."""
    words = []
    for child in verb.children:
        if child.i in {t.i for t in figure.subtree} or child.i < verb.i:
            continue
        if child.dep_ == "prt" or (child.dep_ == "dobj" and _bare(child)):
            words.append(child.lower_)
        elif child.dep_ == "prep":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and _bare(pobj):
                words += [child.lower_, pobj.lower_]
                break
    return words


def _bare(noun: Token) -> bool:
    """A common noun alone: "part", "hospital"; not "the march", "in order to", "dozens"."""
    return noun.pos_ == "NOUN" and not list(noun.children) and not numeric(noun)


def numeric(noun: Token) -> bool:
    """'thousands', 'dozen', 'million': a word that is itself an amount, not what is counted."""
    return noun.like_num or noun.lemma_.lower() in SCALES or noun.lower_ in VAGUE


def names_things(name: str) -> bool:
    """Whether a name opens with a plural noun ("people taken to hospital", "jobs"): a count
    of them reads "the number of people taken to hospital" in a sentence. The parser tags it."""
    doc = language.parse_one(name)
    return len(doc) > 0 and (doc[0].lower_ == "people" or doc[0].tag_ in {"NNS", "NNPS"})


def verb_above(token: Token) -> Token | None:
    """The nearest verb above a word, within three steps."""
    for _ in range(3):
        if token.dep_ == "ROOT" and token.pos_ not in {"VERB", "AUX"}:
            return None
        token = token.head
        if token.pos_ in {"VERB", "AUX"}:
            return token
    return None


def state_adjective(root: Token) -> Token | None:
    """'62 percent full', 'to 25 percent full': the adjective a percentage measures."""
    if root.head.pos_ == "ADJ" and root.dep_ == "npadvmod":
        return root.head
    after = (c for c in root.children if c.dep_ == "amod" and c.pos_ == "ADJ" and c.i > root.i)
    return next(after, None) if root.lower_ in {"percent", "%"} else None


def state_of(adjective: Token) -> tuple[str, str]:
    """('lake orrin full', 'how full Lake Orrin is'): the key and the name of a state a
    percentage measures, from the subject its adjective describes; ("", "") without one."""
    verb = verb_above(adjective)
    subject = None
    if verb is not None:
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.pos_ == "PRON":
        return "", ""
    words = [t for t in subject.subtree if t.i <= subject.i and t.dep_ in {"compound", "amod"}]
    key = " ".join(t.lemma_.lower() for t in [*words, subject])
    written = " ".join(t.text if t.pos_ == "PROPN" else t.lower_ for t in [*words, subject])
    be = "are" if subject.tag_ in {"NNS", "NNPS"} else "is"
    state = adjective.lower_
    return f"{key} {adjective.lemma_.lower()}", f"how {state} {written} {be}"
