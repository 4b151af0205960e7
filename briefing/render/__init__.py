"""Render: turn a :class:`Brief` into documents, one renderer per format."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from briefing.defaults import DEFAULT_FORMATS as _DEFAULT_FORMATS
from briefing.defaults import FORMATS as _FORMATS
from briefing.models import Brief
from briefing.registry import Registry
from briefing.render.base import Display, Options, Renderer
from briefing.render.templates import Templates

FORMATS: Registry[Renderer] = _FORMATS
DEFAULT_FORMATS = _DEFAULT_FORMATS

__all__ = [
    "DEFAULT_FORMATS",
    "FORMATS",
    "Display",
    "Options",
    "Renderer",
    "Templates",
    "preflight",
    "render",
]


def preflight(formats: Sequence[str], templates: Path | Templates | None = None) -> None:
    """Fail fast on an unknown format, or a template that does not parse or names a
    filter or test that does not exist."""
    environment = _environment(templates)
    for name in formats:
        renderer = FORMATS.load(name)
        for template in renderer.templates:
            environment.check(template)
        renderer.check()  # e.g. a missing system library


def render(
    brief: Brief,
    formats: Sequence[str | Renderer] = DEFAULT_FORMATS,
    templates: Path | Templates | None = None,
    options: Options | None = None,
) -> dict[str, tuple[str, str | bytes]]:
    """``{format: (extension, content)}`` for each format; all render before any is written.

    A format is a registered name or a configured renderer, e.g.
    ``EmailRenderer(mail, attachments)`` for an addressed email with files.
    ``templates`` is a folder of your own, or an environment made already (one
    per brief: its compiled templates are kept).
    """
    options = options or Options()
    renderers = [FORMATS.load(f) if isinstance(f, str) else f for f in formats]
    environment = _environment(templates)
    return {
        renderer.name: (renderer.extension, renderer.render(brief, environment, options))
        for renderer in renderers
    }


def _environment(templates: Path | Templates | None) -> Templates:
    return templates if isinstance(templates, Templates) else Templates(templates)
