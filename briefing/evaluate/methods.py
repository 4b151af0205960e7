"""What is scored: the project's own summaries and the baselines beside them."""

from __future__ import annotations

import hashlib

from briefing.errors import ConfigError, InputError
from briefing.evaluate.baselines import BASELINES, Baseline
from briefing.evaluate.records import MULTI_LENGTH, SINGLE_LENGTH, Example, Method, Output
from briefing.summarize.base import ModelOptions
from briefing.summarize.length import Length
from briefing.version import __version__


def system_method(
    summarizer: str = "extractive",
    length: Length | None = None,
    model: ModelOptions | None = None,
) -> Method:
    """The project's own summaries: per article for one document, the overview for several."""
    from briefing.compare import overview_of
    from briefing.ingest import article_from_text
    from briefing.summarize import load_summarizer
    from briefing.summarize.embeddings import default_encoder

    encoder = default_encoder()
    engine = load_summarizer(summarizer, encoder=encoder, model_options=model)

    def run(example: Example) -> Output:
        articles, left_out = [], []
        for index, text in enumerate(example.documents):
            try:
                article = article_from_text(text, f"{example.id}#{index}", f"a{index + 1}")
            except InputError:  # junk (NotAnArticle) or no text at all
                left_out.append(index)
                continue
            articles.append(article)
        if not articles:
            return Output((), tuple(left_out))
        if len(example.documents) == 1:
            summary = engine.summarize(articles, length or SINGLE_LENGTH)[0]
            return Output(tuple(p.text for p in summary.points))
        points = overview_of(articles, encoder, length or MULTI_LENGTH)
        return Output(tuple(p.text for p in points), tuple(left_out))

    return Method(summarizer, run, f"length {length or 'default'}, {fingerprint(engine)}")


def fingerprint(engine: object) -> str:
    """A short hash of an engine's tuning, so stored results of other settings are not reused."""
    tuning = repr(getattr(engine, "weights", None) or getattr(engine, "settings", None))
    return hashlib.sha1(f"{__version__} {tuning}".encode()).hexdigest()[:10]


def baseline_method(name: str, length: Length | None = None) -> Method:
    """A baseline at the protocol's length (3 sentences) unless told otherwise."""
    if name not in BASELINES:
        raise ConfigError(f"unknown baseline {name!r}; choose from {', '.join(BASELINES)}")
    baseline: Baseline = BASELINES[name]

    def run(example: Example) -> Output:
        return Output(tuple(baseline(example.documents, length or SINGLE_LENGTH)))

    return Method(name, run, f"length {length or SINGLE_LENGTH}")
