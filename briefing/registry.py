"""Engines chosen by name: each module of an engine package is one engine.

A package such as ``briefing.summarize.engines`` holds one module per engine;
the module's name is the engine's name and its ``ENGINE`` attribute is the
engine's class, called with the engine's load-time options to make one.
Adding an engine is adding one file. Modules import their heavy dependencies
lazily, so listing names costs nothing; the package is scanned once.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any, Generic, TypeVar

from briefing.errors import EngineError

T = TypeVar("T")


class Registry(Generic[T]):
    """The engines of one kind: ``Registry[Renderer]``, ``Registry[Summarizer]`` ..."""

    def __init__(self, kind: str, package: str) -> None:
        self.kind = kind
        self.package = package
        self._names: tuple[str, ...] | None = None

    def names(self) -> list[str]:
        if self._names is None:
            package = importlib.import_module(self.package)
            self._names = tuple(
                sorted(
                    info.name
                    for info in pkgutil.iter_modules(package.__path__)
                    if not info.name.startswith("_")
                )
            )
        return list(self._names)

    def get(self, name: str) -> type[T]:
        """The engine's class."""
        if name not in self.names():
            raise EngineError(
                f"unknown {self.kind} {name!r}; choose from: {', '.join(self.names())}"
            )
        return importlib.import_module(f"{self.package}.{name}").ENGINE

    def load(self, name: str, /, **options: Any) -> T:
        """An engine made with its load-time ``options``."""
        return self.get(name)(**options)
