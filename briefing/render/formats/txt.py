"""The txt rendering of a brief, from the brief.txt.j2 template."""

from briefing.render.base import TemplateRenderer


class TextRenderer(TemplateRenderer):
    name = "txt"
    label = "Plain text"  # what a reader calls it (the web form)
    extension = ".txt"
    template = "brief.txt.j2"


ENGINE = TextRenderer
