"""What a brief is made from and how: the settings every front end fills in.

Each settings type owns its defaults and its checks (``__post_init__``), so the
CLI, a web form and a batch plan get the same defaults and the same errors. An
error names the field it is about in ``setting`` (see :mod:`briefing.errors`);
front ends spell it their own way.

A :class:`Request` bundles them; :func:`briefing.app.make_brief` carries it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from briefing.defaults import (
    AUDIO_FOLDER,
    AUDIO_FORMATS,
    DEFAULT_AUDIO_FORMAT,
    DEFAULT_FORMATS,
    DEFAULT_MAX_BYTES,
    DEFAULT_TIMEOUT,
    FORMATS,
    OUTPUT_FOLDER,
)
from briefing.errors import ChoiceError, ConfigError, EngineError
from briefing.ingest import FeedSelection, Fetcher, Metadata
from briefing.ingest.hosts import refusal
from briefing.output import check_name
from briefing.render import Display
from briefing.render.formats.eml import Mail
from briefing.share.email import Server
from briefing.speak import VoiceOptions
from briefing.summarize import Length, ModelOptions
from briefing.summarize.settings import SummarySettings

__all__ = [
    "Audio",
    "Display",
    "Length",
    "Mail",
    "ModelOptions",
    "Output",
    "Request",
    "Server",
    "Sources",
    "SummarySettings",
    "VoiceOptions",
]


@dataclass(frozen=True)
class Sources:
    """The inputs (files, folders, @lists, URLs, feeds) and how they are read and fetched."""

    inputs: tuple[str | Path, ...]
    metadata: Metadata = field(default_factory=Metadata)  # overrides what the texts say
    strict: bool = False  # stop at the first unusable input instead of skipping it
    max_bytes: int = DEFAULT_MAX_BYTES  # largest file or page accepted
    timeout: float = DEFAULT_TIMEOUT  # seconds per URL, all of it
    cache: Path | None = None  # keep fetched pages here and reuse them
    offline: bool = False  # never fetch: only pages already in the cache
    feed: FeedSelection = field(default_factory=FeedSelection)
    public_only: bool = False  # fetch from public addresses only: a server fetching for users

    def __post_init__(self) -> None:
        object.__setattr__(self, "inputs", tuple(self.inputs))
        if not self.inputs:
            raise ConfigError("no inputs: give files, folders, URLs or feeds", setting="inputs")
        if self.max_bytes < 1:
            raise ConfigError("{setting} must be positive", setting="max_bytes")
        if self.timeout <= 0:
            raise ConfigError("{setting} must be positive", setting="timeout")
        if self.feed.limit < 1:
            raise ConfigError("{setting} must be at least 1", setting="limit")

    def fetcher(self) -> Fetcher:
        return Fetcher(
            timeout=self.timeout,
            max_bytes=self.max_bytes,
            cache=self.cache,
            offline=self.offline,
            refuse=refusal if self.public_only else None,
        )


@dataclass(frozen=True)
class Audio:
    """The brief read aloud: which voices, in which format, in which folder."""

    voice: VoiceOptions = field(default_factory=VoiceOptions)
    format: str = DEFAULT_AUDIO_FORMAT
    folder: Path = AUDIO_FOLDER
    pronunciations: Path | None = None  # more "WORD = HOW TO SAY IT" lines on the shipped list

    def __post_init__(self) -> None:
        if self.format not in AUDIO_FORMATS:
            raise ChoiceError(
                f"unknown audio format {self.format!r}; choose from: {', '.join(AUDIO_FORMATS)}",
                setting="audio_format",
            )


@dataclass(frozen=True)
class Output:
    """Where the documents go, under which base name, in which formats."""

    folder: Path = OUTPUT_FOLDER
    name: str | None = None  # base name of every file; None: from the title
    formats: tuple[str, ...] = DEFAULT_FORMATS
    templates: Path | None = None  # your own templates; missing ones fall back to the built-in

    def __post_init__(self) -> None:
        object.__setattr__(self, "formats", tuple(dict.fromkeys(self.formats)))
        if not self.formats:
            raise ConfigError("{setting}: give at least one format", setting="formats")
        unknown = [name for name in self.formats if name not in FORMATS.names()]
        if unknown:
            raise EngineError(
                f"unknown format {unknown[0]!r}; choose from: {', '.join(FORMATS.names())}",
                setting="formats",
            )
        if self.name is not None:
            check_name(self.name)  # never a path: outputs stay in their folder


@dataclass(frozen=True)
class Request:
    """Everything one brief needs. ``audio``, ``mail`` and ``delivery`` are off when None.

    ``mail`` is who the email is from and to (the ``eml`` format); ``delivery``
    is the SMTP server to send it through, which implies ``eml``.
    """

    sources: Sources
    title: str | None = None  # None: derived from the articles
    summary: SummarySettings = field(default_factory=SummarySettings)
    display: Display = field(default_factory=Display)
    audio: Audio | None = None
    mail: Mail | None = None
    delivery: Server | None = None
    output: Output = field(default_factory=Output)

    def __post_init__(self) -> None:
        formats = self.output.formats
        if self.delivery is not None and "eml" not in formats:
            object.__setattr__(self, "output", replace(self.output, formats=(*formats, "eml")))
        emailed = "eml" in self.output.formats
        if self.mail is not None and (self.mail.to or self.mail.cc) and not emailed:
            raise ConfigError("{setting} needs the eml format or sending", setting="to")
        if emailed and self.mail is None:
            object.__setattr__(self, "mail", Mail())
