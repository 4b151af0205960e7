"""The renderer protocol and the template-backed renderer most formats use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from briefing import __version__
from briefing.models import Brief
from briefing.render.templates import Templates


class Renderer(Protocol):
    name: str
    extension: str

    def render(self, brief: Brief, templates: Templates) -> str: ...


@dataclass(frozen=True)
class TemplateRenderer:
    """Renders one Jinja template with the brief and a few lookups."""

    name: str
    extension: str
    template: str

    def render(self, brief: Brief, templates: Templates) -> str:
        return templates.render(self.template, **context(brief))


def context(brief: Brief) -> dict[str, object]:
    """What every template sees: the brief plus lookups by article id."""
    articles = {article.id: article for article in brief.articles}
    return {
        "brief": brief,
        "articles": articles,
        "summaries": {summary.article_id: summary for summary in brief.summaries},
        "comparison": brief.comparison,
        "citations": group_citations(brief),
        "figures": group_figures(brief),
        "duplicates": {d.article_id: d for d in brief.comparison.duplicates},
        "outlets": list(dict.fromkeys(a.outlet for a in brief.articles if a.outlet)),
        "version": __version__,
    }


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
