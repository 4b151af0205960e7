"""The narration script of the audio brief, from the brief.script.j2 template.

Plain text a user can edit and turn into audio with ``briefing speak``.
"""

from briefing.layout import SCRIPT
from briefing.render.base import TemplateRenderer


class ScriptRenderer(TemplateRenderer):
    name = "script"
    label = "Narration script"  # what a reader calls it (the web form)
    extension = SCRIPT
    template = "brief.script.j2"


ENGINE = ScriptRenderer
