"""Web pages: main text with trafilatura, a second look when it is short, metadata of our own.

trafilatura (precision mode, tables kept) finds the article container and
drops navigation, ads, cookie banners and comments by page structure. What it
gets wrong on real pages is handled around it:

- tables used for page layout are turned into plain blocks first, so a page
  laid out in table cells is not read as one data table (or as nothing);
- a short result gets a second look in balanced mode with trafilatura's own
  fallback extractors, and the longer text wins;
- an article body split into several same-class containers (one per ad slot)
  comes back as its first part only: the other parts are added when they hold
  article prose (:func:`_chunks`);
- what slips through is removed by :mod:`briefing.ingest.webclean`, which
  drops only lines it can show are chrome (links to other pages, comment
  sections, newsletter calls) and lists each one in ``removed``.

The text rules for pasted text do not run on web pages: they were written for
text without structure and cut real list items, lyrics and opening lines.
Metadata comes from :mod:`briefing.ingest.webmeta`, which reads the page
itself; trafilatura's extensive date search is off (it loads every dateparser
locale, seconds on the first page that needs it, and takes date boxes in page
headers for publication dates).
"""

from __future__ import annotations

import copy
import logging
import re
from dataclasses import replace

from lxml import html as lxml_html

from briefing.errors import InputError
from briefing.ingest import webclean, webmeta
from briefing.ingest.document import Document, Metadata
from briefing.ingest.junk import check_notice
from briefing.models import Article
from briefing.text import ends_sentence, split_sentences

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

MIN_PROSE_WORDS = 12
"""A paragraph this long that ends a sentence is article prose, not a label."""

LAYOUT_CELL_WORDS = 60
"""A table cell with this many words is running text, so its table is layout."""
SHORT_WORDS = 120
"""Fewer words than this from precision mode get a second, less strict look."""

_BODY_CLASS = re.compile(r"body|content|article|story|text|chunk|entry|post", re.IGNORECASE)
"""Class names of article-body containers (not layout grids like "col-md-8")."""

_DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}


_MARKUP_TAGS = frozenset(
    "head title meta link style script div span a article section header footer nav main "
    "table ul ol li h1 h2 h3 img form noscript".split()
)
_SNIFF_BYTES = 256 * 1024


