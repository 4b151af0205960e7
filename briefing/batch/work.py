"""One topic's work in the steps the engines run: read, summarize, produce.

Each step is a function of picklable values: the local engine runs the three
in one worker process, the Ray engine runs each where it fits (reading as a
light task, summarizing in an actor that holds the encoder, producing as a
CPU task). Either way a topic runs the same functions on the same values, so
its files are the same whichever engine made them.

The reading comes first and is cheap: its articles are hashed with the
topic's settings, and a topic whose hash matches its last brief's stops there
(:attr:`State.UNCHANGED`). A step that fails returns a failed :class:`Outcome`
that the later steps pass along: one topic's failure never stops the others.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import TypeVar

from briefing.app import Reading, produce, read, summarize
from briefing.batch.keys import key_of
from briefing.batch.plan import Topic
from briefing.errors import BriefingError, first_line
from briefing.models import Article, Brief
from briefing.resources import Resources, Voices
from briefing.settings import Request, VoiceOptions
from briefing.summarize.embeddings import SentenceEncoder
from briefing.version import __version__

log = logging.getLogger("briefing")
T = TypeVar("T")
VoicesFor = Callable[[VoiceOptions], Voices]


class State(StrEnum):
    MADE = "made"
    UNCHANGED = "unchanged"  # its articles and settings are those of its last brief
    FAILED = "failed"


@dataclass(frozen=True)
class Job:
    """A topic to make in this run; ``previous`` is the hash of its last brief."""

    topic: Topic
    created: datetime  # one time for the whole run: every topic's brief says it
    previous: str | None = None

    @property
    def edition(self) -> str:
        """This run's file names: one edition a day per topic (a later run replaces it)."""
        return f"{self.topic.folder}-{self.created:%Y-%m-%d}"

    @property
    def request(self) -> Request:
        output = replace(self.topic.request.output, name=self.edition)
        return replace(self.topic.request, output=output)


@dataclass(frozen=True)
class Spent:
    """Seconds a topic took: on the clock and on the CPU (other jobs share the machine)."""

    wall: float = 0.0
    cpu: float = 0.0

    def __add__(self, other: Spent) -> Spent:
        return Spent(self.wall + other.wall, self.cpu + other.cpu)


@dataclass(frozen=True)
class Outcome:
    """How a topic turned out; a made topic carries its files, not yet written."""

    topic: str
    state: State
    reason: str = ""  # why it failed
    fingerprint: str | None = None
    articles: int = 0
    skipped: tuple[str, ...] = ()  # unusable inputs, "SOURCE: REASON"
    title: str = ""
    audio: float | None = None  # seconds of audio, when recorded
    files: Mapping[str, str | bytes] = field(default_factory=dict)  # name -> content
    roles: Mapping[str, str] = field(default_factory=dict)  # "html", "audio"... -> name
    spent: Spent = Spent()


@dataclass(frozen=True)
class Underway:
    """A topic between steps: its reading, its hash, its brief once summarized."""

    fingerprint: str
    reading: Reading
    spent: Spent
    brief: Brief | None = None


Step = Underway | Outcome


def make_topic(job: Job, resources: Resources) -> Outcome:
    """Every step in this process: the local engine's unit of work.

    The process's encoder is asked for only when the topic changed: a run whose
    topics are all unchanged loads no model.
    """
    step = read_step(job)
    if isinstance(step, Outcome):
        return step
    return produce_step(job, summarize_step(job, step, resources.encoder()), resources.voices)


def read_step(job: Job) -> Step:
    """Read and fetch the topic's inputs; stop here when nothing changed."""
    reading, spent = _attempt(job, Spent(), lambda: read(job.request))
    if isinstance(reading, Outcome):
        return reading
    mark = fingerprint(job.request, reading)
    if mark == job.previous:
        return Outcome(
            job.topic.name,
            State.UNCHANGED,
            fingerprint=mark,
            articles=len(reading.articles),
            skipped=_skipped(reading),
            spent=spent,
        )
    return Underway(mark, reading, spent)


def summarize_step(job: Job, step: Step, encoder: SentenceEncoder) -> Step:
    """Summarize and compare, with the encoder this process or actor holds."""
    if isinstance(step, Outcome):
        return step

    def work() -> Brief:
        return summarize(job.request, step.reading, encoder=encoder, created=job.created)

    brief, spent = _attempt(job, step.spent, work)
    if isinstance(brief, Outcome):
        return brief
    return replace(step, brief=brief, spent=spent)


def produce_step(job: Job, step: Step, voices: VoicesFor) -> Outcome:
    """Record the audio and render every format, in memory."""
    if isinstance(step, Outcome):
        return step
    assert step.brief is not None
    request = job.request

    def work():
        speakers = voices(request.audio.voice) if request.audio is not None else None
        return produce(request, step.brief, voices=speakers)

    made, spent = _attempt(job, step.spent, work)
    if isinstance(made, Outcome):
        return made
    audio = made.brief.audio
    return Outcome(
        job.topic.name,
        State.MADE,
        fingerprint=step.fingerprint,
        articles=len(step.reading.articles),
        skipped=_skipped(step.reading),
        title=made.brief.title,
        audio=audio.duration if audio else None,
        files={path.name: content for path, content in made.files.items()},
        roles={w.format or w.role.value: w.path.name for w in made.written},
        spent=spent,
    )


def _attempt(job: Job, before: Spent, work: Callable[[], T]) -> tuple[T | Outcome, Spent]:
    """``work()``, timed; an error becomes the topic's failed outcome with its reason."""
    wall, cpu = time.perf_counter(), time.process_time()

    def spent() -> Spent:
        return before + Spent(time.perf_counter() - wall, time.process_time() - cpu)

    try:
        return work(), spent()
    except BriefingError as exc:
        reason = exc.describe(key_of)
    except Exception as exc:  # a bug fails its topic, not the whole batch
        log.debug("topic %s", job.topic.name, exc_info=True)
        reason = f"{type(exc).__name__}: {first_line(exc)}"
    done = spent()
    return Outcome(job.topic.name, State.FAILED, reason=first_line(reason), spent=done), done


def fingerprint(request: Request, reading: Reading) -> str:
    """A hash of what a brief is made from: the articles read, the settings, the version.

    The file names (one edition a day) are left out, so an unchanged topic is
    unchanged on the next day too. Template files and pronunciation lists are
    named, not read: after editing them, run the batch with ``--force``.
    """
    settings = replace(request, output=replace(request.output, name=None))
    content = {
        "briefing": __version__,
        "settings": repr(settings),
        "articles": [_article(article) for article in reading.articles],
        "skipped": [[s.source, s.reason, s.junk] for s in reading.skipped],
    }
    data = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def _article(article: Article) -> dict:
    data = dataclasses.asdict(article)
    data.pop("removed")
    return data


def _skipped(reading: Reading) -> tuple[str, ...]:
    return tuple(f"{s.source}: {s.reason}" for s in reading.skipped if not s.junk)
