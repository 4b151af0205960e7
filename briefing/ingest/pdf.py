"""PDF articles with pypdf: text per page, running headers and page numbers removed.

A line that recurs at the top or bottom of most pages (digits ignored, so
"Page 3 of 9" matches "Page 4 of 9") is a running header or footer. What
remains is rejoined into paragraphs like any hard-wrapped text.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from briefing.errors import InputError, first_line
from briefing.ingest.blocks import text_blocks
from briefing.ingest.document import Document, Metadata, article_from_text
from briefing.ingest.metadata import is_masthead, split_names
from briefing.ingest.webmeta import clean_authors
from briefing.ingest.webtitle import TITLE_SEPARATOR, norm, site_keys, strip_site
from briefing.models import Article

if TYPE_CHECKING:
    from pypdf import PdfReader

logging.getLogger("pypdf").setLevel(logging.ERROR)

MAX_PAGES = 1000
"""The most pages read from one PDF: an article or report, not a 30,000-page trap that
would hold a worker for a minute (text extraction costs about 2 ms a page)."""
EDGE_LINES = 3
"""Lines at each end of a page that may be a running header or footer."""
_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE
)


def read_pdf(document: Document, article_id: str, supplied: Metadata) -> Article:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(document.data))
        _unlock(reader, document.source)
        _check_pages(reader, document.source)
        pages = [(page.extract_text() or "").splitlines() for page in reader.pages]
        info = reader.metadata
    except InputError:
        raise
    except PdfReadError as exc:
        raise InputError(document.source, f"not a readable PDF ({first_line(exc, 120)})") from exc
    except Exception as exc:  # pypdf raises many built-in errors on damaged files
        raise InputError(document.source, f"not a readable PDF ({type(exc).__name__})") from exc
    stated = _pdf_metadata(info)
    page_title = stated.title if TITLE_SEPARATOR.search(stated.title or "") else None
    lines = body_lines(pages, page_title)
    if not any(line.strip() for line in lines):
        raise InputError(document.source, "the PDF has no text layer (a scan needs OCR first)")
    printed = Metadata(url=printed_address(pages))
    known = supplied.over(replace(stated, title=None)).over(document.metadata).over(printed)
    paragraphs = text_blocks("\n".join(lines), widest_wrap=400, wrapped=True)
    article = article_from_text("\n\n".join(paragraphs), document.source, article_id, known)
    if known.title or not stated.title:
        return article
    return _titled(article, stated.title)


def _unlock(reader: PdfReader, source: str) -> None:
    """Open a PDF encrypted with an empty user password (many are); refuse the rest."""
    if not reader.is_encrypted:
        return
    try:
        opened = reader.decrypt("")
    except Exception:  # an unsupported algorithm is as closed as a password
        opened = 0
    if not opened:
        raise InputError(source, "the PDF is password-protected")


def _check_pages(reader: PdfReader, source: str) -> None:
    """Refuse a PDF of more than :data:`MAX_PAGES` pages before reading any text.

    The count the file declares is read first (cheap); a file that declares
    fewer is counted by walking its page tree, which a false count cannot fool.
    """
    try:
        declared = int(reader.root_object["/Pages"]["/Count"])  # type: ignore[index, arg-type]
    except Exception:  # a damaged page tree: counted below, or refused as unreadable
        declared = 0
    count = declared if declared > MAX_PAGES else len(reader.pages)
    if count > MAX_PAGES:
        raise InputError(source, f"too many pages ({count:,}; the limit is {MAX_PAGES:,})")


def body_lines(pages: list[list[str]], title: str | None = None) -> list[str]:
    """All pages' lines without running headers, footers, page numbers and print marks
    (``title``, the document's, is a print mark where it stands alone at an edge)."""
    running = _running_lines(pages)
    title = _shape(title or "")
    kept: list[str] = []
    for lines in pages:
        last = len(lines) - 1
        for index, line in enumerate(lines):
            text = line.strip()
            at_edge = index < EDGE_LINES or index > last - EDGE_LINES
            printed = at_edge and _printed(text, title)
            if at_edge and (_PAGE_NUMBER.match(text) or _shape(text) in running or printed):
                continue
            kept.append(text)
        kept.append("")  # a page break ends a paragraph only if the text says so
    return _rejoin_across_pages(kept)


def _running_lines(pages: list[list[str]]) -> set[str]:
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        edges = lines[:EDGE_LINES] + lines[-EDGE_LINES:]
        counts.update({_shape(line) for line in edges if line.strip()})
    return {shape for shape, count in counts.items() if count >= max(2, len(pages) // 2)}


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def _rejoin_across_pages(lines: list[str]) -> list[str]:
    """Drop the page-break blank line when a sentence runs on to the next page."""
    joined: list[str] = []
    for position, line in enumerate(lines):
        if line == "" and joined and position + 1 < len(lines):
            previous = joined[-1]
            following = next((n for n in lines[position + 1 :] if n), "")
            if (
                previous
                and not previous.endswith((".", "!", "?", '"', "”", ":"))
                and following[:1].islower()
            ):
                continue
        joined.append(line)
    return joined


def _pdf_metadata(info: object) -> Metadata:
    """Title and author from the document info; the creation date is when the file was
    made, not when the article ran, so the text's own date is used instead."""
    if info is None:
        return Metadata()
    title = (getattr(info, "title", None) or "").strip()
    if re.search(r"\.(?:docx?|odt|pdf|rtf|txt)$|^microsoft word|^untitled", title, re.I):
        title = ""
    author = (getattr(info, "author", None) or "").strip()
    return Metadata(
        title=title or None,
        authors=clean_authors(split_names(author), ()),  # "Helen Marsh, Health Correspondent"
    )


# A browser's "Save as PDF" prints the time of printing, the page title, the address
# and a page counter at the top and foot of each page ("04/12/2025, 10:15  Story |
# Site", "https://... 1/2"; Firefox: "1 of 2  04/12/2025, 10:15"). The printing
# time is not the article's date, so none of these lines is text.
_PRINT_TIME = re.compile(
    r"(?:^|\s)\d{1,2}/\d{1,2}/\d{2,4},\s*\d{1,2}:\d{2}(?:\s*[AaPp][Mm])?(?:\s|$)"
)
_COUNTER = r"(?:\s+\d{1,4}\s*(?:/|of)\s*\d{1,4})?"
_ADDRESS = re.compile(
    rf"^(?P<a>(?:https?://|www\.)\S+){_COUNTER}(?:\s|$)"
    rf"|\s(?P<b>(?:https?://|www\.)\S+){_COUNTER}$"
    rf"|^(?P<c>[\w-]+(?:\.[\w-]+)+(?:/\S*)?){_COUNTER[:-1]}$"
)


def _printed(line: str, title: str = "") -> bool:
    """A browser's print mark: the time of printing, or the address where it begins or
    ends the line (not inside a sentence), or the document's title on its own."""
    if _PRINT_TIME.search(line) or (title and _shape(line) == title):
        return True
    match = _ADDRESS.search(line)
    return bool(match) and not line.endswith((".", "!", "?"))


def printed_address(pages: list[list[str]]) -> str | None:
    """The page's address a browser printed at the foot or top of the first page."""
    lines = pages[0] if pages else []
    for line in [*lines[-EDGE_LINES:][::-1], *lines[:EDGE_LINES]]:
        match = _ADDRESS.search(line.strip())
        if match and not line.strip().endswith((".", "!", "?")):
            address = match.group("a") or match.group("b") or match.group("c")
            return address if "://" in address else f"https://{address}"
    return None


def _titled(article: Article, title: str) -> Article:
    """The article with the document's title, and the site's name from that title as the
    outlet when the text names none ("Story - The Harbor Times")."""
    headline = document_title(title, article)
    site = re.sub(rf"^\s*{re.escape(headline)}|{re.escape(headline)}\s*$", "", title)
    site = TITLE_SEPARATOR.sub("", f" {site.strip()} ").strip()
    outlet = article.outlet or (site if is_masthead(site) else None)
    return replace(article, title=headline, outlet=outlet)


def document_title(title: str, article: Article) -> str:
    """The document's title without the site's name ("Story | The Northgate Herald").

    The headline the page prints is preferred when the title holds it; else the
    part naming the outlet or the printed address is cut away.
    """
    if norm(article.title) and norm(article.title) in norm(title):
        return article.title
    host = re.sub(r"^\w+://", "", article.url or "").split("/")[0] or None
    return strip_site(title, site_keys([article.outlet or ""], host))
