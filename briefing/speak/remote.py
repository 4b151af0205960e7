"""A voice in a process of its own: espeak beside Piper in one server.

espeak and Piper each load their own espeak-ng, and two copies clash in one
process (:mod:`briefing.speak.engines._espeak_ng`). A server that speaks with
one and offers the other loads the second in a child process (``spawn``: a
fresh interpreter, nothing of the parent's espeak-ng) and sends it sentences
over a pipe; the samples come back as numpy arrays. The child ends with its
parent's pipe.
"""

from __future__ import annotations

import multiprocessing
import threading
from multiprocessing.connection import Connection

import numpy as np

from briefing.errors import EngineError
from briefing.speak.voices import VoiceOptions


class RemoteVoice:
    """One host's voice, loaded and spoken in a child process; the :class:`Voice` protocol."""

    def __init__(self, options: VoiceOptions, host: int = 1) -> None:
        context = multiprocessing.get_context("spawn")
        self._pipe, child = context.Pipe()
        self._process = context.Process(
            target=_serve, args=(child, options, host), daemon=True, name="briefing-voice"
        )
        self._process.start()
        child.close()
        self._lock = threading.Lock()
        answer = self._pipe.recv()
        if isinstance(answer, str):
            self.close()
            raise EngineError(answer)
        self.name, self.sample_rate, self.rate = answer

    def synthesize(self, text: str) -> np.ndarray:
        with self._lock:  # one sentence at a time through the pipe
            self._pipe.send(text)
            answer = self._pipe.recv()
        if isinstance(answer, str):
            raise EngineError(answer)
        return answer

    def close(self) -> None:
        self._pipe.close()
        self._process.join(5)


def load_remote(options: VoiceOptions) -> dict[int, RemoteVoice]:
    """The voices of ``options``, each host in a child process of its own."""
    return {host: RemoteVoice(options, host) for host in range(1, options.hosts + 1)}


def _serve(pipe: Connection, options: VoiceOptions, host: int) -> None:
    """The child: load the voice, then speak each sentence sent until the pipe closes."""
    from briefing.errors import BriefingError
    from briefing.speak.voices import load_voices

    try:
        voice = load_voices(options)[host]
    except BriefingError as exc:
        pipe.send(str(exc))
        return
    pipe.send((voice.name, voice.sample_rate, getattr(voice, "rate", None)))
    while True:
        try:
            text = pipe.recv()
        except EOFError:
            return
        try:
            pipe.send(np.asarray(voice.synthesize(text), dtype=np.float32))
        except Exception as exc:  # the parent names the sentence; say what went wrong
            pipe.send(f"{voice.name}: {type(exc).__name__}: {exc}")
