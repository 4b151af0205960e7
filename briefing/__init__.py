"""briefing: offline comparative news briefs.

The pipeline is ``ingest -> summarize -> compare -> render``::

    import briefing

    brief = briefing.build_brief(["examples/"])      # a Brief dataclass
    documents = briefing.render(brief, ["html", "md"])
    briefing.summarize(text, sentences=3)             # one text's key sentences

The public names load on first use (PEP 562), so ``briefing --version`` and
``--help`` answer without importing the pipeline and its libraries.
"""

from __future__ import annotations

import importlib
import sys
import types

from briefing.errors import (
    BriefingError,
    ConfigError,
    EngineError,
    InputError,
    ModelError,
    OutputError,
    TemplateError,
)
from briefing.version import __version__

_LAZY = {
    **dict.fromkeys(
        ("Article", "Brief", "Citation", "Comparison", "Figure", "Point", "Summary", "Theme"),
        "briefing.models",
    ),
    "Metadata": "briefing.ingest",
    "load_articles": "briefing.ingest",
    "build_brief": "briefing.pipeline",
    "Length": "briefing.summarize",
}

__all__ = [
    "Article",
    "Brief",
    "BriefingError",
    "Citation",
    "Comparison",
    "ConfigError",
    "EngineError",
    "Figure",
    "InputError",
    "Length",
    "Metadata",
    "ModelError",
    "OutputError",
    "Point",
    "Summary",
    "TemplateError",
    "Theme",
    "__version__",
    "build_brief",
    "load_articles",
    "render",
    "summarize",
]


def __getattr__(name: str) -> object:
    if name not in _LAZY:
        raise AttributeError(f"module 'briefing' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def _function_of(package: str) -> property:
    """``briefing.render`` and ``briefing.summarize`` are functions, as they always were,
    though subpackages of the same names exist: importing the subpackage must not
    replace the function on the package."""
    name = package.rpartition(".")[2]
    return property(
        lambda self: getattr(importlib.import_module(package), name),
        lambda self, value: None,  # the import system setting the subpackage
    )


class _Package(types.ModuleType):
    render = _function_of("briefing.render")
    summarize = _function_of("briefing.summarize")


sys.modules[__name__].__class__ = _Package
