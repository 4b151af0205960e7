"""The defaults and fixed choices of the settings, in one light module.

The settings types (:mod:`briefing.settings`) and the stages read their
defaults from here, and so does the command line: this module imports
nothing heavy, so ``briefing --help`` and option errors answer without loading
the pipeline, NumPy or the audio stack. Each value is written here once.
"""

from __future__ import annotations

from pathlib import Path

from briefing.errors import ConfigError
from briefing.registry import Registry

FORMATS: Registry = Registry("format", "briefing.render.formats")
DEFAULT_FORMATS = ("html", "pdf", "md", "txt", "json")
THEMES = ("auto", "light", "dark", "contrast")
DEFAULT_THEME = "auto"  # follows the system's dark and more-contrast settings
PAPER_SIZES = ("A4", "letter")
DEFAULT_PAPER = "A4"
OUTPUT_FOLDER = Path("briefs")  # the documents

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
"""Largest input accepted by default: 5 MiB is hundreds of long articles."""
DEFAULT_TIMEOUT = 20.0
"""Seconds for a whole URL: connecting, redirects and reading."""
FEED_LIMIT = 10
"""Newest entries taken from each feed."""

AUDIO_FORMATS = {"mp3": "audio/mpeg", "wav": "audio/wav"}
DEFAULT_AUDIO_FORMAT = "mp3"
AUDIO_FOLDER = Path("audio")
VOICE_STYLES = ("natural", "fast")
"""natural: the default engine (Piper when installed); fast: espeak at a screen-reader pace."""
DEFAULT_VOICE_STYLE = "natural"
VOICE_ENGINES: Registry = Registry("voice engine", "briefing.speak.engines")
HOSTS = (1, 2)
"""One voice, or two hosts whose chapters alternate; the first is the default."""
RATES = (60, 400)
"""Speaking rates a listener can follow, in words a minute."""

PODCAST = {
    "title": "Briefs",
    "description": "Comparative news briefs, read aloud.",
    "author": "briefing",
}
"""The podcast feed's own title, description and author, unless given."""

ATTACH_LIMIT = 10_000_000
"""Bytes of attachments an email carries (the PDF and the audio), a common server limit."""
SEND_MAX_BYTES = 20 * 1024 * 1024
"""`send`'s cap on a message: 10 MB of attachments are about 13.5 MB in base64, plus bodies."""


def check_rate(rate: int | None) -> None:
    """A speaking rate outside :data:`RATES` is an error (None: the voice's own pace)."""
    if rate is not None and not RATES[0] <= rate <= RATES[1]:
        raise ConfigError(
            f"{{setting}} is in words a minute, from {RATES[0]} to {RATES[1]}", setting="rate"
        )
