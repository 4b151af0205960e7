"""Summarize: condense each article with a transformer-backed engine.

Engines live in :mod:`briefing.summarize.engines`, one module each, and are
picked by name; all share the :class:`Summarizer` protocol.
"""

from __future__ import annotations

from briefing.errors import ConfigError, EngineError
from briefing.registry import Registry
from briefing.summarize.base import ModelOptions, Summarizer
from briefing.summarize.length import Length

DEFAULT_ENGINE = "extractive"
ENGINES: Registry[Summarizer] = Registry("summarizer", "briefing.summarize.engines")
MODEL_ENGINES = ("abstractive",)
"""The engines that load a model and take :class:`ModelOptions`, by name: known without
importing an engine, so a wrong choice is told before NumPy or torch load."""

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "Length",
    "ModelOptions",
    "Summarizer",
    "check_summarizer",
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

    ``model_options`` are for engines that load a model (:data:`MODEL_ENGINES`);
    giving them to another engine is an error, not silently ignored.
    """
    check_summarizer(name, model_options)
    return ENGINES.load(name, **{**_model_keywords(name, model_options), **options})


def preflight_summarizer(
    name: str = DEFAULT_ENGINE, *, model_options: ModelOptions | None = None
) -> None:
    """Check an engine's name and model options cheaply (no model loads), before any work."""
    check_summarizer(name, model_options)
    ENGINES.get(name).preflight(**_model_keywords(name, model_options))


def check_summarizer(name: str, model_options: ModelOptions | None = None) -> None:
    """Raise unless ``name`` is an engine that takes the ``model_options`` given.

    The settings and the command line's early checks both call this; it
    imports no engine, so it answers before any library loads.
    """
    if name not in (names := ENGINES.names()):
        raise EngineError(
            f"unknown summarizer {name!r}; choose from: {', '.join(names)}",
            setting="summarizer",
        )
    if model_options is not None and model_options.given and name not in MODEL_ENGINES:
        raise ConfigError(
            "the model options (model, device, generation, allow download) need "
            f"{{setting}} {' or '.join(MODEL_ENGINES)}",
            setting="summarizer",
        )


def _model_keywords(name: str, model_options: ModelOptions | None) -> dict:
    if model_options is None or name not in MODEL_ENGINES:
        return {}
    return model_options.keywords()


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
