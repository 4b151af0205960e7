"""Guard the public API: what ``import briefing`` offers is deliberate."""

from __future__ import annotations

import pytest

import briefing

EXPORTED = {
    # the application: one call makes a brief; the brief alone; what a server holds
    "make_brief": "briefing.app",
    "build_brief": "briefing.app",
    "Result": "briefing.app",
    "Status": "briefing.app",
    "Resources": "briefing.resources",
    # sharing: a kept brief's email sent again, a podcast feed of audio briefs
    "send_kept": "briefing.share.kept",
    "build_feed": "briefing.share.feed",
    # the settings a request is made of
    "Request": "briefing.settings",
    "Sources": "briefing.settings",
    "SummarySettings": "briefing.summarize.settings",
    "Display": "briefing.settings",
    "Audio": "briefing.settings",
    "Mail": "briefing.settings",
    "Server": "briefing.settings",
    "Output": "briefing.settings",
    "VoiceOptions": "briefing.settings",
    "ModelOptions": "briefing.summarize",
    "Length": "briefing.summarize",
    "Metadata": "briefing.ingest",
    # the records
    "Article": "briefing.models",
    "Brief": "briefing.models",
    "Citation": "briefing.models",
    "Comparison": "briefing.models",
    "Figure": "briefing.models",
    "Point": "briefing.models",
    "Summary": "briefing.models",
    "Theme": "briefing.models",
    # the errors
    "BriefingError": "briefing.errors",
    "ConfigError": "briefing.errors",
    "EngineError": "briefing.errors",
    "InputError": "briefing.errors",
    "ModelError": "briefing.errors",
    "OutputError": "briefing.errors",
    "TemplateError": "briefing.errors",
    # single steps
    "load_articles": "briefing.ingest",
    "render_brief": "briefing.render:render",
    "summarize_text": "briefing.summarize:summarize",
    "__version__": None,
}


def test_exported_members() -> None:
    """What ``briefing`` exports is this list, sorted, each the object of the module named
    (``module:name`` where the public name differs)."""
    import importlib

    assert briefing.__all__ == sorted(briefing.__all__)
    assert set(briefing.__all__) == set(EXPORTED)
    for name, where in EXPORTED.items():
        if where is None:
            continue
        module, _, attribute = where.partition(":")
        found = getattr(importlib.import_module(module), attribute or name)
        assert getattr(briefing, name) is found, name


def test_no_other_public_names() -> None:
    """Nothing public on the package beyond ``__all__`` and its subpackages."""
    import types

    public = {n for n in dir(briefing) if not n.startswith("_")}
    loose = {
        n for n in public - set(briefing.__all__)
        if not isinstance(getattr(briefing, n), types.ModuleType)
    }  # fmt: skip
    assert loose == set()


def test_subpackages_are_modules() -> None:
    """``import briefing.render`` gives the module, whatever was imported before."""
    import importlib
    import types

    import briefing.render
    import briefing.summarize

    assert isinstance(briefing.render, types.ModuleType)
    assert briefing.render is importlib.import_module("briefing.render")
    assert "html" in briefing.render.FORMATS.names()
    assert isinstance(briefing.summarize, types.ModuleType)
    assert briefing.summarize.DEFAULT_ENGINE in briefing.summarize.ENGINES.names()
    assert type(briefing) is types.ModuleType  # the package's class is never swapped


def test_subpackages_are_modules_in_a_fresh_process() -> None:
    """Before any subpackage import too: ``briefing.render`` is the module, not a function."""
    import subprocess
    import sys

    probe = (
        "import briefing\n"
        "print(type(briefing.render).__name__, len(briefing.render.FORMATS.names()) > 3)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["module", "True"]


def test_unknown_names_are_attribute_errors() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        briefing.nope  # noqa: B018


@pytest.mark.slow
def test_build_brief_is_make_brief_without_the_files(examples_dir, encoder, tmp_path) -> None:
    """The convenience makes the brief ``make_brief`` makes from the same inputs."""
    from datetime import datetime

    when = datetime(2025, 1, 2, 3, 4, 5)
    request = briefing.Request(
        briefing.Sources((examples_dir,)),
        output=briefing.Output(folder=tmp_path, formats=("json",), name="b"),
    )
    made = briefing.make_brief(request, resources=briefing.Resources(encoder), created=when)
    alone = briefing.build_brief([examples_dir], encoder=encoder)
    assert list(tmp_path.iterdir()) == [tmp_path / "b.json"]
    assert alone.title == made.brief.title
    assert alone.summaries == made.brief.summaries
    assert alone.comparison == made.brief.comparison


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
