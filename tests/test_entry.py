"""The command's entry (``python -m briefing``, the ``briefing`` script): the parser helper
starts before the command line loads, and the process ends without Python's teardown
only once exit handlers, output and working threads are done."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.__main__ import parses
from tests.processes import ends_within

ROOT = Path(__file__).resolve().parent.parent


def python(code: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=False,
        **kwargs,
    )


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["build", "examples/"], True),
        (["serve", "--port", "0"], True),
        (["build", "--help"], False),
        (["build", "-h"], False),
        (["speak", "brief.txt"], False),
        (["batch", "plan.toml"], False),
        (["--version"], False),
        ([], False),
        (["examples/", "build"], False),
    ],
)
def test_only_a_command_that_parses_starts_the_parser_early(argv: list[str], expected: bool):
    assert parses(argv) is expected


def test_finish_runs_the_exit_handlers_and_flushes_the_output() -> None:
    done = python(
        "import atexit, sys; from briefing.__main__ import finish;"
        "atexit.register(lambda: print('handler ran'));"
        "sys.stdout.write('kept in the buffer '); sys.stderr.write('and the error');"
        "finish(3)"
    )
    assert done.returncode == 3
    assert done.stdout == "kept in the buffer handler ran\n"
    assert done.stderr == "and the error"


def test_finish_lets_a_working_thread_end_first(tmp_path: Path) -> None:
    """A thread that is not a daemon (a pool, a server) ends as a normal exit lets it."""
    mark = tmp_path / "done"
    done = python(
        "import threading, time; from pathlib import Path; from briefing.__main__ import finish;"
        f"work = lambda: (time.sleep(0.3), Path({str(mark)!r}).write_text('done'));"
        "threading.Thread(target=work).start(); finish(2)"
    )
    assert done.returncode == 2
    assert mark.read_text() == "done"


def test_finish_with_standard_output_closed_still_exits_with_its_status() -> None:
    done = python("import sys; from briefing.__main__ import finish; sys.stdout.close(); finish(0)")
    assert (done.returncode, done.stderr) == (0, "")
    done = python("import sys; from briefing.__main__ import finish; sys.stdout = None; finish(4)")
    assert (done.returncode, done.stderr) == (4, "")


@pytest.mark.slow
def test_a_build_starts_its_parser_before_the_command_line_and_leaves_none_behind() -> None:
    """Even a build that fails on its input: the early helper is ended at exit."""
    done = python(
        "import sys; from briefing import language; start = language.preload\n"
        "def preload():\n"
        "    start(); loaded = 'briefing.cli' in sys.modules\n"
        "    print(language._helper.process.pid, loaded, flush=True)\n"
        "language.preload = preload; sys.argv = ['briefing', 'build', 'missing.txt']\n"
        "import briefing.__main__ as entry; entry.main()"
    )
    pid, cli_loaded = done.stdout.split()[:2]
    assert done.returncode == 1
    assert done.stderr.strip() == "briefing: error: missing.txt: no such file or folder"
    assert cli_loaded == "False"
    assert ends_within(int(pid))


@pytest.mark.slow
def test_python_m_briefing_builds_the_examples(tmp_path: Path) -> None:
    command = ["build", "examples/", "-o", str(tmp_path), "-q", "-f", "md,json"]
    done = subprocess.run(
        [sys.executable, "-m", "briefing", *command],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "## The bottom line" in next(tmp_path.glob("*.md")).read_text(encoding="utf-8")
    assert next(tmp_path.glob("*.json")).stat().st_size > 1000
    assert not list(tmp_path.glob(".*"))  # no temporary file left beside them


def test_the_installed_command_runs_this_entry() -> None:
    scripts = importlib.metadata.entry_points(group="console_scripts", name="briefing")
    if not scripts:
        pytest.skip("briefing is not installed here (scripts/setup.sh installs it)")
    assert next(iter(scripts)).value == "briefing.__main__:main"
