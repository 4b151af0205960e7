"""``briefing serve``: a local web app to make, read, hear, share and keep briefs.

A front end over :func:`briefing.app.make_brief`, like the command line: the
make form fills in a :class:`~briefing.settings.Request`, a worker thread makes
the brief with the encoder and voices loaded once, and the brief's pages,
files, email and podcast feed come from a data directory indexed in SQLite.
This module only re-exports.
"""

from briefing.web.app import create_app
from briefing.web.config import SMTP_VARIABLES, Limits, Mailer, ServerConfig, mailer_from

__all__ = ["SMTP_VARIABLES", "Limits", "Mailer", "ServerConfig", "create_app", "mailer_from"]
