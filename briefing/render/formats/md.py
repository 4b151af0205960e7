"""The md rendering of a brief, from the brief.md.j2 template."""

from briefing.render.base import TemplateRenderer


class MarkdownRenderer(TemplateRenderer):
    name = "md"
    label = "Markdown"  # what a reader calls it (the web form)
    extension = ".md"
    template = "brief.md.j2"


ENGINE = MarkdownRenderer
