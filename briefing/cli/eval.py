"""``briefing eval``: score summaries against references (ROUGE), with baselines."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from briefing.cli import options
from briefing.cli.terminal import bar


def add(commands) -> None:
    evaluate = commands.add_parser(
        "eval",
        help="score summaries against references (ROUGE), with baselines",
        description="Summarize each example of a JSON Lines file "
        '({"documents": [...], "reference": "..."}) and score it with ROUGE.',
    )
    evaluate.add_argument("data", type=Path, metavar="DATA.jsonl", help="examples to score")
    options.add_summarizer(
        evaluate,
        options.DEFAULT_ENGINE,
        help="summarizer engine to evaluate",
    )
    options.add_model(evaluate)
    evaluate.add_argument(
        "-l",
        "--length",
        help="summary length (default: 3 sentences for one document, 250w for several)",
    )
    evaluate.add_argument(
        "--baselines",
        default="lead3,lexrank,textrank",
        help="comma-separated baselines to score beside it, or 'none' (default: %(default)s)",
    )
    evaluate.add_argument(
        "--baseline-length", help="length for the baselines (default: 3 sentences)"
    )
    evaluate.add_argument("--limit", type=int, metavar="N", help="score only the first N examples")
    evaluate.add_argument(
        "--results",
        type=Path,
        metavar="FILE",
        help="per-example summaries and scores, kept for inspection and resuming "
        "(default: eval/<data name>.results.jsonl)",
    )
    evaluate.add_argument(
        "--fresh", action="store_true", help="ignore stored results and score everything again"
    )
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")
    evaluate.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    evaluate.set_defaults(run=run, verbose=False)


def run(args: argparse.Namespace) -> int:
    from briefing import evaluate
    from briefing.summarize import Length

    examples = evaluate.load_examples(args.data)[: args.limit]
    length = Length.parse(args.length) if args.length else None
    baseline_length = Length.parse(args.baseline_length) if args.baseline_length else None
    names = [n.strip() for n in args.baselines.split(",") if n.strip() and n.strip() != "none"]
    model = options.model(args)
    methods = [evaluate.system_method(args.summarizer, length, model if model.given else None)]
    methods += [evaluate.baseline_method(name, baseline_length) for name in names]
    results = args.results or Path("eval") / f"{args.data.stem}.results.jsonl"
    if args.fresh and results.exists():
        results.unlink()
    progress = bar(len(examples), "example", args.quiet)
    try:
        report = evaluate.evaluate(
            examples,
            methods,
            data=args.data.name,
            store=evaluate.Store(results),
            progress=progress.update if progress else None,
        )
    finally:
        if progress is not None:
            progress.close()
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print(evaluate.table(report))
        if not args.quiet:
            print(f"\nper-example summaries and scores: {results}")
    return 0
