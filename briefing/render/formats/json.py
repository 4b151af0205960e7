"""The whole brief as JSON data, versioned so consumers can check the schema.

Version 3: ``comparison.bottom_line`` holds the bottom line's findings (what
the articles agree on, with who, where and when; the main disagreement or
the ``positions`` of pieces arguing opposite ways; the main change) and
``sentences``, the bottom line as every format words it, each sentence with
its ``evidence`` (article id, sentence index, anchor). ``comparison.positions``
lists the positions; framing's ``new_terms`` are noun phrases.

Version 2: themes open with their most central sentence; framing shifts carry
``new_terms`` (term and sentences), ``tone`` (earlier and later VADER scores
and their sentences), ``undated`` article ids and ``series``.
"""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date, datetime
from typing import Any

from briefing.models import Brief, sentence_anchor
from briefing.render.base import Options
from briefing.render.bottom import evidence
from briefing.render.filters import plain
from briefing.render.templates import Templates
from briefing.version import __version__


def to_data(brief: Brief) -> dict[str, Any]:
    data = dataclasses.asdict(brief)
    data.pop("schema_version")
    for article in data["articles"]:
        article.pop("removed")  # the chrome we dropped is not part of the brief
    return {"version": brief.schema_version, "generator": f"briefing {__version__}", **data}


INVISIBLE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""What ``json.dumps`` leaves raw but a viewer acts on: C1 controls, bidi marks and
overrides (a title that reads backwards in a terminal or editor), line separators."""


def _escaped(text: str) -> str:
    """The JSON text with those characters as ``\\uXXXX`` escapes: the same data, inert."""
    return INVISIBLE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _encode(value: object) -> str:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


class JsonRenderer:
    name = "json"
    label = "JSON data"  # what a reader calls it (the web form)
    extension = ".json"
    templates = ()

    def check(self) -> None:
        """Needs nothing beyond the standard library."""

    def render(self, brief: Brief, templates: Templates, options: Options) -> str:
        data = to_data(brief)
        data["comparison"]["bottom_line"]["sentences"] = bottom_line_sentences(brief, templates)
        text = json.dumps(data, default=_encode, ensure_ascii=False, indent=2)
        return _escaped(text) + "\n"  # only inside strings: escaping keeps it valid JSON


def bottom_line_sentences(brief: Brief, templates: Templates) -> list[dict[str, Any]]:
    """The bottom line as the shared template words it, each sentence with its evidence."""
    macros = templates.load("_bottom_line.j2").module
    found = brief.comparison.bottom_line
    articles = {a.id: a for a in brief.articles}
    parts = (
        ("agreed", macros.agreed(found)),  # type: ignore[attr-defined]
        ("disagreement", macros.disagreed(found, articles)),  # type: ignore[attr-defined]
        ("change", macros.changed(found, articles)),  # type: ignore[attr-defined]
    )
    return [
        {
            "finding": part,
            "text": plain(str(text)),
            "evidence": [
                {"article_id": a, "sentence": n, "anchor": sentence_anchor(a, n)}
                for a, n in evidence(found, part)
            ],
        }
        for part, text in parts
        if str(text).strip()
    ]


ENGINE = JsonRenderer
