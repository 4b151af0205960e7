"""briefing: offline comparative news briefs.

The pipeline is ``ingest -> summarize -> compare -> render``::

    import briefing

    brief = briefing.build_brief(["examples/"])      # a Brief dataclass
    documents = briefing.render(brief, ["html", "md"])
    briefing.summarize(text, sentences=3)             # one text's key sentences
"""

from briefing.errors import (
    BriefingError,
    ConfigError,
    EngineError,
    InputError,
    ModelError,
    OutputError,
    TemplateError,
)
from briefing.ingest import Metadata, load_articles
from briefing.models import (
    Article,
    Brief,
    Citation,
    Comparison,
    Figure,
    Point,
    Summary,
    Theme,
)
from briefing.pipeline import build_brief
from briefing.render import render
from briefing.summarize import Length, summarize
from briefing.version import __version__

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
