"""Engines chosen by name: each module of an engine package is one engine.

A package such as ``briefing.summarize.engines`` holds one module per engine;
the module's name is the engine's name and its ``ENGINE`` attribute is the
engine's class, called with the engine's load-time options to make one.
Adding an engine is adding one file. Modules import their heavy dependencies
lazily, so listing names costs nothing; the package is scanned once.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import sys
from pathlib import Path
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
        """The engines' names, read from the package folder without importing it:
        ``--help`` lists them without the cost of the packages' dependencies."""
        if self._names is None:
            self._names = tuple(
                sorted(
                    info.name for info in pkgutil.iter_modules(self._path()) if info.name[0] != "_"
                )
            )
        return list(self._names)

    def _path(self) -> list[str]:
        if self.package in sys.modules:
            return list(sys.modules[self.package].__path__)
        top, *inner = self.package.split(".")
        spec = importlib.util.find_spec(top)  # the top package is imported already
        if spec is None or not spec.submodule_search_locations:
            return list(importlib.import_module(self.package).__path__)
        return [str(Path(location, *inner)) for location in spec.submodule_search_locations]

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
