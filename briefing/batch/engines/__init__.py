"""Batch engines: where a batch's topics are made, chosen by name.

Each module here is one engine (``local``, ``ray``) whose ``ENGINE`` class
follows :class:`Engine`: opened as a context manager (start workers, join a
cluster), it takes the run's jobs and yields each topic's
:class:`~briefing.batch.work.Outcome` as it finishes. Engines never write:
the runner writes each made topic's files, so a topic is written the same
way, all at once, whichever engine made it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import ClassVar, Protocol

from briefing.batch.work import Job, Outcome
from briefing.registry import Registry


class Engine(Protocol):
    """Makes topics; ``slots`` is how many it works on at once."""

    name: ClassVar[str]
    slots: int

    def __enter__(self) -> Engine: ...

    def __exit__(self, *exc_info: object) -> None: ...

    def run(self, jobs: Sequence[Job]) -> Iterator[Outcome]: ...


ENGINES: Registry[Engine] = Registry("batch engine", "briefing.batch.engines")


def open_engine(name: str, workers: int | None = None, address: str | None = None) -> Engine:
    """The engine ``name`` with ``workers`` processes (or CPUs) and a cluster ``address``."""
    return ENGINES.load(name, workers=workers, address=address)
