"""The ``briefing`` command: a thin layer over :func:`briefing.build_brief`."""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

# Only light modules here: --help, --version and option errors answer before
# the pipeline, NumPy, the models or the audio stack are imported.
from briefing import __version__
from briefing.defaults import (
    AUDIO_FORMATS,
    DEFAULT_FORMATS,
    DEFAULT_MAX_BYTES,
    FORMATS,
    PAPER_SIZES,
    THEMES,
    VOICE_ENGINES,
    VOICE_STYLES,
)
from briefing.errors import BriefingError, ConfigError, InputError
from briefing.output import check_name, slugify, write_atomically
from briefing.summarize import DEFAULT_ENGINE, ENGINES, preflight_summarizer

if TYPE_CHECKING:
    from briefing.models import Brief
    from briefing.speak import VoiceOptions
    from briefing.speak.files import Tags

log = logging.getLogger("briefing")
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")  # as briefing.ingest.fetch.is_url
PARTIAL = 3
"""Exit status when the brief was written but some inputs could not be used."""
SEND_MAX_BYTES = 20 * 1024 * 1024
"""`send`'s default cap: build's 10 MB attachment limit is about 13.5 MB in base64, plus bodies."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING, format="briefing: %(message)s"
    )
    signal.signal(signal.SIGTERM, _terminate)  # the same clean-up as Ctrl-C
    try:
        return args.run(args)
    except BriefingError as exc:
        print(f"briefing: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
    except KeyboardInterrupt as exc:
        written = getattr(exc, "written", ())  # set by write_atomically when some were
        done = f"only wrote {', '.join(map(str, written))}" if written else "nothing was written"
        print(f"briefing: interrupted; {done}", file=sys.stderr)
        return 143 if isinstance(exc, _Terminated) else 130


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is so that temp files are removed on the way out."""


def _terminate(signum: int, frame: object) -> None:
    raise _Terminated


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
        help=f"comma-separated formats from: {', '.join(FORMATS.names())} "
        f"(default: {','.join(DEFAULT_FORMATS)})",
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
    _add_model_options(build)
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
    look = build.add_argument_group("display (HTML and PDF)")
    look.add_argument(
        "--theme",
        choices=THEMES,
        default="auto",
        help="colours: auto follows the reader's system (light, dark, more contrast); "
        "readers can still change it on the page (default: auto)",
    )
    look.add_argument(
        "--easy-reading",
        action="store_true",
        help="larger type and wider spacing, as many readers with dyslexia prefer",
    )
    look.add_argument("--paper", choices=PAPER_SIZES, default="A4", help="PDF page size")
    _add_mail_options(build)
    _add_voice_options(build, audio_switch=True)
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

    speak = commands.add_parser(
        "speak",
        help="record an audio brief from a (possibly edited) narration script",
        description="Record a script written by `briefing build -f script` (edit it first "
        "if you like) as MP3 or WAV with chapters and WebVTT/SRT transcripts.",
    )
    speak.add_argument("script", type=Path, metavar="SCRIPT", help="the narration script")
    speak.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("audio"),
        metavar="OUTDIR",
        help="folder for the audio files (default: ./audio)",
    )
    speak.add_argument("--name", help="base name of the files (default: from the script title)")
    _add_voice_options(speak, audio_switch=False)
    speak.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    speak.set_defaults(run=_run_speak, verbose=False)

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
        default=SEND_MAX_BYTES / 1024 / 1024,
        metavar="MB",
        help="largest message accepted, in MiB (default: %(default).0f, room for "
        "build's 10 MB of attachments once encoded)",
    )
    _add_addresses(send, replacing=True)
    _add_smtp_options(send)
    send.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    send.set_defaults(run=_run_send, verbose=False)

    feed = commands.add_parser(
        "feed",
        help="build or update a podcast feed for a folder of audio briefs",
        description="Write FOLDER/feed.xml (RSS 2.0, iTunes and Podcasting 2.0 tags) listing "
        "every MP3 brief in FOLDER. Serve the folder at --base-url and subscribe to feed.xml.",
    )
    feed.add_argument("folder", type=Path, metavar="FOLDER", help="folder of audio briefs")
    feed.add_argument(
        "--base-url",
        required=True,
        metavar="URL",
        help="where the folder is served, e.g. https://example.org/briefs/",
    )
    feed.add_argument("--title", default="Briefs", help="the podcast's title")
    feed.add_argument(
        "--description",
        default="Comparative news briefs, read aloud.",
        help="the podcast's description",
    )
    feed.add_argument("--author", default="briefing", help="the podcast's author")
    feed.add_argument("-o", "--output", type=Path, help="feed file (default: FOLDER/feed.xml)")
    feed.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    feed.set_defaults(run=_run_feed, verbose=False)

    voices = commands.add_parser("voices", help="list the installed voices of each TTS engine")
    voices.set_defaults(run=_run_voices, verbose=False)

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
    _add_model_options(evaluate)
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


