"""English inflection for names a brief shows: "take" as a participle is "taken".

Measure names read "Hectares burned" or "People taking part" (see
:mod:`briefing.compare.naming`); where the sentence's own word is not the
form needed, lemminflect supplies it. This module reads lemminflect's table
one word at a time and keeps spaCy out of the import, so a process that
parses in a helper never loads it.
"""

from __future__ import annotations

import gzip
import importlib
import sys
from functools import cache
from typing import Any


@cache
def inflect(lemma: str, tag: str) -> str:
    """``lemma`` inflected for a Penn tag ("take", "VBN": "taken"); "" where it has no such form.

    By lemminflect's own rules and tables, read one word at a time
    (:class:`_Entries`): loading its whole table would cost about 0.3 s for
    the few words a brief inflects. lemminflect imports spaCy, when it can,
    only to add two token attributes; this process may parse in a helper and
    never need spaCy, so its import is hidden while lemminflect loads (it then
    simply skips those attributes).
    """
    if not lemma.strip():  # lemminflect fails on an empty word
        return ""
    forms = _inflections().getInflection(lemma, tag=tag)
    return forms[0] if forms else ""


@cache
def _inflections() -> Any:
    """lemminflect's inflector, its table read on demand."""
    if "spacy" in sys.modules:
        importlib.import_module("lemminflect")
    else:
        sys.meta_path.insert(0, _NoSpacy)
        try:
            importlib.import_module("lemminflect")
        finally:
            sys.meta_path.remove(_NoSpacy)
    from lemminflect.core.Inflections import Inflections

    inflections = Inflections()  # the library's one instance: its own calls see the same table
    if not hasattr(inflections, "infl_dict"):
        inflections.infl_dict = _Entries(inflections.infl_lu_fn)
    return inflections


class _Entries(dict):
    """lemminflect's inflection table (word: {tag: spellings}), each word read on first lookup.

    The table file is a gzipped list of ``word,category,forms`` lines. A
    word's lines are found in the unpacked bytes (unpacked once, about 10 ms;
    each search about 1 ms) and decoded by lemminflect's own codec, then
    merged as its loader merges them, with its fixed entries for modal and
    auxiliary verbs in place of the table's; so a lookup answers what the
    whole table would (a test compares them).
    """

    def __init__(self, path: str) -> None:
        from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec

        super().__init__(InflectionLUCodec.updateForAuxMod({}))
        self._fixed = frozenset(self)
        self._codec = InflectionLUCodec
        self._path = path
        self._data = b""
        self._read: set[str] = set()

    def get(self, word: str, default: Any = None) -> Any:  # the one lookup lemminflect makes
        if word not in self._read:
            self._read.add(word)
            if word not in self._fixed:
                for line in self._lines(word):
                    found, _, forms = self._codec.fromString(line)
                    self.setdefault(found, {}).update(forms)
        return super().get(word, default)

    def _lines(self, word: str) -> list[str]:
        if not self._data:
            with gzip.open(self._path, "rb") as table:
                self._data = b"\n" + table.read()
        try:
            key, lines = b"\n" + word.encode() + b",", []
        except UnicodeEncodeError:  # a lone surrogate: no table word has one
            return []
        start = self._data.find(key)
        while start != -1:
            end = self._data.find(b"\n", start + 1)
            lines.append(self._data[start + 1 : end if end != -1 else None].decode())
            start = self._data.find(key, start + 1)
        return lines


class _NoSpacy:
    """An import finder under which spaCy reads as not installed."""

    @staticmethod
    def find_spec(name: str, path: object = None, target: object = None) -> None:
        if name == "spacy" or name.startswith("spacy."):
            raise ModuleNotFoundError(f"no module named {name!r}", name=name)
