"""Speak: the brief as a podcast-style audio programme.

``brief -> script (template) -> sentences -> voices -> programme -> files``.
The script is text a user can edit; :func:`record` turns any script into a
:class:`Programme` with the chosen engine, and :func:`audio_files` into
MP3/WAV, WebVTT, SRT and chapter files.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from briefing.defaults import (
    DEFAULT_VOICE_STYLE,
    HOSTS,
    RATES,
    VOICE_ENGINES,
    VOICE_STYLES,
    check_rate,
)
from briefing.errors import ChoiceError, ConfigError, EngineError, SynthesisError
from briefing.layout import AudioPaths
from briefing.models import Audio, AudioChapter, Brief, Cue
from briefing.registry import Registry
from briefing.speak.base import Engine, Voice
from briefing.speak.files import AUDIO_FORMATS, Tags, chapters_json, encode, srt, webvtt
from briefing.speak.normalize import for_speech
from briefing.speak.production import PAUSES, Programme, Spool, plan, resample, trim_silence
from briefing.speak.pronounce import Pronunciations
from briefing.speak.pronounce import load as load_pronunciations
from briefing.speak.script import Script, parse_script

__all__ = [
    "AUDIO_FORMATS",
    "ENGINES",
    "RATES",
    "Programme",
    "Script",
    "VoiceOptions",
    "attach",
    "audio_files",
    "default_engine",
    "for_speech",
    "load_pronunciations",
    "load_voices",
    "parse_script",
    "record",
]

FAST_RATE = 300
"""Words a minute of the fast voice style: espeak-ng's crisp speech at a screen-reader pace."""
ENGINES: Registry[Engine] = VOICE_ENGINES
WORDS_PER_SECOND = (0.7, 7.0)
"""Plausible speaking pace, slowest and fastest: audio outside it is a synthesis failure."""
ATTEMPTS = 3  # a safety net: the espeak engine's empty recordings are fixed at their cause
_SPEAKABLE = re.compile(r"\w")


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


def record(
    script: Script,
    voices: dict[int, Voice],
    progress: Callable[[int], None] | None = None,
    spool_folder: Path | None = None,
    pronunciations: Pronunciations | None = None,
) -> Programme:
    """Speak every sentence into a spool, with pauses, and plan its mastering.

    Only one sentence's samples are in memory at a time; the programme waits on
    disk (an anonymous file in ``spool_folder``, the system's temporary folder by
    default) until :func:`audio_files` streams it to the encoder.
    """
    rate = voices[1].sample_rate
    said = pronunciations or load_pronunciations()
    spool = Spool(rate, spool_folder)
    try:
        cues, chapters = _speak_script(script, voices, spool, progress, said)
        if not cues:
            raise EngineError("the script produced no speech")
        return Programme(spool, plan(spool), rate, tuple(cues), tuple(chapters))
    except BaseException:  # an error, Ctrl-C or SIGTERM: release the spool now
        spool.close()
        raise


def _speak_script(
    script: Script,
    voices: dict[int, Voice],
    spool: Spool,
    progress: Callable[[int], None] | None,
    said: Pronunciations,
) -> tuple[list[Cue], list[AudioChapter]]:
    rate = spool.rate
    cues: list[Cue] = []
    chapters: list[AudioChapter] = []
    for number, chapter in enumerate(script.chapters):
        start = spool.length
        turn = 1 if len(voices) == 1 else number % 2 + 1
        for paragraph in chapter.paragraphs:
            host = paragraph.host if paragraph.host in voices else turn
            for sentence in paragraph.sentences:
                audio = _speak(voices[host], sentence, rate, said)
                if audio is not None:
                    begin = spool.length
                    spool.add(audio)
                    cues.append(Cue(begin / rate, spool.length / rate, sentence, host))
                    spool.silence(PAUSES["sentence"])
                if progress:
                    progress(1)
            spool.silence(PAUSES["paragraph"] - PAUSES["sentence"])
        spool.silence(PAUSES["chapter"] - PAUSES["paragraph"])
        chapters.append(AudioChapter(chapter.title, round(start / rate, 3), 0.0))
    ends = [c.start for c in chapters[1:]] + [round(spool.length / rate, 3)]
    closed = [AudioChapter(c.title, c.start, end) for c, end in zip(chapters, ends, strict=True)]
    return cues, closed


def _speak(voice: Voice, sentence: str, rate: int, said: Pronunciations) -> np.ndarray | None:
    """One sentence's samples, or None when it has nothing to say (only punctuation).

    A result outside a plausible speaking pace is a failed synthesis: it is tried
    again a few times before the recording stops with an error naming the sentence.
    """
    spoken = said.apply(for_speech(sentence))
    words = len(spoken.split())
    if not words or not _SPEAKABLE.search(spoken):
        return None
    slowest, fastest = WORDS_PER_SECOND
    for _attempt in range(ATTEMPTS):
        audio = trim_silence(resample(voice.synthesize(spoken), voice.sample_rate, rate))
        seconds = len(audio) / rate
        if words / fastest <= seconds <= words / slowest + 1.0:
            return audio
    raise SynthesisError(
        f"{voice.name} returned {seconds:.2f} s of audio for {words} words "
        f"({sentence[:50]!r}), {ATTEMPTS} times: synthesis failed"
    )


def audio_files(programme: Programme, paths: AudioPaths, tags: Tags) -> dict[Path, bytes | str]:
    """Every file of the audio brief, by path: audio, WebVTT, SRT and chapters JSON.

    The audio format is the audio path's suffix (``.mp3`` or ``.wav``).
    """
    return {
        paths.audio: encode(programme, paths.audio.suffix.lstrip("."), tags),
        paths.transcript: webvtt(programme),
        paths.subtitles: srt(programme),
        paths.chapters: chapters_json(programme),
    }


def attach(brief: Brief, programme: Programme, audio: Path, transcript: Path, page: Path) -> Brief:
    """The brief with its recording, linked relative to the page that shows it."""
    from dataclasses import replace

    folder = page.parent.resolve()
    return replace(
        brief,
        audio=Audio(
            path=Path(os.path.relpath(audio.resolve(), folder)).as_posix(),
            mime=AUDIO_FORMATS[audio.suffix.lstrip(".")],
            duration=round(programme.duration, 3),
            chapters=programme.chapters,
            cues=programme.cues,
            transcript=Path(os.path.relpath(transcript.resolve(), folder)).as_posix(),
        ),
    )
