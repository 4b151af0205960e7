"""``briefing feed``: a podcast feed for a folder of audio briefs."""

from __future__ import annotations

import argparse
from pathlib import Path

from briefing.cli import options
from briefing.defaults import PODCAST


def add(commands) -> None:
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
    feed.add_argument("--title", default=PODCAST["title"], help="the podcast's title")
    feed.add_argument(
        "--description", default=PODCAST["description"], help="the podcast's description"
    )
    feed.add_argument("--author", default=PODCAST["author"], help="the podcast's author")
    feed.add_argument("-o", "--output", type=Path, help="feed file (default: FOLDER/feed.xml)")
    options.add_verbosity(feed)
    feed.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from briefing.errors import ConfigError
    from briefing.output import write_atomically
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
