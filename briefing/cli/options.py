"""Option groups shared by the commands, defined once, and their conversion to settings.

Defaults and allowed values come from :mod:`briefing.defaults`, the light module
the settings types read theirs from, never written here a second time; the
settings check the values. Each group has an ``add_*`` function for the parser
and a function turning the parsed arguments into its settings value. Only
light modules are imported at the top: ``--help`` loads no library.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.defaults import (
    AUDIO_FOLDER,
    AUDIO_FORMATS,
    DEFAULT_AUDIO_FORMAT,
    DEFAULT_FORMATS,
    DEFAULT_MAX_BYTES,
    DEFAULT_PAPER,
    DEFAULT_THEME,
    DEFAULT_TIMEOUT,
    DEFAULT_VOICE_STYLE,
    FEED_LIMIT,
    FORMATS,
    HOSTS,
    OUTPUT_FOLDER,
    PAPER_SIZES,
    RATES,
    THEMES,
    VOICE_ENGINES,
    VOICE_STYLES,
)
from briefing.errors import ConfigError
from briefing.summarize import DEFAULT_ENGINE, ENGINES, ModelOptions
from briefing.summarize.length import DEFAULT_LENGTH, DEFAULT_OVERVIEW

if TYPE_CHECKING:
    from briefing.settings import Audio, Output, Sources
    from briefing.speak import VoiceOptions
    from briefing.summarize.settings import SummarySettings

MIB = 1024 * 1024


def default(kind: type, name: str) -> Any:
    """The default of a settings field: the one place it is written."""
    for item in dataclasses.fields(kind):
        if item.name == name:
            if item.default_factory is not dataclasses.MISSING:
                return item.default_factory()
            return item.default
    raise AttributeError(f"{kind.__name__} has no setting {name!r}")


def add_verbosity(parser: argparse.ArgumentParser, verbose: bool = False) -> None:
    if not verbose:
        parser.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
        parser.set_defaults(verbose=False)
        return
    group = parser.add_mutually_exclusive_group()
    group.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    group.add_argument(
        "-v", "--verbose", action="store_true", help="explain what is removed and why"
    )


def add_sources(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="article files (text, Markdown, HTML, PDF), folders, URLs, RSS/Atom feeds "
        "or @list files",
    )
    parser.add_argument("--outlet", help="outlet for every input, overriding what the text says")
    parser.add_argument(
        "--author", action="append", default=[], help="author for every input (repeatable)"
    )
    parser.add_argument("--date", help="publication date for every input, e.g. 2025-12-01")
    parser.add_argument(
        "--max-size",
        type=float,
        default=DEFAULT_MAX_BYTES / MIB,
        metavar="MB",
        help="largest input file accepted, in MiB (default: %(default).0f)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="stop at the first unusable input (default: skip it and list it in the brief)",
    )
    web = parser.add_argument_group("web pages and feeds")
    web.add_argument(
        "--cache", type=Path, metavar="DIR", help="keep fetched pages here and reuse them"
    )
    web.add_argument(
        "--offline", action="store_true", help="never fetch: use only pages in --cache"
    )
    timeout = DEFAULT_TIMEOUT
    web.add_argument(
        "--timeout",
        type=float,
        default=timeout,
        metavar="S",
        help=f"per-URL timeout (default: {timeout:g})",
    )
    limit = FEED_LIMIT
    web.add_argument(
        "--limit",
        type=int,
        default=limit,
        metavar="N",
        help=f"newest N entries per feed (default: {limit})",
    )
    web.add_argument("--match", metavar="WORD", help="only feed entries that mention WORD")
    web.add_argument("--since", metavar="DATE", help="only feed entries from DATE on")
    web.add_argument("--until", metavar="DATE", help="only feed entries up to DATE")


def sources(args: argparse.Namespace) -> Sources:
    from briefing.ingest import FeedSelection, Metadata
    from briefing.settings import Sources

    return Sources(
        inputs=tuple(args.inputs),
        metadata=Metadata(
            outlet=args.outlet, authors=tuple(args.author), published=date(args.date, "date")
        ),
        strict=args.strict,
        max_bytes=int(args.max_size * MIB),
        timeout=args.timeout,
        cache=args.cache,
        offline=args.offline,
        feed=FeedSelection(
            limit=args.limit,
            keyword=args.match,
            since=date(args.since, "since"),
            until=date(args.until, "until"),
        ),
    )


def date(value: str | None, setting: str):
    """A date option's value, read as the articles' dates are."""
    from briefing.ingest.metadata import find_date

    if not value:
        return None
    found = find_date(value)
    if found is None:
        raise ConfigError(f"{{setting}} {value!r} is not a date (try 2025-12-01)", setting=setting)
    return found.value


def add_summary(parser: argparse.ArgumentParser) -> None:
    length = DEFAULT_LENGTH.spec
    overview = DEFAULT_OVERVIEW.spec
    summarizer = DEFAULT_ENGINE
    parser.add_argument(
        "-l",
        "--length",
        default=length,
        help=f"summary length per article: sentences ({length}), words (60w) or ratio (20%%)",
    )
    parser.add_argument(
        "--overview-length", default=overview, help=f"length of the overview (default: {overview})"
    )
    add_summarizer(parser, summarizer)
    add_model(parser)


def add_summarizer(parser: argparse.ArgumentParser, summarizer: str, help: str = "") -> None:
    parser.add_argument(
        "-s",
        "--summarizer",
        default=summarizer,
        help=help or f"summarizer engine: {', '.join(ENGINES.names())} (default: {summarizer})",
    )


def summary(args: argparse.Namespace) -> SummarySettings:
    from briefing.summarize.settings import SummarySettings

    return SummarySettings(args.length, args.overview_length, args.summarizer, model(args))


def add_model(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("abstractive summarizer (-s abstractive)")
    group.add_argument(
        "--model", metavar="PATH_OR_NAME", help="seq2seq model folder or Hugging Face cache name"
    )
    device = default(ModelOptions, "device")
    group.add_argument(
        "--device",
        default=device,
        help=f"{device} (default), cuda, mps or auto; fp16/bf16 on GPU",
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
    batch = default(ModelOptions, "batch_size")
    group.add_argument(
        "--batch-size", type=int, default=batch, help=f"chunks per batch (default: {batch})"
    )


def model(args: argparse.Namespace) -> ModelOptions:
    from briefing.summarize.seq2seq import parse_generation

    return ModelOptions(
        model=args.model,
        device=args.device,
        allow_download=args.allow_download,
        generation=parse_generation(args.generation),
        batch_size=args.batch_size,
    )


def add_display(parser: argparse.ArgumentParser) -> None:
    look = parser.add_argument_group("display (HTML and PDF)")
    theme = DEFAULT_THEME
    look.add_argument(
        "--theme",
        default=theme,
        metavar="{" + ",".join(THEMES) + "}",
        help=f"colours: {theme} follows the reader's system (light, dark, more contrast); "
        f"readers can still change it on the page (default: {theme})",
    )
    look.add_argument(
        "--easy-reading",
        action="store_true",
        help="larger type and wider spacing, as many readers with dyslexia prefer",
    )
    look.add_argument(
        "--paper",
        default=DEFAULT_PAPER,
        metavar="{" + ",".join(PAPER_SIZES) + "}",
        help="PDF page size",
    )


def display(args: argparse.Namespace):
    from briefing.render import Display

    return Display(args.theme, args.easy_reading, args.paper)


def add_output(parser: argparse.ArgumentParser) -> None:
    folder = OUTPUT_FOLDER
    formats = ",".join(DEFAULT_FORMATS)
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=folder,
        metavar="OUTDIR",
        help=f"folder for the outputs (default: ./{folder})",
    )
    parser.add_argument(
        "-f",
        "--format",
        default=formats,
        help=f"comma-separated formats from: {', '.join(FORMATS.names())} (default: {formats})",
    )
    parser.add_argument("--name", help="base name of the output files (default: from the title)")
    parser.add_argument(
        "--templates",
        type=Path,
        metavar="DIR",
        help="folder with your own templates; missing ones fall back to the built-in set",
    )


def output(args: argparse.Namespace) -> Output:
    from briefing.settings import Output

    formats = tuple(name.strip() for name in args.format.split(",") if name.strip())
    return Output(args.output, args.name, formats, args.templates)


def add_voice(parser: argparse.ArgumentParser, audio_switch: bool) -> None:
    group = parser.add_argument_group("audio")
    if audio_switch:
        folder = AUDIO_FOLDER
        group.add_argument(
            "--audio", action="store_true", help="also record the brief as a podcast-style audio"
        )
        group.add_argument(
            "--audio-dir",
            type=Path,
            default=folder,
            metavar="DIR",
            help=f"folder for the audio files (default: ./{folder})",
        )
    audio_format = DEFAULT_AUDIO_FORMAT
    group.add_argument(
        "--audio-format",
        default=audio_format,
        metavar="{" + ",".join(sorted(AUDIO_FORMATS)) + "}",
        help=f"default: {audio_format}",
    )
    group.add_argument(
        "--engine",
        help=f"TTS engine: {', '.join(VOICE_ENGINES.names())} "
        "(default: piper when installed, else espeak; see `briefing voices`)",
    )
    group.add_argument("--voice", help="voice name (espeak) or .onnx file (piper)")
    group.add_argument("--voice2", help="the second host's voice, with --hosts 2")
    group.add_argument(
        "--rate",
        type=int,
        metavar="WPM",
        help=f"speaking rate in words a minute ({RATES[0]} to {RATES[1]})",
    )
    group.add_argument(
        "--hosts",
        type=int,
        default=HOSTS[0],
        metavar="{1,2}",
        help="2: chapters alternate voices",
    )
    group.add_argument(
        "--pronunciations",
        type=Path,
        metavar="FILE",
        help="more 'WORD = HOW TO SAY IT' lines on top of the shipped pronunciation list",
    )
    group.add_argument(
        "--voice-style",
        default=DEFAULT_VOICE_STYLE,
        metavar="{" + ",".join(VOICE_STYLES) + "}",
        help=f"{DEFAULT_VOICE_STYLE} (default engine) or fast (espeak at 300 words a minute, "
        "as screen-reader users often prefer)",
    )


def voice(args: argparse.Namespace) -> VoiceOptions:
    from briefing.speak import VoiceOptions

    return VoiceOptions(
        args.engine, args.voice, args.voice2, args.rate, args.hosts, args.voice_style
    )


def audio(args: argparse.Namespace, folder: Path | None = None) -> Audio:
    from briefing.settings import Audio

    return Audio(voice(args), args.audio_format, folder or args.audio_dir, args.pronunciations)
