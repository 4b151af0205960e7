"""A helper process that answers lists of texts in order, over a pipe.

The language layer runs its parser in one (:mod:`briefing.language`): the
helper loads spaCy on the other core while this process works, which a
thread cannot do under one interpreter lock. Requests and answers are pickled
lists; the helper is this package's own code, started from this package's
own folder, so nothing else writes to the pipe. A reader thread takes the
answers as they come, so neither side can block the other on a full pipe.

The helper ends when its input closes: when :meth:`Helper.stop` is called or
this process ends, however it ends.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import pickle
import subprocess
import threading
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parent.parent
"""The folder holding this package: the helper imports the same code as its parent."""

Answer = Callable[[list[str], Any], None]
CHUNK = 256
"""Texts per request: a large batch is answered piece by piece, so no answer grows unbounded."""


class Helper:
    """A running helper: :meth:`ask` sends texts, ``on_answer`` hears each answer in turn.

    ``lock`` (a re-entrant condition) guards :attr:`pending`; the caller holds
    it around :meth:`ask` and :meth:`wait`, and ``on_answer`` runs under it.
    """

    def __init__(self, command: list[str], on_answer: Answer, lock: threading.Condition) -> None:
        path = os.environ.get("PYTHONPATH")
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), path]))}
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        self.owner = os.getpid()  # a forked child has no use of its parent's helper
        self.pending: set[str] = set()
        self._asked: deque[list[str]] = deque()
        self._on_answer = on_answer
        self._lock = lock
        self._stopped = False
        threading.Thread(target=self._read, name="parser-helper", daemon=True).start()
        atexit.register(self.close)

    def alive(self) -> bool:
        return not self._stopped and os.getpid() == self.owner

    def ask(self, texts: list[str]) -> None:
        """Send the texts not already asked for (call with the lock held)."""
        texts = [t for t in dict.fromkeys(texts) if t not in self.pending]
        if not texts or not self.alive():
            return
        self.pending.update(texts)
        for start in range(0, len(texts), CHUNK):  # answers of bounded size, each kept as it comes
            chunk = texts[start : start + CHUNK]
            self._asked.append(chunk)
            try:
                pickle.dump(chunk, self.process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
                self.process.stdin.flush()  # type: ignore[union-attr]
            except (OSError, ValueError):  # it has stopped: the reader says so
                self._end("it stopped taking requests")
                return

    def wait(self, done: Callable[[], bool]) -> None:
        """Wait (lock held) until ``done()`` or the helper stops."""
        while not done() and self.alive() and self.pending:
            self._lock.wait(timeout=1.0)

    def close(self) -> None:
        """Close its input, so it ends on its own; end it now if it is still parsing.

        At exit this is all: nobody waits for it (a brief's last step is not
        held up by the helper's exit). A forked child leaves its parent's helper alone.
        """
        if os.getpid() != self.owner:
            return
        with self._lock:
            busy = bool(self.pending)
            self._end("closed")
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        if busy and self.process.poll() is None:  # its work is no use to anyone now
            self.process.terminate()

    def stop(self) -> None:
        """Close it (:meth:`close`) and wait for it to end."""
        self.close()
        try:
            self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.process.terminate()
            self.process.wait()

    def _read(self) -> None:
        while True:
            try:
                answer = pickle.load(self.process.stdout)  # type: ignore[arg-type]
            except (EOFError, OSError, pickle.UnpicklingError, ValueError):
                with self._lock:
                    self._end(f"it ended (exit status {self.process.poll()})")
                return
            with self._lock:
                texts = self._asked.popleft()
                if answer is None:  # it cannot parse: the asking process parses itself
                    self._end("it could not load its model")
                self._on_answer(texts, answer)
                self.pending.difference_update(texts)
                self._lock.notify_all()

    def _end(self, why: str) -> None:
        if not self._stopped:
            log.debug("parser helper: %s", why)
        self._stopped = True
        self.pending.clear()
        self._lock.notify_all()
