"""CPU seconds of the template stage in fresh processes: one command, one table.

    .venv/bin/python benchmarks/templates.py [--runs 7] [--cold 5] [--baseline DIR]

The template stage is what a cold ``briefing build`` spends in Jinja: the
environment made, ``preflight`` checking every template the formats use
(html, md, txt, json), then the rendering. The examples' brief is made once and
pickled; each run is a fresh process that unpickles it and times only that
stage. The compiled templates are kept in a per-user cache folder, so each
measure runs twice for this version: with that folder empty (every template
parsed and compiled, as in the first command after an install or an edit)
and with it filled by an earlier run. ``--cold N`` also times the whole
command N times (wall and CPU).

``--baseline DIR`` names a copy of an earlier version's source (for example
``git archive main | tar -x -C /tmp/base``): both versions run in turn, run for
run, as the CPU is shared; the table gives the fastest, the median and the
slowest run of each.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FORMATS = ("html", "md", "txt", "json")


def make_brief(path: Path) -> None:
    """Pickle the examples' brief to ``path`` (made once, not timed)."""
    from briefing.app import make_brief as make
    from briefing.settings import Output, Request, Sources

    with tempfile.TemporaryDirectory() as out:
        request = Request(Sources((str(EXAMPLES),)), output=Output(Path(out), formats=("json",)))
        path.write_bytes(pickle.dumps(make(request).brief))


def worker(path: Path) -> dict[str, float | str]:
    """CPU seconds of the check and of the rendering, in this fresh process."""
    from briefing.render import Templates, preflight, render

    brief = pickle.loads(path.read_bytes())
    start = time.process_time()
    templates = Templates()
    preflight(FORMATS, templates)
    checked = time.process_time()
    render(brief, FORMATS, templates)
    done = time.process_time()
    import briefing

    return {
        "check": checked - start,
        "render": done - checked,
        "stage": done - start,
        "from": str(Path(briefing.__file__).parent.parent),
    }


def stage_run(root: Path, cache: Path, brief: Path) -> dict[str, float | str]:
    command = [sys.executable, __file__, "--worker", str(brief)]
    env = _env(root, cache)
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    row = json.loads(done.stdout.strip().splitlines()[-1])
    if Path(str(row["from"])).resolve() != root.resolve():
        raise SystemExit(f"{root}: briefing was imported from {row['from']}")
    return row


def cold_run(root: Path, cache: Path) -> dict[str, float]:
    """The whole command as a user runs it: wall seconds and the child's CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "briefing", "build", str(EXAMPLES), "-o", out]
        command += ["--format", ",".join(FORMATS), "--quiet"]
        start = time.perf_counter()
        subprocess.run(command, env=_env(root, cache), cwd=root, check=True)
        wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu}


def _env(root: Path, cache: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(root), "XDG_CACHE_HOME": str(cache)}


def variants(baseline: Path | None, tmp: Path) -> list[tuple[str, Path, Path, bool]]:
    """(label, source root, cache home, empty it before each run)."""
    found = [
        ("now, cache empty", ROOT, tmp / "empty", True),
        ("now, cache filled", ROOT, tmp / "filled", False),
    ]
    if baseline:
        found.append((f"before ({baseline})", baseline, tmp / "before", True))
    return found


def each_run(variant: tuple[str, Path, Path, bool]) -> Path:
    """The cache home for one run of ``variant``: emptied first where it says so."""
    _, _, cache, empty = variant
    if empty:
        shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(exist_ok=True)
    return cache


def keep(
    rows: dict[str, dict[str, list[float]]], measure: str, runs: list, label: str, value: float
) -> None:
    """Add one run's ``value`` to the table, its rows in the order of ``runs``."""
    rows.setdefault(measure, {run[0]: [] for run in runs})[label].append(value)


def table(rows: dict[str, dict[str, list[float]]]) -> None:
    """One line per measure and version: fastest, median, slowest, in seconds."""
    print("| measure | version | fastest | median | slowest |")
    print("|---|---|---|---|---|")
    for measure, by_label in rows.items():
        for label, runs in by_label.items():
            cells = [f"{v:.3f}" for v in (min(runs), statistics.median(runs), max(runs))]
            print(f"| {measure} | {label} | {' | '.join(cells)} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="fresh processes per version")
    parser.add_argument("--cold", type=int, default=0, help="whole commands per version")
    parser.add_argument("--baseline", type=Path, metavar="DIR", help="an earlier version's source")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker)))
        return
    rows: dict[str, dict[str, list[float]]] = {}
    print("load average at the start: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    with tempfile.TemporaryDirectory() as tmp:
        runs = variants(args.baseline, Path(tmp))
        brief = Path(tmp) / "brief.pickle"
        make_brief(brief)
        stage_run(ROOT, each_run(runs[1]), brief)  # fills the cache of "filled"
        for _ in range(args.runs):
            for variant in runs:
                row = stage_run(variant[1], each_run(variant), brief)
                for measure in ("check", "render", "stage"):
                    keep(rows, f"CPU s, {measure}", runs, variant[0], float(row[measure]))
        for _ in range(args.cold):
            for variant in runs:
                for measure, value in cold_run(variant[1], each_run(variant)).items():
                    keep(rows, f"whole command, {measure} s", runs, variant[0], value)
    table(rows)
    print("load average at the end: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
