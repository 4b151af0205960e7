"""Who says it: the speakers a parsed sentence attributes statements to.

A speaker is the subject of a speech verb ("the ministry said", "said Dr Jane
Okafor"), the object of "according to", or the author of a poll ("a survey by
the Halden Institute found"). Its name comes from the parser's entities; the
role and the title around a name are kept apart ("the ministry's spokesperson
Dr Jane Okafor" is the person Jane Okafor, a spokesperson, of the ministry). A
place is never a speaker, and an unnamed group ("officials", "residents") is
not a source one could cite. A pronoun ("she said") is marked so the caller
can take the article's previous speaker.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.syntax import Doc, Span, Token

SPEECH = frozenset(
    """say tell report announce confirm state add estimate warn claim insist explain note
    write argue acknowledge reveal disclose indicate suggest find show expect predict
    forecast count record""".split()
)
"""Verbs that attribute a statement or a figure to their subject (lemmas)."""
HONORIFICS = frozenset(
    """dr mr mrs ms miss mx prof professor sir dame lord lady rev reverend gen col capt
    sgt lt det insp supt cllr hon""".split()
)
"""Titles written before a name; they are part of neither the name nor the role."""
STUDIES = frozenset("poll survey study report analysis census audit review".split())
"""Nouns whose "by" names the organisation that made them: the source is a poll."""
PLACES = frozenset({"GPE", "LOC", "FAC"})
LOCATIVE = frozenset("at in on near from outside inside".split())
"""Prepositions that place a speaker ("parents at Millbrook Primary"): a place, not a source."""
COLLECTIVE = frozenset({"police"})
ROLES = frozenset(
    """spokesperson spokesman spokeswoman official officer director chief head minister
    secretary leader chairman chairwoman chair president executive manager representative
    adviser advisor source member mayor governor councillor councilor commissioner
    inspector superintendent professor economist analyst""".split()
)
"""Nouns for a person speaking for a body: "a spokesman for the fire service" cites the service."""
EVIDENCE = frozenset("find show suggest indicate count record".split())
STATING = frozenset("claim note add report".split())
"""Verbs that attribute only with a statement after them ("claimed that", not "claimed lives")."""
"""Verbs that attribute only when a study or a named body is their subject ("a poll found")."""
"""Bodies news cites by a bare plural noun ("Police said"), unlike "officials" or "residents"."""
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_PRONOUN = "PRON"


@dataclass(frozen=True)
class Speaker:
    """A source one sentence cites; ``name`` empty and ``pronoun`` set for "she said"."""

    name: str
    kind: str  # "person" | "organisation" | "poll"
    role: str = ""
    affiliation: str = ""
    verb: int = -1
    """Index of the speech verb (or "according") in the sentence, -1 if none."""
    pronoun: bool = False
    written: str = ""
    """How the sentence names it, article included ("the fire service")."""


def cited(doc: Doc) -> tuple[Speaker, ...]:
    """:func:`speakers` of a parse, kept in the parse itself: claims and sources both ask,
    and one parse serves every sentence of one shape (see :mod:`briefing.compare.parsing`)."""
    found = doc.user_data.get("briefing.speakers")
    if found is None:
        found = doc.user_data["briefing.speakers"] = tuple(speakers(doc))
    return found


def speakers(doc: Doc) -> Iterator[Speaker]:
    """Every speaker the sentence cites, in order of their verbs."""
    for token in doc:
        if token.lemma_ in SPEECH and token.pos_ in {"VERB", "AUX"}:
            subject = _subject_of(token)
            if subject is not None and _may_attribute(token, subject):
                found = speaker_of(subject, token.i)
                if found:
                    yield found
        elif token.lower_ == "according":
            target = next((c for c in token.children if c.lower_ == "to"), None)
            pobj = next((c for c in target.children if c.dep_ == "pobj"), None) if target else None
            if pobj is not None:
                found = speaker_of(pobj, token.i)
                if found:
                    yield found


def _may_attribute(verb: Token, subject: Token) -> bool:
    """'The poll found', 'the institute found': yes; 'the result showed': no;
    'the ministry claimed that ...': yes; 'the crash claimed 23 lives': no."""
    if verb.lemma_ in EVIDENCE:
        return subject.lemma_.lower() in STUDIES or subject.ent_type_ in {"ORG", "PERSON"}
    if verb.lemma_ in STATING:
        return verb.dep_ == "parataxis" or any(
            c.dep_ in {"ccomp", "parataxis"} or c.is_quote for c in verb.children
        )
    return True


def _subject_of(verb: Token) -> Token | None:
    """The verb's subject, or for "... and added" the subject of the verb it joins."""
    for current in (verb, verb.head):
        subject = next((c for c in current.children if c.dep_ in _SUBJECTS), None)
        if subject is not None:
            return subject
        if verb.dep_ not in {"conj", "xcomp"}:
            break
    return None


