"""The Jinja environment: the user's templates first, then the shipped ones.

Each template is parsed once: :class:`CheckingLoader` compiles from the syntax
tree it also reads for the filters, tests and templates it names, so the
check before any work costs no second parse.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Iterator, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes

from briefing.errors import TemplateError
from briefing.render import bottom, filters
from briefing.render.compiled import CompiledCache, user_folder


def builtin_templates() -> Path:
    """The shipped templates: inside an installed package, or the repo's templates/."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "templates", package.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise TemplateError(f"the built-in templates are missing (looked in {package / 'templates'})")


@dataclass(frozen=True)
class Names:
    """What one template's syntax tree names: filters and tests with their lines, and
    the templates it includes, imports or extends by a literal name."""

    used: tuple[tuple[str, str, int], ...]
    included: tuple[str, ...]

    @classmethod
    def of(cls, tree: nodes.Template) -> Names:
        found = list(tree.find_all(_NAMING + _INCLUDING))  # one walk for both
        return cls(tuple(_names_used(found)), tuple(_included(found)))


class CheckingLoader(jinja2.FileSystemLoader):
    """A ``FileSystemLoader`` that keeps the :class:`Names` of every template it compiles.

    Jinja's own ``load`` parses a source only to compile it, so reading the names
    took a second parse of every template on every cold start. Here the one tree
    is read, then compiled (``Environment.compile`` takes a parsed tree). With a
    ``cache``, the templates in the ``cached`` folder (the shipped ones) are
    compiled once per version and kept, with their names, across processes.
    """

    def __init__(self, searchpath: list[str], cached: str | None = None) -> None:
        super().__init__(searchpath)
        self.names: dict[str, Names] = {}  # by template name, from its latest load
        self.cached = cached
        self.cache: CompiledCache | None = None

    def load(
        self,
        environment: jinja2.Environment,
        name: str,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        source, filename, uptodate = self.get_source(environment, name)
        cache = self.cache if self.cached and Path(filename).is_relative_to(self.cached) else None
        found = cache.get(name, filename, source) if cache else None
        if found is None:
            tree = environment.parse(source, name, filename)
            names = Names.of(tree)  # before compiling: the optimizer folds constants in place
            code = environment.compile(tree, name, filename)
            if cache:
                cache.put(name, filename, source, code, (names.used, names.included))
        else:
            code, names = found[0], Names(*found[1])
        self.names[name] = names
        shared = {} if globals is None else globals
        return environment.template_class.from_code(environment, code, shared, uptodate)


class Templates:
    """Loads and renders templates, turning Jinja errors into one-line messages."""

    def __init__(self, user_dir: Path | None = None, cache: Path | bool = True) -> None:
        """``cache``: keep the shipped templates compiled in the user's cache folder
        (True), in this folder, or not at all (False); a user's own are never kept."""
        if user_dir is not None and not Path(user_dir).is_dir():
            raise TemplateError(f"{user_dir}: template folder not found")
        search = [str(user_dir)] if user_dir else []
        shipped = str(builtin_templates())
        self.loader = CheckingLoader([*search, shipped], cached=shipped)
        self.environment = jinja2.Environment(
            loader=self.loader,
            undefined=jinja2.StrictUndefined,
            autoescape=autoescape,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.environment.filters.update(filters.FILTERS)
        self.environment.filters.update(bottom.FILTERS)
        folder = user_folder() if cache is True else cache or None
        self.loader.cache = CompiledCache.for_folder(folder, self.environment)
        self._checked: set[str] = set()  # each template read once, however many formats use it

    def load(self, name: str) -> jinja2.Template:
        try:
            return self.environment.get_template(name)
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(f"{exc.name}: template not found") from exc
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"{exc.filename or exc.name}:{exc.lineno}: {exc.message}") from exc

    def check(self, name: str) -> None:
        """Load ``name`` and the templates it includes, and refuse unknown filters and tests.

        Jinja looks a filter up only when its line runs, so ``map("extract")`` in a
        branch that only undated articles reach failed long after ``preflight``.
        """
        pending = [name]
        while pending:
            current = pending.pop()
            if current in self._checked:
                continue
            template = self.load(current)  # parsed once, its names read on the way
            names = self.loader.names[current]
            for kind, used, line in names.used:
                known = self.environment.filters if kind == "filter" else self.environment.tests
                if used not in known:
                    where = template.filename or current
                    raise TemplateError(f"{where}:{line}: no {kind} named {used!r}")
            self._checked.add(current)  # only once it passed: a failure fails every time
            pending.extend(names.included)

    def render(self, name: str, **context: Any) -> str:
        template = self.load(name)
        try:
            # no control characters from an input reach any output: terminal escapes,
            # bidi overrides and stray CRs are dropped whatever the template
            return filters.plain(template.render(**context))
        except Exception as exc:  # any failure inside a template is the template's
            where = _location(exc, template.filename or name)
            raise TemplateError(f"{where}: {type(exc).__name__}: {exc}") from exc


_NAMING = (nodes.Filter, nodes.Test)
_INCLUDING = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)
_TAKES_FILTER = {"map": 0}
_TAKES_TEST = {"select": 0, "reject": 0, "selectattr": 1, "rejectattr": 1}


def _names_used(found: Iterable[nodes.Node]) -> Iterator[tuple[str, str, int]]:
    """("filter" or "test", name, line) for every filter and test among a tree's nodes,
    also those passed by name: ``map("upper")``, ``select("odd")``, ``selectattr("x", "eq")``."""
    for node in found:
        if not isinstance(node, _NAMING):
            continue
        if node.name is None:  # a {% filter %} block's inner node; its name is checked apart
            continue
        kind = "filter" if isinstance(node, nodes.Filter) else "test"
        yield kind, node.name, node.lineno
        for table, inner in ((_TAKES_FILTER, "filter"), (_TAKES_TEST, "test")):
            position = table.get(node.name) if kind == "filter" else None
            if position is not None and len(node.args) > position:
                argument = node.args[position]
                if isinstance(argument, nodes.Const) and isinstance(argument.value, str):
                    yield inner, argument.value, node.lineno


def _included(found: Iterable[nodes.Node]) -> Iterator[str]:
    """The templates an ``include``, ``import``, ``from`` or ``extends`` names literally,
    also both of ``include "a" if x else "b"`` (the HTML's style sheets)."""
    for node in found:
        if isinstance(node, _INCLUDING):
            yield from _literal(node.template)


def _literal(expression: nodes.Expr | None) -> Iterator[str]:
    if isinstance(expression, nodes.Const) and isinstance(expression.value, str):
        yield expression.value
    elif isinstance(expression, nodes.CondExpr):
        yield from _literal(expression.expr1)
        yield from _literal(expression.expr2)


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
