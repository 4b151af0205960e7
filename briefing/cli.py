"""The ``briefing`` command: a thin layer over :func:`briefing.build_brief`."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from briefing import __version__
from briefing.errors import BriefingError, ConfigError
from briefing.ingest import DEFAULT_MAX_BYTES, FeedSelection, Fetcher, Metadata
from briefing.ingest.metadata import find_date
from briefing.output import slugify, write_atomically
from briefing.pipeline import STAGES, build_brief
from briefing.render import DEFAULT_FORMATS, FORMATS, preflight, render
from briefing.summarize import DEFAULT_ENGINE, ENGINES

log = logging.getLogger("briefing")
PARTIAL = 3
"""Exit status when the brief was written but some inputs could not be used."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING, format="briefing: %(message)s"
    )
    try:
        return args.run(args)
    except BriefingError as exc:
        print(f"briefing: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("briefing: interrupted; nothing was written", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing", description="Offline comparative briefs from several news articles."
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="summarize and compare articles into a brief")
    build.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="article files (text, Markdown, HTML, PDF), folders, URLs, RSS/Atom feeds "
        "or @list files",
    )
    build.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("briefs"),
        metavar="OUTDIR",
        help="folder for the outputs (default: ./briefs)",
    )
    build.add_argument(
        "-f",
        "--format",
        default=",".join(DEFAULT_FORMATS),
        help=f"comma-separated formats from: {', '.join(FORMATS.names())} (default: all)",
    )
    build.add_argument(
        "-l",
        "--length",
        default="3",
        help="summary length per article: sentences (3), words (60w) or ratio (20%%)",
    )
    build.add_argument(
        "--overview-length", default="120w", help="length of the overview (default: 120w)"
    )
    build.add_argument(
        "-s",
        "--summarizer",
        default=DEFAULT_ENGINE,
        help=f"summarizer engine: {', '.join(ENGINES.names())} (default: {DEFAULT_ENGINE})",
    )
    build.add_argument(
        "-t", "--title", help="title of the brief (default: derived from the articles)"
    )
    build.add_argument("--name", help="base name of the output files (default: from the title)")
    build.add_argument(
        "--templates",
        type=Path,
        metavar="DIR",
        help="folder with your own templates; missing ones fall back to the built-in set",
    )
    build.add_argument("--outlet", help="outlet for every input, overriding what the text says")
    build.add_argument(
        "--author", action="append", default=[], help="author for every input (repeatable)"
    )
    build.add_argument("--date", help="publication date for every input, e.g. 2025-12-01")
    build.add_argument(
        "--max-size",
        type=float,
        default=DEFAULT_MAX_BYTES / 1024 / 1024,
        metavar="MB",
        help="largest input file accepted, in MiB (default: %(default).0f)",
    )
    build.add_argument(
        "--strict",
        action="store_true",
        help="stop at the first unusable input (default: skip it and list it in the brief)",
    )
    build.add_argument("--keep-going", action="store_true", help=argparse.SUPPRESS)
    web = build.add_argument_group("web pages and feeds")
    web.add_argument(
        "--cache", type=Path, metavar="DIR", help="keep fetched pages here and reuse them"
    )
    web.add_argument(
        "--offline", action="store_true", help="never fetch: use only pages in --cache"
    )
    web.add_argument(
        "--timeout", type=float, default=20.0, metavar="S", help="per-URL timeout (default: 20)"
    )
    web.add_argument(
        "--limit", type=int, default=10, metavar="N", help="newest N entries per feed (default: 10)"
    )
    web.add_argument("--match", metavar="WORD", help="only feed entries that mention WORD")
    web.add_argument("--since", metavar="DATE", help="only feed entries from DATE on")
    web.add_argument("--until", metavar="DATE", help="only feed entries up to DATE")
    _add_verbosity(build)
    build.set_defaults(run=_run_build)

    evaluate = commands.add_parser(
        "eval",
        help="score summaries against references (ROUGE), with baselines",
        description="Summarize each example of a JSON Lines file "
        '({"documents": [...], "reference": "..."}) and score it with ROUGE.',
    )
    evaluate.add_argument("data", type=Path, metavar="DATA.jsonl", help="examples to score")
    evaluate.add_argument(
        "-s", "--summarizer", default=DEFAULT_ENGINE, help="summarizer engine to evaluate"
    )
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
    evaluate.set_defaults(run=_run_eval, verbose=False)

    engines = commands.add_parser("engines", help="list summarizers and output formats")
    engines.set_defaults(run=_run_engines, verbose=False)
    return parser


