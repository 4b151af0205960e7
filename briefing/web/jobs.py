"""Briefs made off the event loop, by a few worker threads that share the warm parts.

The encoder and the voices load once, when the server starts (voices for other
choices on first use, then kept), in one :class:`~briefing.resources.Resources`:
a brief then costs only its own work. Every voice speaks under its lock, since
espeak-ng (inside both voice engines) keeps one global state per process; two
briefs still run side by side everywhere else. A job's progress goes to the
database, where the page's event stream and a plain page refresh both read it.
"""

from __future__ import annotations

import itertools
import logging
import os
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from briefing.app import Result, make_brief, steps
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
from briefing.web.store import Entry, File, Store

log = logging.getLogger("briefing.web")


class Workshop:
    """Runs the jobs: ``start`` records one and returns; a worker thread makes the brief."""

    def __init__(
        self,
        data: DataDir,
        store: Store,
        resources: Resources,
        workers: int = 2,
    ) -> None:
        self.data, self.store, self.resources = data, store, resources
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="brief")
        self._templates = Templates()

    def start(self, job_id: str, request: Request, labels: Mapping[str, str]) -> Future:
        """Record the job, then make it in a worker; ``labels`` name saved inputs as given."""
        self.store.add_job(job_id, steps(request))
        return self._pool.submit(self._run, job_id, request, dict(labels))

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _run(self, job_id: str, request: Request, labels: dict[str, str]) -> None:
        """Make the brief, clear its inputs and leftovers, then record how it went."""
        made: Entry | None = None
        failure = ""
        try:
            made = self._make(job_id, request, labels)
        except BriefingError as exc:
            failure = _relabel(describe(exc), labels)
        except Exception as exc:  # a bug must not take the worker down; say what it was
            log.exception("job %s failed", job_id)
            failure = f"internal error ({type(exc).__name__}: {first_line(exc)})"
        finally:
            remove(self.data.uploads(job_id))
            remove(self.data.staging(job_id))
        if made is not None:
            self.store.finish(made)
        else:
            self.store.fail(job_id, failure)

    def _make(self, job_id: str, request: Request, labels: dict[str, str]) -> Entry:
        counter = itertools.count(1)

        def progress(stage: str) -> None:
            self.store.progress(job_id, stage, next(counter))

        result = make_brief(request, progress=progress, resources=self.resources)
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


def _relabel(text: str, labels: Mapping[str, str]) -> str:
    for saved, label in labels.items():
        text = text.replace(saved, label)
    return text
