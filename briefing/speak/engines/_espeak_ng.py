"""One espeak-ng per process: espeak and Piper each load their own copy, and two copies clash.

Each engine registers how to tell that it is loaded; before loading, an engine
asks whether another one already is. Neither engine imports the other: one
that was never imported is not loaded.
"""

from __future__ import annotations

from collections.abc import Callable

from briefing.errors import EngineError

_ENGINES: dict[str, tuple[str, Callable[[], bool]]] = {}


def register(engine: str, title: str, loaded: Callable[[], bool]) -> None:
    """``title`` names the engine in messages; ``loaded`` says whether it is in this process."""
    _ENGINES[engine] = (title, loaded)


def clashing(engine: str) -> str | None:
    """The title of another engine already loaded here, with which ``engine`` would clash."""
    for other, (other_title, loaded) in _ENGINES.items():
        if other != engine and loaded():
            return other_title
    return None


def refuse_if_clashing(engine: str) -> None:
    """An EngineError when another engine has loaded its espeak-ng here already."""
    title = _ENGINES[engine][0]
    for other, (other_title, loaded) in _ENGINES.items():
        if other != engine and loaded():
            raise EngineError(
                f"{title} cannot run in a process that already loaded {other_title} "
                "(their espeak-ng libraries clash); use one engine per run"
            )
