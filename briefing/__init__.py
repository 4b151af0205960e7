"""briefing: offline comparative news briefs.

The pipeline is ``ingest -> summarize -> compare -> render -> speak``; one call
makes a whole brief, as ``briefing build`` does::

    import briefing

    request = briefing.Request(briefing.Sources(("examples/",)))
    result = briefing.make_brief(request)             # written to briefs/
    result.path("html")

    brief = briefing.build_brief(["examples/"])       # the Brief alone, written nowhere
    documents = briefing.render_brief(brief, ["html", "md"])
    briefing.summarize_text(text, sentences=3)        # one text's key sentences

A server or worker that makes many briefs holds one :class:`Resources` (the
encoder and the voices, loaded once) and passes it to every ``make_brief``.
:func:`send_kept` sends a kept brief's email again; :func:`build_feed` makes a
podcast feed of a folder of audio briefs.

The public names load on first use (PEP 562), so ``briefing --version`` and
``--help`` answer without importing the pipeline and its libraries. The
subpackages (``briefing.render``, ``briefing.summarize`` ...) are modules, as
any import gives them.
"""

import importlib

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
    **dict.fromkeys(("Result", "Status", "build_brief", "make_brief"), "briefing.app"),
    **dict.fromkeys(
        ("Audio", "Display", "Mail", "Output", "Request", "Server", "Sources", "VoiceOptions"),
        "briefing.settings",
    ),
    "SummarySettings": "briefing.summarize.settings",
    "ModelOptions": "briefing.summarize",
    "Length": "briefing.summarize",
    "Resources": "briefing.resources",
    "send_kept": "briefing.share.kept",
    "build_feed": "briefing.share.feed",
    "Metadata": "briefing.ingest",
    "load_articles": "briefing.ingest",
}
_RENAMED = {
    "render_brief": ("briefing.render", "render"),
    "summarize_text": ("briefing.summarize", "summarize"),
}

__all__ = [
    "Article",
    "Audio",
    "Brief",
    "BriefingError",
    "Citation",
    "Comparison",
    "ConfigError",
    "Display",
    "EngineError",
    "Figure",
    "InputError",
    "Length",
    "Mail",
    "Metadata",
    "ModelError",
    "ModelOptions",
    "Output",
    "OutputError",
    "Point",
    "Request",
    "Resources",
    "Result",
    "Server",
    "Sources",
    "Status",
    "Summary",
    "SummarySettings",
    "TemplateError",
    "Theme",
    "VoiceOptions",
    "__version__",
    "build_brief",
    "build_feed",
    "load_articles",
    "make_brief",
    "render_brief",
    "send_kept",
    "summarize_text",
]


def __getattr__(name: str) -> object:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
    elif name in _RENAMED:
        module, attribute = _RENAMED[name]
        value = getattr(importlib.import_module(module), attribute)
    elif name in ("render", "summarize"):  # documented subpackages: briefing.render.FORMATS
        return importlib.import_module(f"briefing.{name}")
    else:
        raise AttributeError(f"module 'briefing' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