def _add_model_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("abstractive summarizer (-s abstractive)")
    group.add_argument(
        "--model", metavar="PATH_OR_NAME", help="seq2seq model folder or Hugging Face cache name"
    )
    group.add_argument(
        "--device", default="cpu", help="cpu (default), cuda, mps or auto; fp16/bf16 on GPU"
    )
    group.add_argument(
        "--allow-download",
        action="store_true",
        help="let the model be downloaded from the Hugging Face hub if it is not local",
    )
    group.add_argument(
        "--generation",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override the model's generation config: num_beams, length_penalty, "
        "no_repeat_ngram_size, min_new_tokens, max_new_tokens, early_stopping",
    )
    group.add_argument("--batch-size", type=int, default=8, help="chunks per batch (default: 8)")


def _summarizer_options(args: argparse.Namespace) -> dict[str, object]:
    """Options for the chosen engine; model options only make sense for abstractive."""
    from briefing.summarize.seq2seq import parse_generation

    given = args.model or args.generation or args.allow_download or args.device != "cpu"
    if args.summarizer != "abstractive":
        if given:
            raise ConfigError(
                "--model, --device, --generation and --allow-download need -s abstractive"
            )
        return {}
    return {
        "model": args.model,
        "device": args.device,
        "allow_download": args.allow_download,
        "generation": parse_generation(args.generation),
        "batch_size": args.batch_size,
    }


def _add_addresses(parser, replacing: bool) -> None:
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


def _add_mail_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("email (-f eml, --send)")
    _add_addresses(group, replacing=False)
    group.add_argument(
        "--attach-limit",
        type=float,
        default=10.0,
        metavar="MB",
        help="attach the PDF and MP3 while their total stays under MB; the body names "
        "what was left out (default: 10)",
    )
    group.add_argument(
        "--send", action="store_true", help="also deliver the email over SMTP (implies -f eml)"
    )
    _add_smtp_options(parser)


