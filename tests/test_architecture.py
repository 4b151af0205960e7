"""The package's shape: layers that import only downwards, no cycles, small modules and functions.

Read from the source with ``ast`` (no third-party tool): every ``import`` of a
``briefing`` module, at the top of a file or inside a function, is an edge.
Layers, lowest first::

    floor      errors, models, text, dates, registry, output, layout, addresses, version, defaults,
               language (the spaCy pipeline), syntax (parses as data), helper (the
               parser's process), evidence (figure and source records)
    ingest     reading, fetching, cleaning articles
    summarize  summaries, the encoder
    compare    the comparison; pipeline and evaluate, which join the stages
    render     documents, the email message
    speak      audio; share: email delivery, podcast feed
    app        settings, make_brief, resources: what every front end calls
    front      the front ends: the command line, the web app, the batch runner

A module may import its own layer and the ones below, never one above.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "briefing"
LAYERS = {
    "floor": (
        "errors",
        "models",
        "text",
        "dates",
        "registry",
        "output",
        "layout",
        "addresses",
        "version",
        "defaults",
        "language",
        "syntax",
        "helper",
        "inflection",
        "evidence",
    ),
    "ingest": ("ingest",),
    "summarize": ("summarize",),
    "compare": ("compare", "pipeline", "evaluate"),
    "render": ("render",),
    "speak": ("speak", "share"),
    "app": ("settings", "app", "resources"),
    "front": ("cli", "__main__", "web", "batch"),
}
ORDER = list(LAYERS)
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def resolve(name: str) -> str:
    """The module an imported name lives in (``briefing.render.Options`` -> ``briefing.render``)."""
    while name not in MODULES:
        name = name.rpartition(".")[0]
    return name


def imports(module: str) -> set[str]:
    """The briefing modules ``module`` imports, anywhere in its body."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}".rstrip(".")
            names = [f"{base}.{alias.name}" for alias in node.names] or [base]
        else:
            continue
        found.update(resolve(n) for n in names if n.split(".")[0] == "briefing")
    return found - {module}


GRAPH = {module: imports(module) for module in MODULES}


def layer(module: str) -> int | None:
    """The layer's rank; None for the top package, which only re-exports the public API."""
    if module == "briefing":
        return None
    first = module.split(".")[1]
    for rank, name in enumerate(ORDER):
        if first in LAYERS[name]:
            return rank
    raise AssertionError(f"{module} is in no layer; add it to LAYERS")


def test_every_module_has_a_layer() -> None:
    for module in MODULES:
        layer(module)


def test_no_module_imports_a_higher_layer() -> None:
    upward = [
        f"{module} ({ORDER[layer(module)]}) imports {target} ({ORDER[layer(target)]})"
        for module, targets in GRAPH.items()
        if layer(module) is not None
        for target in targets
        if layer(target) is None or layer(target) > layer(module)
    ]
    assert not upward, "\n".join(upward)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles() -> None:
    assert cycles(GRAPH) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_and_functions_stay_small(module: str) -> None:
    source = MODULES[module].read_text(encoding="utf-8")
    assert len(source.splitlines()) <= MAX_MODULE_LINES, module
    long = [
        f"{node.name}: {node.end_lineno - node.lineno + 1} lines"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, (module, long)
