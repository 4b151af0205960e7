"""Instant answers: --help, --version and input or option errors import nothing heavy.

Each case runs the real command line in a fresh interpreter and then lists the
heavy libraries that got imported; the assertions are on imports, not on time.
The default (extractive) brief must not import torch or transformers at all.
"""

from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import ClassVar

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
MODELS = ("torch", "transformers", "onnxruntime", "scipy", "weasyprint", "trafilatura")
PIPELINE = ("numpy", "jinja2", "tokenizers", "ftfy")
WEB = ("starlette", "uvicorn", "multipart", "sse_starlette")

PROBE = """
import json, sys
import briefing.cli
try:
    status = briefing.cli.main(sys.argv[1:])
except SystemExit as exc:
    status = exc.code
heavy = json.loads(sys.stdin.read())
print(json.dumps({"status": status, "imported": [m for m in heavy if m in sys.modules]}))
"""


def probe(*args: object, heavy: tuple[str, ...]) -> tuple[dict, str]:
    """Run the CLI in a fresh interpreter; its exit status, heavy modules loaded, stderr."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *map(str, args)],
        input=json.dumps(heavy),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr


def test_importing_the_package_and_cli_loads_no_library() -> None:
    result, _ = probe("--version", heavy=MODELS + PIPELINE)
    assert result == {"status": 0, "imported": []}


def test_help_loads_no_library() -> None:
    for args in (["--help"], ["build", "--help"], ["eval", "--help"], ["serve", "--help"]):
        result, _ = probe(*args, heavy=MODELS + PIPELINE + WEB)
        assert result == {"status": 0, "imported": []}, args


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["build", "missing.txt"], "missing.txt: no such file or folder"),
        (["build", str(EXAMPLES), "gone/"], "gone/: no such file or folder"),
        (["build", "--bogus", "x"], "unrecognized arguments: --bogus"),
        (["build", "-s", "nope", str(EXAMPLES)], "unknown summarizer 'nope'"),
        (["build", "--rate", "5", "--audio", str(EXAMPLES)], "--rate is in words a minute"),
        (["build", "--model", "m", str(EXAMPLES)], "need -s abstractive"),
    ],
    ids=["missing", "missing-among-good", "bad-option", "bad-engine", "bad-rate", "model-option"],
)
def test_errors_answer_before_any_library_loads(args: list[str], message: str) -> None:
    result, stderr = probe(*args, heavy=MODELS + PIPELINE)
    assert result["status"] in (1, 2)
    assert message in stderr and stderr.count("\n") <= 3  # argparse adds its usage lines
    assert result["imported"] == []


class _Counting(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"An article that must never be fetched.")

    def log_message(self, *args: object) -> None:
        pass


def test_a_missing_abstractive_model_fails_before_any_url_is_fetched(tmp_path: Path) -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/story.txt"
        result, stderr = probe(
            "build",
            url,
            "-s",
            "abstractive",
            "--model",
            tmp_path / "nope",
            "-o",
            tmp_path,
            heavy=MODELS,
        )
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    assert result["status"] == 1
    assert "not found" in stderr and "Hugging Face cache" in stderr
    assert _Counting.hits == []
    assert result["imported"] == []  # checked on disk, not by loading torch


@pytest.mark.slow
def test_the_default_brief_never_imports_torch_or_transformers(tmp_path: Path) -> None:
    result, stderr = probe(
        "build", EXAMPLES, "-o", tmp_path, "-q", "-f", "md,txt,json", heavy=MODELS
    )
    assert result["status"] == 0, stderr
    assert {p.suffix for p in tmp_path.iterdir()} == {".md", ".txt", ".json"}
    assert "torch" not in result["imported"] and "transformers" not in result["imported"]
