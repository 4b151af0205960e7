"""``briefing build``: arguments -> settings -> :func:`briefing.app.make_brief` -> print."""

from __future__ import annotations

import argparse
import logging
import sys

from briefing.cli import mail, options
from briefing.cli.terminal import Steps

log = logging.getLogger("briefing")


def add(commands) -> None:
    build = commands.add_parser("build", help="summarize and compare articles into a brief")
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


def request(args: argparse.Namespace):
    """The settings of this run; the password is asked for last, after every cheap check."""
    from briefing.settings import Request

    output = options.output(args)
    audio = options.audio(args)  # checked even when off, as a flag's value should be
    emailed = args.send or args.to or args.cc or "eml" in output.formats
    return Request(
        sources=options.sources(args),
        title=args.title,
        summary=options.summary(args),
        display=options.display(args),
        audio=audio if args.audio else None,
        mail=mail.mail(args) if emailed else None,
        output=output,
        delivery=mail.server(args) if args.send else None,
    )


def run(args: argparse.Namespace) -> int:
    from briefing.app import make_brief, steps

    wanted = request(args)
    with Steps(steps(wanted), args.quiet) as progress:
        result = make_brief(wanted, progress=progress)
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
