"""Render: turn a :class:`Brief` into documents, one renderer per format."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from briefing.defaults import DEFAULT_FORMATS as _DEFAULT_FORMATS
from briefing.defaults import FORMATS as _FORMATS
from briefing.models import Brief
from briefing.output import slugify
from briefing.registry import Registry
from briefing.render.base import Display, Options, Renderer
from briefing.render.templates import Templates

FORMATS: Registry = _FORMATS
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


def preflight(formats: Sequence[str], templates: Path | None = None) -> None:
    """Fail fast on an unknown format or a template that does not parse."""
    environment = Templates(templates)
    for name in formats:
        renderer = FORMATS.get(name)
        for template in getattr(renderer, "templates", ()):
            environment.load(template)
        getattr(renderer, "check", lambda: None)()  # e.g. a missing system library


def render(
    brief: Brief,
    formats: Sequence[str] = DEFAULT_FORMATS,
    templates: Path | None = None,
    options: Options | None = None,
) -> dict[str, tuple[str, str | bytes]]:
    """``{format: (extension, content)}`` for each format; all render before any is written.

    A format that attaches others (the email attaches the PDF) renders after them
    and receives what they produced as attachments.
    """
    options = options or Options()
    renderers = [FORMATS.get(name) for name in formats]
    environment = Templates(templates)
    name = options.name or slugify(brief.title)
    documents: dict[str, tuple[str, str | bytes]] = {}
    for renderer in sorted(renderers, key=lambda r: bool(getattr(r, "attaches", ()))):
        given = options
        if getattr(renderer, "attaches", ()):
            from briefing.share.email import Attachment

            produced = tuple(
                Attachment.of(f"{name}{documents[f][0]}", documents[f][1])
                for f in renderer.attaches
                if f in documents
            )
            given = replace(options, attachments=produced + options.attachments)
        documents[renderer.name] = (renderer.extension, renderer.render(brief, environment, given))
    return {renderer.name: documents[renderer.name] for renderer in renderers}
