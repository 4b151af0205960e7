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
    from email import policy
    from email.parser import BytesParser

    from briefing.app import Status
    from briefing.cli.build import report_delivery
    from briefing.errors import InputError
    from briefing.ingest.reading import read_bytes
    from briefing.render.formats.eml import addresses, check_address
    from briefing.share.email import send

    data = read_bytes(args.message, int(args.max_size * options.MIB))
    message = BytesParser(policy=policy.SMTP).parsebytes(data)
    if not (message["From"] and message["Subject"]):
        raise InputError(str(args.message), "not an email message (no From or Subject header)")
    if args.to or args.cc:
        for header in ("To", "Cc", "Bcc"):
            del message[header]
        if args.to:
            message["To"] = ", ".join(addresses(args.to))
        if args.cc:
            message["Cc"] = ", ".join(addresses(args.cc))
    if args.sender:
        check_address(args.sender)
        del message["From"]
        message["From"] = args.sender
    server = mail.server(args)
    delivery = send(message, server)
    report_delivery(delivery, server.address, args.quiet)
    return int(Status.PARTIAL if delivery.refused else Status.OK)
