"""Hearing a brief while it is recorded: its parts on disk, in order, for the job's page.

The recording hands over each :class:`~briefing.speak.Part` as soon as it is
spoken (the first sentence within seconds, then each chapter); it is written to
the job's ``listen/`` folder with an index, ``parts.json``, written after it, so
the index never names a file that is not whole. The job's page (its event
stream, or a plain reload) lists what the index holds, and the page's player
plays the parts one after another while the rest is recorded.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from briefing.output import write_atomically
from briefing.speak import Part
from briefing.speak.recording import progress_text

INDEX = "parts.json"
NAME = re.compile(r"^part-\d{3}\.mp3$")


@dataclass(frozen=True)
class Heard:
    """A part ready to play, as the job's page lists it."""

    name: str
    title: str
    start: float  # seconds into the whole recording
    end: float


def parts(folder: Path) -> list[Heard]:
    """The parts written so far, in playing order (none when the job has no audio yet)."""
    try:
        listed = json.loads((folder / INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [Heard(**item) for item in listed if NAME.match(str(item.get("name", "")))]


class Listener:
    """Writes each part as it comes and reports the recording's progress with an estimate."""

    def __init__(self, folder: Path, report: Callable[[str], None]) -> None:
        self.folder = folder
        self.report = report
        self._started = time.monotonic()
        self._lock = threading.Lock()

    def recording(self) -> None:
        """The voice starts now: the estimate counts from here."""
        self._started = time.monotonic()

    def __call__(self, part: Part) -> None:
        with self._lock:
            self.folder.mkdir(parents=True, exist_ok=True)
            name = f"part-{part.number:03d}.mp3"
            write_atomically({self.folder / name: part.mp3()})
            heard = Heard(name, part.title, round(part.start, 3), round(part.end, 3))
            listed = [asdict(h) for h in [*parts(self.folder), heard]]
            write_atomically({self.folder / INDEX: json.dumps(listed, ensure_ascii=False)})
        self.report(progress_text(part, time.monotonic() - self._started))
