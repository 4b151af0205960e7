"""A batch plan: the topics to brief, read from a TOML file and checked before any work.

::

    [defaults]
    formats = ["html", "md", "json"]
    audio = true
    base-url = "https://example.org/briefs/"

    [[topic]]
    name = "harbour"
    inputs = ["https://example.org/harbour.rss", "notes/harbour/"]
    match = ["docks"]

A topic's keys are the command line's option names (:mod:`briefing.batch.keys`);
``[defaults]`` gives any of them to every topic, and a topic's own value wins.
Every problem is found here, before anything is read or fetched, and said in one
line naming the plan file, the topic and the key, with the nearest known key for
a misspelt one: a plan of a hundred topics should not fail at the ninetieth.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from briefing.batch.bounds import TooLarge, check_bounds
from briefing.batch.keys import KEYS, WrongKind, key_of, request
from briefing.errors import SETTING, BriefingError, InputError, PlanError, first_line
from briefing.output import slugify
from briefing.settings import Request, VoiceOptions

PLAN_MAX_BYTES = 1024 * 1024
MAX_TOPICS = 10_000
SECTIONS = ("defaults", "topic")
DEFAULTS = "[defaults]"


@dataclass(frozen=True)
class Topic:
    """One brief to make on every run: its settings and its folder under the output folder."""

    name: str
    folder: str  # a slug of the name: a plain folder name, never a path
    request: Request  # the files are named per run (see briefing.batch.work.Job)
    base_url: str | None = None  # where the output folder is served, for the podcast feed

    @property
    def feed_url(self) -> str | None:
        """Where this topic's folder is served: the podcast feed's links start with it."""
        return f"{self.base_url.rstrip('/')}/{self.folder}/" if self.base_url else None


@dataclass(frozen=True)
class Plan:
    """Every topic of a plan file, checked."""

    path: Path
    topics: tuple[Topic, ...]

    def voices(self) -> tuple[VoiceOptions, ...]:
        """The distinct voices the topics speak with: a worker loads each once."""
        found = (t.request.audio.voice for t in self.topics if t.request.audio is not None)
        return tuple(dict.fromkeys(found))


def load_plan(path: Path | str) -> Plan:
    """Read and check a plan file; a :class:`PlanError` names what is wrong and where."""
    path = Path(path)
    defaults, entries = _sections(path, _parse(path))
    base = _values(path, DEFAULTS, defaults)
    topics: dict[str, Topic] = {}
    for number, entry in enumerate(entries, 1):
        topic = _topic(path, number, entry, base)
        other = topics.get(topic.folder)
        if other is not None:
            raise PlanError(
                f"{path}: topic {topic.name!r}: its folder {topic.folder!r} is also topic "
                f"{other.name!r}'s; give one of them another name"
            )
        topics[topic.folder] = topic
    plan = Plan(path, tuple(topics.values()))
    _one_voice_engine(plan)
    _preflight(plan)
    return plan


def _parse(path: Path) -> dict[str, Any]:
    from briefing.ingest.reading import read_bytes

    try:
        text = read_bytes(path, PLAN_MAX_BYTES).decode("utf-8-sig")
    except InputError as exc:
        raise PlanError(f"{path}: {exc.problem}") from exc
    except UnicodeDecodeError:
        raise PlanError(f"{path}: not UTF-8 text") from None
    try:
        check_bounds(text)  # before the parser, which is slow and recursive on such input
    except TooLarge as exc:
        raise PlanError(f"{path}: too large to read: {exc}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PlanError(f"{path}: not valid TOML: {first_line(exc)}") from exc


def _sections(path: Path, data: dict[str, Any]) -> tuple[dict[str, Any], list[Any]]:
    for name in data:
        if name not in SECTIONS:
            raise PlanError(f"{path}: unknown section {name!r}{_nearest(name, SECTIONS)}")
    defaults, topics = data.get("defaults", {}), data.get("topic", [])
    if not isinstance(defaults, dict):
        raise PlanError(f"{path}: defaults must be a table: [defaults]")
    if not isinstance(topics, list) or not all(isinstance(t, dict) for t in topics):
        raise PlanError(f"{path}: write each topic as a table in an array: [[topic]]")
    if not topics:
        raise PlanError(f'{path}: no topics: add one with [[topic]] and name = "..."')
    if len(topics) > MAX_TOPICS:
        raise PlanError(f"{path}: {len(topics)} topics; a plan holds at most {MAX_TOPICS}")
    return defaults, topics


def _topic(path: Path, number: int, entry: dict[str, Any], base: dict[str, Any]) -> Topic:
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise PlanError(f'{path}: topic {number}: needs a name (name = "...")')
    where = f"topic {name!r}"
    own = _values(path, where, {k: v for k, v in entry.items() if k != "name"})
    values = {**base, **own}
    try:
        settings = request(values, path.parent)
    except BriefingError as exc:
        key = key_of(exc.setting) if exc.setting else None
        inherited = key in base and key not in own
        raise PlanError(_settings_problem(path, where, exc, key, inherited)) from exc
    base_url = values.get("base-url")
    if base_url is not None and not base_url.startswith(("http://", "https://")):
        origin = " (from [defaults])" if "base-url" not in own else ""
        raise PlanError(
            f"{path}: {where}: base-url {base_url!r}{origin} must be the http(s) address "
            "the output folder is served at"
        )
    return Topic(name.strip(), slugify(name), settings, base_url)


def _values(path: Path, where: str, raw: Mapping[str, Any]) -> dict[str, Any]:
    """The section's values by key (hyphens for underscores), each of its key's kind."""
    values: dict[str, Any] = {}
    for written, value in raw.items():
        key = written.replace("_", "-")
        if key == "name" and where == DEFAULTS:
            raise PlanError(f"{path}: {where}: name belongs to each [[topic]]")
        kind = KEYS.get(key)
        if kind is None:
            hint = _nearest(key, [*KEYS, "name"])
            raise PlanError(f"{path}: {where}: unknown key {written!r}{hint}")
        try:
            values[key] = kind.read(value)
        except WrongKind:
            raise PlanError(
                f"{path}: {where}: {written} must be {kind.says}, not {_described(value)}"
            ) from None
    return values


def _settings_problem(
    path: Path, where: str, exc: BriefingError, key: str | None, inherited: bool
) -> str:
    """A settings error in the plan's words: the key as the plan spells it."""
    text = exc.describe(key_of)
    if key and SETTING not in exc.template:
        text = f"{key}: {text}"
    origin = " (from [defaults])" if inherited else ""
    return f"{path}: {where}: {first_line(text)}{origin}"


