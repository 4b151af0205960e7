"""Ingest: turn user inputs (files, folders, list files, URLs, feeds) into clean articles.

``load_articles`` is the only entry point the pipeline uses. Each input kind
(text, HTML, PDF) has a reader (:mod:`briefing.ingest.articles`); a feed expands
into its entries, each of which is read like any other input; files, folders and
``@list`` files expand into inputs in :mod:`briefing.ingest.inputs`.
This module only re-exports.
"""

from __future__ import annotations

from briefing.errors import NotAnArticle
from briefing.ingest.articles import kind_of, load_articles, read_article, read_document
from briefing.ingest.document import Document, Metadata, article_from_text
from briefing.ingest.feeds import FeedSelection
from briefing.ingest.fetch import Fetcher
from briefing.ingest.inputs import ARTICLE_SUFFIXES, expand_inputs
from briefing.ingest.reading import DEFAULT_MAX_BYTES

__all__ = [
    "ARTICLE_SUFFIXES",
    "DEFAULT_MAX_BYTES",
    "Document",
    "FeedSelection",
    "Fetcher",
    "Metadata",
    "NotAnArticle",
    "article_from_text",
    "expand_inputs",
    "kind_of",
    "load_articles",
    "read_article",
    "read_document",
]