def speaker_of(head: Token, verb: int) -> Speaker | None:
    """The source a subject (or the object of "according to") names, if it names one."""
    if head.pos_ == _PRONOUN:
        return Speaker("", "person", verb=verb, pronoun=head.lower_ in {"he", "she", "they"})
    region = head.doc[head.left_edge.i : head.right_edge.i + 1]
    placed = {t.i for p in head.children if p.lower_ in LOCATIVE for t in p.subtree}
    ents = [e for e in region.ents if not all(t.i in placed for t in e)]
    study = head.lemma_.lower() in STUDIES
    person = next((e for e in ents if e.label_ == "PERSON"), None)
    org = next((e for e in ents if e.label_ == "ORG" and e != person), None)
    if person is not None and not study:
        return Speaker(
            name_of(person), "person", _role(region, ents), _affiliation(region, org), verb,
            written=name_of(person),
        )  # fmt: skip
    if org is not None:
        kind = "poll" if study else "organisation"
        return Speaker(name_of(org), kind, "", "", verb, written=_written(org))
    if any(e.label_ in PLACES and head.i in range(e.start, e.end) for e in ents):
        return None  # "Paris said": a place
    if head.pos_ == "PROPN" and not ents and head.is_title and head.tag_ == "NNP":
        return Speaker(head.text, "person", verb=verb, written=head.text)  # "Okafor told"
    if head.lemma_.lower() in COLLECTIVE:
        return Speaker(head.text, "organisation", verb=verb, written=_inline(head.text, head))
    return _common_noun_source(head, verb)


def _common_noun_source(head: Token, verb: int) -> Speaker | None:
    """'the fire service', 'a spokesperson for the fire service': sources without a name.

    A role without a name ("a spokesman for the rescue service", "the
    ministry's spokesperson") cites what it speaks for; any other definite
    noun phrase ("the fire service", "the miners' union") is the source
    itself; a report cites who made it ("the city's annual report"). A plural
    ("summit organisers", "the remaining voters") is a group of people, no source.
    """
    if head.pos_ not in {"NOUN", "PROPN"}:
        return None
    if head.lemma_.lower() in ROLES | STUDIES:
        body = _body_of(head)
        if body is None:
            return None
        chunk = _chunk(body, whole=True)
        role = head.lemma_ if head.lemma_.lower() in ROLES else ""
        return Speaker(_bare(chunk), "organisation", role, "", verb, written=_inline(chunk, body))
    if _definite(head) and head.tag_ not in {"NNS", "NNPS"}:
        chunk = _chunk(head, whole=True)
        return Speaker(_bare(chunk), "organisation", "", "", verb, written=_inline(chunk, head))
    return None


def _body_of(role: Token) -> Token | None:
    """What a role speaks for: "for/of/at the X" after it, or the possessor before it."""
    preps = {"for", "of", "at", "by"}
    for prep in (c for c in role.children if c.dep_ == "prep" and c.lower_ in preps):
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.pos_ in {"NOUN", "PROPN"} and _definite(pobj):
            return pobj
    return next((c for c in role.children if c.dep_ == "poss" and c.pos_ != _PRONOUN), None)