def _nearest(word: str, choices: Any) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _described(value: Any) -> str:
    """A TOML value's type as a plan's author knows it."""
    kinds = (
        (bool, "true or false"),
        (str, "a string"),
        (int, "a whole number"),
        (float, "a number"),
        (list, "a list"),
        (dict, "a table"),
        (date, "a date"),
    )
    return next((said for kind, said in kinds if isinstance(value, kind)), type(value).__name__)


def _one_voice_engine(plan: Plan) -> None:
    """espeak and Piper cannot share a worker process: their espeak-ng libraries clash."""
    engines: dict[str, str] = {}
    for topic in plan.topics:
        if topic.request.audio is not None:
            engines.setdefault(topic.request.audio.voice.resolved().engine or "", topic.name)
    if len(engines) > 1:
        named = " and ".join(f"{engine} (topic {name!r})" for engine, name in engines.items())
        raise PlanError(
            f"{plan.path}: the topics speak with {named}; one process cannot load both "
            "(their espeak-ng libraries clash): give every topic the same engine"
        )


def _preflight(plan: Plan) -> None:
    """Formats and templates that cannot work fail the plan, not a topic."""
    from briefing.app import check

    done: set[Any] = set()
    for topic in plan.topics:
        output = topic.request.output
        mark = (output.formats, output.templates)
        if mark in done:
            continue
        try:
            check(topic.request)  # the summarizer was checked when its settings were made
        except BriefingError as exc:
            key = key_of(exc.setting) if exc.setting else None
            where = f"topic {topic.name!r}"
            raise PlanError(_settings_problem(plan.path, where, exc, key, False)) from exc
        done.add(mark)
