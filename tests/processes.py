"""Processes the tests start: whether one has ended, and waiting until it has."""

from __future__ import annotations

import time


def ended(pid: int) -> bool:
    """Whether a process is gone (or a zombie no one has reaped yet)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            return "\tZ" in next(line for line in status if line.startswith("State:"))
    except FileNotFoundError:
        return True


def ends_within(pid: int, seconds: float = 10) -> bool:
    """Whether the process ends within ``seconds`` (a process being ended takes a moment)."""
    deadline = time.monotonic() + seconds
    while not ended(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return ended(pid)
