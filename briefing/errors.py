"""The exceptions briefing raises.

Every error a user can cause derives from :class:`BriefingError`, so callers
need one ``except`` clause; third-party errors are translated where they occur
and chained with ``raise ... from``::

    BriefingError
    ├── InputError (ValueError)       a file or URL cannot be used as an article
    │   └── NotAnArticle              it reads, but it is a page notice, not news
    ├── ConfigError (ValueError)      an option or length spec is invalid
    ├── EngineError                   an unknown engine name
    ├── ModelError                    a model cannot be found or loaded
    ├── TemplateError                 a template is missing or broken
    └── OutputError (OSError)         an output cannot be written
"""

from __future__ import annotations


def first_line(exc: object, limit: int | None = None) -> str:
    """The first line of a third-party error's message, for a one-line report."""
    text = str(exc).strip()
    line = text.splitlines()[0] if text else type(exc).__name__
    return line[:limit] if limit else line


class BriefingError(Exception):
    """Root of every error briefing raises on purpose."""


class InputError(BriefingError, ValueError):
    """An input cannot be read as an article; the message names the input."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class NotAnArticle(InputError):
    """The input is scraping junk (an archive notice, a widget, an error page).

    It is always left out with a note, even in strict mode: the user gave a
    real page, it just holds no article.
    """


class ConfigError(BriefingError, ValueError):
    """An option has a value briefing cannot use."""


class EngineError(BriefingError, LookupError):
    """A summarizer, renderer or voice name that is not registered."""


class ModelError(BriefingError):
    """A model is missing or fails to load."""


class TemplateError(BriefingError):
    """A template is missing, fails to parse or fails to render."""


class OutputError(BriefingError, OSError):
    """An output file cannot be written."""
