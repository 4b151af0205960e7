"""End to end: the installed ``briefing`` command on the examples and on messy inputs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.ingest import load_articles
from briefing.ingest.reading import decode
from tests.conftest import ARTICLE_FIXTURES

BRIEFING = shutil.which("briefing", path=str(Path(sys.executable).parent)) or "briefing"


def run(
    *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The briefing command, as a user runs it, with no terminal attached."""
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}
    return subprocess.run(
        [BRIEFING, *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**inherited, "HF_HUB_OFFLINE": "1", "NO_COLOR": "1", **(env or {})},
        stdin=subprocess.DEVNULL,
        timeout=300,
    )


@pytest.fixture(scope="module")
def example_outputs(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> dict[str, str]:
    out = tmp_path_factory.mktemp("briefs")
    result = run("build", examples_dir, "-o", out)
    assert result.returncode == 0, result.stderr
    written = [Path(line) for line in result.stdout.split()]
    assert sorted(p.suffix for p in written) == [".html", ".json", ".md", ".pdf", ".txt"]
    assert sorted(os.listdir(out)) == sorted(p.name for p in written)  # no temp files left
    assert result.stderr == ""  # not a terminal: no progress bar
    return {p.suffix[1:]: p.read_text(encoding="utf-8") for p in written if p.suffix != ".pdf"}


@pytest.mark.slow
def test_outputs_name_titles_dates_and_authors(example_outputs: dict[str, str]) -> None:
    for name in ("html", "md", "txt"):
        flat = " ".join(example_outputs[name].split())
        for expected in (
            "Port Halden council floats $8 daily charge to tame downtown gridlock",
            "The congestion charge is working. Port Halden should not lose its nerve",
            "14 March 2021",
            "1 December 2025",
            "Maria Lopez",
            "Tom Ashby and Priya Nair",
        ):
            assert expected in flat, (name, expected)


@pytest.mark.slow
def test_no_boilerplate_line_in_any_output(
    example_outputs: dict[str, str], examples_dir: Path
) -> None:
    articles, _ = load_articles([examples_dir])
    removed = {line for article in articles for line in article.removed}
    assert len(removed) >= 20
    for name, text in example_outputs.items():
        for line in removed:
            assert line not in text, (name, line)


@pytest.mark.slow
def test_every_summary_sentence_is_in_its_source(
    example_outputs: dict[str, str], examples_dir: Path
) -> None:
    data = json.loads(example_outputs["json"])
    sources = {
        article["id"]: _flat(
            decode((examples_dir / Path(article["source"]).name).read_bytes(), "x")
        )
        for article in data["articles"]
    }
    points = [p for s in data["summaries"] for p in s["points"]] + data["comparison"]["overview"]
    assert len(points) >= 14
    for point in points:
        assert _flat(point["text"]) in sources[point["article_id"]], point["text"]


def _flat(text: str) -> str:
    """Whitespace and Markdown emphasis do not count as differences."""
    return " ".join(text.replace("**", "").split())


@pytest.mark.slow
def test_messy_inputs_end_to_end(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", ARTICLE_FIXTURES, "-o", out, "-f", "json,txt", "--title", "Messy")
    assert result.returncode == 0, result.stderr
    data = json.loads((out / "messy.json").read_text())
    titles = [a["title"] for a in data["articles"]]
    assert "Ferry operators warn that fuel prices will force timetable cuts" in titles
    undated = [a["title"] for a in data["articles"] if a["published"] is None]
    assert undated == ["City library to open on Sundays"]
    text = (out / "messy.txt").read_text()
    assert "Photo: VCG" not in text and "newsdesk@" not in text and "Related Posts" not in text


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: d / "missing.txt", "missing.txt: no such file or folder"),
        (lambda d: (d / "empty").mkdir() or d / "empty", "empty: no article files"),
        (
            lambda d: (d / "blank.txt").write_text("  \n\n") and d / "blank.txt",
            "blank.txt: file is empty",
        ),
        (
            lambda d: (d / "bin.txt").write_bytes(b"\x00\x01\x02" * 100) and d / "bin.txt",
            "bin.txt: binary file",
        ),
    ],
    ids=["missing", "empty-folder", "blank-file", "binary"],
)
def test_bad_input_gives_one_line_error(tmp_path: Path, setup, message: str) -> None:
    target = setup(tmp_path)
    out = tmp_path / "out"
    result = run("build", target, "-o", out)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("briefing: error: ")
    assert message in result.stderr
    assert not out.exists()


def test_too_large_file(tmp_path: Path, examples_dir: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("A sentence that repeats itself. " * 40_000)
    result = run("build", big, "--max-size", "1", "-o", tmp_path / "out")
    assert result.returncode == 1
    assert "big.txt: file too large (1.2 MiB; the limit is 1.0 MiB)" in result.stderr


def test_broken_template_fails_before_work_and_writes_nothing(
    tmp_path: Path, examples_dir: Path
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "brief.html.j2").write_text("<p>\n{% if %}\n")
    out = tmp_path / "out"
    result = run("build", examples_dir, "-o", out, "--templates", templates)
    assert result.returncode == 1
    assert "brief.html.j2:2:" in result.stderr
    assert not out.exists()


@pytest.mark.slow
def test_failed_render_leaves_no_partial_files(tmp_path: Path, examples_dir: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "brief.txt.j2").write_text("{{ brief.nope }}\n")
    out = tmp_path / "out"
    out.mkdir()
    result = run("build", examples_dir, "-o", out, "--templates", templates)
    assert result.returncode == 1 and "brief.txt.j2:1: UndefinedError" in result.stderr
    assert list(out.iterdir()) == []


def test_version_and_engines() -> None:
    version = run("--version")
    assert version.returncode == 0 and version.stdout.startswith("briefing 0.")
    engines = run("engines")
    assert "summarizers: abstractive, extractive" in engines.stdout
    assert "voice engines: espeak, piper" in engines.stdout
    assert "formats: eml, html, json, md, pdf, script, txt" in engines.stdout


def test_bad_option_values(tmp_path: Path, examples_dir: Path) -> None:
    result = run("build", examples_dir, "--length", "lots", "-o", tmp_path)
    assert result.returncode == 2 and "cannot read length 'lots'" in result.stderr  # usage
    result = run("build", examples_dir, "--format", "docx", "-o", tmp_path)
    assert result.returncode == 2 and "unknown format 'docx'" in result.stderr


def test_speak_warns_when_the_script_has_a_second_host_and_one_voice(tmp_path: Path) -> None:
    script = tmp_path / "two.txt"
    script.write_text("# Two\n\n## One\nThe first host.\n\n[host 2]\nThe second host.\n")
    done = run("speak", script, "-o", tmp_path, "--engine", "espeak", "--audio-format", "wav")
    assert done.returncode == 0, done.stderr
    assert "[host 2] 1 time, but one voice reads it all; add --hosts 2" in done.stderr
    both = run("speak", script, "-o", tmp_path, "--engine", "espeak", "--hosts", "2",
               "--audio-format", "wav")  # fmt: skip
    assert both.returncode == 0 and "warning" not in both.stderr


@pytest.mark.parametrize("command", ["build", "voices", "engines"])
def test_every_command_describes_itself_in_help(command: str) -> None:
    done = run(command, "--help")
    assert done.returncode == 0
    _usage, _, rest = done.stdout.partition("\n\n")
    description = rest.split("\n\n")[0]
    assert len(description.split()) >= 8, done.stdout[:400]  # a sentence, not the options
