"""Briefs made off the event loop, by a few worker threads that share the warm parts.

The encoder and the voices load once, when the server starts (voices for other
choices on first use, then kept), in one :class:`~briefing.resources.Resources`:
a brief then costs only its own work. Every voice speaks under its lock, since
espeak-ng (inside both voice engines) keeps one global state per process; two
briefs still run side by side everywhere else. A job's progress goes to the
database, where the page's event stream and a plain page refresh both read it.

A job gets ``job_seconds`` from its start: the limit is checked each time it
reports progress, so a stage under way finishes first (reading is bounded on
its own: each URL's timeout, each file's size, a PDF's pages). At most
``queued`` jobs wait for a worker; one more is refused with :class:`Busy`.
When the server stops, waiting jobs and the running ones (at their next stage)
end as "the server stopped", never as an internal error.
"""

from __future__ import annotations

import itertools
import logging
import os
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from briefing.app import Reading, Result, check, produce, read, steps, summarize
from briefing.errors import BriefingError, first_line
from briefing.models import Brief
from briefing.output import write_atomically
from briefing.render import Display
from briefing.render.base import context
from briefing.render.templates import Templates
from briefing.resources import Resources
from briefing.settings import Request
from briefing.web.folders import PAGE, DataDir, remove
from briefing.web.forms import describe
from briefing.web.listen import Listener
from briefing.web.store import INTERRUPTED, Entry, File, Store

log = logging.getLogger("briefing.web")


class Busy(Exception):
    """Too many jobs are waiting already; the message says how many."""


class Ended(Exception):
    """A job stopped between stages: its time was up, or the server is stopping."""


