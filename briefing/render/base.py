"""The renderer protocol and the template-backed renderer most formats use."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, ClassVar, Protocol

from briefing.defaults import (  # light, shared with the command line
    DEFAULT_PAPER,
    DEFAULT_THEME,
    PAPER_SIZES,
    THEMES,
)
from briefing.errors import ChoiceError
from briefing.models import Article, Brief, Sentence
from briefing.output import check_name
from briefing.render.filters import description
from briefing.render.templates import Templates
from briefing.version import __version__


@dataclass(frozen=True)
class Display:
    """How the HTML and PDF look. Readers can still change theme and reading on the page."""

    theme: str = DEFAULT_THEME  # auto follows the system's dark and more-contrast settings
    easy_reading: bool = False  # larger type, wider spacing: easier with dyslexia
    paper: str = DEFAULT_PAPER

    def __post_init__(self) -> None:
        if self.theme not in THEMES:
            raise ChoiceError(
                f"unknown theme {self.theme!r}; choose from: {', '.join(THEMES)}", setting="theme"
            )
        if self.paper not in PAPER_SIZES:
            raise ChoiceError(
                f"unknown paper size {self.paper!r}; choose from: {', '.join(PAPER_SIZES)}",
                setting="paper",
            )


@dataclass(frozen=True)
class Options:
    """What every renderer may need beyond the brief itself.

    A format's own settings belong to its renderer (the email's recipients and
    attachments: ``EmailRenderer(mail, attachments)``), not here.
    """

    display: Display = field(default_factory=Display)
    name: str | None = None  # base name of the files

    def __post_init__(self) -> None:
        if self.name is not None:
            check_name(self.name)  # never a path: outputs stay in their folder


class Renderer(Protocol):
    """One output format. ``templates`` are checked before any work; ``check`` fails
    early when something the format needs is missing (e.g. a system library)."""

    name: ClassVar[str]
    label: ClassVar[str]  # what a reader calls it ("Web page (HTML)"), for forms
    extension: ClassVar[str]
    templates: ClassVar[tuple[str, ...]]

    def check(self) -> None: ...

    def render(self, brief: Brief, templates: Templates, options: Options) -> str | bytes: ...


class TemplateRenderer:
    """Renders one Jinja template with the brief and a few lookups.

    A format subclasses it and names itself, its extension and its template.
    """

    name: ClassVar[str]
    label: ClassVar[str]
    extension: ClassVar[str]
    template: ClassVar[str]

    @property
    def templates(self) -> tuple[str, ...]:
        return (self.template,)

    def check(self) -> None:
        """Nothing beyond the template, which preflight loads."""

    def render(self, brief: Brief, templates: Templates, options: Options) -> str:
        return templates.render(self.template, **context(brief, options.display))


PRINT_TEXT_WORDS = 20_000
"""Words of each article's full text in the PDF (about 40 pages); the HTML has all of it.

Typesetting a 5 MiB text in full took WeasyPrint over five minutes and
gigabytes of memory; the PDF says where it stops.
"""


@dataclass(frozen=True)
class SourceText:
    """An article's full text as the templates show it: sentences grouped by paragraph."""

    paragraphs: tuple[tuple[int, tuple[Sentence, ...]], ...]
    words: int  # words shown
    total: int  # words in the article
    sentences: int  # sentences with a smaller index are shown, so links to them work

    @property
    def cut(self) -> bool:
        return self.words < self.total


def source_text(article: Article, limit: int | None = None) -> SourceText:
    """Group the sentences by paragraph once (the template used to scan them all per paragraph).

    With a ``limit``, paragraphs (and, in the one that crosses it, sentences) are
    kept while the words stay within it.
    """
    grouped: list[list[Sentence]] = [[] for _ in article.paragraphs]
    for sentence in article.sentences:
        if 0 <= sentence.paragraph < len(grouped):
            grouped[sentence.paragraph].append(sentence)
    shown: list[tuple[int, tuple[Sentence, ...]]] = []
    words = 0
    for index, (paragraph, sentences) in enumerate(zip(article.paragraphs, grouped, strict=True)):
        count = len(paragraph.split())
        if limit is not None and words + count > limit:
            kept = _within_words(sentences, limit - words)  # part of one long paragraph
            if kept:
                shown.append((index, kept))
                words += sum(len(s.text.split()) for s in kept)
            break
        shown.append((index, tuple(sentences)))
        words += count
    last = max((s.index for _, group in shown for s in group), default=-1)
    return SourceText(tuple(shown), words, article.word_count, last + 1)


def _within_words(sentences: list[Sentence], budget: int) -> tuple[Sentence, ...]:
    kept: list[Sentence] = []
    for sentence in sentences:
        budget -= len(sentence.text.split())
        if budget < 0:
            break
        kept.append(sentence)
    return tuple(kept)


def one_line(brief: Brief) -> Brief:
    """The brief with its titles, outlets and authors each on one line.

    A line break in a title from front matter or ``-t`` would otherwise start
    a new line in the text brief and a new chapter (``## ...``) in the script.
    """

    def line(text: str) -> str:
        return " ".join(text.split())

    articles = tuple(
        replace(
            article,
            title=line(article.title),
            outlet=line(article.outlet) if article.outlet else article.outlet,
            authors=tuple(line(author) for author in article.authors),
        )
        for article in brief.articles
    )
    return replace(brief, title=line(brief.title), articles=articles)


def context(brief: Brief, display: Display | None = None, medium: str = "screen") -> dict[str, Any]:
    """What every template sees: the brief (fields on one line) plus lookups by article id."""
    brief = one_line(brief)
    articles = {article.id: article for article in brief.articles}
    limit = PRINT_TEXT_WORDS if medium == "print" else None
    outlets = list(dict.fromkeys(a.outlet for a in brief.articles if a.outlet))
    return {
        "display": display or Display(),
        "medium": medium,
        "description": description(brief, outlets),
        "brief": brief,
        "articles": articles,
        "texts": {article.id: source_text(article, limit) for article in brief.articles},
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


def group_citations(brief: Brief) -> list[dict[str, Any]]:
    """Each named source once, with the articles that cite it."""
    grouped: dict[str, dict[str, Any]] = {}
    for citation in brief.comparison.citations:
        entry = grouped.setdefault(
            citation.name,
            {
                "name": citation.name,
                "kind": citation.kind,
                "about": "",
                "mentions": [],
                "outlets": [],
            },
        )
        if citation.kind == "poll":
            entry["kind"] = "poll"
        if not entry.get("about") and (citation.role or citation.affiliation):
            entry["about"] = ", ".join(p for p in (citation.role, citation.affiliation) if p)
        entry["mentions"].append(citation)
        outlet = brief.article(citation.article_id).name
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
