"""The ``briefing`` command's entry: ``python -m briefing`` and the installed script.

Two things happen here that :func:`briefing.cli.main` cannot do, because tests
and other programs call that in their own process:

- A command that makes briefs starts its parser helper
  (:func:`briefing.language.preload`) before the command line's own imports,
  about a quarter of a second of work, so spaCy loads on the other core from
  the first moment rather than after them.
- The process ends with :func:`os._exit` once its exit handlers have run and
  its output is flushed (:func:`finish`). Python's own teardown frees every
  object one at a time, about 0.3 s after a brief, for memory the operating
  system takes back at once anyway.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import threading
from collections.abc import Sequence
from typing import NoReturn

EARLY = frozenset({"build", "serve"})
"""Commands that parse (they call :func:`briefing.language.preload` themselves, later)."""


def main() -> NoReturn:
    """Run the command line on ``sys.argv`` and end the process with its exit status."""
    argv = sys.argv[1:]
    if parses(argv):
        from briefing import language

        language.preload()
    from briefing.cli import main as command_line

    finish(command_line(argv))


def parses(argv: Sequence[str]) -> bool:
    """Whether the command will want the parser: a briefing command that is not asking for help."""
    return bool(argv) and argv[0] in EARLY and not {"-h", "--help"} & set(argv)


def finish(status: int) -> NoReturn:
    """End the process with ``status`` as ``sys.exit`` would, without Python's teardown.

    The exit handlers run first (temporary files, the helper, logging), then
    standard output and error are flushed. A thread that is not a daemon is
    still working (a thread pool, a server): the normal exit waits for it, so
    that path is taken instead.
    """
    others = [t for t in threading.enumerate() if t is not threading.main_thread()]
    if any(t.is_alive() and not t.daemon for t in others):
        sys.exit(status)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:  # None where the process started without the descriptor
            with contextlib.suppress(OSError, ValueError):  # a closed pipe or stream
                stream.flush()
    os._exit(status)


if __name__ == "__main__":
    main()
