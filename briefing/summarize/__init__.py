"""Summarize: condense each article with a transformer-backed engine.

Engines live in :mod:`briefing.summarize.engines`, one module each, and are
picked by name; all share the :class:`Summarizer` protocol.
"""

from __future__ import annotations

from briefing.errors import ConfigError
from briefing.registry import Registry
from briefing.summarize.base import ModelOptions, Summarizer
from briefing.summarize.length import Length

DEFAULT_ENGINE = "extractive"
ENGINES: Registry[Summarizer] = Registry("summarizer", "briefing.summarize.engines")

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "Length",
    "ModelOptions",
    "Summarizer",
    "load_summarizer",
    "preflight_summarizer",
    "summarize",
]


def load_summarizer(
    name: str = DEFAULT_ENGINE,
    *,
    model_options: ModelOptions | None = None,
    **options: object,
) -> Summarizer:
    """An engine instance by name; ``model_options`` and other options go to its constructor.

    ``model_options`` are for engines that load a model (``uses_model``);
    giving them to another engine is an error, not silently ignored.
    """
    engine = ENGINES.get(name)
    return engine(**{**_model_keywords(engine, model_options), **options})


def preflight_summarizer(
    name: str = DEFAULT_ENGINE, *, model_options: ModelOptions | None = None
) -> None:
    """Check an engine's name and model options cheaply (no model loads), before any work."""
    engine = ENGINES.get(name)
    engine.preflight(**_model_keywords(engine, model_options))


def _model_keywords(engine: type[Summarizer], model_options: ModelOptions | None) -> dict:
    if model_options is None:
        return {}
    if engine.uses_model:
        return model_options.keywords()
    if model_options.given:
        raise ConfigError(
            "the model options (model, device, generation, allow download) need "
            "{setting} abstractive",
            setting="summarizer",
        )
    return {}


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
