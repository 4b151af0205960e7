"""The heavy parts a process loads once and lends to every brief it makes.

A brief needs the sentence encoder (seconds to load) and, for audio, voices.
The command line makes one brief and loads them for it; the web app's worker
threads, the batch runner's worker processes and the benchmark make many, so
each holds one :class:`Resources` and passes it to
:func:`briefing.app.make_brief` (or to the steps a batch runs)::

    resources = Resources()
    for request in requests:
        make_brief(request, resources=resources)

The encoder loads on first use; voices load once for each choice of voices. A
choice that failed to load fails again at once, with its reason, without
loading again. Every voice speaks under one lock: espeak-ng (inside both voice
engines) keeps one global state per process, so two threads must not speak at
once; with one thread the lock costs nothing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from briefing.errors import BriefingError

if TYPE_CHECKING:
    import numpy as np

    from briefing.speak import VoiceOptions
    from briefing.speak.base import Voice
    from briefing.summarize.embeddings import SentenceEncoder

Voices = Mapping[int, "Voice"]

__all__ = ["LockedVoice", "Pace", "Resources", "Voices"]


class Pace:
    """Seconds of synthesis per second of audio, as measured in this process."""

    def __init__(self) -> None:
        self.spent = self.spoken = 0.0

    def add(self, spent: float, spoken: float) -> None:
        self.spent += spent
        self.spoken += spoken

    def per_minute(self, default: float) -> float:
        """Seconds to record a minute of audio; ``default`` until a minute has been spoken."""
        return 60 * self.spent / self.spoken if self.spoken >= 60 else default


class LockedVoice:
    """A voice that speaks only while it holds its lock, and times its own speech."""

    def __init__(self, voice: Voice, lock: threading.Lock, pace: Pace | None = None) -> None:
        self.voice = voice
        self.name = voice.name
        self.sample_rate = voice.sample_rate
        self.rate: int | None = getattr(voice, "rate", None)  # the pace it was asked for
        self._lock = lock
        self._pace = pace or Pace()

    def synthesize(self, text: str) -> np.ndarray:
        with self._lock:
            began = time.monotonic()
            audio = self.voice.synthesize(text)
            self._pace.add(time.monotonic() - began, len(audio) / self.sample_rate)
            return audio


class Resources:
    """The sentence encoder and the voices, each loaded once and kept; safe across threads."""

    def __init__(self, encoder: SentenceEncoder | None = None) -> None:
        self._encoder = encoder
        self._loading = threading.Lock()
        self._speaking = threading.Lock()
        self._voices: dict[VoiceOptions, dict[int, LockedVoice] | BriefingError] = {}
        self.paces: dict[str, Pace] = {}  # by engine: what the web form's estimates say

    def encoder(self) -> SentenceEncoder:
        """The process's sentence encoder, loaded on first use."""
        with self._loading:
            if self._encoder is None:
                from briefing.summarize.embeddings import default_encoder

                self._encoder = default_encoder()
            return self._encoder

    def voices(self, options: VoiceOptions) -> Voices:
        """The voices for ``options``, loaded the first time they are asked for."""
        with self._loading:
            if options not in self._voices:
                self._voices[options] = self._load(options)
            found = self._voices[options]
        if isinstance(found, BriefingError):
            raise found
        return found

    def preload(self, choices: Iterable[VoiceOptions]) -> None:
        """Load voices ahead of the briefs; a failure is told by each brief that needs them."""
        for options in choices:
            try:
                self.voices(options)
            except BriefingError:
                continue

    def _load(self, options: VoiceOptions) -> dict[int, LockedVoice] | BriefingError:
        """The voices, loaded here, or in a process of their own where their engine would
        clash with one loaded here (espeak beside Piper)."""
        from briefing.speak import load_voices
        from briefing.speak.engines._espeak_ng import clashing
        from briefing.speak.remote import load_remote

        engine = options.resolved().engine or ""
        clash = clashing(engine) if engine in ("espeak", "piper") else None
        try:
            loaded = load_remote(options) if clash else load_voices(options)
        except BriefingError as exc:
            return exc
        pace = self.paces.setdefault(engine, Pace())
        return {host: LockedVoice(voice, self._speaking, pace) for host, voice in loaded.items()}
