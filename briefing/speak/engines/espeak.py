"""The default voice: espeak-ng driven through pyttsx3, fully offline.

libespeak-ng and its data come from the ``espeakng-loader`` wheel, so no
system package is needed; a system-wide espeak-ng is used when that wheel is
missing. pyttsx3's ``save_to_file`` returns from ``runAndWait`` before
espeak-ng has finished synthesizing (the WAV is written from espeak's
callback thread), so each call waits for the "finished-utterance"
notification before reading the file.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import gc
import io
import os
import tempfile
import threading
import wave
from functools import cache
from pathlib import Path

import numpy as np

from briefing.errors import EngineError, SynthesisError
from briefing.speak.engines import _espeak_ng

INSTALL_HINT = "pip install espeakng-loader (or install espeak-ng with your package manager)"
DEFAULT_VOICE = "gmw/en-us"
SECOND_HOST = "gmw/en-gb-x-rp"  # a clearly different accent for the second host
WAIT_PER_WORD = 0.5  # seconds allowed per word before calling synthesis stuck


def loaded() -> bool:
    return _engine.cache_info().currsize > 0


_espeak_ng.register("espeak", "the espeak voice", loaded)


@cache
def _engine():
    _espeak_ng.refuse_if_clashing("espeak")
    with contextlib.suppress(ImportError):
        import espeakng_loader

        os.environ.setdefault("ESPEAK_DATA_PATH", espeakng_loader.get_data_path())
        # pyttsx3 dlopens "libespeak-ng.so.1"; loading the bundled copy first satisfies it
        ctypes.CDLL(espeakng_loader.get_library_path(), mode=ctypes.RTLD_GLOBAL)
    try:
        import pyttsx3

        engine = pyttsx3.init("espeak")
    except (ImportError, OSError, RuntimeError) as exc:
        raise EngineError(f"the espeak voice is not available ({exc}); {INSTALL_HINT}") from exc
    atexit.register(_release, engine)  # before interpreter teardown breaks pyttsx3's __del__
    return engine


def _release(engine) -> None:
    with contextlib.suppress(Exception):
        engine.stop()
    _engine.cache_clear()
    with contextlib.suppress(Exception):
        import pyttsx3

        pyttsx3._activeEngines.clear()
    del engine
    gc.collect()


class EspeakVoice:
    sample_rate = 22050

    def __init__(self, name: str, rate: int | None) -> None:
        self.name = name
        self.rate = rate
        self._lock = threading.Lock()

    def synthesize(self, text: str) -> np.ndarray:
        engine = _engine()
        with self._lock, tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "speech.wav"
            finished = threading.Event()
            token = engine.connect("finished-utterance", lambda name, completed: finished.set())
            try:
                engine.setProperty("voice", self.name)
                if self.rate:
                    engine.setProperty("rate", self.rate)
                with contextlib.redirect_stdout(io.StringIO()):  # pyttsx3 prints "Audio saved"
                    engine.save_to_file(text, str(target))
                    engine.runAndWait()
                    if not finished.wait(timeout=10 + WAIT_PER_WORD * len(text.split())):
                        raise SynthesisError(f"espeak-ng did not finish speaking: {text[:60]!r}")
            finally:
                engine.disconnect(token)
            return _read_wav(target)


def _read_wav(path: Path) -> np.ndarray:
    if not path.exists():
        raise SynthesisError("espeak-ng wrote no audio")
    with wave.open(str(path), "rb") as stream:
        frames = stream.readframes(stream.getnframes())
    return np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768.0


class EspeakEngine:
    name = "espeak"
    install_hint = INSTALL_HINT

    def voices(self) -> list[str]:
        return sorted(v.id for v in _engine().getProperty("voices"))

    def load(self, voice: str | None = None, rate: int | None = None, host: int = 1) -> EspeakVoice:
        chosen = voice or (SECOND_HOST if host == 2 else DEFAULT_VOICE)
        known = self.voices()
        if chosen not in known:
            close = [v for v in known if chosen.lower() in v.lower()][:5]
            hint = f"; did you mean {', '.join(close)}" if close else "; see `briefing voices`"
            raise EngineError(f"espeak has no voice {chosen!r}{hint}")
        return EspeakVoice(chosen, rate)


ENGINE = EspeakEngine
