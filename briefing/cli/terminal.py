"""Progress on the terminal: tqdm bars on stderr, only when stderr is a terminal."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.speak import Part

RECORDING = "recording audio"


def bar(total: int, unit: str, quiet: bool):
    """A tqdm bar on stderr, or None when quiet or not on a terminal."""
    if quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit=unit, leave=False, file=sys.stderr)


class Steps:
    """A progress bar over a brief's steps; entering gives the callback to report each.

    The recording, by far the longest step, moves the bar chapter by chapter
    (:meth:`heard`, the ``on_part`` of :func:`briefing.app.make_brief`), with the
    time left at the pace measured so far.
    """

    def __init__(self, total: int, quiet: bool) -> None:
        self.total = total
        self.quiet = quiet
        self.bar = None
        self._recording: tuple[float, float] | None = None  # (bar position, start time)

    def __enter__(self):
        self.bar = bar(self.total, "step", self.quiet)
        return self.advance

    def advance(self, stage: str) -> None:
        if self.bar is None:
            return
        self.bar.set_description(stage)
        if self._recording is not None:  # the recording is over: its whole step is done
            self.bar.n = self._recording[0] + 1
            self._recording = None
        if stage == RECORDING:  # moved on by heard(), part by part
            self._recording = (self.bar.n, time.monotonic())
            self.bar.refresh()
            return
        self.bar.update(1)

    def heard(self, part: Part) -> None:
        """A part of the recording is done: the bar moves by the words spoken."""
        from briefing.speak.recording import progress_text

        if self.bar is None or self._recording is None:
            return
        start, began = self._recording
        self.bar.n = round(start + part.words / max(1, part.total_words), 2)
        self.bar.set_description(progress_text(part, time.monotonic() - began))

    def __exit__(self, *exc_info: object) -> None:
        if self.bar is not None:
            self.bar.close()
