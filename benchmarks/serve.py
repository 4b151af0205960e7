"""Speed of `briefing serve`, warm: one command, one table.

    .venv/bin/python benchmarks/serve.py [--runs 5] [--engine espeak]
    .venv/bin/python benchmarks/serve.py --listen [--runs 3] [--voices piper,espeak]

Starts the real server (``briefing serve``, the model and voices loaded once)
on a free 127.0.0.1 port over a fresh data directory and makes one brief to
warm it. Then, as a browser does: it uploads the four example articles, follows
the job's event stream to its end and loads the result page, timing submit to
result (target: under 1.5 s with the text formats); the same with the audio;
and rounds of 20 library page loads at once for as long as a brief with audio
is being made, against the same on an idle server.

``--listen`` times what a listener waits for, once per voice (each in a server of its
own: Piper and espeak cannot share a process): from submitting the four examples with
audio to the first part of the recording downloaded and playable, and to the finished
brief, following the job's event stream as the page's script does.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
TEXT_FORMATS = ("html", "md", "txt", "json")


class Client:
    """Just enough HTTP for the benchmark: cookies, a multipart form, an event stream."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes = b"", headers: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection.request(method, path, body, {"Cookie": cookie, **(headers or {})})
        response = connection.getresponse()
        content = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";")[0]
        connection.close()
        return response, content

    def submit(self, audio: bool) -> str:
        """Upload the examples; the job's id."""
        boundary = "----bench"
        fields = [("csrf", self.cookies["briefing_csrf"])] + [("formats", f) for f in TEXT_FORMATS]
        if audio:
            fields.append(("audio", "on"))
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in fields
        ]
        for path in sorted(EXAMPLES.iterdir()):
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="files"; '
                f'filename="{path.name}"\r\n\r\n'
            )
            parts.append(head.encode() + path.read_bytes() + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        kind = {
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Origin": f"http://127.0.0.1:{self.port}",  # a form from the server's own page
        }
        response, content = self.request("POST", "/make", body, kind)
        assert response.status == 303, content[:500]
        return response.getheader("Location").rsplit("/", 1)[1]

    def follow(self, job: str) -> str:
        """Read the job's event stream to its end, as the page's script does; the result URL."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        connection.request("GET", f"/jobs/{job}/events")
        response = connection.getresponse()
        event = ""
        while line := response.readline():
            text = line.decode().strip()
            if text.startswith("event:"):
                event = text.split(":", 1)[1].strip()
            elif text.startswith("data:") and event == "end":
                connection.close()
                assert '"done"' in text, text
                return f"/briefs/{job}/"
        raise AssertionError("the event stream ended without an end event")

    def listen(self) -> tuple[float, float]:
        """Submit with audio; seconds to the first part downloaded, and to the finished brief."""
        start = time.perf_counter()
        job = self.submit(audio=True)
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        connection.request("GET", f"/jobs/{job}/events")
        response = connection.getresponse()
        event, first = "", None
        while line := response.readline():
            text = line.decode().strip()
            if text.startswith("event:"):
                event = text.split(":", 1)[1].strip()
            elif text.startswith("data:") and event == "progress" and first is None:
                parts = json.loads(text[5:]).get("parts") or []
                if parts:
                    status, audio = self.request("GET", parts[0]["url"])
                    assert status.status == 200 and len(audio) > 1000
                    first = time.perf_counter() - start
            elif text.startswith("data:") and event == "end":
                connection.close()
                assert '"done"' in text, text
                assert first is not None, "no part was heard before the brief was done"
                return first, time.perf_counter() - start
        raise AssertionError("the event stream ended without an end event")

    def brief(self, audio: bool) -> float:
        """Submit to result page, in seconds."""
        start = time.perf_counter()
        url = self.follow(self.submit(audio))
        response, _ = self.request("GET", url)
        assert response.status == 200
        return time.perf_counter() - start


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(data: Path, engine: str) -> tuple[subprocess.Popen, Client]:
    port = free_port()
    command = [sys.executable, "-m", "briefing", "serve", "--data", str(data),
               "--port", str(port), "--engine", engine, "--quiet"]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(command, env=env, cwd=data.parent)
    client = Client(port)
    deadline = time.monotonic() + 120
    while True:
        try:
            client.request("GET", "/")
            return process, client
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("briefing serve did not start") from None
            time.sleep(0.2)


def loads(port: int, count: int = 20) -> list[float]:
    """``count`` library page loads at once, each from its own connection: seconds each."""
    times: list[float] = []
    barrier = threading.Barrier(count)

    def one() -> None:
        client = Client(port)
        barrier.wait()
        begin = time.perf_counter()
        response, _ = client.request("GET", "/library")
        assert response.status == 200
        times.append(time.perf_counter() - begin)

    threads = [threading.Thread(target=one) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times


def busy_loads(client: Client) -> list[float]:
    """Rounds of 20 library loads, every half second, from submit until the brief is made."""
    job = client.submit(audio=True)
    times: list[float] = []
    while True:
        times += loads(client.port)
        if client.request("GET", f"/jobs/{job}")[0].status != 200:  # 303: made
            return times
        time.sleep(0.5)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def listen_table(voices: list[str], runs: int) -> None:
    """Time to the first playable sound and to the finished brief, per voice."""
    rows = []
    for engine in voices:
        with tempfile.TemporaryDirectory() as folder:
            process, client = start(Path(folder) / "data", engine)
            try:
                client.brief(audio=True)  # warm
                rows.append((engine, [client.listen() for _ in range(runs)]))
            finally:
                process.terminate()
                process.wait(30)
    load = os.getloadavg()[0]
    print(f"\nListening while it records, warm server, the four examples with audio "
          f"(load average {load:.1f} on {os.cpu_count()} cores at the end)\n")  # fmt: skip
    print("| voice | runs | first sound, median s | min | max | finished, median s "
          "| first / finished (median) |")  # fmt: skip
    print("|---" * 7 + "|")
    for engine, times in rows:
        firsts, dones = [t[0] for t in times], [t[1] for t in times]
        share = statistics.median(f / d for f, d in times)
        print(f"| {engine} | {len(times)} | {statistics.median(firsts):.1f} | {min(firsts):.1f} "
              f"| {max(firsts):.1f} | {statistics.median(dones):.1f} | {share:.0%} |")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="briefs timed per row (default: 5)")
    parser.add_argument("--engine", default="espeak", help="voice engine (default: espeak)")
    parser.add_argument("--listen", action="store_true", help="time to first sound, per voice")
    parser.add_argument("--voices", default="piper,espeak", help="voices for --listen")
    args = parser.parse_args()
    if args.listen:
        listen_table([v for v in args.voices.split(",") if v], args.runs)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        process, client = start(Path(folder) / "data", args.engine)
        try:
            client.brief(audio=True)  # warm: the first brief loads what loads lazily
            text = [client.brief(audio=False) for _ in range(args.runs)]
            audio = [client.brief(audio=True) for _ in range(args.runs)]
            idle = loads(client.port) + loads(client.port)
            busy = busy_loads(client)
        finally:
            process.terminate()
            process.wait(30)
    print(f"`briefing serve`, warm, {args.engine} voice; the four example articles uploaded\n")
    print("| measurement | runs | median s | min s | max s (p95 for page loads) |")
    print("|---|---|---|---|---|")
    for name, values, top in (
        ("submit to result page, text formats (html, md, txt, json)", text, max(text)),
        (f"submit to result page, with audio ({args.engine})", audio, max(audio)),
        ("library page, 20 at once, idle server", idle, p95(idle)),
        ("library page, 20 at once, while a brief with audio is made", busy, p95(busy)),
    ):
        row = f"| {name} | {len(values)} | {statistics.median(values):.3f} | {min(values):.3f}"
        print(f"{row} | {top:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
