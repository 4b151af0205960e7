"""``briefing speak``: record a (possibly edited) narration script."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.cli import options
from briefing.cli.terminal import bar

if TYPE_CHECKING:
    from briefing.speak.script import Script


def add(commands) -> None:
    speak = commands.add_parser(
        "speak",
        help="record an audio brief from a (possibly edited) narration script",
        description="Record a script written by `briefing build -f script` (edit it first "
        "if you like) as MP3 or WAV with chapters and WebVTT/SRT transcripts.",
    )
    speak.add_argument("script", type=Path, metavar="SCRIPT", help="the narration script")
    folder = options.AUDIO_FOLDER
    speak.add_argument(
        "-o",
        "--output",
        type=Path,
        default=folder,
        metavar="OUTDIR",
        help=f"folder for the audio files (default: ./{folder})",
    )
    speak.add_argument("--name", help="base name of the files (default: from the script title)")
    options.add_voice(speak, audio_switch=False)
    options.add_verbosity(speak)
    speak.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from datetime import datetime

    from briefing.ingest.reading import decode, read_bytes
    from briefing.layout import Layout
    from briefing.output import check_name, slugify, write_atomically
    from briefing.speak import audio_files, load_pronunciations, load_voices, record
    from briefing.speak.files import Tags
    from briefing.speak.script import parse_script

    if args.name is not None:
        check_name(args.name)  # before the script is read and the voices load
    audio = options.audio(args, folder=args.output)
    script = parse_script(decode(read_bytes(args.script), str(args.script)), str(args.script))
    warn_about_hosts(script, audio.voice.hosts, str(args.script))
    voices = load_voices(audio.voice)
    said = load_pronunciations(audio.pronunciations)
    sentences = sum(len(p.sentences) for c in script.chapters for p in c.paragraphs)
    progress = bar(sentences, "sentence", args.quiet)
    try:
        programme = record(
            script, voices, progress.update if progress else None, pronunciations=said
        )
    finally:
        if progress is not None:
            progress.close()
    tags = Tags(script.title, "briefing", datetime.now().date().isoformat(), script.title)
    layout = Layout(args.name or slugify(script.title), audio_folder=audio.folder)
    written = write_atomically(audio_files(programme, layout.recording(audio.format), tags))
    if not args.quiet:
        for path in written:
            print(path)
    return 0


def warn_about_hosts(script: Script, hosts: int, source: str) -> None:
    """Say so when the script hands over to a second host that this run does not have."""
    handed = sum(1 for c in script.chapters for p in c.paragraphs if p.host == 2)
    if handed and hosts != 2:
        print(
            f"briefing: warning: {source} hands over to [host 2] {handed} time"
            f"{'s' if handed != 1 else ''}, but one voice reads it all; add --hosts 2 "
            "for a second voice",
            file=sys.stderr,
        )
