"""Theme labels: a noun phrase of the theme's own sentences, named by the parser.

Candidates are the parser's noun chunks and named entities in the theme's
sentences (through :func:`briefing.language.parsed`, so the claims code and
the labels share one parse), widened by one "of"/"for" phrase where it fits
("support for the charge"), trimmed of leading determiners and possessive
pronouns, at most six words. A candidate is refused when it is a bare place
(a place names where, not what), a pronoun, a possessive fragment ("Patients'"),
a verb's stray words, or page chrome (photo credits, player controls).

Candidates are ranked by what the theme's sentences share: how many of them
use the candidate's content words (lemmas), weighted by how rare those words
are in the whole brief; the best few are embedded with the brief's encoder
and picked by maximal marginal relevance, so two themes never share a label.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from briefing.compare.chrome import is_chrome
from briefing.text import content_words

if TYPE_CHECKING:
    from briefing.syntax import Doc, Span

MAX_WORDS = 6
SHORTLIST = 12
"""Candidates per theme that are embedded; the rest are cut by the lexical score."""
DIVERSITY = 0.3
SHARED = 0.5
"""Weight of the shared-use score (0-1) against the embedding's relevance (a cosine)."""
WIDENING = frozenset({"of", "for"})
"""Prepositions whose phrase belongs to the noun before it ("Chamber of Commerce")."""
LEADING = frozenset({"DET", "PRON", "PUNCT", "CCONJ", "ADP", "PART", "SYM"})
"""Parts of speech cut from a candidate's start: "the", "its", "and", quotation marks."""
NAMING = frozenset({"PERSON", "ORG", "EVENT", "FAC", "PRODUCT", "WORK_OF_ART", "LAW", "NORP"})
"""Entity kinds that name a topic on their own; places (GPE, LOC) and dates do not."""
PLACES = frozenset({"GPE", "LOC"})
QUANTIFIERS = frozenset({"least", "most", "many", "much", "enough", "more", "few", "as"})
"""Words of an approximation ("at least", "as many as") that lead a chunk before its noun."""
PLACE_NOUNS = frozenset(
    {
        "town",
        "city",
        "village",
        "region",
        "province",
        "state",
        "country",
        "capital",
        "area",
        "district",
        "county",
        "suburb",
        "neighbourhood",
    }
)
"""Nouns that only say "a place" when an "of" phrase names it ("the town of Gao")."""
HEADS = frozenset({"NOUN", "PROPN"})
TIMES = frozenset({"DATE", "TIME"})
QUOTES = ('"', "“", "”", "‘", "(", ")")

Encode = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True)
class Label:
    text: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Candidate:
    """A noun phrase as found in one sentence, with its content lemmas."""

    text: str
    lemmas: frozenset[str]
    named: bool
    weight: float = 1.0


def label_themes(
    themes: Sequence[Sequence[str]],
    centroids: Sequence[np.ndarray],
    corpus: Sequence[str],
    encode: Encode,
) -> list[Label]:
    """One label per theme, unique in the brief, in the themes' order.

    Labels keep the case the articles write them in ("congestion charge",
    "Halden Research Institute"); templates capitalise them for headings.
    """
    from briefing import language

    frequency = Counter(w for text in corpus for w in set(content_words(text)))
    total = max(1, len(corpus))
    docs = language.parsed([t for texts in themes for t in texts])
    taken: list[str] = []
    taken_vectors: list[np.ndarray] = []
    labels, start = [], 0
    for texts, centroid in zip(themes, centroids, strict=True):
        own, start = docs[start : start + len(texts)], start + len(texts)
        keywords = _keywords(texts, frequency, total)
        shortlist = rank(own, frequency, total, {t.lower() for t in taken})
        text = _pick(shortlist, centroid, taken_vectors, encode) if shortlist else None
        if text is None:
            text = _fallback(keywords, texts, {t.lower() for t in taken})
        taken.append(text)
        taken_vectors.append(encode([text])[0])
        labels.append(Label(text, tuple(keywords)))
    return labels


