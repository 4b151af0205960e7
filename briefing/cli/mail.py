"""Email and SMTP options, shared by ``build`` and ``send``, and their settings."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.addresses import addresses, default_sender
from briefing.cli.options import default
from briefing.defaults import ATTACH_LIMIT
from briefing.errors import ConfigError
from briefing.share.email import SECURITY, Server

if TYPE_CHECKING:
    from briefing.render.formats.eml import Mail

MB = 1_000_000


def add_addresses(parser, replacing: bool) -> None:
    """--to, --cc and --from; `briefing send` replaces the message's own headers."""
    parser.add_argument(
        "--to",
        action="append",
        default=[],
        help="recipient (repeatable or comma-separated)"
        + ("; replaces the file's To and Cc" if replacing else ""),
    )
    parser.add_argument("--cc", action="append", default=[], help="copy recipient")
    parser.add_argument(
        "--from",
        dest="sender",
        help="sender, replacing the file's From"
        if replacing
        else "sender (default: $BRIEFING_FROM or briefing@this host)",
    )


def add_mail(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("email (-f eml, --send)")
    add_addresses(group, replacing=False)
    limit = ATTACH_LIMIT / MB
    group.add_argument(
        "--attach-limit",
        type=float,
        default=limit,
        metavar="MB",
        help="attach the PDF and MP3 while their total stays under MB; the body names "
        f"what was left out (default: {limit:g})",
    )
    group.add_argument(
        "--send", action="store_true", help="also deliver the email over SMTP (implies -f eml)"
    )
    add_smtp(parser)


def mail(args: argparse.Namespace) -> Mail:
    if args.attach_limit < 0:  # before rounding: -0.0001 MB is negative too
        raise ConfigError("{setting} cannot be negative", setting="attach_limit")
    from briefing.render.formats.eml import Mail

    return Mail(
        sender=args.sender or default_sender(),
        to=addresses(args.to),
        cc=addresses(args.cc),
        attach_limit=int(args.attach_limit * MB),
    )


def add_smtp(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("SMTP server")
    group.add_argument(
        "--smtp",
        default=os.environ.get("BRIEFING_SMTP", default(Server, "host")),
        metavar="HOST[:PORT]",
        help="server (default: $BRIEFING_SMTP or localhost; port 587, 465 with tls, 25 with none)",
    )
    security = default(Server, "security")
    group.add_argument(
        "--security",
        default=security,
        metavar="{" + ",".join(SECURITY) + "}",
        help=f"{security} (default), tls (implicit, e.g. port 465) or none",
    )
    group.add_argument(
        "--user", default=os.environ.get("BRIEFING_SMTP_USER"), help="log in as USER (AUTH)"
    )
    group.add_argument(
        "--password-env",
        default="BRIEFING_SMTP_PASSWORD",
        metavar="NAME",
        help="environment variable holding the password (default: %(default)s); "
        "without it you are asked on the terminal",
    )
    group.add_argument("--password", nargs="?", action=_RefusePassword, help=argparse.SUPPRESS)
    group.add_argument(
        "--cafile", type=Path, help="trust this CA certificate (a private or company CA)"
    )
    group.add_argument(
        "--allow-insecure-auth",
        action="store_true",
        help="allow logging in over an unencrypted connection (trusted networks only)",
    )
    timeout = default(Server, "timeout")
    group.add_argument(
        "--smtp-timeout", type=float, default=timeout, metavar="S", help=f"default: {timeout:g}"
    )


class _RefusePassword(argparse.Action):
    """A password on the command line ends up in shell history and `ps`: say so, refuse."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        parser.error(
            "the password is never taken from the command line; set it in the variable "
            "named by --password-env (default BRIEFING_SMTP_PASSWORD), or be asked for it"
        )


def server(args: argparse.Namespace) -> Server:
    host, _, port = args.smtp.rpartition(":") if ":" in args.smtp else (args.smtp, "", "")
    if port and not port.isdigit():
        raise ConfigError(f"{{setting}} {args.smtp!r}: the port must be a number", setting="smtp")
    encrypted = args.security != "none" or args.allow_insecure_auth
    # unencrypted AUTH: Server refuses it before a password is asked for or sent
    password = _password(args.password_env, args.user) if args.user and encrypted else None
    return Server(
        host=host,
        port=int(port) if port else None,
        security=args.security,
        user=args.user,
        password=password,
        timeout=args.smtp_timeout,
        cafile=args.cafile,
        allow_insecure_auth=args.allow_insecure_auth,
    )


def _password(variable: str, user: str) -> str:
    """From the environment, or asked on the terminal; never an argument, never echoed."""
    if variable in os.environ:
        return os.environ[variable]
    if not sys.stdin.isatty():
        raise ConfigError(f"no password for {user!r}: set {variable} or run on a terminal")
    import getpass

    return getpass.getpass(f"SMTP password for {user}: ")
