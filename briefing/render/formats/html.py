"""The html rendering of a brief, from the brief.html.j2 template."""

from briefing.render.base import TemplateRenderer


class HtmlRenderer(TemplateRenderer):
    name = "html"
    label = "Web page (HTML)"  # what a reader calls it (the web form)
    extension = ".html"
    template = "brief.html.j2"


ENGINE = HtmlRenderer
