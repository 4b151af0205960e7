"""The parser, the one ``except``, and the maps from settings to flags and errors to exits."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from collections.abc import Sequence

from briefing.cli import batch, build, feed, info, send, serve, speak
from briefing.cli import eval as evaluation
from briefing.errors import (
    SETTING,
    BriefingError,
    ConfigError,
    EngineError,
    PlanError,
    SynthesisError,
)
from briefing.version import __version__

COMMANDS = (
    build.add,
    speak.add,
    send.add,
    feed.add,
    batch.add,
    info.add_voices,
    evaluation.add,
    info.add_engines,
    serve.add,
)

FLAGS = {
    "max_bytes": "--max-size",
    "keyword": "--match",
    "sender": "--from",
    "summarizer": "-s",
    "formats": "--format",
    "folder": "--output",
    "inputs": "INPUT",
    "style": "--voice-style",
    "address": "--ray",
}
"""Settings whose flag is not ``--`` and the field name with hyphens."""

EXIT = {"ok": 0, "error": 1, "usage": 2, "partial": 3, "interrupted": 130, "terminated": 143}
"""Exit statuses: 2 for every usage error (a bad option or option value, as argparse
does), 1 for an input that cannot be used (a file, URL, plan, template or model); a
partial brief (skipped inputs, refused recipients) is 3; Ctrl-C is 130 and SIGTERM 143,
as a shell reports a process killed by them."""


def flag(setting: str) -> str:
    """The command-line spelling of a settings field."""
    return FLAGS.get(setting, "--" + setting.replace("_", "-"))


def describe(exc: BriefingError) -> str:
    """The error's message in the command line's words, naming its flag."""
    text = exc.describe(flag)
    if exc.setting and SETTING not in exc.template:
        text = f"{flag(exc.setting)}: {text}"  # the message does not name it: say which
    return text


def status(exc: BaseException) -> int:
    """Exit status by error class: an option's value (a setting, an engine name) is a
    usage error; a plan file is an input, as every file is."""
    if isinstance(exc, Terminated):
        return EXIT["terminated"]
    if isinstance(exc, KeyboardInterrupt):
        return EXIT["interrupted"]
    if isinstance(exc, (PlanError, SynthesisError)):
        return EXIT["error"]
    if isinstance(exc, (ConfigError, EngineError)):
        return EXIT["usage"]
    return EXIT["error"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    # -v is for briefing's own diagnostics: other libraries' loggers stay at WARNING
    logging.basicConfig(level=logging.WARNING, format="briefing: %(message)s")
    logging.getLogger("briefing").setLevel(logging.DEBUG if args.verbose else logging.WARNING)
    signal.signal(signal.SIGTERM, _terminate)  # the same clean-up as Ctrl-C
    try:
        return args.run(args)
    except BriefingError as exc:
        print(f"briefing: error: {describe(exc)}", file=sys.stderr)
        return status(exc)
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return EXIT["ok"]
    except KeyboardInterrupt as exc:
        written = getattr(exc, "written", ())  # set by write_atomically when some were
        done = f"only wrote {', '.join(map(str, written))}" if written else "nothing was written"
        print(f"briefing: interrupted; {done}", file=sys.stderr)
        return status(exc)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is so that temp files are removed on the way out."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing", description="Offline comparative briefs from several news articles."
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in COMMANDS:
        add(commands)
    return parser
