"""The keys a plan's topics take: the command line's option names, their types, their settings.

A topic says ``length = "3"`` where the command line says ``--length 3``; the
values fill the same settings types (:mod:`briefing.settings`), so a plan gets
the command line's defaults and checks, written once there. A key may be
spelled with hyphens, as the option is, or with underscores. Only what a
brief's content depends on is a key: where files go is the batch's business
(one folder per topic, named by the topic), so ``output``, ``name`` and
``audio-dir`` are not keys.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from briefing.errors import ConfigError
from briefing.ingest import FeedSelection, Metadata
from briefing.ingest.fetch import is_url
from briefing.settings import (
    Audio,
    Display,
    ModelOptions,
    Output,
    Request,
    Sources,
    SummarySettings,
    VoiceOptions,
)

MIB = 1024 * 1024
HERE = Path(".")  # a topic's documents and audio sit together in its own folder


@dataclass(frozen=True)
class Kind:
    """What a key's value must be, as a plan error says it, and how to read it."""

    says: str
    read: Callable[[Any], Any]


class WrongKind(Exception):
    """A value of the wrong TOML type; the plan reader names the file, topic and key."""


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise WrongKind
    return value


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise WrongKind
    return value


def _whole(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise WrongKind
    return value


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise WrongKind
    return float(value)


def _texts(value: Any) -> tuple[str, ...]:
    """A list of strings, or one string (a comma-separated one for ``formats``)."""
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise WrongKind
    return tuple(value)


def _length(value: Any) -> str | int:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise WrongKind
    return value


def _day(value: Any) -> date | str:
    if isinstance(value, date | str):  # TOML writes dates bare: since = 2025-12-01
        return value
    raise WrongKind


def _generation(value: Any) -> tuple[str, ...]:
    """KEY=VALUE strings, or a table (``generation = {num_beams = 4}``)."""
    if isinstance(value, dict):
        return tuple(f"{key}={item}" for key, item in value.items())
    return _texts(value)


TEXT = Kind("a string", _text)
FLAG = Kind("true or false", _flag)
WHOLE = Kind("a whole number", _whole)
NUMBER = Kind("a number", _number)
TEXTS = Kind("a string or a list of strings", _texts)
LENGTH = Kind('a length: sentences (3), words ("60w") or a ratio ("20%")', _length)
DAY = Kind("a date (2025-12-01)", _day)
GENERATION = Kind("a table or a list of KEY=VALUE strings", _generation)

KEYS: dict[str, Kind] = {
    # what to read
    "inputs": TEXTS,
    "outlet": TEXT,
    "author": TEXTS,
    "date": DAY,
    "max-size": NUMBER,
    "strict": FLAG,
    "cache": TEXT,
    "offline": FLAG,
    "timeout": NUMBER,
    "limit": WHOLE,
    "match": TEXTS,
    "since": DAY,
    "until": DAY,
    # the brief
    "title": TEXT,
    "length": LENGTH,
    "overview-length": LENGTH,
    "summarizer": TEXT,
    "model": TEXT,
    "device": TEXT,
    "allow-download": FLAG,
    "generation": GENERATION,
    "batch-size": WHOLE,
    "formats": TEXTS,
    "templates": TEXT,
    "theme": TEXT,
    "easy-reading": FLAG,
    "paper": TEXT,
    # the audio and its podcast feed
    "audio": FLAG,
    "audio-format": TEXT,
    "engine": TEXT,
    "voice": TEXT,
    "voice2": TEXT,
    "rate": WHOLE,
    "hosts": WHOLE,
    "pronunciations": TEXT,
    "voice-style": TEXT,
    "base-url": TEXT,
}
"""Every key a topic (or ``[defaults]``) may set, by the command line's option name."""

SETTING_KEYS = {
    "max_bytes": "max-size",
    "keyword": "match",
    "style": "voice-style",
}
"""Settings fields whose key is not the field's name with hyphens."""


def key_of(setting: str) -> str:
    """The plan's spelling of a settings field (``max_bytes`` -> ``max-size``)."""
    return SETTING_KEYS.get(setting, setting.replace("_", "-"))


def request(values: Mapping[str, Any], folder: Path) -> Request:
    """The settings of one topic from its values (already of the right kinds).

    Relative paths are read from ``folder``, the plan's own folder, as an
    ``@list`` file's lines are read from its folder. Keys left out keep the
    settings' defaults.
    """
    audio = _audio(values, folder)  # checked even when off, as the command line does
    return Request(
        sources=_sources(values, folder),
        title=values.get("title"),
        summary=SummarySettings(
            **_given(values, length="length", overview_length="overview-length"),
            **_given(values, summarizer="summarizer"),
            model=_model(values),
        ),
        display=Display(
            **_given(values, theme="theme", easy_reading="easy-reading", paper="paper")
        ),
        audio=audio if values.get("audio") else None,
        output=Output(
            folder=HERE,
            formats=_formats(values["formats"]) if "formats" in values else Output().formats,
            templates=_path(values.get("templates"), folder),
        ),
    )


def _sources(values: Mapping[str, Any], folder: Path) -> Sources:
    words = values.get("match") or ()
    return Sources(
        inputs=tuple(_input(item, folder) for item in values.get("inputs", ())),
        metadata=Metadata(
            outlet=values.get("outlet"),
            authors=values.get("author", ()),
            published=_date(values.get("date"), "date"),
        ),
        **_given(values, strict="strict", timeout="timeout", offline="offline"),
        **({"max_bytes": int(values["max-size"] * MIB)} if "max-size" in values else {}),
        cache=_path(values.get("cache"), folder),
        feed=FeedSelection(
            **_given(values, limit="limit"),
            keyword=words[0] if len(words) == 1 else (tuple(words) or None),
            since=_date(values.get("since"), "since"),
            until=_date(values.get("until"), "until"),
        ),
    )


def _model(values: Mapping[str, Any]) -> ModelOptions:
    from briefing.summarize.seq2seq import parse_generation

    return ModelOptions(
        **_given(values, model="model", device="device", allow_download="allow-download"),
        **_given(values, batch_size="batch-size"),
        generation=parse_generation(values.get("generation", ())),
    )


def _audio(values: Mapping[str, Any], folder: Path) -> Audio:
    voice = VoiceOptions(
        **_given(values, engine="engine", voice="voice", voice2="voice2", rate="rate"),
        **_given(values, hosts="hosts", style="voice-style"),
    )
    return Audio(
        voice=voice,
        **_given(values, format="audio-format"),
        folder=HERE,
        pronunciations=_path(values.get("pronunciations"), folder),
    )


def _given(values: Mapping[str, Any], **fields: str) -> dict[str, Any]:
    """Settings field -> value, for the keys the topic sets: the others keep their defaults."""
    return {field: values[key] for field, key in fields.items() if key in values}


def _formats(names: tuple[str, ...]) -> tuple[str, ...]:
    """``["html", "md"]`` or the command line's ``"html,md"``."""
    return tuple(part.strip() for name in names for part in name.split(",") if part.strip())


def _input(item: str, folder: Path) -> str:
    """A URL as given; a file, folder or ``@list`` file from the plan's folder."""
    if is_url(item):
        return item
    if item.startswith("@"):
        return "@" + str(folder / Path(item[1:]).expanduser())
    return str(folder / Path(item).expanduser())


def _path(value: str | None, folder: Path) -> Path | None:
    return None if value is None else folder / Path(value).expanduser()


def _date(value: date | str | None, setting: str) -> date | None:
    """A date key's value: a TOML date, or a string read as the articles' dates are."""
    from briefing.ingest.metadata import find_date

    if value is None or isinstance(value, date):
        return value
    found = find_date(value) if value.strip() else None
    if found is None:
        raise ConfigError(f"{{setting}} {value!r} is not a date (try 2025-12-01)", setting=setting)
    return found.value
