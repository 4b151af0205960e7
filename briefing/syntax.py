"""Parses as plain data, read through the names spaCy gives them.

The comparison reads a sentence's tokens, dependencies and entities. The
parser may run in another process (:mod:`briefing.language` starts a helper
that loads spaCy while this process reads and summarizes the articles), so a
parse crosses a pipe as tuples (:func:`rows_of`) and is read here through the
attributes of spaCy's ``Doc``, ``Span`` and ``Token`` that the rules use
(``dep_``, ``head``, ``children``, ``subtree``, ``ents``, ``noun_chunks`` ...),
computed as spaCy computes them. A parse made in this process goes through the
same conversion, so a brief reads the same whichever process parsed it, and
no module above the language layer imports spaCy.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

# One token: its fields in this order (see :func:`rows_of`).
TEXT, SPACE, LOWER, LEMMA, POS, TAG, DEP, HEAD, ENT_TYPE, ENT_IOB, IDX, LEFT, RIGHT, FLAGS = range(
    14
)
FLAG_NAMES = ("like_num", "is_stop", "is_punct", "is_title", "is_quote", "is_space", "is_digit")
"""Lexical flags kept per token, one bit each, in this order."""
_LABELS = (POS, TAG, DEP, ENT_TYPE, ENT_IOB)

Row = tuple[Any, ...]
Parse = tuple[
    str, tuple[Row, ...], tuple[tuple[int, int, str], ...], tuple[tuple[int, int, str], ...]
]
"""A parse as data: the text, one row per token, entities and noun chunks as (start, end, label)."""


def rows_of(doc: Any) -> Parse:
    """A spaCy ``Doc`` as plain tuples: what :class:`Doc` reads, picklable and small."""
    rows = tuple(
        (
            t.text,
            t.whitespace_,
            t.lower_,
            t.lemma_,
            t.pos_,
            t.tag_,
            t.dep_,
            t.head.i,
            t.ent_type_,
            t.ent_iob_,
            t.idx,
            t.left_edge.i,
            t.right_edge.i,
            sum(1 << k for k, name in enumerate(FLAG_NAMES) if getattr(t, name)),
        )
        for t in doc
    )
    ents = tuple((e.start, e.end, e.label_) for e in doc.ents)
    chunks = tuple((c.start, c.end, c.label_) for c in doc.noun_chunks)
    return doc.text, rows, ents, chunks


class Doc:
    """A parsed text: its tokens in order, its entities and noun chunks (spaCy's names)."""

    __slots__ = (
        "_lefts",
        "_rights",
        "_rows",
        "_tokens",
        "ents",
        "noun_chunks",
        "text",
        "user_data",
    )

    def __init__(self, parse: Parse) -> None:
        text, rows, ents, chunks = parse
        self.text = text
        self._rows = tuple(_interned(row) for row in rows)
        self._tokens = tuple(Token(self, i) for i in range(len(rows)))
        self._lefts, self._rights = _kids(self._rows)
        self.ents = tuple(Span(self, start, end, label) for start, end, label in ents)
        self.noun_chunks = tuple(Span(self, start, end, label) for start, end, label in chunks)
        self.user_data: dict[str, Any] = {}  # what callers derive from the parse, kept with it

    def __len__(self) -> int:
        return len(self._tokens)

    def __iter__(self) -> Iterator[Token]:
        return iter(self._tokens)

    def __getitem__(self, key: int | slice) -> Any:
        if isinstance(key, slice):
            start, stop, _ = key.indices(len(self._tokens))
            return Span(self, start, max(stop, start))
        return self._tokens[key]

    def char_span(self, start: int, end: int, alignment_mode: str = "strict") -> Span | None:
        """The tokens over characters ``start`` to ``end``, as spaCy aligns them.

        "strict": None unless both ends fall on token edges; "expand": every
        token the range touches; "contract": only tokens wholly inside it.
        """
        rows = self._rows
        touched = [i for i, r in enumerate(rows) if r[IDX] < end and r[IDX] + len(r[TEXT]) > start]
        inside = [
            i for i in touched if rows[i][IDX] >= start and rows[i][IDX] + len(rows[i][TEXT]) <= end
        ]
        if alignment_mode == "expand":
            chosen = touched
        elif alignment_mode == "contract":
            chosen = inside
        elif alignment_mode == "strict":
            chosen = inside if touched == inside else []
            if chosen and (
                rows[chosen[0]][IDX] != start
                or Span(self, chosen[0], chosen[-1] + 1).end_char != end
            ):
                chosen = []
        else:
            raise ValueError(
                f"alignment_mode must be strict, expand or contract, not {alignment_mode!r}"
            )
        return Span(self, chosen[0], chosen[-1] + 1) if chosen else None

    def __repr__(self) -> str:
        return self.text


def _interned(row: Row) -> Row:
    """The row with its labels interned: thousands of tokens share a few dozen label strings."""
    values = list(row)
    for k in _LABELS:
        values[k] = sys.intern(values[k])
    return tuple(values)


def _kids(rows: tuple[Row, ...]) -> tuple[tuple[tuple[int, ...], ...], tuple[tuple[int, ...], ...]]:
    """Each token's left and right children, as spaCy finds them: within its edges."""
    lefts: list[tuple[int, ...]] = []
    rights: list[tuple[int, ...]] = []
    for i, row in enumerate(rows):
        lefts.append(tuple(k for k in range(row[LEFT], i) if rows[k][HEAD] == i))
        rights.append(tuple(k for k in range(i + 1, row[RIGHT] + 1) if rows[k][HEAD] == i))
    return tuple(lefts), tuple(rights)


def _field(k: int, doc: str) -> property:
    return property(lambda self: self.doc._rows[self.i][k], doc=doc)


def _flag(k: int) -> property:
    return property(lambda self: bool(self.doc._rows[self.i][FLAGS] >> k & 1), doc=FLAG_NAMES[k])


class Token:
    """One token of a :class:`Doc`; equal to another when it is the same place in the same doc."""

    __slots__ = ("doc", "i")

    text = _field(TEXT, "The token's text.")
    whitespace_ = _field(SPACE, "The space after it, if any.")
    lower_ = _field(LOWER, "Its text in lower case.")
    lemma_ = _field(LEMMA, "Its base form.")
    pos_ = _field(POS, "Its coarse part of speech.")
    tag_ = _field(TAG, "Its fine part-of-speech tag.")
    dep_ = _field(DEP, "Its dependency label.")
    ent_type_ = _field(ENT_TYPE, "The label of the entity it is in, or ''.")
    ent_iob_ = _field(ENT_IOB, "B, I or O: where it is in an entity.")
    idx = _field(IDX, "Its offset in the text, in characters.")
    like_num, is_stop, is_punct, is_title, is_quote, is_space, is_digit = (
        _flag(k) for k in range(len(FLAG_NAMES))
    )

    def __init__(self, doc: Doc, i: int) -> None:
        self.doc = doc
        self.i = i

    @property
    def text_with_ws(self) -> str:
        return self.text + self.whitespace_

    @property
    def head(self) -> Token:
        return self.doc._tokens[self.doc._rows[self.i][HEAD]]

    @property
    def left_edge(self) -> Token:
        return self.doc._tokens[self.doc._rows[self.i][LEFT]]

    @property
    def right_edge(self) -> Token:
        return self.doc._tokens[self.doc._rows[self.i][RIGHT]]

    @property
    def lefts(self) -> Iterator[Token]:
        return (self.doc._tokens[k] for k in self.doc._lefts[self.i])

    @property
    def rights(self) -> Iterator[Token]:
        return (self.doc._tokens[k] for k in self.doc._rights[self.i])

    @property
    def n_lefts(self) -> int:
        return len(self.doc._lefts[self.i])

    @property
    def n_rights(self) -> int:
        return len(self.doc._rights[self.i])

    @property
    def children(self) -> Iterator[Token]:
        yield from self.lefts
        yield from self.rights

    @property
    def subtree(self) -> Iterator[Token]:
        """The token and its descendants, in spaCy's order (left subtrees, itself, right ones)."""
        for word in self.lefts:
            yield from word.subtree
        yield self
        for word in self.rights:
            yield from word.subtree

    @property
    def ancestors(self) -> Iterator[Token]:
        """Its head, the head's head ... up to the root of its sentence."""
        rows, i = self.doc._rows, self.i
        for _ in range(len(rows)):  # a broken tree cannot loop for ever
            if rows[i][HEAD] == i:
                return
            i = rows[i][HEAD]
            yield self.doc._tokens[i]

    def is_ancestor(self, descendant: Token) -> bool:
        return descendant.doc is self.doc and any(a.i == self.i for a in descendant.ancestors)

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Token) and other.doc is self.doc and other.i == self.i

    def __lt__(self, other: Token) -> bool:
        return self.idx < other.idx

    def __hash__(self) -> int:
        return hash((self.doc, self.i))


