"""The compact voice: espeak-ng through its C library, fully offline.

libespeak-ng and its data come from the ``espeakng-loader`` wheel, so no
system package is needed; a system-wide espeak-ng is used when that wheel is
missing. pyttsx3 provides the ctypes binding (``pyttsx3.drivers._espeak``),
but not its driver loop: that loop runs espeak-ng asynchronously, calls
``espeak_Cancel`` whenever the previous utterance's worker thread is still
winding down (``IsPlaying`` is true), and so cancels the *next* utterance
moments after it starts. Under load that gave empty recordings ("0.00 s of
audio") for a few sentences in a hundred, more at slow rates. Here espeak-ng
runs in its synchronous mode instead: ``espeak_Synth`` returns only after the
last sample reached our callback, on the calling thread, with no temporary
file and no event to wait for.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import threading
from collections.abc import Iterator
from functools import cache

import numpy as np

from briefing.errors import EngineError, SynthesisError
from briefing.speak.engines import _espeak_ng

INSTALL_HINT = "pip install espeakng-loader (or install espeak-ng with your package manager)"
DEFAULT_VOICE = "gmw/en-us"
SECOND_HOST = "gmw/en-gb-x-rp"  # a clearly different accent for the second host
DEFAULT_RATE = 175  # words a minute: espeak-ng's own default
DEFAULT_PITCH = 50  # espeak-ng's own default, 0 to 100
BUFFER_MS = 200  # length of each buffer espeak-ng hands to the callback
_LOCK = threading.Lock()  # one espeak-ng state per process: one synthesis at a time


def loaded() -> bool:
    return _library.cache_info().currsize > 0


_espeak_ng.register("espeak", "the espeak voice", loaded)


@cache
def _library():
    """The initialised binding and the collector its callback fills."""
    _espeak_ng.refuse_if_clashing("espeak")
    with contextlib.suppress(ImportError):
        import espeakng_loader

        os.environ.setdefault("ESPEAK_DATA_PATH", espeakng_loader.get_data_path())
        # the binding dlopens "libespeak-ng.so.1"; loading the bundled copy first satisfies it
        ctypes.CDLL(espeakng_loader.get_library_path(), mode=ctypes.RTLD_GLOBAL)
    try:
        from pyttsx3.drivers import _espeak
    except (ImportError, OSError, RuntimeError) as exc:
        raise EngineError(f"the espeak voice is not available ({exc}); {INSTALL_HINT}") from exc
    if _espeak.Initialize(_espeak.AUDIO_OUTPUT_SYNCHRONOUS, BUFFER_MS) == -1:
        raise EngineError(f"espeak-ng could not start; {INSTALL_HINT}")
    collected: list[bytes] = []

    def on_audio(wav, count, events) -> int:
        if count > 0:
            collected.append(ctypes.string_at(wav, count * 2))
        return 0  # 0: go on

    _espeak.SetSynthCallback(on_audio)
    return _espeak, collected


class EspeakVoice:
    sample_rate = 22050

    def __init__(self, name: str, rate: int | None, pitch: int | None = None) -> None:
        self.name = name
        self.rate = rate or DEFAULT_RATE
        self.pitch = pitch

    def synthesize(self, text: str) -> np.ndarray:
        espeak, collected = _library()
        with _LOCK:
            collected.clear()
            if espeak.SetVoiceByName(self.name.encode("utf-8")) != espeak.EE_OK:
                raise EngineError(f"espeak-ng cannot load the voice {self.name!r}")
            espeak.SetParameter(espeak.RATE, self.rate, 0)
            espeak.SetParameter(espeak.VOLUME, 100, 0)
            # always set: espeak-ng's parameters persist from one call to the next
            pitch = DEFAULT_PITCH if self.pitch is None else self.pitch
            espeak.SetParameter(espeak.PITCH, pitch, 0)
            with _signals_deferred():
                status = espeak.Synth(text, flags=espeak.CHARS_UTF8)
            data = b"".join(collected)
            collected.clear()
        if status != espeak.EE_OK:
            raise SynthesisError(f"espeak-ng failed on {text[:60]!r} (status {status})")
        return np.frombuffer(data, dtype="<i2").astype(np.float32) / 32768.0


_DEFERRED = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Ctrl-C and SIGTERM take effect when espeak-ng returns, not inside it.

    ``espeak_Synth`` calls back into Python for every buffer; a handler that
    raises there (KeyboardInterrupt, the CLI's SIGTERM) raises inside the ctypes
    callback, which prints and drops the exception: the interrupt was lost and
    the recording went on to write its files. Here a signal is only noted while
    espeak-ng runs, and its own handler runs once the call has returned.
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # handlers can only be set, and only run, in the main thread
        return
    caught: list[int] = []
    previous = {number: signal.getsignal(number) for number in _DEFERRED}
    for number in _DEFERRED:
        signal.signal(number, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    if caught:
        handler = previous[caught[0]]
        if callable(handler):
            handler(caught[0], None)
        elif handler == signal.SIG_DFL:
            signal.raise_signal(caught[0])  # the default action, as if never deferred


class EspeakEngine:
    name = "espeak"
    install_hint = INSTALL_HINT

    def voices(self) -> list[str]:
        espeak, _ = _library()
        with _LOCK:
            found = espeak.ListVoices(None)
            return sorted(v.identifier.decode("utf-8").lower() for v in found)

    def load(self, voice: str | None = None, rate: int | None = None, host: int = 1) -> EspeakVoice:
        chosen = voice or (SECOND_HOST if host == 2 else DEFAULT_VOICE)
        known = self.voices()
        if chosen not in known:
            close = [v for v in known if chosen.lower() in v.lower()][:5]
            hint = f"; did you mean {', '.join(close)}" if close else "; see `briefing voices`"
            raise EngineError(f"espeak has no voice {chosen!r}{hint}")
        return EspeakVoice(chosen, rate)


ENGINE = EspeakEngine
