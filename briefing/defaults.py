"""Defaults and engine registries the command line shows before it does any work.

This module imports nothing heavy, so ``briefing --help`` and option errors
answer without loading the pipeline, NumPy or the audio stack; the packages
that use these values import them from here.
"""

from __future__ import annotations

from briefing.registry import Registry

FORMATS: Registry = Registry("format", "briefing.render.formats")
DEFAULT_FORMATS = ("html", "pdf", "md", "txt", "json")
THEMES = ("auto", "light", "dark", "contrast")
PAPER_SIZES = ("A4", "letter")

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
"""Largest input accepted by default: 5 MiB is hundreds of long articles."""

AUDIO_FORMATS = {"mp3": "audio/mpeg", "wav": "audio/wav"}
VOICE_STYLES = ("natural", "fast")
"""natural: the default engine (Piper when installed); fast: espeak at a screen-reader pace."""
VOICE_ENGINES: Registry = Registry("voice engine", "briefing.speak.engines")
