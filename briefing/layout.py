"""Where every file of a brief goes and what it is called: the one place that knows.

A brief named ``harbour`` is ``briefs/harbour.html``, ``.pdf``, ``.md`` ... (one
per format, the renderer's extension) and, with audio, ``audio/harbour.mp3``
beside its transcript (``.vtt``), subtitles (``.srt``), chapters
(``.chapters.json``) and the narration script it was read from
(``.script.txt``). The podcast feed finds an episode's sidecars the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from briefing.defaults import AUDIO_FOLDER, OUTPUT_FOLDER

SCRIPT = ".script.txt"
TRANSCRIPT = ".vtt"
SUBTITLES = ".srt"
CHAPTERS = ".chapters.json"


class Role(StrEnum):
    """What a written file is, beyond its format."""

    DOCUMENT = "document"  # one rendered format: html, pdf, md, txt, json, eml, script
    NARRATION = "narration"  # the script the audio was read from; edit it, then record again
    AUDIO = "audio"
    TRANSCRIPT = "transcript"  # WebVTT
    SUBTITLES = "subtitles"  # SRT
    CHAPTERS = "chapters"  # Podcasting 2.0 JSON


@dataclass(frozen=True)
class Layout:
    """The paths of one brief's files."""

    name: str  # base name of every file
    folder: Path = OUTPUT_FOLDER  # the documents
    audio_folder: Path = AUDIO_FOLDER

    def document(self, extension: str) -> Path:
        return self.folder / f"{self.name}{extension}"

    def narration(self) -> Path:
        return self.audio_folder / f"{self.name}{SCRIPT}"

    def recording(self, audio_format: str) -> AudioPaths:
        return AudioPaths.beside(self.audio_folder / f"{self.name}.{audio_format}")


@dataclass(frozen=True)
class AudioPaths:
    """An audio file and its sidecars, which share its stem."""

    audio: Path
    transcript: Path
    subtitles: Path
    chapters: Path

    @classmethod
    def beside(cls, audio: Path) -> AudioPaths:
        stem = audio.name[: -len(audio.suffix)] if audio.suffix else audio.name
        return cls(
            audio=audio,
            transcript=audio.with_name(stem + TRANSCRIPT),
            subtitles=audio.with_name(stem + SUBTITLES),
            chapters=audio.with_name(stem + CHAPTERS),
        )

    def roles(self) -> dict[Path, Role]:
        return {
            self.audio: Role.AUDIO,
            self.transcript: Role.TRANSCRIPT,
            self.subtitles: Role.SUBTITLES,
            self.chapters: Role.CHAPTERS,
        }
