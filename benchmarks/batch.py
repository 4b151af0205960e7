"""Throughput of ``briefing batch``: one command, two tables.

    .venv/bin/python benchmarks/batch.py [--topics 50] [--articles 10]
        [--runs local-1,local-2,ray-2] [--no-piper]

Generated topics (tests/batch_site.py: feeds whose entries link to article
pages, feeds with full texts, folders of notes) are served on 127.0.0.1; each
topic is briefed in HTML, Markdown and JSON and read aloud with espeak. Each
run is the ``briefing batch`` command in a fresh process into an empty
folder: with one worker (in the command's own process), with two worker
processes, and on a local Ray instance of two CPUs. The process tree is
sampled every 0.1 s from /proc (Linux): CPU seconds of every process (the
machine may be shared, so the CPU time says more than the clock), and each
process's peak resident memory (VmHWM).

The second table times one topic's steps in this process, as the engines
split them: reading (a light task on Ray), summarizing and comparing (the
encoder actor), producing (voice synthesis and rendering, a CPU task), with
espeak and with the Piper voice: the per-topic costs behind the README's
estimate for a cluster.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import batch_site  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")
RUNS = {
    "local-1": ["--workers", "1"],
    "local-2": ["--workers", "2"],
    "ray-2": ["--ray", "--workers", "2"],
}


class Tree:
    """Samples a process and its descendants: CPU seconds and peak RSS of each."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.cpu: dict[int, float] = {}
        self.peak: dict[int, int] = {}  # kB
        self.kind: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Tree:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            for pid in self._descendants():
                self._sample(pid)
            self._stop.wait(0.1)

    def _descendants(self) -> list[int]:
        parents: dict[int, int] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
        found, frontier = [self.root], [self.root]
        while frontier:
            frontier = [pid for pid, parent in parents.items() if parent in frontier]
            found += frontier
        return found

    def _sample(self, pid: int) -> None:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            status = Path(f"/proc/{pid}/status").read_text()
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            return
        self.cpu[pid] = (int(stat[11]) + int(stat[12])) / TICKS
        found = re.search(r"VmHWM:\s+(\d+)", status)
        self.peak[pid] = max(self.peak.get(pid, 0), int(found.group(1)) if found else 0)
        self.kind.setdefault(pid, _kind(pid, self.root, command))


def _kind(pid: int, root: int, command: str) -> str:
    if pid == root:
        return "driver"
    if "resource_tracker" in command:
        return "other"  # multiprocessing's helper, not a worker
    if "multiprocessing" in command or "default_worker.py" in command:
        return "worker"
    return "other"  # Ray's own processes (GCS, raylet, ...), the script wrapper


def run_batch(plan: Path, out: Path, flags: list[str]) -> dict:
    command = [sys.executable, "-m", "briefing", "batch", str(plan), "-o", str(out), *flags]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    with Tree(process.pid) as tree:
        stdout, stderr = process.communicate()
    wall = time.perf_counter() - start
    if process.returncode not in (0, 3):
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr.decode()[-2000:]}")
    rows = [line.split() for line in stdout.decode().splitlines()[1:-1]]
    made = sum(1 for row in rows if row[-1] == "made")
    peaks = lambda kind: [tree.peak[p] / 1024 for p in tree.peak if tree.kind[p] == kind]  # noqa: E731
    workers = peaks("worker")
    return {
        "made": made,
        "wall": wall,
        "cpu": sum(tree.cpu.values()),
        "driver_mb": max(peaks("driver")),
        "worker_mb": max(workers) if workers else max(peaks("driver")),
        "workers": len(workers) or 1,
        "other_mb": sum(peaks("other")),
    }