def _definite(token: Token) -> bool:
    """'the ministry', 'the city's council': a particular body, not "officials"."""
    return any(
        (c.dep_ == "det" and c.lower_ in {"the", "this"}) or (c.dep_ == "poss" and c.pos_ != "PRON")
        for c in token.children
    )


def _chunk(token: Token, whole: bool = False) -> str:
    """The noun phrase a token heads ("the miners' union"); ``whole`` adds its "of" phrase.

    What follows the head is left out ("the council, which ..."), except with
    ``whole`` an "of" phrase that names it ("the Department of Health").
    """
    last = token.i
    if whole:
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        last = of.right_edge.i if of is not None and _capitalised(of) else last
    words = [t for t in token.subtree if t.i <= last and t.dep_ != "punct"]
    words = [t for t in words if not (t.dep_ == "case" and t.head.i == token.i)]
    text = "".join(t.text_with_ws for t in words).strip()
    return text.replace(" '", "'").replace(" ’", "’")


def _capitalised(prep: Token) -> bool:
    return all(t.is_title or t.lower_ in {"the", "of", "and", "for"} for t in prep.subtree)


def name_of(ent: Span) -> str:
    """An entity's name without the titles or the possessive around it."""
    tokens = list(ent)
    while tokens and tokens[-1].text in {"'s", "’s", "'", "’"}:
        tokens.pop()
    while tokens and tokens[0].lower_.strip(".") in HONORIFICS | {"the"}:
        tokens.pop(0)
    return "".join(t.text_with_ws for t in tokens).strip()


def _written(ent: Span) -> str:
    name = name_of(ent)
    doc = ent.doc
    before = doc[ent.start - 1].lower_ if ent.start else ""
    return f"the {name}" if before == "the" or ent[0].lower_ == "the" else name


def _inline(chunk: str, head: Token) -> str:
    """'Police' -> 'police', 'The fire service' -> 'the fire service': a phrase that opened
    its sentence, as it reads inside another one ("12, according to police").

    Only a capital the sentence's start gave is dropped: the phrase's first word opens the
    sentence and is a common word (a noun, an article), not a proper noun or part of a
    name ("the Health Ministry", "Reuters" keep theirs).
    """
    first = next((t for t in head.subtree if not t.is_punct), head)
    opening = all(t.is_punct for t in head.doc[: first.i])
    common = first.pos_ in {"NOUN", "DET", "ADJ"} and not first.ent_type_
    if opening and common and chunk[:1].isupper() and chunk[1:2].islower():
        return chunk[:1].lower() + chunk[1:]
    return chunk


def _bare(chunk: str) -> str:
    """'the fire service' -> 'fire service': a name to compare, without its article."""
    words = chunk.split()
    while words and words[0].lower() in {"the", "a", "an", "this"}:
        words = words[1:]
    return " ".join(words)


def _role(region: Span, ents: list[Span]) -> str:
    """The common nouns around a name that say what the person is ("spokesperson")."""
    inside = {t.i for e in ents for t in e}
    clauses = {"relcl", "acl", "advcl", "ccomp"}
    inside |= {
        t.i for c in region if c.dep_ in clauses for t in c.subtree
    }  # "who opposes the plan"
    roles = {
        t.i
        for t in region
        if t.pos_ in {"NOUN", "PROPN"}
        and t.i not in inside
        and t.dep_ in {"compound", "appos", "nsubj", "nsubjpass", "npadvmod", "dobj"}
        and t.lower_.strip(".") not in HONORIFICS
    }
    roles |= {t.i for t in region if t.dep_ == "amod" and t.head.i in roles}
    return " ".join(region.doc[i].text.lower() for i in sorted(roles))


def _affiliation(region: Span, org: Span | None) -> str:
    """What the person speaks for: an organisation named beside them, or a possessor."""
    if org is not None:
        return name_of(org)
    for token in region:
        if token.dep_ == "poss" and token.pos_ in {"NOUN", "PROPN"}:
            return _bare(_chunk(token))
        if (
            token.dep_ == "pobj"
            and token.head.lower_ in {"of", "for", "at"}
            and token.head.head.pos_ == "NOUN"
            and _definite(token)
        ):
            return _bare(_chunk(token))
    return ""
