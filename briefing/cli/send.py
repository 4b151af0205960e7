"""``briefing send``: deliver an .eml file over SMTP."""

from __future__ import annotations

import argparse
from pathlib import Path

from briefing.cli import mail, options
from briefing.defaults import SEND_MAX_BYTES


def add(commands) -> None:
    send = commands.add_parser(
        "send",
        help="email a brief (.eml written by `briefing build -f eml`) over SMTP",
        description="Deliver an .eml file over SMTP. The password comes from the environment "
        "variable named by --password-env, or a prompt; never from the command line.",
    )
    send.add_argument("message", type=Path, metavar="FILE.eml", help="the message to send")
    send.add_argument(
        "--max-size",
        type=float,
        default=SEND_MAX_BYTES / options.MIB,
        metavar="MB",
        help="largest message accepted, in MiB (default: %(default).0f, room for "
        "build's 10 MB of attachments once encoded)",
    )
    mail.add_addresses(send, replacing=True)
    mail.add_smtp(send)
    options.add_verbosity(send)
    send.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from briefing.app import Status
    from briefing.cli.build import report_delivery
    from briefing.share.email import send
    from briefing.share.kept import read_message, readdress

    message = read_message(args.message, int(args.max_size * options.MIB))
    readdress(message, to=args.to, cc=args.cc, sender=args.sender)  # checked before the password
    server = mail.server(args)
    delivery = send(message, server)
    report_delivery(delivery, server.address, args.quiet)
    return int(Status.PARTIAL if delivery.refused else Status.OK)
