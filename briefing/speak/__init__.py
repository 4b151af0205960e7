"""Speak: the brief as a podcast-style audio programme.

``brief -> script (template) -> sentences -> voices -> programme -> files``.
The script is text a user can edit; :func:`record` turns any script into a
:class:`Programme` with the chosen engine, and :func:`audio_files` into
MP3/WAV, WebVTT, SRT and chapter files. The voices are chosen and loaded in
:mod:`briefing.speak.voices`, scripts recorded in :mod:`briefing.speak.recording`;
this module only re-exports.
"""

from __future__ import annotations

from briefing.defaults import AUDIO_FORMATS, RATES
from briefing.speak.production import Programme
from briefing.speak.pronounce import load as load_pronunciations
from briefing.speak.recording import Part, PartHandler, attach, audio_files, for_speech, record
from briefing.speak.script import Script, parse_script
from briefing.speak.voices import (
    ENGINES,
    FAST_RATE,
    STYLES,
    VoiceOptions,
    default_engine,
    load_engine,
    load_voices,
)

__all__ = [
    "AUDIO_FORMATS",
    "ENGINES",
    "FAST_RATE",
    "RATES",
    "STYLES",
    "Part",
    "PartHandler",
    "Programme",
    "Script",
    "VoiceOptions",
    "attach",
    "audio_files",
    "default_engine",
    "for_speech",
    "load_engine",
    "load_pronunciations",
    "load_voices",
    "parse_script",
    "record",
]
