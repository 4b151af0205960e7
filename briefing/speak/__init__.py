"""Speak: the brief as a podcast-style audio programme.

``brief -> script (template) -> sentences -> voices -> programme -> files``.
The script is text a user can edit; :func:`record` turns any script into a
:class:`Programme` with the chosen engine, and :func:`audio_files` into
MP3/WAV, WebVTT, SRT and chapter files.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from briefing.defaults import DEFAULT_VOICE_ENGINE, HOSTS, RATES, VOICE_ENGINES, check_rate
from briefing.errors import ChoiceError, ConfigError, EngineError, SynthesisError
from briefing.layout import AudioPaths
from briefing.models import Audio, AudioChapter, Brief, Cue
from briefing.registry import Registry
from briefing.speak.base import Engine, Voice
from briefing.speak.files import AUDIO_FORMATS, Tags, chapters_json, encode, srt, webvtt
from briefing.speak.normalize import for_speech
from briefing.speak.production import PAUSES, Programme, master, resample, trim_silence
from briefing.speak.script import Script, parse_script

__all__ = [
    "AUDIO_FORMATS",
    "DEFAULT_ENGINE",
    "ENGINES",
    "RATES",
    "Programme",
    "Script",
    "VoiceOptions",
    "attach",
    "audio_files",
    "for_speech",
    "load_voices",
    "parse_script",
    "record",
]

DEFAULT_ENGINE = DEFAULT_VOICE_ENGINE
ENGINES: Registry[Engine] = VOICE_ENGINES
WORDS_PER_SECOND = (0.7, 7.0)
"""Plausible speaking pace, slowest and fastest: audio outside it is a synthesis failure."""


@dataclass(frozen=True)
class VoiceOptions:
    """Which voices read the brief: load-time settings of the engine."""

    engine: str = DEFAULT_ENGINE
    voice: str | None = None  # a voice name (espeak) or an .onnx file (piper)
    voice2: str | None = None  # the second host's, with two hosts
    rate: int | None = None  # words per minute; None: the voice's own pace
    hosts: int = HOSTS[0]

    def __post_init__(self) -> None:
        if self.engine not in ENGINES.names():
            raise EngineError(
                f"unknown voice engine {self.engine!r}; choose from: {', '.join(ENGINES.names())}",
                setting="engine",
            )
        if self.hosts not in HOSTS:
            raise ChoiceError("{setting} is 1 or 2", setting="hosts")
        check_rate(self.rate)


def load_engine(name: str) -> Engine:
    return ENGINES.load(name)


def load_voices(options: VoiceOptions) -> dict[int, Voice]:
    """Host number to loaded voice; two distinct voices for two hosts."""
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
    script: Script, voices: dict[int, Voice], progress: Callable[[int], None] | None = None
) -> Programme:
    """Speak every sentence, join them with pauses and master the result."""
    rate = voices[1].sample_rate
    pieces: list[np.ndarray] = []
    cues: list[Cue] = []
    chapters: list[AudioChapter] = []
    clock = 0.0
    for number, chapter in enumerate(script.chapters):
        start = clock
        turn = 1 if len(voices) == 1 else number % 2 + 1
        for paragraph in chapter.paragraphs:
            host = paragraph.host if paragraph.host in voices else turn
            for sentence in paragraph.sentences:
                audio = _speak(voices[host], sentence, rate)
                if audio is None:
                    continue
                cues.append(Cue(clock, clock + len(audio) / rate, sentence, host))
                pieces.append(audio)
                clock = cues[-1].end
                clock += _pause(pieces, rate, "sentence")
                if progress:
                    progress(1)
            clock += _pause(pieces, rate, "paragraph", already="sentence")
        clock += _pause(pieces, rate, "chapter", already="paragraph")
        chapters.append(AudioChapter(chapter.title, round(start, 3), round(clock, 3)))
    samples = np.concatenate(pieces) if pieces else np.zeros(0, np.float32)
    if not cues:
        raise EngineError("the script produced no speech")
    end = len(samples) / rate
    chapters[-1] = AudioChapter(chapters[-1].title, chapters[-1].start, round(end, 3))
    return Programme(master(samples, rate), rate, tuple(cues), tuple(chapters))


def _speak(voice: Voice, sentence: str, rate: int) -> np.ndarray | None:
    spoken = for_speech(sentence)
    words = len(spoken.split())
    if not words:
        return None
    audio = trim_silence(resample(voice.synthesize(spoken), voice.sample_rate, rate))
    seconds = len(audio) / rate
    slowest, fastest = WORDS_PER_SECOND
    if not (words / fastest <= seconds <= words / slowest + 1.0):
        raise SynthesisError(
            f"{voice.name} returned {seconds:.2f} s of audio for {words} words "
            f"({sentence[:50]!r}): synthesis failed"
        )
    return audio


def _pause(pieces: list[np.ndarray], rate: int, kind: str, already: str | None = None) -> float:
    """Add silence so the gap after a piece totals PAUSES[kind]."""
    seconds = PAUSES[kind] - (PAUSES[already] if already else 0.0)
    pieces.append(np.zeros(int(seconds * rate), np.float32))
    return int(seconds * rate) / rate


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
