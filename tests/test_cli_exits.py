"""Exit statuses by kind of mistake, and what ``-v`` shows.

2 for every usage error (argparse's own, a bad option value, an unknown engine
or format), 1 for an input that cannot be used; ``-v`` adds briefing's own
diagnostics and never third-party debug output.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from briefing.cli.main import EXIT, main, status
from briefing.errors import (
    ChoiceError,
    ConfigError,
    EngineError,
    InputError,
    PlanError,
    TemplateError,
)


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (ConfigError("cannot read length 'lots'", setting="length"), 2),
        (ChoiceError("unknown theme", setting="theme"), 2),
        (EngineError("unknown format 'docx'"), 2),
        (PlanError("plan.toml: not valid TOML"), 1),
        (InputError("a.txt", "file is empty"), 1),
        (TemplateError("brief.txt.j2:1: broken"), 1),
    ],
)
def test_status_by_error_class(error: Exception, expected: int) -> None:
    assert status(error) == expected


@pytest.mark.parametrize(
    "argv",
    [
        ["build", "--no-such-option", "x"],
        ["build", "--length", "lots", "x"],
        ["build", "--format", "docx", "x"],
        ["build", "--theme", "purple", "x"],
        ["build", "-s", "nosuch", "x"],
    ],
)
def test_every_usage_error_exits_2(
    argv: list[str], tmp_path: Path, examples_dir: Path, capsys
) -> None:
    argv = [*argv[:-1], str(examples_dir), "-o", str(tmp_path / "out")]
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse's own usage errors
        code = exit_.code
    assert code == EXIT["usage"] == 2
    assert capsys.readouterr().err.strip()
    assert not (tmp_path / "out").exists()


def test_an_input_error_exits_1(tmp_path: Path, capsys) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    assert main(["build", str(empty), "-o", str(tmp_path / "out"), "--strict"]) == 1
    assert "empty.txt: file is empty" in capsys.readouterr().err


def test_verbose_shows_only_briefing_diagnostics(tmp_path: Path, capsys) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    main(["build", str(empty), "-o", str(tmp_path / "out"), "-v"])
    assert logging.getLogger("briefing").getEffectiveLevel() == logging.DEBUG
    for name in ("urllib3", "weasyprint", "fontTools", "filelock", "markdown_it", "asyncio"):
        assert logging.getLogger(name).getEffectiveLevel() >= logging.WARNING, name
    logging.getLogger("urllib3.connectionpool").debug("third-party chatter")
    logging.getLogger("briefing.ingest").debug("own diagnostic")
    err = capsys.readouterr().err
    assert "third-party chatter" not in err