def _add_verbosity(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    group.add_argument(
        "-v", "--verbose", action="store_true", help="explain what is removed and why"
    )


def _run_build(args: argparse.Namespace) -> int:
    formats = [name.strip() for name in args.format.split(",") if name.strip()]
    preflight(formats, args.templates)  # a bad format or template fails before any work
    max_bytes = int(args.max_size * 1024 * 1024)
    if args.limit < 1:
        raise ConfigError("--limit must be at least 1")
    with _progress(args.quiet) as progress:
        brief = build_brief(
            args.inputs,
            title=args.title,
            length=args.length,
            overview_length=args.overview_length,
            summarizer=args.summarizer,
            metadata=_metadata(args),
            strict=args.strict,
            max_bytes=max_bytes,
            fetcher=Fetcher(
                timeout=args.timeout, max_bytes=max_bytes, cache=args.cache, offline=args.offline
            ),
            feed=FeedSelection(
                limit=args.limit,
                keyword=args.match,
                since=_date_option("--since", args.since),
                until=_date_option("--until", args.until),
            ),
            progress=progress,
        )
        progress("rendering")
        documents = render(brief, formats, args.templates)
        base = args.name or slugify(brief.title)
        written = write_atomically(
            {args.output / f"{base}{extension}": text for extension, text in documents.values()}
        )
    for article in brief.articles:
        log.debug(
            "%s: %s; removed %d lines of chrome: %s",
            article.source,
            article.title,
            len(article.removed),
            " | ".join(article.removed),
        )
    for skipped in brief.skipped:
        print(f"briefing: skipped {skipped.source}: {skipped.reason}", file=sys.stderr)
    if not args.quiet:
        for path in written:
            print(path)
    failed = [s for s in brief.skipped if not s.junk]
    return PARTIAL if failed else 0


def _metadata(args: argparse.Namespace) -> Metadata:
    published = _date_option("--date", args.date)
    return Metadata(outlet=args.outlet, authors=tuple(args.author), published=published)


def _date_option(option: str, value: str | None):
    if not value:
        return None
    found = find_date(value)
    if found is None:
        raise ConfigError(f"{option} {value!r} is not a date (try 2025-12-01)")
    return found.value


def _run_eval(args: argparse.Namespace) -> int:
    from briefing import evaluate
    from briefing.summarize import Length

    examples = evaluate.load_examples(args.data)[: args.limit]
    length = Length.parse(args.length) if args.length else None
    baseline_length = Length.parse(args.baseline_length) if args.baseline_length else None
    names = [n.strip() for n in args.baselines.split(",") if n.strip() and n.strip() != "none"]
    methods = [evaluate.system_method(args.summarizer, length)]
    methods += [evaluate.baseline_method(name, baseline_length) for name in names]
    results = args.results or Path("eval") / f"{args.data.stem}.results.jsonl"
    if args.fresh and results.exists():
        results.unlink()
    bar = None
    if not args.quiet and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=len(examples), unit="example", leave=False, file=sys.stderr)
    try:
        report = evaluate.evaluate(
            examples,
            methods,
            data=args.data.name,
            store=evaluate.Store(results),
            progress=bar.update if bar else None,
        )
    finally:
        if bar is not None:
            bar.close()
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print(evaluate.table(report))
        if not args.quiet:
            print(f"\nper-example summaries and scores: {results}")
    return 0


def _run_engines(args: argparse.Namespace) -> int:
    print("summarizers:", ", ".join(ENGINES.names()))
    print("formats:", ", ".join(FORMATS.names()))
    return 0


class _progress:
    """A progress bar over the pipeline's stages, shown only on a terminal."""

    def __init__(self, quiet: bool) -> None:
        self.enabled = not quiet and sys.stderr.isatty()
        self.bar = None

    def __enter__(self):
        if self.enabled:
            from tqdm import tqdm

            self.bar = tqdm(total=len(STAGES) + 1, unit="step", leave=False, file=sys.stderr)
        return self.advance

    def advance(self, stage: str) -> None:
        if self.bar is not None:
            self.bar.set_description(stage)
            self.bar.update(1)

    def __exit__(self, *exc_info: object) -> None:
        if self.bar is not None:
            self.bar.close()


if __name__ == "__main__":
    sys.exit(main())
