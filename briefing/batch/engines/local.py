"""The local engine: topics made in this process, or in a pool of worker processes.

With one worker (the default) every topic is made here, one after another,
with one encoder. With more, a process pool starts that many workers; each
loads the encoder and the plan's voices once, in its initializer, and makes
whole topics (read, summarize, produce). Workers are spawned, not forked: a
fork copies the parent's threads' locks in whatever state they were.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed

from briefing.batch.work import Job, Outcome, State, make_topic
from briefing.errors import ConfigError, first_line
from briefing.resources import Resources
from briefing.settings import VoiceOptions

_held: dict[str, Resources] = {}  # a worker's encoder and voices, loaded by _start


class LocalEngine:
    name = "local"

    def __init__(self, workers: int | None = None, address: str | None = None) -> None:
        if address:
            raise ConfigError("a cluster address is for the ray engine", setting="address")
        self.slots = 1 if workers is None else workers
        if self.slots < 1:
            raise ConfigError("{setting} must be at least 1", setting="workers")

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc_info: object) -> None:
        """Nothing stays running: the pool is shut down when :meth:`run` ends."""

    def run(self, jobs: Sequence[Job]) -> Iterator[Outcome]:
        if self.slots == 1 or len(jobs) <= 1:
            yield from self._here(jobs)
        else:
            yield from self._pooled(jobs)

    def _here(self, jobs: Sequence[Job]) -> Iterator[Outcome]:
        resources = Resources()
        for job in jobs:
            yield make_topic(job, resources)  # the encoder loaded once, when first needed

    def _pooled(self, jobs: Sequence[Job]) -> Iterator[Outcome]:
        audio = (job.topic.request.audio for job in jobs)
        voices = tuple(dict.fromkeys(a.voice for a in audio if a is not None))
        pool = ProcessPoolExecutor(
            min(self.slots, len(jobs)),
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start,
            initargs=(voices,),
        )
        futures: dict[Future[Outcome], Job] = {}
        finished = False
        try:
            futures = {pool.submit(_make, job): job for job in jobs}
            for future in as_completed(list(futures)):
                yield _outcome(future, futures.pop(future))  # its files go once written
            finished = True
        finally:
            if not finished:  # an interrupt or an error: stop the workers now
                for future in futures:
                    future.cancel()
                for process in list((getattr(pool, "_processes", None) or {}).values()):
                    process.terminate()
            pool.shutdown(wait=True, cancel_futures=True)


def _outcome(future: Future[Outcome], job: Job) -> Outcome:
    """The topic's outcome; a worker that died (killed, out of memory) fails its topics."""
    try:
        return future.result()
    except Exception as exc:
        reason = f"the worker process stopped ({type(exc).__name__}: {first_line(exc)})"
        return Outcome(job.topic.name, State.FAILED, reason=reason)


def _start(voices: tuple[VoiceOptions, ...]) -> None:
    """A worker's initializer: the encoder and the voices, once per worker."""
    resources = Resources()
    resources.preload(voices)
    resources.encoder()
    _held["resources"] = resources


def _make(job: Job) -> Outcome:
    return make_topic(job, _held["resources"])


ENGINE = LocalEngine