class Workshop:
    """Runs the jobs: ``start`` records one and returns; a worker thread makes the brief."""

    def __init__(
        self,
        data: DataDir,
        store: Store,
        resources: Resources,
        workers: int = 2,
        *,
        queued: int = 8,
        job_seconds: float = 600,
    ) -> None:
        self.data, self.store, self.resources = data, store, resources
        self.workers, self.queued, self.job_seconds = workers, queued, job_seconds
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="brief")
        self._templates = Templates()
        self._lock = threading.Lock()
        self._waiting: set[str] = set()  # submitted, not yet started
        self._running: set[str] = set()
        self._stopping = threading.Event()

    def start(self, job_id: str, request: Request, labels: Mapping[str, str]) -> Future:
        """Record the job, then make it in a worker; ``labels`` name saved inputs as given."""
        with self._lock:
            if len(self._waiting) + len(self._running) >= self.workers + self.queued:
                raise Busy(
                    f"The server is busy: {len(self._running)} briefs are being made and "
                    f"{len(self._waiting)} are waiting. Try again when one is done."
                )
            self._waiting.add(job_id)
        self.store.add_job(job_id, steps(request))
        return self._pool.submit(self._run, job_id, request, dict(labels))

    def close(self) -> None:
        """Stop: waiting jobs end now, running ones at their next stage, all as stopped."""
        self._stopping.set()
        self._pool.shutdown(wait=False, cancel_futures=True)
        with self._lock:
            waiting, self._waiting = set(self._waiting), set()
        for job_id in waiting:
            remove(self.data.uploads(job_id))
            self.store.fail(job_id, INTERRUPTED)

    def _run(self, job_id: str, request: Request, labels: dict[str, str]) -> None:
        """Make the brief, clear its inputs and leftovers, then record how it went."""
        with self._lock:
            self._waiting.discard(job_id)
            self._running.add(job_id)
        made: Entry | None = None
        failure = ""
        try:
            made = self._make(job_id, request, labels)
        except (BriefingError, Ended) as exc:
            said = describe(exc) if isinstance(exc, BriefingError) else str(exc)
            failure = _relabel(said, labels)
        except Exception as exc:  # a bug must not take the worker down; say what it was
            if self._stopping.is_set():
                failure = INTERRUPTED  # e.g. a library refusing new work at interpreter exit
            else:
                log.exception("job %s failed", job_id)
                failure = f"internal error ({type(exc).__name__}: {first_line(exc)})"
        finally:
            remove(self.data.uploads(job_id))
            remove(self.data.staging(job_id))
            remove(self.data.listening(job_id))  # the finished recording replaces its parts
            with self._lock:
                self._running.discard(job_id)
        if made is not None:
            self.store.finish(made)
        else:
            self.store.fail(job_id, failure)

    def _progress(self, job_id: str) -> tuple[Callable[[str], None], Listener]:
        """The job's progress report, which also ends it when its time is up or the server
        stops, and its listener, which publishes each recorded part as it comes."""
        counter = itertools.count(1)
        deadline = time.monotonic() + self.job_seconds
        step = [0]
        listener = Listener(
            self.data.listening(job_id), lambda text: self.store.progress(job_id, text, step[0])
        )

        def progress(stage: str) -> None:
            if self._stopping.is_set():
                raise Ended(INTERRUPTED)
            if time.monotonic() > deadline:
                raise Ended(
                    f"the brief took longer than this server's limit of {self.job_seconds:g} s; "
                    "give fewer or shorter articles"
                )
            step[0] = next(counter)
            if stage == "recording audio":
                listener.recording()
            self.store.progress(job_id, stage, step[0])

        return progress, listener

    def _make(self, job_id: str, request: Request, labels: dict[str, str]) -> Entry:
        """:func:`briefing.app.make_brief`'s steps, inputs named as the person gave them."""
        progress, listener = self._progress(job_id)
        templates = check(request)
        voices = self.resources.voices(request.audio.voice) if request.audio else None
        reading = _relabelled(read(request, progress), labels)
        encoder = self.resources.encoder()
        brief = summarize(request, reading, encoder=encoder, progress=progress)
        produced = produce(
            request, brief, voices=voices, progress=progress, templates=templates, on_part=listener
        )
        written = write_atomically(produced.files)
        roles = {item.path: item for item in produced.written}
        result = Result(produced.brief, tuple(roles[path] for path in written), None)
        staging = request.output.folder
        page = self.page(result.brief, request.display)
        write_atomically({staging / PAGE: page})
        folder = self.data.brief(job_id)
        os.replace(staging, folder)  # the whole brief appears at once
        return entry(job_id, result, request.display, folder, labels)

    def page(self, brief: Brief, display: Display) -> str:
        """The brief's contents and sections as the web page shows them."""
        return self._templates.render("web/_brief.html.j2", **context(brief, display, "web"))


def entry(
    job_id: str, result: Result, display: Display, folder: Path, labels: Mapping[str, str]
) -> Entry:
    """The library's record of a finished brief; files as they lie in ``folder`` now."""
    brief = result.brief
    files = tuple(
        File(w.path.name, w.format or w.role.value, (folder / w.path.name).stat().st_size)
        for w in result.files
    )
    return Entry(
        id=job_id,
        title=brief.title,
        created=brief.created,
        articles=len(brief.articles),
        outlets=tuple(dict.fromkeys(a.outlet for a in brief.articles if a.outlet)),
        audio_seconds=brief.audio.duration if brief.audio else None,
        theme=display.theme,
        easy_reading=display.easy_reading,
        files=files,
        skipped=tuple((labels.get(s.source, s.source), s.reason) for s in brief.skipped),
    )


def _relabelled(reading: Reading, labels: Mapping[str, str]) -> Reading:
    """The reading with each upload named by its own file name, never the server's path."""
    articles = tuple(replace(a, source=labels.get(a.source, a.source)) for a in reading.articles)
    skipped = tuple(replace(s, source=labels.get(s.source, s.source)) for s in reading.skipped)
    return Reading(articles, skipped)


def _relabel(text: str, labels: Mapping[str, str]) -> str:
    for saved, label in labels.items():
        text = text.replace(saved, label)
    return text
