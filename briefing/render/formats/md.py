"""The md rendering of a brief, from the brief.md.j2 template."""

from briefing.render.base import TemplateRenderer


class MarkdownRenderer(TemplateRenderer):
    name = "md"
    extension = ".md"
    template = "brief.md.j2"


ENGINE = MarkdownRenderer
