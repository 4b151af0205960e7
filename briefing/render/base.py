"""The renderer protocol and the template-backed renderer most formats use."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from briefing import __version__
from briefing.errors import ConfigError
from briefing.models import Brief
from briefing.render.filters import apart, join_names
from briefing.render.templates import Templates

if TYPE_CHECKING:
    from briefing.share.email import Attachment, Mail

THEMES = ("auto", "light", "dark", "contrast")
PAPER_SIZES = ("A4", "letter")


@dataclass(frozen=True)
class Display:
    """How the HTML and PDF look. Readers can still change theme and reading on the page."""

    theme: str = "auto"  # auto follows the system's dark and more-contrast settings
    easy_reading: bool = False  # larger type, wider spacing: easier with dyslexia
    paper: str = "A4"

    def __post_init__(self) -> None:
        if self.theme not in THEMES:
            raise ConfigError(f"unknown theme {self.theme!r}; choose from: {', '.join(THEMES)}")
        if self.paper not in PAPER_SIZES:
            raise ConfigError(
                f"unknown paper size {self.paper!r}; choose from: {', '.join(PAPER_SIZES)}"
            )


@dataclass(frozen=True)
class Options:
    """Everything a renderer may need beyond the brief itself."""

    display: Display = field(default_factory=Display)
    name: str | None = None  # base name of the files; attachments are named after it
    mail: Mail | None = None  # sender, recipients and size cap of an email
    attachments: tuple[Attachment, ...] = ()  # files produced elsewhere, e.g. the MP3


class Renderer(Protocol):
    name: str
    extension: str

    def render(self, brief: Brief, templates: Templates, options: Options) -> str | bytes: ...


@dataclass(frozen=True)
class TemplateRenderer:
    """Renders one Jinja template with the brief and a few lookups."""

    name: str
    extension: str
    template: str

    @property
    def templates(self) -> tuple[str, ...]:
        return (self.template,)

    def render(self, brief: Brief, templates: Templates, options: Options) -> str:
        return templates.render(self.template, **context(brief, options.display))


def context(brief: Brief, display: Display | None = None, medium: str = "screen") -> dict[str, Any]:
    """What every template sees: the brief plus lookups by article id."""
    articles = {article.id: article for article in brief.articles}
    outlets = list(dict.fromkeys(a.outlet for a in brief.articles if a.outlet))
    return {
        "display": display or Display(),
        "medium": medium,
        "description": describe(brief, outlets),
        "brief": brief,
        "articles": articles,
        "summaries": {summary.article_id: summary for summary in brief.summaries},
        "comparison": brief.comparison,
        "citations": group_citations(brief),
        "figures": group_figures(brief),
        "duplicates": {d.article_id: d for d in brief.comparison.duplicates},
        "outlets": outlets,
        "version": __version__,
        "attached": [],  # the email's attachments, and those over its size limit
        "left_out": [],
        "attach_limit": 0,
    }


def describe(brief: Brief, outlets: list[str]) -> str:
    """One sentence saying what the brief covers: the document's subject line."""
    count = len(brief.articles)
    text = f"Comparative brief of {count} article{'' if count == 1 else 's'}"
    if outlets:
        text += f" from {join_names(outlets)}"
    if brief.comparison.chronology.span:
        text += f", published {apart(brief.comparison.chronology.span)}"
    return text + "."


def group_citations(brief: Brief) -> list[dict[str, Any]]:
    """Each named source once, with the articles that cite it."""
    grouped: dict[str, dict[str, Any]] = {}
    for citation in brief.comparison.citations:
        entry = grouped.setdefault(
            citation.name,
            {"name": citation.name, "kind": citation.kind, "mentions": [], "outlets": []},
        )
        if citation.kind == "poll":
            entry["kind"] = "poll"
        entry["mentions"].append(citation)
        outlet = brief.article(citation.article_id).outlet or "an unknown outlet"
        if outlet not in entry["outlets"]:
            entry["outlets"].append(outlet)
    return sorted(grouped.values(), key=lambda e: (-len(e["mentions"]), e["name"]))


def group_figures(brief: Brief) -> list[dict[str, object]]:
    """Figures per article, in the order the articles are listed."""
    return [
        {
            "article": article,
            "figures": [f for f in brief.comparison.figures if f.article_id == article.id],
        }
        for article in brief.articles
        if any(f.article_id == article.id for f in brief.comparison.figures)
    ]