class Span:
    """Tokens ``start`` to ``end`` of a :class:`Doc`, with a label for entities and chunks."""

    __slots__ = ("doc", "end", "label_", "start")

    def __init__(self, doc: Doc, start: int, end: int, label: str = "") -> None:
        self.doc = doc
        self.start = start
        self.end = end
        self.label_ = label

    def __len__(self) -> int:
        return self.end - self.start

    def __iter__(self) -> Iterator[Token]:
        return iter(self.doc._tokens[self.start : self.end])

    def __getitem__(self, key: int | slice) -> Any:
        if isinstance(key, slice):
            start, stop, _ = key.indices(len(self))
            return Span(self.doc, self.start + start, self.start + max(stop, start))
        return self.doc._tokens[self.start : self.end][key]

    @property
    def start_char(self) -> int:
        return self.doc._rows[self.start][IDX] if len(self) else 0

    @property
    def end_char(self) -> int:
        if not len(self):
            return self.start_char
        last = self.doc._rows[self.end - 1]
        return last[IDX] + len(last[TEXT])

    @property
    def text(self) -> str:
        tokens = list(self)
        text = "".join(t.text_with_ws for t in tokens)
        return text[: -len(tokens[-1].whitespace_)] if tokens and tokens[-1].whitespace_ else text

    @property
    def text_with_ws(self) -> str:
        return "".join(t.text_with_ws for t in self)

    @property
    def ents(self) -> list[Span]:
        """The entities wholly inside the span, as spaCy gives them."""
        found = []
        for ent in self.doc.ents:
            if ent.start >= self.start:
                if ent.end > self.end:
                    break
                found.append(ent)
        return found

    @property
    def root(self) -> Token:
        """The token nearest the sentence's root; the first of equals (spaCy's rule)."""
        rows = self.doc._rows
        for i in range(self.start, self.end):
            if rows[i][HEAD] == i:
                return self.doc._tokens[i]
        best, root = len(rows), -1
        for i in range(self.start, self.end):
            if self.start <= rows[i][HEAD] < self.end:
                continue
            depth = self._to_root(i)
            if depth < best:
                best, root = depth, i
        return self.doc._tokens[self.start if root == -1 else root]

    def _to_root(self, i: int) -> int:
        token = self.doc._tokens[i]
        if (token.is_space or token.is_punct) and not token.n_lefts and not token.n_rights:
            return len(self.doc) - 1  # spaCy passes over bare spaces and punctuation
        return sum(1 for _ in token.ancestors)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Span) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def _key(self) -> tuple[Doc, int, int, str]:
        return self.doc, self.start_char, self.end_char, self.label_

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__
