"""The md rendering of a brief, from the brief.md.j2 template."""

from briefing.render.base import TemplateRenderer

ENGINE = TemplateRenderer(name="md", extension=".md", template="brief.md.j2")