def stages(plan: Path, count: int, engine: str) -> list[dict]:
    """Each step of a few topics, timed in this process (as the engines split them)."""
    from dataclasses import replace
    from datetime import datetime

    from briefing.batch import Job, load_plan
    from briefing.batch.store import Store
    from briefing.batch.work import Spent, produce_step, read_step, summarize_step
    from briefing.resources import Resources
    from briefing.speak import VoiceOptions

    resources = Resources()
    encoder, voices = resources.encoder(), resources.voices
    results = []
    for topic in load_plan(plan).topics[:count]:
        audio = replace(topic.request.audio, voice=VoiceOptions(engine=engine))
        job = Job(replace(topic, request=replace(topic.request, audio=audio)), datetime.now())
        voices(audio.voice)  # loaded once per worker: not a per-topic cost
        read = read_step(job)
        summarized = summarize_step(job, read, encoder)
        made = produce_step(job, summarized, voices)
        marks = [read.spent, summarized.spent, made.spent]  # running totals
        wall, cpu = time.perf_counter(), time.process_time()
        with tempfile.TemporaryDirectory() as out:  # what the driver does with the outcome
            Store(Path(out)).commit(job, made)
        committed = Spent(time.perf_counter() - wall, time.process_time() - cpu)
        results.append({
            "engine": engine, "topic": topic.name, "audio": made.audio, "state": made.state,
            "mb": sum(len(data) for data in made.files.values()) / 1e6,
            "wall": [*_steps([m.wall for m in marks]), committed.wall],
            "cpu": [*_steps([m.cpu for m in marks]), committed.cpu],
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        })  # fmt: skip
    return results


def timed_stages(plan: Path, count: int, engine: str) -> list[dict]:
    """:func:`stages` in a fresh process: espeak and Piper cannot share one."""
    command = [sys.executable, __file__, "--stages", engine, str(plan), str(count)]
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ})
    if done.returncode:
        raise SystemExit(done.stderr[-2000:])
    return json.loads(done.stdout.splitlines()[-1])


def _steps(totals: list[float]) -> list[float]:
    return [b - a for a, b in zip([0.0, *totals], totals, strict=False)]


def main() -> None:
    if sys.argv[1:2] == ["--stages"]:  # the child process of timed_stages
        engine, plan, count = sys.argv[2:5]
        print(json.dumps(stages(Path(plan), int(count), engine)))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", type=int, default=50)
    parser.add_argument("--articles", type=int, default=10)
    parser.add_argument("--runs", default=",".join(RUNS))
    parser.add_argument("--no-piper", action="store_true")
    parser.add_argument("--stage-topics", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="batch-bench-") as folder:
        root = Path(folder)
        with batch_site.serve(root) as url:
            plan = batch_site.build(
                root, f"{url}/site", args.topics, range(args.topics), args.articles, dead=False
            )
            load = os.getloadavg()[0]
            print(
                f"{args.topics} topics of {args.articles} articles; html, md, json and espeak "
                f"audio; {os.cpu_count()} CPUs, load average {load:.1f}\n"
            )
            print(
                "| run | topics made | wall s | topics/min | CPU s (all processes) | "
                "CPU s/topic | driver peak MB | peak MB per worker | workers | other processes MB |"
            )
            print("|---|---|---|---|---|---|---|---|---|---|")
            for name in args.runs.split(","):
                r = run_batch(plan, root / f"out-{name}", RUNS[name])
                print(
                    f"| {name} | {r['made']} | {r['wall']:.1f} | {60 * r['made'] / r['wall']:.1f} "
                    f"| {r['cpu']:.1f} | {r['cpu'] / max(r['made'], 1):.2f} | {r['driver_mb']:.0f} "
                    f"| {r['worker_mb']:.0f} | {r['workers']} | {r['other_mb']:.0f} |",
                    flush=True,
                )
            timed = timed_stages(plan, args.stage_topics, "espeak")
            if not args.no_piper:
                timed += timed_stages(plan, 1, "piper")
    print(
        "\n| voice | topic | audio s | files MB | read s (cpu) | summarize s (cpu) "
        "| produce s (cpu) | commit s (cpu) | process peak MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for row in timed:
        cells = " | ".join(
            f"{w:.2f} ({c:.2f})" for w, c in zip(row["wall"], row["cpu"], strict=True)
        )
        print(
            f"| {row['engine']} | {row['topic']} | {row['audio'] or 0:.0f} | {row['mb']:.1f} "
            f"| {cells} | {row['rss_mb']:.0f} |"
        )
    print("\n" + json.dumps(timed))


if __name__ == "__main__":
    main()
