"""A script recorded: every sentence spoken into a spool, with pauses, then its files.

Only one sentence's samples are in memory at a time; :func:`audio_files`
streams the programme to the encoder and writes the transcripts and chapters;
:func:`attach` links the recording to the brief. A listener need not wait for
all of it: ``on_part`` hears of every :class:`Part` as soon as it is spoken (the
first sentence, then each chapter), ready to play while the rest is recorded.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from briefing.defaults import AUDIO_FORMATS
from briefing.errors import EngineError, SynthesisError
from briefing.layout import AudioPaths
from briefing.models import Audio, AudioChapter, Brief, Cue
from briefing.speak.base import Voice
from briefing.speak.files import Tags, chapters_json, encode, mp3_stretch, srt, webvtt
from briefing.speak.normalize import for_speech
from briefing.speak.production import PAUSES, Programme, Spool, plan, resample, trim_silence
from briefing.speak.pronounce import Pronunciations
from briefing.speak.pronounce import load as load_pronunciations
from briefing.speak.script import Script

WORDS_PER_SECOND = (0.7, 7.0)
"""Plausible speaking pace at a natural rate, slowest and fastest: audio outside it is a
synthesis failure. A voice asked to speak faster or slower widens the window in proportion."""
NATURAL_RATE = 175  # words a minute that WORDS_PER_SECOND is about
ATTEMPTS = 3  # a safety net: the espeak engine's empty recordings are fixed at their cause
_SPEAKABLE = re.compile(r"\w")
PART_SECONDS = 30.0
"""A long chapter is heard in parts of about this length (closed at a paragraph's end), so
the listener never waits for a whole long chapter; the first part is the first sentence."""


@dataclass(frozen=True)
class Part:
    """A stretch of the programme just recorded, to be heard while the rest is spoken.

    Its samples are the final programme's, with the loudness measured on everything
    recorded so far (the finished file's gain differs by a fraction of a decibel).
    ``words`` of ``total_words`` are spoken: the rest can be estimated from the pace.
    """

    number: int  # 1, 2, ... in playing order
    chapter: int  # 1-based number of its chapter, of ``chapters``
    chapters: int
    title: str  # its chapter's title
    start: float  # seconds into the programme
    end: float
    words: int
    total_words: int
    chapter_end: bool  # the part ends its chapter
    _preview: Programme = field(repr=False, compare=False)
    _samples: tuple[int, int] = field(repr=False, compare=False)

    def mp3(self) -> bytes:
        """The part as a whole MP3 file (gapless: it carries its encoder delay and padding).

        Call it from the ``on_part`` handler: the recording's samples go when it ends.
        """
        return mp3_stretch(self._preview, *self._samples)


PartHandler = Callable[[Part], None]


def about(seconds: float) -> str:
    """A time left in words: 'about 40 s', 'about 2 min'."""
    if seconds < 55:
        return f"about {max(5, round(seconds / 5) * 5)} s"
    return f"about {max(1, round(seconds / 60))} min"


def progress_text(part: Part, elapsed: float) -> str:
    """How far the recording is, and the time left at the pace so far (``elapsed`` seconds
    since the voice started): 'recording audio: chapter 3 of 9 done, about 40 s left'."""
    text = f"recording audio: chapter {part.chapter} of {part.chapters}"
    text += " done" if part.chapter_end else " under way"
    if part.words and part.total_words > part.words:
        text += f", {about(elapsed * (part.total_words - part.words) / part.words)} left"
    return text


class _Parts:
    """Closes a part at the end of the first sentence, of every chapter and of long stretches."""

    def __init__(self, handler: PartHandler, spool: Spool, script: Script) -> None:
        self.handler, self.spool = handler, spool
        self.chapters, self.total_words = len(script.chapters), script.words
        self.words = self.number = self.start = 0

    def close(self, chapter: int, title: str, chapter_end: bool) -> None:
        spool = self.spool
        seconds = (spool.length - self.start) / spool.rate
        if not (chapter_end or self.number == 0 or seconds >= PART_SECONDS):
            return
        self.number += 1
        preview = Programme(spool, plan(spool), spool.rate, (), ())
        rate = spool.rate
        part = Part(self.number, chapter + 1, self.chapters, title, self.start / rate,
                    spool.length / rate, self.words, self.total_words, chapter_end, preview,
                    (self.start, spool.length))  # fmt: skip
        self.start = spool.length
        self.handler(part)


def record(
    script: Script,
    voices: dict[int, Voice],
    progress: Callable[[int], None] | None = None,
    spool_folder: Path | None = None,
    pronunciations: Pronunciations | None = None,
    on_part: PartHandler | None = None,
) -> Programme:
    """Speak every sentence into a spool, with pauses, and plan its mastering.

    Only one sentence's samples are in memory at a time; the programme waits on
    disk (an anonymous file in ``spool_folder``, the system's temporary folder by
    default) until :func:`audio_files` streams it to the encoder. ``on_part`` is
    called with each :class:`Part` as soon as it is recorded, in order.
    """
    rate = voices[1].sample_rate
    said = pronunciations or load_pronunciations()
    spool = Spool(rate, spool_folder)
    try:
        parts = _Parts(on_part, spool, script) if on_part else None
        cues, chapters = _speak_script(script, voices, spool, (progress, parts), said)
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
    reports: tuple[Callable[[int], None] | None, _Parts | None],
    said: Pronunciations,
) -> tuple[list[Cue], list[AudioChapter]]:
    rate = spool.rate
    progress, parts = reports
    cues: list[Cue] = []
    chapters: list[AudioChapter] = []
    for number, chapter in enumerate(script.chapters):
        start = spool.length
        turn = 1 if len(voices) == 1 else number % 2 + 1
        for index, paragraph in enumerate(chapter.paragraphs):
            host = paragraph.host if paragraph.host in voices else turn
            for sentence in paragraph.sentences:
                audio = _speak(voices[host], sentence, rate, said)
                if audio is not None:
                    begin = spool.length
                    spool.add(audio)
                    cues.append(Cue(begin / rate, spool.length / rate, sentence, host))
                    spool.silence(PAUSES["sentence"])
                if parts:
                    parts.words += len(sentence.split())
                    if parts.number == 0 and audio is not None:  # something to hear, now
                        parts.close(number, chapter.title, chapter_end=False)
                if progress:
                    progress(1)
            spool.silence(PAUSES["paragraph"] - PAUSES["sentence"])
            if parts and index < len(chapter.paragraphs) - 1:
                parts.close(number, chapter.title, chapter_end=False)
        spool.silence(PAUSES["chapter"] - PAUSES["paragraph"])
        if parts:
            parts.close(number, chapter.title, chapter_end=True)
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
    slowest, fastest = _pace(voice)
    for _attempt in range(ATTEMPTS):
        audio = trim_silence(resample(voice.synthesize(spoken), voice.sample_rate, rate))
        seconds = len(audio) / rate
        if words / fastest <= seconds <= words / slowest + 1.0:
            return audio
    raise SynthesisError(
        f"{voice.name} returned {seconds:.2f} s of audio for {words} words "
        f"({sentence[:50]!r}), {ATTEMPTS} times: synthesis failed"
    )


def _pace(voice: Voice) -> tuple[float, float]:
    """The plausible words a second for this voice: 300 words a minute is legitimately fast."""
    scale = (getattr(voice, "rate", None) or NATURAL_RATE) / NATURAL_RATE
    slowest, fastest = WORDS_PER_SECOND
    return slowest * min(1.0, scale), fastest * max(1.0, scale)


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