def in_prose(label: str, texts: Sequence[str]) -> str:
    """The label as a sentence needs it: with "the" where its sentences write one, or where
    a common noun heads it ("the Ashby engine plant"; never "the Carver Motors")."""
    words = label.split()
    common = words[-1][:1].islower() and not words[0][:1].isdigit() and "'s" not in label
    if common or any(f"the {label.lower()}" in text.lower() for text in texts):
        return f"the {label}"
    return label


def candidates(doc: Doc, min_words: int = 2) -> list[Candidate]:
    """The noun phrases of one parsed sentence that could name a theme, in order.

    A theme label needs two words at least ("plan" or "Graham" names no point);
    what later coverage adds may be one noun ("volunteers").
    """
    found: dict[str, Candidate] = {}
    for span, named in _spans(doc):
        candidate = noun_phrase(span, named, min_words)
        if candidate is not None and candidate.text.lower() not in found:
            found[candidate.text.lower()] = candidate
    return list(found.values())


def _spans(doc: Doc) -> Iterator[tuple[Span, bool]]:
    for ent in doc.ents:
        if ent.label_ in NAMING:
            yield ent, True
    for chunk in doc.noun_chunks:
        yield chunk, any(t.ent_type_ in NAMING for t in chunk)
        wider = _widened(chunk)
        if wider is not None:
            yield wider, any(t.ent_type_ in NAMING for t in wider)


def _widened(chunk: Span) -> Span | None:
    """The chunk with its "of"/"for" phrase ("support for the charge"), if short enough."""
    for prep in chunk.root.rights:
        if prep.lower_ in WIDENING and prep.i == chunk.end:
            objects = [t for t in prep.rights if t.dep_ == "pobj"]
            if objects:
                end = objects[0].i + 1
                if not any(t.pos_ in ("VERB", "AUX") for t in chunk.doc[chunk.end : end]):
                    return chunk.doc[chunk.start : end]
    return None


def noun_phrase(span: Span, named: bool = False, min_words: int = 2) -> Candidate | None:
    """The span trimmed to a label, or None where it is no label."""
    tokens = list(span)
    while tokens and (
        tokens[0].pos_ in LEADING | {"ADV", "SCONJ"}
        or tokens[0].tag_ == "PRP$"
        or tokens[0].lower_ in QUANTIFIERS
    ):
        tokens = tokens[1:]
    if _age(tokens):
        tokens = tokens[5:]
    while tokens and (tokens[-1].pos_ in ("PUNCT", "PART") or tokens[-1].tag_ == "POS"):
        tokens = tokens[:-1]
    words = [t for t in tokens if not t.is_punct]
    if not words or len(words) > MAX_WORDS or tokens[-1].pos_ not in HEADS | {"NUM"}:
        return None
    if tokens[-1].pos_ == "NUM" or any(t.pos_ in ("VERB", "AUX", "PRON") for t in tokens):
        return None
    text = span.doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]
    if is_chrome(text) or _bare_place(tokens) or _possessive_fragment(text):
        return None
    if any(mark in text for mark in QUOTES):
        return None  # part of a quotation or a title: a fragment, not a name
    lemmas = frozenset(
        t.lemma_.lower() for t in tokens if t.pos_ in HEADS | {"ADJ", "NUM"} and not t.is_stop
    )
    if not lemmas or len(words) < min_words:
        return None
    if all(t.ent_type_ in TIMES for t in words):
        return None  # "February", "last year": when, not what
    if len(words) == 2 and tokens[0].like_num:
        return None  # "325,000 settlement": a count, or an amount that lost its currency
    return Candidate(text, lemmas, named, _weight(tokens))


def _weight(tokens: list) -> float:
    """Less for a bare name ("Jesse Matthew Jr.", "Carver Motors") or a count ("116 Palestinians").

    A name says who, not what about them; it names a theme only when nothing else does.
    """
    if all(t.ent_type_ and t.ent_iob_ != "O" for t in tokens if not t.is_punct):
        return 0.3
    return 0.6 if tokens[0].pos_ == "NUM" or tokens[0].like_num else 1.0


def _age(tokens: list) -> bool:
    """'18-year-old student': the age's pieces lead the chunk; the noun follows them."""
    ahead = " ".join(t.lower_ for t in tokens[:5])
    return len(tokens) > 5 and tokens[0].like_num and ahead.endswith(("year - old", "years - old"))


