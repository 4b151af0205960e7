"""The brief as an email message (.eml): HTML and plain-text bodies, the PDF and MP3 attached.

Open the file in a mail client to send it by hand, or deliver it with
``briefing send``. The PDF is attached when ``pdf`` is among the formats of
the same run, the MP3 when the audio was recorded.
"""

from __future__ import annotations

from briefing.models import Brief
from briefing.render.base import Options
from briefing.render.templates import Templates


class EmailRenderer:
    name = "eml"
    extension = ".eml"
    templates = ("brief.html.j2", "brief.txt.j2")
    attaches = ("pdf",)

    def render(self, brief: Brief, templates: Templates, options: Options) -> bytes:
        from briefing.share.email import Mail, compose

        message = compose(brief, templates, options.mail or Mail(), options.attachments)
        return message.as_bytes()


ENGINE = EmailRenderer()
