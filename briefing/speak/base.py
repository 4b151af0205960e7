"""What a text-to-speech engine provides; each engine is one module in ``engines/``."""

from __future__ import annotations

from typing import Protocol

import numpy as np


class Voice(Protocol):
    """One loaded voice: text in, mono float32 samples out.

    A voice may also say the pace it was asked for, ``rate`` in words a minute
    (None: its own), so a fast voice is not mistaken for a broken one.
    """

    name: str
    sample_rate: int

    def synthesize(self, text: str) -> np.ndarray: ...


class Engine(Protocol):
    """A TTS engine: lists its voices and loads one."""

    name: str
    install_hint: str

    def voices(self) -> list[str]: ...

    def load(self, voice: str | None = None, rate: int | None = None, host: int = 1) -> Voice:
        """``host`` 2 asks for a voice clearly distinct from host 1's when ``voice`` is None."""
        ...