def _bare_place(tokens: list) -> bool:
    """Only a place ("Gaza", "the northern town of Gao", "harbour town"): where, not what.

    Its common nouns are all place nouns (a name after "town of" is a place, whatever
    kind the parser gives it), or it has none and all its names are places.
    """
    common = [t for t in tokens if t.pos_ == "NOUN"]
    if common:
        return all(t.lemma_.lower() in PLACE_NOUNS for t in common)
    names = [t for t in tokens if t.pos_ == "PROPN" or t.ent_type_]
    return bool(names) and all(t.ent_type_ in PLACES for t in names)


def _possessive_fragment(text: str) -> bool:
    return text.endswith(("'", "’", "'s", "’s")) or text.count("'s") + text.count("’s") > 1


def rank(
    docs: Sequence[Doc], frequency: Counter[str], total: int, taken: set[str]
) -> list[tuple[str, float]]:
    """The best candidates, with their scores scaled to 0-1: how many theme sentences
    share them, how rare they are in the brief, less for bare names and counts."""
    found = [candidates(doc) for doc in docs]
    sentence_lemmas = [{t.lemma_.lower() for t in doc} for doc in docs]
    best: dict[str, tuple[float, str]] = {}
    for own in found:
        for candidate in own:
            key = candidate.text.lower()
            if key in taken or key in best:
                continue
            best[key] = (_score(candidate, sentence_lemmas, frequency, total), candidate.text)
    ranked = sorted(best.values(), key=lambda pair: (-pair[0], pair[1]))[:SHORTLIST]
    top = max((score for score, _ in ranked), default=1.0) or 1.0
    return [(text, score / top) for score, text in ranked]


def _score(
    candidate: Candidate, sentences: Sequence[set[str]], frequency: Counter[str], total: int
) -> float:
    """Shared use (share of the candidate's lemmas each sentence has) times rarity."""
    shared = sum(len(candidate.lemmas & s) / len(candidate.lemmas) for s in sentences)
    used = [w for w in content_words(candidate.text) if not w[0].isdigit()] or ["_"]
    rarity = sum(math.log((1 + total) / (1 + frequency[w])) for w in used) / len(used)
    size = len(candidate.text.split())
    named = 1.2 if candidate.named else 1.0
    return shared * (1 + rarity) * (1.0 if size <= 4 else 0.8) * named * candidate.weight


def _pick(
    shortlist: list[tuple[str, float]],
    centroid: np.ndarray,
    taken: list[np.ndarray],
    encode: Encode,
) -> str | None:
    """Maximal marginal relevance (near the theme, away from the other themes' labels),
    plus the shared-use score, so a phrase the sentences share beats a bare name."""
    texts = [text for text, _ in shortlist]
    vectors = encode(texts)
    relevance = vectors @ centroid
    redundancy = (vectors @ np.stack(taken).T).max(axis=1) if taken else np.zeros(len(texts))
    gains = (1 - DIVERSITY) * relevance - DIVERSITY * redundancy
    gains = gains + SHARED * np.array([score for _, score in shortlist])
    return texts[int(np.argmax(gains))]


def _keywords(texts: Sequence[str], frequency: Counter[str], total: int) -> list[str]:
    """Words the theme's sentences share, weighted by how rare they are overall."""
    in_theme = Counter(w for text in texts for w in set(content_words(text)))
    scored = {
        w: count * math.log((1 + total) / (1 + frequency[w]))
        for w, count in in_theme.items()
        if count >= 2 and not w[0].isdigit()
    }
    return sorted(scored, key=lambda w: (-scored[w], w))[:5]


def _fallback(keywords: list[str], texts: Sequence[str], taken: set[str]) -> str:
    """Two or three of the theme's words when no phrase qualifies, still unique."""
    words = keywords or [w for t in texts for w in content_words(t) if not w[0].isdigit()]
    words = list(dict.fromkeys(words)) or ["shared", "point"]
    for size in (2, 3, 4):
        text = " and ".join(words[:size]) if size == 2 else ", ".join(words[:size])
        if len(words) >= size and text.lower() not in taken:
            return text
    number = 2
    while f"{words[0]} point {number}" in taken:
        number += 1
    return f"{words[0]} point {number}"
