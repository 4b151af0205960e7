"""The Ray engine: the same topics on a local Ray instance or on an existing cluster.

A topic is split where its costs differ: reading (fetching feeds and pages)
is a light task, mostly waiting on the network; summarizing and comparing run
in encoder actors that hold the sentence model (one GPU each when the cluster
has GPUs); producing the files (the audio synthesis, the longest step by far
with a neural voice, and the rendering) is a CPU task, and each worker
process keeps the voices it loaded. The driver submits a topic's encoding only
once its reading is back, so a feed that times out never holds an actor, and
it keeps at most two topics per CPU under way, which bounds what waits in the
object store.

Only the synthesis tasks reserve a CPU each. Readings and actors reserve none:
the window of topics under way bounds the readings, and the actors are few
(one per few CPUs, fewer the more synthesis the plan's voice needs). An actor
that held a whole CPU would, on a small instance, leave the synthesis one CPU
out of two, while it works a fifth of the time (benchmarks/batch.py).

The steps are the functions the local engine runs (:mod:`briefing.batch.work`),
so the files are the same; on GPUs the vectors come from torch, whose last
bits may differ from the CPU's. Every node needs ``briefing[ray]`` installed,
the same version as the driver; only the driver writes files.
"""

from __future__ import annotations

import functools
import logging
from collections import deque
from collections.abc import Iterator, Sequence

from briefing.batch.work import (
    Job,
    Outcome,
    State,
    Step,
    produce_step,
    read_step,
    summarize_step,
)
from briefing.errors import ConfigError, EngineError, first_line
from briefing.resources import Resources

READ_CPUS = 0  # waiting on the network; bounded by the window of topics under way
TOPICS_PER_CPU = 2  # under way at once
CPUS_PER_ENCODER = {None: 2, "espeak": 4, "piper": 32}
"""CPUs per encoder actor, by the plan's voice engine: a topic's encoding takes about 0.7
CPU seconds, its production about 0.3 without audio, 3.4 with espeak and 73 with Piper
(benchmarks/batch.py), so the more synthesis, the more CPUs it should have."""


class RayEngine:
    name = "ray"

    def __init__(self, workers: int | None = None, address: str | None = None) -> None:
        if workers is not None and workers < 1:
            raise ConfigError("{setting} must be at least 1", setting="workers")
        self.workers, self.address = workers, address
        self.slots = 1
        self._owned = False
        self._actors: list = []

    def __enter__(self) -> RayEngine:
        ray = _ray()
        if not ray.is_initialized():  # else: the caller's instance, left running after
            where = f" at {self.address}" if self.address else ""
            try:
                ray.init(
                    address=self.address or None,
                    num_cpus=None if self.address else self.workers,
                    include_dashboard=False,
                    log_to_driver=False,
                    logging_level=logging.ERROR,
                )
            except (ConnectionError, RuntimeError, ValueError) as exc:
                raise EngineError(
                    f"cannot start or reach Ray{where}: {first_line(exc)}", setting="address"
                ) from exc
            self._owned = True
        self.slots = max(1, int(ray.cluster_resources().get("CPU", 1)))
        return self

    def __exit__(self, *exc_info: object) -> None:
        ray = _ray()
        for actor in self._actors:
            ray.kill(actor)
        self._actors = []
        if self._owned:
            ray.shutdown()
            self._owned = False

    def run(self, jobs: Sequence[Job]) -> Iterator[Outcome]:
        ray = _ray()
        read, produce, _holder = _parts()
        self._start_encoders(_voice_engine(jobs))
        queue, load = deque(jobs), [0] * len(self._actors)
        reading: dict = {}  # read task -> job
        making: dict = {}  # produce task -> (job, actor number)
        try:
            while queue or reading or making:
                while queue and len(reading) + len(making) < self.slots * TOPICS_PER_CPU:
                    job = queue.popleft()
                    reading[read.remote(job)] = job
                [ref], _ = ray.wait([*reading, *making], num_returns=1)
                if ref in making:
                    job, number = making.pop(ref)
                    load[number] -= 1
                    yield _get(ref, job)
                    continue
                job = reading.pop(ref)
                step = _get(ref, job)
                if isinstance(step, Outcome):  # unchanged, or failed: no encoding
                    yield step
                    continue
                number = load.index(min(load))
                load[number] += 1
                summarized = self._actors[number].summarize.remote(job, ref)
                making[produce.remote(job, summarized)] = (job, number)
        finally:  # interrupted: nothing of this run goes on on the cluster
            for ref in [*reading, *making]:
                ray.cancel(ref, force=True)

    def _start_encoders(self, voice: str | None) -> None:
        """Encoder actors: one per GPU, else one per few CPUs (fewer, the more synthesis)."""
        if self._actors:
            return
        ray = _ray()
        gpus = int(ray.cluster_resources().get("GPU", 0))
        count = gpus or max(1, self.slots // CPUS_PER_ENCODER.get(voice, 4))
        holder = _parts()[2].options(num_cpus=0, num_gpus=1 if gpus else 0)  # see above
        self._actors = [holder.remote("cuda" if gpus else "cpu") for _ in range(count)]


def _voice_engine(jobs: Sequence[Job]) -> str | None:
    """The plan's voice engine (one per plan), or None when no topic has audio."""
    for job in jobs:
        audio = job.topic.request.audio
        if audio is not None:
            return audio.voice.resolved().engine
    return None


class EncoderHolder:
    """An actor that holds the sentence encoder and summarizes topic after topic."""

    def __init__(self, device: str) -> None:
        from briefing.summarize.embeddings import SentenceEncoder

        self.encoder = SentenceEncoder(device=device)

    def summarize(self, job: Job, step: Step) -> Step:
        return summarize_step(job, step, self.encoder)


_held = Resources()  # each Ray worker process's voices, kept between tasks


def _produce(job: Job, step: Step) -> Outcome:
    return produce_step(job, step, _held.voices)


def _get(ref, job: Job):
    """A task's value; a task Ray lost (a node gone, a worker killed) fails its topic."""
    ray = _ray()
    try:
        return ray.get(ref)
    except ray.exceptions.RayError as exc:
        reason = f"Ray could not run it ({type(exc).__name__}: {first_line(exc)})"
        return Outcome(job.topic.name, State.FAILED, reason=reason)


@functools.cache
def _parts():
    """The remote functions and the actor class, made once Ray is known to be there."""
    ray = _ray()
    return (
        ray.remote(num_cpus=READ_CPUS)(read_step),
        ray.remote(num_cpus=1)(_produce),
        ray.remote(EncoderHolder),
    )


def _ray():
    try:
        import ray
    except ImportError as exc:
        raise EngineError(
            "the ray engine needs Ray: pip install 'briefing[ray]'", setting="address"
        ) from exc
    return ray


ENGINE = RayEngine
