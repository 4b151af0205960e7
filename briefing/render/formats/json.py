"""The whole brief as JSON data, versioned so consumers can check the schema.

Version 2: themes open with their most central sentence; framing shifts carry
``new_terms`` (term and sentences), ``tone`` (earlier and later VADER scores
and their sentences), ``undated`` article ids and ``series``.
"""

from __future__ import annotations

import dataclasses
import json
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
        return json.dumps(to_data(brief), default=_encode, ensure_ascii=False, indent=2) + "\n"


ENGINE = JsonRenderer
