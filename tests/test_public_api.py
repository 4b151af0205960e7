"""Guard the public API: what ``import briefing`` offers is deliberate."""

from __future__ import annotations

import briefing


def test_exported_members() -> None:
    assert set(briefing.__all__) == {
        "Article",
        "Brief",
        "BriefingError",
        "Citation",
        "Comparison",
        "ConfigError",
        "EngineError",
        "Figure",
        "InputError",
        "Length",
        "Metadata",
        "ModelError",
        "OutputError",
        "Point",
        "Summary",
        "TemplateError",
        "Theme",
        "__version__",
        "build_brief",
        "load_articles",
        "render",
        "summarize",
    }
    for name in briefing.__all__:
        assert hasattr(briefing, name), name


def test_one_exception_root() -> None:
    for error in (
        briefing.InputError,
        briefing.ConfigError,
        briefing.EngineError,
        briefing.ModelError,
        briefing.TemplateError,
        briefing.OutputError,
    ):
        assert issubclass(error, briefing.BriefingError)
    assert issubclass(briefing.InputError, ValueError)


def test_records_are_frozen() -> None:
    import dataclasses

    for record in (
        briefing.Article,
        briefing.Brief,
        briefing.Summary,
        briefing.Point,
        briefing.Theme,
        briefing.Comparison,
    ):
        assert dataclasses.is_dataclass(record) and record.__dataclass_params__.frozen


def test_templates_ship_inside_the_wheel(tmp_path) -> None:
    """An installed copy must find its templates: build the wheel and look inside."""
    import subprocess
    import sys
    import zipfile
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(root),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("briefing-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for template in ("brief.html.j2", "brief.md.j2", "brief.txt.j2"):
        assert f"briefing/templates/{template}" in names
