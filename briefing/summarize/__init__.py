"""Summarize: condense each article with a transformer-backed engine.

Engines live in :mod:`briefing.summarize.engines`, one module each, and are
picked by name; all share the :class:`Summarizer` protocol.
"""

from __future__ import annotations

from briefing.registry import Registry
from briefing.summarize.base import Summarizer
from briefing.summarize.length import Length

DEFAULT_ENGINE = "extractive"
ENGINES: Registry = Registry("summarizer", "briefing.summarize.engines")

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "Length",
    "Summarizer",
    "load_summarizer",
    "preflight_summarizer",
    "summarize",
]


def load_summarizer(name: str = DEFAULT_ENGINE, **options: object) -> Summarizer:
    """An engine instance by name; options go to its constructor."""
    return ENGINES.get(name)(**options)


def preflight_summarizer(name: str = DEFAULT_ENGINE, **options: object) -> None:
    """Check an engine's name and options cheaply (no model loads), before any work.

    Engines with a ``preflight`` static method check their own options there.
    """
    check = getattr(ENGINES.get(name), "preflight", None)
    if check is not None:
        check(**options)


def summarize(
    text: str,
    sentences: int = 3,
    *,
    length: Length | str | None = None,
    summarizer: str | Summarizer = DEFAULT_ENGINE,
) -> list[str]:
    """The summary sentences of one text, with the engine and defaults a brief uses.

    >>> summarize(article_text, sentences=2)  # doctest: +SKIP
    ['First key sentence.', 'Second key sentence.']
    """
    from briefing.ingest.document import article_from_text

    engine = load_summarizer(summarizer) if isinstance(summarizer, str) else summarizer
    article = article_from_text(text, "<text>", "a1")
    spec = Length.parse(length) if length is not None else Length(sentences=sentences)
    return [point.text for point in engine.summarize([article], spec)[0].points]
