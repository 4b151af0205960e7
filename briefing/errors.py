"""The exceptions briefing raises.

Every error a user can cause derives from :class:`BriefingError`, so callers
need one ``except`` clause; third-party errors are translated where they occur
and chained with ``raise ... from``. An error about one setting names it in
``setting`` (the settings field, e.g. ``"max_size"``) and writes ``{setting}``
where its message refers to it: :meth:`BriefingError.describe` spells it the
way a front end does (the CLI as ``--max-size``), ``str()`` as the field name::

    BriefingError
    ├── InputError (ValueError)       a file or URL cannot be used as an article
    │   └── NotAnArticle              it reads, but it is a page notice, not news
    ├── ConfigError (ValueError)      an option or length spec is invalid
    │   ├── ChoiceError               a setting's value is not one of its fixed choices
    │   └── PlanError                 a batch plan cannot be used (names file, topic and key)
    ├── EngineError                   an unknown engine name
    │   └── SynthesisError            a voice engine failed to speak
    ├── ModelError                    a model cannot be found or loaded
    ├── TemplateError                 a template is missing or broken
    └── OutputError (OSError)         an output cannot be written
"""

from __future__ import annotations

from collections.abc import Callable


def first_line(exc: object, limit: int | None = None) -> str:
    """The first line of a third-party error's message, for a one-line report."""
    text = str(exc).strip()
    line = text.splitlines()[0] if text else type(exc).__name__
    return line[:limit] if limit else line


SETTING = "{setting}"
"""Where a message names its setting; each front end spells the setting its own way."""


class BriefingError(Exception):
    """Root of every error briefing raises on purpose.

    ``setting`` is the settings field the error is about, or None; the message
    says ``{setting}`` where it names it, so the library never spells a front
    end's flag (click's ``param_hint``, the other way round).
    """

    def __init__(self, *args: object, setting: str | None = None) -> None:
        super().__init__(*args)
        self.setting = setting

    def describe(self, spell: Callable[[str], str] | None = None) -> str:
        """The message with its setting spelled by ``spell`` (default: the field name)."""
        text = self.template
        if self.setting is None:
            return text
        name = spell(self.setting) if spell else self.setting
        return text.replace(SETTING, name)

    def __str__(self) -> str:
        return self.describe()

    @property
    def template(self) -> str:
        """The message as raised: ``{setting}`` where it names its setting."""
        return super().__str__()


class InputError(BriefingError, ValueError):
    """An input cannot be read as an article; the message names the input."""

    def __init__(self, source: str, problem: str, *, setting: str | None = None) -> None:
        super().__init__(f"{source}: {problem}", setting=setting)
        self.source = source
        self.problem = problem


class NotAnArticle(InputError):
    """The input is scraping junk (an archive notice, a widget, an error page).

    It is always left out with a note, even in strict mode: the user gave a
    real page, it just holds no article.
    """


class ConfigError(BriefingError, ValueError):
    """An option has a value briefing cannot use."""


class ChoiceError(ConfigError):
    """A setting with a fixed set of values (a theme, a paper size) got another one."""


class PlanError(ConfigError):
    """A batch plan is not valid TOML, or a topic's key or value cannot be used.

    The message names the plan file, the topic and the key, as the plan spells
    them, so it has no ``setting`` for a front end to spell its own way.
    """


class EngineError(BriefingError, LookupError):
    """A summarizer, renderer or voice name that is not registered."""


class SynthesisError(EngineError):
    """A voice engine returned no usable audio for a sentence."""


class ModelError(BriefingError):
    """A model is missing or fails to load."""


class TemplateError(BriefingError):
    """A template is missing, fails to parse or fails to render."""


class OutputError(BriefingError, OSError):
    """An output file cannot be written."""