def _add_smtp_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("SMTP server")
    group.add_argument(
        "--smtp",
        default=os.environ.get("BRIEFING_SMTP", "localhost"),
        metavar="HOST[:PORT]",
        help="server (default: $BRIEFING_SMTP or localhost; port 587, 465 with tls, 25 with none)",
    )
    group.add_argument(
        "--security",
        choices=("starttls", "tls", "none"),
        default="starttls",
        help="starttls (default), tls (implicit, e.g. port 465) or none",
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
    group.add_argument("--smtp-timeout", type=float, default=30.0, metavar="S", help="default: 30")


class _RefusePassword(argparse.Action):
    """A password on the command line ends up in shell history and `ps`: say so, refuse."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        parser.error(
            "the password is never taken from the command line; set it in the variable "
            "named by --password-env (default BRIEFING_SMTP_PASSWORD), or be asked for it"
        )


def _server(args: argparse.Namespace):
    from briefing.share.email import Server

    host, _, port = args.smtp.rpartition(":") if ":" in args.smtp else (args.smtp, "", "")
    if port and not port.isdigit():
        raise ConfigError(f"--smtp {args.smtp!r}: the port must be a number")
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


def _mail(args: argparse.Namespace):
    from briefing.share.email import Mail, addresses, default_sender

    if args.attach_limit < 0:
        raise ConfigError("--attach-limit cannot be negative")
    return Mail(
        sender=args.sender or default_sender(),
        to=addresses(args.to),
        cc=addresses(args.cc),
        attach_limit=int(args.attach_limit * 1_000_000),
    )


def _add_voice_options(parser: argparse.ArgumentParser, audio_switch: bool) -> None:
    group = parser.add_argument_group("audio")
    if audio_switch:
        group.add_argument(
            "--audio", action="store_true", help="also record the brief as a podcast-style audio"
        )
        group.add_argument(
            "--audio-dir",
            type=Path,
            default=Path("audio"),
            metavar="DIR",
            help="folder for the audio files (default: ./audio)",
        )
    group.add_argument(
        "--audio-format", choices=sorted(AUDIO_FORMATS), default="mp3", help="default: mp3"
    )
    group.add_argument(
        "--engine",
        help=f"TTS engine: {', '.join(VOICE_ENGINES.names())} "
        "(default: piper when installed, else espeak; see `briefing voices`)",
    )
    group.add_argument("--voice", help="voice name (espeak) or .onnx file (piper)")
    group.add_argument("--voice2", help="the second host's voice, with --hosts 2")
    group.add_argument("--rate", type=int, metavar="WPM", help="speaking rate in words a minute")
    group.add_argument(
        "--hosts", type=int, choices=(1, 2), default=1, help="2: chapters alternate voices"
    )
    group.add_argument(
        "--pronunciations",
        type=Path,
        metavar="FILE",
        help="more 'WORD = HOW TO SAY IT' lines on top of the shipped pronunciation list",
    )
    group.add_argument(
        "--voice-style",
        choices=VOICE_STYLES,
        default="natural",
        help="natural (default engine) or fast (espeak at 300 words a minute, as screen-reader "
        "users often prefer)",
    )


def _voice_options(args: argparse.Namespace) -> VoiceOptions:
    if args.rate is not None and not 60 <= args.rate <= 400:
        raise ConfigError("--rate is in words a minute, from 60 to 400")
    from briefing.speak import VoiceOptions

    return VoiceOptions(
        args.engine, args.voice, args.voice2, args.rate, args.hosts, args.voice_style
    )


def _add_verbosity(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    group.add_argument(
        "-v", "--verbose", action="store_true", help="explain what is removed and why"
    )


def _run_build(args: argparse.Namespace) -> int:
    _check_local_inputs(args.inputs)  # before the pipeline's libraries load
    voice_options = _voice_options(args) if args.audio else None
    summarizer_options = _summarizer_options(args)
    preflight_summarizer(args.summarizer, **summarizer_options)  # no model loads yet
    from briefing.render import Display, Options, preflight, render

    formats = [name.strip() for name in args.format.split(",") if name.strip()]
    if args.send and "eml" not in formats:
        formats.append("eml")
    if (args.to or args.cc) and "eml" not in formats:
        raise ConfigError("--to and --cc need -f eml or --send")
    preflight(formats, args.templates)  # a bad format or template fails before any work
    if args.name is not None:
        check_name(args.name)
    display = Display(args.theme, args.easy_reading, args.paper)
    mail = _mail(args) if "eml" in formats else None
    server = _server(args) if args.send else None  # asks for the password before the work
    max_bytes = int(args.max_size * 1024 * 1024)
    if args.limit < 1:
        raise ConfigError("--limit must be at least 1")
    from briefing.ingest import FeedSelection, Fetcher
    from briefing.pipeline import build_brief

    voices = _load_voices(voice_options) if voice_options else None  # fail before work
    said = _load_pronunciations(args.pronunciations) if voice_options else None
    with _progress(args.quiet, extra=1 if voices else 0) as progress:
        brief = build_brief(
            args.inputs,
            title=args.title,
            length=args.length,
            overview_length=args.overview_length,
            summarizer=args.summarizer,
            summarizer_options=summarizer_options,
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
        base = args.name or slugify(brief.title)
        files: dict[Path, str | bytes] = {}
        attachments = []
        if voices:
            from briefing.share.email import Attachment
            from briefing.speak import attach, audio_files, record
            from briefing.speak.script import parse_script

            progress("recording audio")
            script_text = render(brief, ["script"], args.templates)["script"][1]
            programme = record(parse_script(script_text), voices, pronunciations=said)
            files[args.audio_dir / f"{base}.script.txt"] = script_text  # edit, then `speak`
            recording = audio_files(
                programme, args.audio_dir / base, args.audio_format, _tags(brief)
            )
            files.update(recording)
            audio, transcript = list(recording)[:2]
            brief = attach(brief, programme, audio, transcript, args.output / f"{base}.html")
            attachments.append(Attachment.of(audio.name, recording[audio]))
        progress("rendering")
        options = Options(display, base, mail, tuple(attachments))
        documents = render(brief, formats, args.templates, options)
        files.update(
            {args.output / f"{base}{extension}": text for extension, text in documents.values()}
        )
        written = write_atomically(files)
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
    if server is not None:
        delivered = _deliver(documents["eml"][1], server, args.quiet)
        if not delivered:
            return PARTIAL
    return PARTIAL if failed else 0


def _load_voices(options: VoiceOptions):
    """The voices, loaded before the work; the audio stack is imported only for --audio."""
    from briefing.speak import load_voices

    return load_voices(options)


def _load_pronunciations(extra: Path | None):
    from briefing.speak import load_pronunciations

    return load_pronunciations(extra)


def _check_local_inputs(inputs: Sequence[str]) -> None:
    """Say at once that a local input is missing, before seconds of imports and model loading.

    As :func:`briefing.ingest.expand_inputs` would, later: a missing file or folder
    fails the brief. URLs and @list files are left to it.
    """
    for item in inputs:
        if not _URL.match(item) and not item.startswith("@") and not Path(item).exists():
            raise InputError(item, "no such file or folder")


def _deliver(eml: bytes | str, server, quiet: bool) -> bool:
    """Send; True when every recipient accepted it. Refusals are printed, one a line."""
    from email import policy as email_policy
    from email.parser import BytesParser

    from briefing.share.email import send

    data = eml.encode("utf-8") if isinstance(eml, str) else eml
    delivery = send(BytesParser(policy=email_policy.SMTP).parsebytes(data), server)
    for address, reason in delivery.refused.items():
        print(f"briefing: {server.address} refused {address} ({reason})", file=sys.stderr)
    if not quiet and delivery.accepted:
        print(f"sent to {', '.join(delivery.accepted)} via {server.address}")
    return not delivery.refused


def _run_send(args: argparse.Namespace) -> int:
    from email import policy as email_policy
    from email.parser import BytesParser

    from briefing.ingest.reading import read_bytes
    from briefing.share.email import addresses, check_address

    limit = int(args.max_size * 1024 * 1024)
    try:
        data = read_bytes(args.message, limit)
    except InputError as exc:
        if "too large" not in exc.problem:
            raise
        raise InputError(exc.source, f"{exc.problem}; see --max-size") from None
    message = BytesParser(policy=email_policy.SMTP).parsebytes(data)
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
    server = _server(args)
    return 0 if _deliver(message.as_bytes(), server, args.quiet) else PARTIAL


def _metadata(args: argparse.Namespace):
    from briefing.ingest import Metadata

    published = _date_option("--date", args.date)
    return Metadata(outlet=args.outlet, authors=tuple(args.author), published=published)


def _date_option(option: str, value: str | None):
    if not value:
        return None
    from briefing.ingest.metadata import find_date

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
    methods = [evaluate.system_method(args.summarizer, length, _summarizer_options(args))]
    methods += [evaluate.baseline_method(name, baseline_length) for name in names]
    results = args.results or Path("eval") / f"{args.data.stem}.results.jsonl"
    if args.fresh and results.exists():
        results.unlink()
    bar = _bar(len(examples), "example", args.quiet)
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


def _tags(brief: Brief) -> Tags:
    from briefing.speak.files import Tags

    outlets = list(dict.fromkeys(a.outlet for a in brief.articles if a.outlet))
    count = len(brief.articles)
    return Tags(
        title=brief.title,
        artist=", ".join(outlets) or "briefing",
        date=brief.created.date().isoformat(),
        comment=f"Comparative brief of {count} article{'s' if count != 1 else ''}"
        + (f" from {', '.join(outlets)}" if outlets else "")
        + f", made by briefing {__version__}.",
    )


def _run_speak(args: argparse.Namespace) -> int:
    from datetime import datetime

    from briefing.ingest.reading import decode, read_bytes
    from briefing.speak import audio_files, load_pronunciations, load_voices, record
    from briefing.speak.files import Tags
    from briefing.speak.script import parse_script

    if args.name is not None:
        check_name(args.name)
    script = parse_script(decode(read_bytes(args.script), str(args.script)), str(args.script))
    voices = load_voices(_voice_options(args))
    said = load_pronunciations(args.pronunciations)
    sentences = sum(len(p.sentences) for c in script.chapters for p in c.paragraphs)
    bar = _bar(sentences, "sentence", args.quiet)
    try:
        programme = record(script, voices, bar.update if bar else None, pronunciations=said)
    finally:
        if bar is not None:
            bar.close()
    tags = Tags(script.title, "briefing", datetime.now().date().isoformat(), script.title)
    base = args.output / (args.name or slugify(script.title))
    written = write_atomically(audio_files(programme, base, args.audio_format, tags))
    if not args.quiet:
        for path in written:
            print(path)
    return 0


def _run_feed(args: argparse.Namespace) -> int:
    from briefing.share.feed import build_feed

    if not args.folder.is_dir():
        raise ConfigError(f"{args.folder}: no such folder")
    xml = build_feed(
        args.folder,
        args.base_url,
        title=args.title,
        description=args.description,
        author=args.author,
    )
    written = write_atomically({args.output or args.folder / "feed.xml": xml})
    if not args.quiet:
        print(written[0])
    return 0


def _run_voices(args: argparse.Namespace) -> int:
    from briefing.speak import default_engine, load_engine

    chosen, reason = default_engine()
    print(f"default engine: {chosen}, {reason}")
    print("--voice-style fast: espeak at 300 words a minute; --engine NAME picks one")
    for name in VOICE_ENGINES.names():
        engine = load_engine(name)
        try:
            found = engine.voices()
        except BriefingError as exc:
            print(f"{name}: not available ({exc})")
            continue
        if not found:
            print(f"{name}: no voices installed; {engine.install_hint}")
            continue
        print(f"{name}: {len(found)} voice{'s' if len(found) != 1 else ''}")
        for voice in found:
            print(f"  {voice}")
    return 0


def _run_engines(args: argparse.Namespace) -> int:
    print("summarizers:", ", ".join(ENGINES.names()))
    print("formats:", ", ".join(FORMATS.names()))
    print("voice engines:", ", ".join(VOICE_ENGINES.names()))
    return 0


def _bar(total: int, unit: str, quiet: bool):
    """A tqdm bar on stderr, or None when quiet or not on a terminal."""
    if quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit=unit, leave=False, file=sys.stderr)


class _progress:
    """A progress bar over the pipeline's stages, shown only on a terminal."""

    def __init__(self, quiet: bool, extra: int = 0) -> None:
        self.enabled = not quiet and sys.stderr.isatty()
        self.extra = extra
        self.bar = None

    def __enter__(self):
        from briefing.pipeline import STAGES

        self.bar = _bar(len(STAGES) + 1 + self.extra, "step", not self.enabled)
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
