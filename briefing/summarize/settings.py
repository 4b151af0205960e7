"""How long the summaries are and which engine writes them: a light settings type.

Its checks run once, when it is made: the lengths, the summarizer's name and
options, then the engine's cheap preflight (a model folder that is not there).
The module imports no library, so the command line makes it, and so answers,
before anything heavy loads and before any input is fetched; the full
:class:`briefing.settings.Request` then carries the same value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefing.errors import ConfigError
from briefing.summarize import (
    DEFAULT_ENGINE,
    ENGINES,
    MODEL_ENGINES,
    ModelOptions,
    Summarizer,
    check_summarizer,
)
from briefing.summarize.length import DEFAULT_LENGTH, DEFAULT_OVERVIEW, Length

if TYPE_CHECKING:
    from briefing.summarize.embeddings import SentenceEncoder


@dataclass(frozen=True)
class SummarySettings:
    """How long the summaries and the overview are, and which engine writes them."""

    length: Length = DEFAULT_LENGTH  # per article; "3", "60w" or "20%" are read too
    overview_length: Length = DEFAULT_OVERVIEW
    summarizer: str = DEFAULT_ENGINE
    model: ModelOptions = field(default_factory=ModelOptions)  # for model-backed engines

    def __post_init__(self) -> None:
        for name in ("length", "overview_length"):
            try:
                object.__setattr__(self, name, Length.parse(getattr(self, name)))
            except ConfigError as exc:
                raise ConfigError(str(exc), setting=name) from None
        check_summarizer(self.summarizer, self.model)  # imports no engine: a typo answers first
        self.preflight()

    @property
    def model_options(self) -> ModelOptions | None:
        """The model options when any was given, for the engines that take them."""
        return self.model if self.model.given else None

    def preflight(self) -> None:
        """The engine's cheap checks (a model folder that is not there): no model loads."""
        ENGINES.get(self.summarizer).preflight(**self._keywords())

    def load(self, encoder: SentenceEncoder) -> Summarizer:
        """The engine, made with ``encoder`` and its model options."""
        return ENGINES.load(self.summarizer, encoder=encoder, **self._keywords())

    def _keywords(self) -> dict:
        options = self.model_options
        return options.keywords() if options and self.summarizer in MODEL_ENGINES else {}
