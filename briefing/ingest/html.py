"""Web pages: main text and metadata with trafilatura, then the usual cleaning.

trafilatura drops navigation, ads, cookie banners and related-story blocks by
page structure and reads title, author, date and site name from meta tags and
JSON-LD. The text it keeps still goes through :func:`article_from_text`, so
the same chrome rules as for pasted text apply to whatever slipped through.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from briefing.errors import InputError
from briefing.ingest import metadata
from briefing.ingest.document import Document, Metadata, article_from_text
from briefing.models import Article

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def page_metadata(result: object) -> Metadata:
    """What the page says about itself (meta tags, JSON-LD), in our terms."""
    found = metadata.find_date(getattr(result, "date", None) or "")
    author = getattr(result, "author", None) or ""
    return Metadata(
        title=getattr(result, "title", None) or None,
        authors=metadata.split_names(author),
        outlet=getattr(result, "sitename", None) or None,
        published=found.value if found else None,
        url=getattr(result, "url", None) or None,
    )


def read_html(document: Document, article_id: str, supplied: Metadata) -> Article:
    import trafilatura

    result = trafilatura.bare_extraction(
        document.data,
        url=document.url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
    )
    text = getattr(result, "text", None) if result is not None else None
    if not text or not text.strip():
        raise InputError(document.source, "no article text found in this page")
    page = page_metadata(result)
    host_only = Metadata()
    if page.outlet and re.fullmatch(r"[\w.-]+(?::\d+)?", page.outlet) and "." in page.outlet:
        # trafilatura falls back to the host name; a feed's title or a byline says more
        host_only = Metadata(outlet=page.outlet)
        page = replace(page, outlet=None)
    known = supplied.over(page).over(document.metadata).over(host_only)
    if document.url and not known.url:
        known = known.over(Metadata(url=document.url))
    return article_from_text(text, document.source, article_id, known)
