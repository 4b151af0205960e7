"""Engines chosen by name: each module of an engine package is one engine.

A package such as ``briefing.summarize.engines`` holds one module per engine;
the module's name is the engine's name and its ``ENGINE`` attribute is the
factory. Adding an engine is adding one file. Modules import their heavy
dependencies lazily, so listing names costs nothing.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Generic, TypeVar

from briefing.errors import EngineError

T = TypeVar("T")


class Registry(Generic[T]):
    def __init__(self, kind: str, package: str) -> None:
        self.kind = kind
        self.package = package

    def names(self) -> list[str]:
        package = importlib.import_module(self.package)
        return sorted(
            info.name
            for info in pkgutil.iter_modules(package.__path__)
            if not info.name.startswith("_")
        )

    def get(self, name: str) -> T:
        if name not in self.names():
            raise EngineError(
                f"unknown {self.kind} {name!r}; choose from: {', '.join(self.names())}"
            )
        return importlib.import_module(f"{self.package}.{name}").ENGINE
