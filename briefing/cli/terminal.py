"""Progress on the terminal: tqdm bars on stderr, only when stderr is a terminal."""

from __future__ import annotations

import sys


def bar(total: int, unit: str, quiet: bool):
    """A tqdm bar on stderr, or None when quiet or not on a terminal."""
    if quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit=unit, leave=False, file=sys.stderr)


class Steps:
    """A progress bar over a brief's steps; entering gives the callback to report each."""

    def __init__(self, total: int, quiet: bool) -> None:
        self.total = total
        self.quiet = quiet
        self.bar = None

    def __enter__(self):
        self.bar = bar(self.total, "step", self.quiet)
        return self.advance

    def advance(self, stage: str) -> None:
        if self.bar is not None:
            self.bar.set_description(stage)
            self.bar.update(1)

    def __exit__(self, *exc_info: object) -> None:
        if self.bar is not None:
            self.bar.close()
