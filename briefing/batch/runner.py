"""A batch run: every topic of a plan through an engine, each made topic written at once.

The engine makes topics (see :mod:`briefing.batch.engines`); this module,
in the calling process, writes each made topic's folder as its outcome
arrives (:mod:`briefing.batch.store`), then the index page, and returns a
:class:`Report`. A topic that fails is reported and the run goes on; an
interrupt leaves every topic folder as it was or wholly new, and the next
run skips the topics already made.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from briefing.app import Status
from briefing.batch.engines import Engine
from briefing.batch.plan import Plan, Topic
from briefing.batch.store import Edition, Store
from briefing.batch.work import Job, Outcome, State
from briefing.errors import BriefingError, first_line
from briefing.output import write_atomically
from briefing.render.base import Display
from briefing.render.templates import Templates
from briefing.version import __version__

INDEX = "index.html"
INDEX_TEMPLATE = "batch/index.html.j2"
INDEX_TITLE = "Briefs"
_NONE = Outcome("", State.FAILED)


@dataclass(frozen=True)
class Tally:
    """Where a run stands, for a progress bar."""

    total: int
    done: int = 0  # made or unchanged
    failed: int = 0
    running: int = 0


@dataclass(frozen=True)
class Line:
    """One topic's line in the report: this run's outcome and the brief it has now."""

    topic: Topic
    outcome: Outcome
    edition: Edition | None  # the topic's latest brief, this run's or an earlier one


@dataclass(frozen=True)
class Report:
    """What a run did, topic by topic in the plan's order."""

    lines: tuple[Line, ...]
    created: datetime
    index: Path

    @property
    def status(self) -> Status:
        """OK when every topic is made or unchanged from all its inputs; else PARTIAL."""
        bad = any(line.outcome.state == State.FAILED or line.outcome.skipped for line in self.lines)
        return Status.PARTIAL if bad else Status.OK

    def count(self, state: State) -> int:
        return sum(1 for line in self.lines if line.outcome.state == state)


def run_batch(
    plan: Plan,
    output: Path,
    engine: Engine,
    *,
    created: datetime | None = None,
    force: bool = False,
    progress: Callable[[Tally], None] | None = None,
) -> Report:
    """Make every topic of ``plan`` under ``output`` with ``engine``; see the module docstring.

    ``created`` is the time every brief of the run says (default: now, to the
    second): the same plan run twice with the same time makes the same files,
    whichever engine ran it. ``force`` makes unchanged topics again.
    """
    created = created or datetime.now().replace(microsecond=0)
    store = Store(output)
    report = progress or (lambda tally: None)
    with store.lock():
        store.recover()
        editions = {t.folder: store.edition(t) for t in plan.topics}
        jobs = [_job(topic, created, editions[topic.folder], force) for topic in plan.topics]
        by_name = {job.topic.name: job for job in jobs}
        outcomes: dict[str, Outcome] = {}
        tally = Tally(len(jobs), running=min(engine.slots, len(jobs)))
        report(tally)
        try:
            with engine:
                for outcome in engine.run(jobs):
                    job = by_name[outcome.topic]
                    outcome, editions[job.topic.folder] = _commit(store, job, outcome, editions)
                    outcomes[outcome.topic] = outcome
                    tally = _advance(tally, outcome, engine.slots)
                    report(tally)
        except KeyboardInterrupt as exc:  # Ctrl-C, SIGTERM: say which topics are written
            made = [t for t in plan.topics if outcomes.get(t.name, _NONE).state == State.MADE]
            exc.written = tuple(output / t.folder for t in made)  # type: ignore[attr-defined]
            raise
        index = _write_index(output, plan, editions, created)
    lines = tuple(
        Line(t, outcomes[t.name], editions[t.folder]) for t in plan.topics if t.name in outcomes
    )
    return Report(lines, created, index)


def _job(topic: Topic, created: datetime, edition: Edition | None, force: bool) -> Job:
    previous = edition.fingerprint if edition is not None and not force else None
    return Job(topic, created, previous)


def _commit(
    store: Store, job: Job, outcome: Outcome, editions: dict[str, Edition | None]
) -> tuple[Outcome, Edition | None]:
    """Write a made topic; its files leave the outcome once on disk (they can be large)."""
    current = editions[job.topic.folder]
    if outcome.state != State.MADE:
        return outcome, current
    try:
        edition = store.commit(job, outcome)
    except BriefingError as exc:
        return replace(outcome, state=State.FAILED, reason=first_line(exc), files={}), current
    return replace(outcome, files={}), edition


def _advance(tally: Tally, outcome: Outcome, slots: int) -> Tally:
    done = tally.done + (outcome.state != State.FAILED)
    failed = tally.failed + (outcome.state == State.FAILED)
    return Tally(tally.total, done, failed, min(slots, tally.total - done - failed))


def _write_index(
    output: Path, plan: Plan, editions: dict[str, Edition | None], created: datetime
) -> Path:
    """The index page over every topic's latest brief."""
    rows = [_row(topic, editions[topic.folder]) for topic in plan.topics]
    page = Templates().render(
        INDEX_TEMPLATE,
        title=INDEX_TITLE,
        rows=rows,
        made=sum(1 for row in rows if row["edition"]),
        updated=created,
        version=__version__,
        display=Display(),
        medium="screen",
    )
    return write_atomically({output / INDEX: page})[0]


def _row(topic: Topic, edition: Edition | None) -> dict:
    def link(role: str) -> str | None:
        name = edition.roles.get(role) if edition else None
        return f"{topic.folder}/{name}" if name else None

    documents = [f for f in ("html", "pdf", "md", "txt", "json") if edition and f in edition.roles]
    return {
        "name": topic.name,
        "edition": edition,
        "document": link(documents[0]) if documents else None,
        "audio": link("audio"),
        "feed": f"{topic.folder}/feed.xml" if edition and edition.feed else None,
    }


def table(report: Report) -> str:
    """The run as a plain-text table: topic, articles, skipped inputs, audio, time, status."""
    head = ("topic", "articles", "skipped inputs", "audio", "time s", "cpu s", "status")
    rows = [head, *(_cells(line) for line in report.lines)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(head) - 1)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
        + "  "
        + row[-1]
        for row in rows
    ]
    return "\n".join(line.rstrip() for line in lines)


def _cells(line: Line) -> Sequence[str]:
    from briefing.render.filters import clock

    outcome, edition = line.outcome, line.edition
    seconds = outcome.audio if outcome.state == State.MADE else (edition and edition.audio)
    status = outcome.state.value + (f": {outcome.reason}" if outcome.reason else "")
    return (
        line.topic.name,
        str(outcome.articles) if outcome.state != State.FAILED else "-",
        str(len(outcome.skipped)),
        clock(seconds) if seconds else "-",
        f"{outcome.spent.wall:.1f}",
        f"{outcome.spent.cpu:.1f}",
        status,
    )
