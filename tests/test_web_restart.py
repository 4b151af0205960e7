"""A `briefing serve` killed mid-brief (SIGKILL: no clean-up at all) and started again.

The job it was making shows as failed, with the reason; nothing of it is left
in the data directory (its inputs, its staging folder, temp files); the server
makes briefs again.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from briefing.web.store import INTERRUPTED
from tests.webserver import ROOT, SHORT, Client, Site, free_port, site

pytestmark = pytest.mark.slow  # a server killed mid-brief and started again


@contextmanager
def served(data: Path) -> Iterator[tuple[subprocess.Popen, Client]]:
    """`briefing serve` in its own process, on a free port; killed when done with."""
    port = free_port()
    command = [sys.executable, "-m", "briefing", "serve", "--data", str(data), "--port", str(port),
               "--allow-private-urls", "--engine", "espeak", "--quiet"]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    process = subprocess.Popen(command, cwd=data.parent, env=env, stderr=subprocess.PIPE)
    client = Client(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
            try:
                if client.get("/static/style.css")[0].status == 200:
                    break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        yield process, client
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(10)
        if process.stderr:
            process.stderr.close()


def test_a_server_killed_mid_brief_shows_the_job_failed_and_keeps_nothing_of_it(tmp_path) -> None:
    data = tmp_path / "data"
    with site() as local:
        with served(data) as (process, client):
            job = client.make({"text": SHORT, "urls": f"{local}/stall", "formats": "md"})
            deadline = time.monotonic() + 30
            while b"Reading articles" not in client.get(f"/jobs/{job}")[1]:
                assert time.monotonic() < deadline, "the job did not start"
                time.sleep(0.1)
            assert list((data / "uploads" / job).iterdir())  # its inputs, mid-brief
            process.send_signal(signal.SIGKILL)
            process.wait(10)
        # what a kill while the brief was being written leaves: a staging folder, temp files
        staging = data / "briefs" / f".{job}.part"
        staging.mkdir()
        (staging / ".harbour.md.x1y2.part").write_text("half a brief")
        Site.release.set()
        with served(data) as (_, client):
            response, page = client.get(f"/jobs/{job}")
            assert response.status == 200 and b"The brief could not be made" in page
            assert INTERRUPTED.encode() in page
            assert list(data.rglob("*.part")) == []
            assert list((data / "uploads").iterdir()) == []
            assert not (data / "briefs" / job).exists()
            assert b"No briefs yet." in client.get("/library")[1]
            again = client.make({"text": SHORT, "formats": "md"})
            assert client.wait(again) == f"/briefs/{again}/"