def is_html(data: bytes) -> bool:
    """Whether these bytes are a web page, judged by parsing rather than a fixed window.

    A saved page can open with kilobytes of ``<style>`` or ``<script>`` before
    any tag a quick look would recognise; text that merely starts with a
    tag-like word is not a page unless the parser finds real HTML elements.
    """
    sample = data[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not sample.startswith(b"<"):
        return False
    try:
        root = lxml_html.document_fromstring(sample)
    except (ValueError, lxml_html.etree.ParserError):
        return False
    tags = {element.tag for element in root.iter() if isinstance(element.tag, str)}
    return len(tags & _MARKUP_TAGS) >= 2


def parse_page(data: bytes, source: str) -> lxml_html.HtmlElement:
    """The page as an lxml tree (encoding from the page), or a clear error."""
    from trafilatura import load_html

    tree = load_html(data)
    if tree is None:
        raise InputError(source, "cannot parse this web page")
    return tree


def extract_lines(tree: lxml_html.HtmlElement, url: str | None) -> tuple[list[str], object]:
    """The article's text lines and trafilatura's result (for its metadata).

    Precision mode first, without trafilatura's fallback extractors; when it
    keeps little, balanced mode with the fallbacks gets a second look and the
    longer text wins.
    """
    result = _trafilatura(tree, url, favor_precision=True, fast=True)
    lines = _lines(result)
    if sum(len(line.split()) for line in lines) < SHORT_WORDS:
        second = _trafilatura(tree, url, favor_precision=False, fast=False)
        if len(" ".join(_lines(second))) > len(" ".join(lines)):
            result, lines = second, _lines(second)
    return _with_chunks(tree, lines), result


def _trafilatura(
    tree: lxml_html.HtmlElement, url: str | None, *, favor_precision: bool, fast: bool
) -> object:
    """One trafilatura pass; ``fast=False`` adds its own readability and jusText fallbacks."""
    import trafilatura

    return trafilatura.bare_extraction(
        copy.deepcopy(tree),
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        favor_precision=favor_precision,
        fast=fast,
        date_extraction_params={**_DATE_PARAMS, "url": url},
    )


def _lines(result: object) -> list[str]:
    text = getattr(result, "text", None) or ""
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return [line for line in lines if line]


def _with_chunks(tree: lxml_html.HtmlElement, lines: list[str]) -> list[str]:
    """Add the rest of an article body that the page splits into same-class containers."""
    container = _container_of(tree, lines)
    if container is None:
        return lines
    parts = _chunks(tree, container)
    if len(parts) < 2:
        return lines
    known = set(lines)
    extra = {id(part): _prose(part) for part in parts if part is not container}
    if any(line in known for found in extra.values() for line in found):
        return lines  # trafilatura already read the other parts
    merged: list[str] = []
    for part in parts:
        merged.extend(lines if part is container else extra[id(part)])
    return merged


def _container_of(tree: lxml_html.HtmlElement, lines: list[str]) -> lxml_html.HtmlElement | None:
    """The element holding the first prose paragraph trafilatura kept, if it has a class."""
    first = next((line for line in lines if _is_prose(line)), None)
    if first is None:
        return None
    for paragraph in tree.iter("p"):
        if " ".join(paragraph.text_content().split()) == first:
            for parent in paragraph.iterancestors():
                if parent.get("class"):
                    return parent if _BODY_CLASS.search(parent.get("class", "")) else None
            return None
    return None


def _chunks(
    tree: lxml_html.HtmlElement, container: lxml_html.HtmlElement
) -> list[lxml_html.HtmlElement]:
    """Containers of the same tag and class, none inside another, that hold prose."""
    same = [
        element
        for element in tree.iter(container.tag)
        if element.get("class") == container.get("class")
    ]
    ids = {id(element) for element in same}
    outermost = [e for e in same if not any(id(a) in ids for a in e.iterancestors())]
    if container not in outermost:
        return []
    return [e for e in outermost if e is container or _prose(e)]


def _prose(element: lxml_html.HtmlElement) -> list[str]:
    texts = (" ".join(p.text_content().split()) for p in element.iter("p"))
    return [text for text in texts if _is_prose(text)]


def _is_prose(line: str) -> bool:
    return len(line.split()) >= MIN_PROSE_WORDS and ends_sentence(line)


def unwrap_layout_tables(tree: lxml_html.HtmlElement) -> None:
    """Turn tables used for page layout into plain blocks, keeping data tables.

    Old pages lay out navigation and article side by side in table cells; read
    as a data table, the article comes back as table rows mixed with menus, or
    not at all. A table is layout when it holds another table or a cell of
    running prose; data tables hold short values.
    """
    for table in list(tree.iter("table")):
        cells = list(table.iter("td", "th"))
        nested = any(inner is not table for inner in table.iter("table"))
        prose = any(len(cell.text_content().split()) >= LAYOUT_CELL_WORDS for cell in cells)
        if nested or prose:
            for element in table.iter("table", "tbody", "thead", "tfoot", "tr", "td", "th"):
                element.tag = "div"


def read_html(document: Document, article_id: str, supplied: Metadata) -> Article:
    """Read one web page: its article text, what was removed, and its metadata.

    The user's metadata beats the page's, the page's beats a feed entry's,
    and the host name is the outlet only when nothing names one.
    """
    tree = parse_page(document.data, document.source)
    unwrap_layout_tables(tree)
    lines, result = extract_lines(tree, document.url)
    if not lines:
        raise InputError(document.source, "no article text found in this page")
    page = webmeta.page_metadata(tree, result, document.url)
    cleaned = webclean.clean_lines(lines, tree, page)
    if not cleaned.paragraphs:
        raise InputError(document.source, "no article text found (only links or site chrome)")
    check_notice(list(cleaned.paragraphs), document.source)
    stated = replace(
        page.metadata,
        authors=cleaned.authors or page.metadata.authors,  # a visible byline wins
        published=page.metadata.published or cleaned.published,
    )
    known = supplied.over(stated).over(document.metadata).over(page.fallback)
    if document.url and not known.url:
        known = replace(known, url=document.url)
    return _article(cleaned, known, document.source, article_id)


def _article(cleaned: webclean.CleanPage, known: Metadata, source: str, article_id: str) -> Article:
    title = known.title or _first_words(cleaned.paragraphs[0])
    return Article(
        id=article_id,
        source=source,
        title=title,
        paragraphs=cleaned.paragraphs,
        sentences=split_sentences(cleaned.paragraphs),
        outlet=known.outlet,
        authors=known.authors,
        published=known.published,
        url=known.url,
        removed=cleaned.removed,
    )


def _first_words(paragraph: str, count: int = 12) -> str:
    words = re.split(r"\s+", paragraph)
    return " ".join(words[:count]) + ("…" if len(words) > count else "")
