"""The whole brief as JSON data, versioned so consumers can check the schema.

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

from briefing.models import Brief
from briefing.render.base import Options
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
    extension = ".json"
    templates = ()

    def check(self) -> None:
        """Needs nothing beyond the standard library."""

    def render(self, brief: Brief, templates: Templates, options: Options) -> str:
        text = json.dumps(to_data(brief), default=_encode, ensure_ascii=False, indent=2)
        return _escaped(text) + "\n"  # only inside strings: escaping keeps it valid JSON


ENGINE = JsonRenderer
