"""Render: turn a :class:`Brief` into documents, one renderer per format."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from briefing.models import Brief
from briefing.registry import Registry
from briefing.render.base import Renderer
from briefing.render.templates import Templates

FORMATS: Registry = Registry("format", "briefing.render.formats")
DEFAULT_FORMATS = ("html", "md", "txt", "json")

__all__ = ["DEFAULT_FORMATS", "FORMATS", "Renderer", "Templates", "preflight", "render"]


def preflight(formats: Sequence[str], templates: Path | None = None) -> None:
    """Fail fast on an unknown format or a template that does not parse."""
    environment = Templates(templates)
    for name in formats:
        template = getattr(FORMATS.get(name), "template", None)
        if template:
            environment.load(template)


def render(
    brief: Brief, formats: Sequence[str] = DEFAULT_FORMATS, templates: Path | None = None
) -> dict[str, tuple[str, str]]:
    """``{format: (extension, text)}`` for each format; all render before any is written."""
    renderers = [FORMATS.get(name) for name in formats]
    environment = Templates(templates)
    return {r.name: (r.extension, r.render(brief, environment)) for r in renderers}
