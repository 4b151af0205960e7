"""The protocol every summarizer engine implements, and the model options some take."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Protocol

from briefing.errors import ConfigError
from briefing.models import Article, Summary
from briefing.summarize.length import Length

DEVICES = ("cpu", "cuda", "mps", "auto")


class Summarizer(Protocol):
    """Condenses articles; engines batch across all articles of a brief."""

    name: str

    @staticmethod
    def preflight(**model_options: Any) -> None:
        """Cheap checks of the load-time options, before any input is read: no model loads."""
        ...

    def summarize(self, articles: Sequence[Article], length: Length) -> list[Summary]:
        """One summary per article, in the same order."""
        ...


@dataclass(frozen=True)
class ModelOptions:
    """How a model-backed summarizer loads its model (load-time, not per call).

    ``generation`` overrides the model's generation config (``num_beams`` ...);
    it is read-only once made.
    """

    model: str | Path | None = None  # a folder, or a name in the Hugging Face cache
    device: str = "cpu"
    allow_download: bool = False
    generation: Mapping[str, Any] = field(default_factory=dict)
    batch_size: int = 8

    def __post_init__(self) -> None:
        object.__setattr__(self, "generation", MappingProxyType(dict(self.generation)))
        if self.device not in DEVICES and not self.device.startswith("cuda:"):
            raise ConfigError(
                f"unknown device {self.device!r} for {{setting}}; choose from: "
                f"{', '.join(DEVICES)}",
                setting="device",
            )
        if self.batch_size < 1:
            raise ConfigError("{setting} must be at least 1", setting="batch_size")

    @property
    def given(self) -> bool:
        """Whether any option differs from the defaults."""
        return self != ModelOptions()

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        """Pickle with a plain dict: a read-only mapping proxy cannot be pickled, and
        a batch sends each topic's settings to worker processes."""
        return ModelOptions, (
            self.model,
            self.device,
            self.allow_download,
            dict(self.generation),
            self.batch_size,
        )

    def keywords(self) -> dict[str, Any]:
        """The options as an engine constructor's keyword arguments."""
        return {
            "model": self.model,
            "device": self.device,
            "allow_download": self.allow_download,
            "generation": dict(self.generation),
            "batch_size": self.batch_size,
        }
