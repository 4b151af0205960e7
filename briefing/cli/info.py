"""``briefing voices`` and ``briefing engines``: what is installed."""

from __future__ import annotations

import argparse


def add_voices(commands) -> None:
    voices = commands.add_parser(
        "voices",
        help="list the installed voices of each TTS engine",
        description="Say which voice engine reads audio briefs by default and why, and list "
        "the voices each engine (piper, espeak) has installed, or how to install them. "
        "Pick one with --engine and --voice on build, speak and serve.",
    )
    voices.set_defaults(run=run_voices, verbose=False)


def add_engines(commands) -> None:
    engines = commands.add_parser(
        "engines",
        help="list summarizers and output formats",
        description="List the summarizers (-s), output formats (-f) and voice engines "
        "(--engine) this installation offers.",
    )
    engines.set_defaults(run=run_engines, verbose=False)


def run_voices(args: argparse.Namespace) -> int:
    from briefing.errors import BriefingError
    from briefing.speak import ENGINES, default_engine, load_engine

    chosen, reason = default_engine()
    print(f"default engine: {chosen}, {reason}")
    print("--voice-style fast: espeak at 300 words a minute; --engine NAME picks one")
    for name in ENGINES.names():
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


def run_engines(args: argparse.Namespace) -> int:
    from briefing.render import FORMATS
    from briefing.speak import ENGINES as VOICE_ENGINES
    from briefing.summarize import ENGINES

    print("summarizers:", ", ".join(ENGINES.names()))
    print("formats:", ", ".join(FORMATS.names()))
    print("voice engines:", ", ".join(VOICE_ENGINES.names()))
    return 0
