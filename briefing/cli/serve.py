"""``briefing serve``: the web app on this computer, with the model and voices kept warm."""

from __future__ import annotations

import argparse
import secrets
from pathlib import Path

from briefing.cli import options

DATA = Path("briefing-data")


def add(commands) -> None:
    serve = commands.add_parser(
        "serve",
        help="a local web app to make, read, hear, share and keep briefs",
        description="Serve the web app. Bound to anything but a loopback address (or with "
        "--require-token) it needs the access token it prints. Email goes through the SMTP "
        "server named by BRIEFING_SMTP (HOST[:PORT]), with BRIEFING_SMTP_SECURITY (starttls, "
        "tls, none), BRIEFING_SMTP_USER, BRIEFING_SMTP_PASSWORD, BRIEFING_SMTP_CAFILE and "
        "BRIEFING_FROM.",
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: %(default)s)"
    )
    serve.add_argument("--port", type=int, default=8000, help="port (default: %(default)s)")
    serve.add_argument(
        "--require-token",
        action="store_true",
        help="require the access token on a loopback address too (a computer others use)",
    )
    serve.add_argument(
        "--url",
        metavar="URL",
        help="the address people reach the server at, for the podcast feed's links "
        "(default: http://HOST:PORT/; this computer's name for 0.0.0.0 or ::)",
    )
    serve.add_argument(
        "--data",
        type=Path,
        default=DATA,
        metavar="DIR",
        help=f"folder for the briefs and their index (default: ./{DATA})",
    )
    serve.add_argument(
        "--allow-private-urls",
        action="store_true",
        help="let the server fetch URLs on loopback, private and link-local addresses "
        "(off by default: a page's user could reach this machine's or network's services)",
    )
    serve.add_argument(
        "--max-upload",
        type=float,
        default=50,
        metavar="MB",
        help="largest form accepted, every file together, in MiB (default: %(default)g)",
    )
    serve.add_argument(
        "--workers", type=int, default=2, help="briefs made at the same time (default: 2)"
    )
    options.add_voice(serve, audio_switch=False)
    options.add_verbosity(serve)
    serve.set_defaults(run=run)


def config(args: argparse.Namespace):
    from briefing.web import Limits, ServerConfig, mailer_from
    from briefing.web.config import MIB, is_loopback

    needed = args.require_token or not is_loopback(args.host)
    token = secrets.token_urlsafe(24) if needed else None
    return ServerConfig(
        data=args.data,
        host=args.host,
        token=token,
        port=args.port,
        url=args.url,
        allow_private_urls=args.allow_private_urls,
        limits=Limits(request_bytes=int(args.max_upload * MIB)),
        mailer=mailer_from(),
        voice=options.voice(args),
        workers=args.workers,
    )


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from briefing import language
    from briefing.resources import Resources
    from briefing.web import create_app
    from briefing.web.protocol import limit_logs, uvicorn_config

    settings = config(args)
    language.preload()  # the parser loads beside the server, not on the first brief
    resources = Resources()
    resources.voices(settings.voice)  # a missing voice fails now, not on the first audio brief
    app = create_app(settings, resources=resources)
    recovered = app.state.server.recovered
    if recovered and not args.quiet:
        print(f"briefing: {len(recovered)} brief(s) interrupted by the last stop marked failed")
    shown = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
    address = f"http://{shown}:{args.port}/"
    if settings.token:
        address += f"?token={settings.token}"
    if not args.quiet:
        where = f"on {args.host}, so it needs this token" if settings.token else "on this computer"
        print(f"briefing: serving {args.data} {where}; open {address}", flush=True)
    server = uvicorn.Server(
        uvicorn_config(
            app,
            settings.limits,
            args.host,
            args.port,
            log_level="warning" if args.quiet else "info",
            timeout_graceful_shutdown=3,
        )
    )
    limit_logs()
    server.run()
    return 0
