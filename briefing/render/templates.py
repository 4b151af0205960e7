"""The Jinja environment: the user's templates first, then the shipped ones."""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

import jinja2

from briefing.errors import TemplateError
from briefing.render import bottom, filters


def builtin_templates() -> Path:
    """The shipped templates: inside an installed package, or the repo's templates/."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "templates", package.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise TemplateError(f"the built-in templates are missing (looked in {package / 'templates'})")


class Templates:
    """Loads and renders templates, turning Jinja errors into one-line messages."""

    def __init__(self, user_dir: Path | None = None) -> None:
        if user_dir is not None and not Path(user_dir).is_dir():
            raise TemplateError(f"{user_dir}: template folder not found")
        search = [str(user_dir)] if user_dir else []
        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader([*search, str(builtin_templates())]),
            undefined=jinja2.StrictUndefined,
            autoescape=autoescape,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.environment.filters.update(filters.FILTERS)
        self.environment.filters.update(bottom.FILTERS)

    def load(self, name: str) -> jinja2.Template:
        try:
            return self.environment.get_template(name)
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(f"{exc.name}: template not found") from exc
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"{exc.filename or exc.name}:{exc.lineno}: {exc.message}") from exc

    def render(self, name: str, **context: Any) -> str:
        template = self.load(name)
        try:
            # no control characters from an input reach any output: terminal escapes,
            # bidi overrides and stray CRs are dropped whatever the template
            return filters.plain(template.render(**context))
        except Exception as exc:  # any failure inside a template is the template's
            where = _location(exc, template.filename or name)
            raise TemplateError(f"{where}: {type(exc).__name__}: {exc}") from exc


HTML_NAMES = (".html", ".htm", ".xml", ".xhtml", ".svg")


def autoescape(name: str | None) -> bool:
    """Escape in every template that makes markup: ``brief.html.j2`` as well as ``x.html``.

    Jinja's ``select_autoescape`` looks at the last extension only, so it
    never matched ``*.html.j2``. Templates made from strings are escaped too.
    """
    if name is None:
        return True
    stem = name.lower().removesuffix(".j2").removesuffix(".jinja").removesuffix(".jinja2")
    return stem.endswith(HTML_NAMES)


def _location(exc: BaseException, fallback: str) -> str:
    """file:line of the innermost template frame in a rendering traceback."""
    frames = [
        frame
        for frame in traceback.extract_tb(exc.__traceback__)
        if frame.filename.endswith((".j2", ".html", ".md", ".txt"))
    ]
    return f"{frames[-1].filename}:{frames[-1].lineno}" if frames else fallback
