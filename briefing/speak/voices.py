"""Which voices read a brief: the settings, the default engine, the loaded voices."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.defaults import (
    DEFAULT_VOICE_STYLE,
    HOSTS,
    VOICE_ENGINES,
    VOICE_STYLES,
    check_rate,
)
from briefing.errors import ChoiceError, ConfigError, EngineError
from briefing.registry import Registry
from briefing.speak.base import Engine, Voice

FAST_RATE = 300
"""Words a minute of the fast voice style: espeak-ng's crisp speech at a screen-reader pace."""
ENGINES: Registry[Engine] = VOICE_ENGINES


def default_engine() -> tuple[str, str]:
    """The engine used when none is named, and why: the natural neural voice when installed."""
    from briefing.speak.engines import piper

    if piper.available():
        return "piper", "because Piper and its bundled Joe voice are installed"
    return "espeak", f"because Piper is not installed: {piper.INSTALL_HINT}"


@dataclass(frozen=True)
class VoiceOptions:
    """Which voices read the brief: load-time settings of the engine."""

    engine: str | None = None  # None: default_engine(), or espeak for the fast style
    voice: str | None = None  # a voice name (espeak) or an .onnx file (piper)
    voice2: str | None = None  # the second host's, with two hosts
    rate: int | None = None  # words per minute; None: the voice's own pace
    hosts: int = HOSTS[0]
    style: str = DEFAULT_VOICE_STYLE  # "fast": espeak at FAST_RATE unless engine or rate say

    def __post_init__(self) -> None:
        if self.engine is not None and self.engine not in ENGINES.names():
            raise EngineError(
                f"unknown voice engine {self.engine!r}; choose from: {', '.join(ENGINES.names())}",
                setting="engine",
            )
        if self.hosts not in HOSTS:
            raise ChoiceError("{setting} is 1 or 2", setting="hosts")
        check_rate(self.rate)
        if self.style not in STYLES:
            raise ChoiceError(
                f"unknown voice style {self.style!r}; choose from: {', '.join(STYLES)}",
                setting="style",
            )

    def resolved(self) -> VoiceOptions:
        """Engine and rate filled in from the style and what is installed."""
        from dataclasses import replace

        if self.style == "fast":
            return replace(self, engine=self.engine or "espeak", rate=self.rate or FAST_RATE)
        return replace(self, engine=self.engine or default_engine()[0])


STYLES = VOICE_STYLES


def load_engine(name: str) -> Engine:
    return ENGINES.load(name)


def load_voices(options: VoiceOptions) -> dict[int, Voice]:
    """Host number to loaded voice; two distinct voices for two hosts."""
    options = options.resolved()
    engine = load_engine(options.engine)
    voices = {1: engine.load(options.voice, options.rate, host=1)}
    if options.hosts == 2:
        voices[2] = engine.load(options.voice2, options.rate, host=2)
        if voices[2].name == voices[1].name:
            raise ConfigError(
                "the two hosts need two different voices (see {setting})", setting="voice2"
            )
    return voices
