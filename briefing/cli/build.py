"""``briefing build``: arguments -> settings -> :func:`briefing.app.make_brief` -> print."""

from __future__ import annotations

import argparse
import logging
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from briefing.cli import mail, options
from briefing.cli.terminal import Steps
from briefing.errors import InputError

log = logging.getLogger("briefing")
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")  # as briefing.ingest.fetch.is_url


def add(commands) -> None:
    build = commands.add_parser(
        "build",
        help="summarize and compare articles into a brief",
        description="Read several articles on one subject (files, folders, URLs, feeds), "
        "summarize each, compare them (shared points, differences, framing over time, "
        "figures) and write the brief as HTML, PDF, Markdown, text, JSON or email; "
        "--audio also records it as a podcast with chapters and a transcript.",
    )
    options.add_sources(build)
    options.add_output(build)
    options.add_summary(build)
    build.add_argument(
        "-t", "--title", help="title of the brief (default: derived from the articles)"
    )
    options.add_display(build)
    mail.add_mail(build)
    options.add_voice(build, audio_switch=True)
    options.add_verbosity(build, verbose=True)
    build.set_defaults(run=run)


def request(args: argparse.Namespace, summary=None):
    """The settings of this run; the password is asked for last, after every cheap check.
    ``summary`` is the summary settings :func:`precheck` made already."""
    from briefing.settings import Request

    output = options.output(args)
    audio = options.audio(args)  # checked even when off, as a flag's value should be
    emailed = args.send or args.to or args.cc or "eml" in output.formats
    return Request(
        sources=options.sources(args),
        title=args.title,
        summary=summary or options.summary(args),
        display=options.display(args),
        audio=audio if args.audio else None,
        mail=mail.mail(args) if emailed else None,
        output=output,
        delivery=mail.server(args) if args.send else None,
    )


def precheck(args: argparse.Namespace):
    """What can be told at once, before the pipeline's libraries load (seconds).

    A missing local input, an unknown summarizer, model options without a
    model-backed one, a model that is not on disk or a bad length, a speaking
    rate out of range and a bad output name fail here, before the settings
    import the stages and any input is read or fetched. The summary settings
    are made here, light as they are, and returned for the request: their
    checks run once.
    """
    from briefing.defaults import check_rate
    from briefing.output import check_name

    check_local_inputs(args.inputs)
    if args.audio:
        check_rate(args.rate)
    summary = options.summary(args)
    if args.name is not None:
        check_name(args.name)
    return summary


def check_local_inputs(inputs: Sequence[str]) -> None:
    """Say at once that a local input is missing, as :func:`briefing.ingest.expand_inputs`
    would later: a missing file or folder fails the brief. URLs and @lists are left to it."""
    for item in inputs:
        if not _URL.match(item) and not item.startswith("@") and not Path(item).exists():
            raise InputError(item, "no such file or folder")


def run(args: argparse.Namespace) -> int:
    summary = precheck(args)
    from briefing import language

    language.preload()  # the parser loads beside the imports and the encoder, from the start
    from briefing.app import make_brief, steps

    wanted = request(args, summary)
    steps_bar = Steps(steps(wanted), args.quiet)
    with steps_bar as progress:
        listen = steps_bar.heard if steps_bar.bar is not None else None
        result = make_brief(wanted, progress=progress, on_part=listen)
    for article in result.brief.articles:
        log.debug(
            "%s: %s; removed %d lines of chrome: %s",
            article.source,
            article.title,
            len(article.removed),
            " | ".join(article.removed),
        )
    for skipped in result.brief.skipped:
        print(f"briefing: skipped {skipped.source}: {skipped.reason}", file=sys.stderr)
    if not args.quiet:
        for written in result.files:
            print(written.path)
    if result.delivery is not None and wanted.delivery is not None:
        report_delivery(result.delivery, wanted.delivery.address, args.quiet)
    return int(result.status)


def report_delivery(delivery, address: str, quiet: bool) -> None:
    """Refusals on stderr, one a line; the accepted recipients unless quiet."""
    for recipient, reason in delivery.refused.items():
        print(f"briefing: {address} refused {recipient} ({reason})", file=sys.stderr)
    if not quiet and delivery.accepted:
        print(f"sent to {', '.join(delivery.accepted)} via {address}")
