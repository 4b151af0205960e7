"""The txt rendering of a brief, from the brief.txt.j2 template."""

from briefing.render.base import TemplateRenderer

ENGINE = TemplateRenderer(name="txt", extension=".txt", template="brief.txt.j2")
