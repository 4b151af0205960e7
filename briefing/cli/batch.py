"""``briefing batch``: a plan -> :func:`briefing.batch.run_batch` -> a summary table."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing.cli import options
from briefing.cli.terminal import bar
from briefing.defaults import OUTPUT_FOLDER


def add(commands) -> None:
    batch = commands.add_parser(
        "batch",
        help="make the brief of every topic in a plan (TOML), locally or on Ray",
        description="Make every topic's brief (and audio) under OUTDIR/TOPIC/, update each "
        "topic's podcast feed and OUTDIR/index.html, and print a summary table. A topic whose "
        "articles have not changed since its last brief is skipped; an interrupted batch "
        "resumes. Exit status 0: every topic made or unchanged; 3: some topics failed or "
        "skipped inputs; 1: the plan has an error.",
    )
    batch.add_argument("plan", type=Path, metavar="PLAN.toml", help="the topics (see README)")
    folder = OUTPUT_FOLDER
    batch.add_argument(
        "-o",
        "--output",
        type=Path,
        default=folder,
        metavar="OUTDIR",
        help=f"folder for the topics' folders (default: ./{folder})",
    )
    batch.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="worker processes, each loading the model once (default: 1, in this process); "
        "with --ray, the CPUs of the local Ray instance",
    )
    batch.add_argument(
        "--ray",
        nargs="?",
        const="",
        metavar="ADDRESS",
        help="run on Ray: a local instance, or the cluster at ADDRESS (needs briefing[ray])",
    )
    batch.add_argument(
        "--force", action="store_true", help="make every topic again, even an unchanged one"
    )
    options.add_verbosity(batch)
    batch.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from briefing.batch import load_plan, open_engine, run_batch, table
    from briefing.errors import ConfigError

    plan = load_plan(args.plan)
    if args.ray and args.workers is not None:
        raise ConfigError(
            "{setting} sizes a local Ray instance; a cluster has its own", setting="workers"
        )
    engine = open_engine(
        "local" if args.ray is None else "ray", workers=args.workers, address=args.ray or None
    )
    with Progress(args.quiet) as progress:
        report = run_batch(plan, args.output, engine, force=args.force, progress=progress)
    for line in report.lines:  # as `build` names them: one line each, on stderr
        for skipped in line.outcome.skipped:
            print(f"briefing: {line.topic.name}: skipped {skipped}", file=sys.stderr)
        if line.outcome.reason:
            print(f"briefing: {line.topic.name}: {line.outcome.reason}", file=sys.stderr)
    if not args.quiet:
        print(table(report))
        print(report.index)
    return int(report.status)


class Progress:
    """The batch's bar: topics finished of all, with how many are done, failed and running."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.bar = None

    def __enter__(self) -> Progress:
        return self

    def __call__(self, tally) -> None:
        if self.bar is None:
            self.bar = bar(tally.total, "topic", self.quiet)
            if self.bar is None:
                return
        self.bar.n = tally.done + tally.failed
        self.bar.set_postfix(done=tally.done, failed=tally.failed, running=tally.running)

    def __exit__(self, *exc_info: object) -> None:
        if self.bar is not None:
            self.bar.close()
