"""The annotated compare sets: well formed, and scored by benchmarks/compare_quality.py."""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SETS = sorted(p for p in (ROOT / "tests" / "data" / "compare_sets").iterdir() if p.is_dir())


def quality():
    spec = importlib.util.spec_from_file_location(
        "compare_quality", ROOT / "benchmarks" / "compare_quality.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_at_least_twelve_sets_of_three_to_five_articles() -> None:
    assert len(SETS) >= 12
    for folder in SETS:
        articles = [p for p in folder.iterdir() if p.suffix in {".txt", ".md", ".html"}]
        assert 3 <= len(articles) <= 5, folder.name


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_expected_lists_sources_and_well_formed_items(folder: Path) -> None:
    expected = tomllib.loads((folder / "expected.toml").read_text("utf-8"))
    assert expected["sources"] and all(isinstance(s, str) for s in expected["sources"])
    for item in expected.get("disagreements", []) + expected.get("series", []):
        assert len(item["values"]) >= 2
    assert expected.get("disagreements") or expected.get("series")


def test_scoring_counts_right_wrong_and_missed() -> None:
    module = quality()
    from briefing.models import Citation

    cited = [
        Citation("the Fire Service", "organisation", "a1", 0, ""),
        Citation("Paris", "x", "a1", 0, ""),
    ]
    tally = module.score_sources(["fire service", "Jane Okafor"], cited)
    assert (tally.found, tally.right, tally.expected, tally.recalled) == (2, 1, 2, 1)
    assert tally.precision == 0.5 and tally.recall == 0.5


@pytest.mark.slow
def test_the_sets_meet_the_goals() -> None:
    """Recall at least 0.85 and precision at least 0.9 on every kind over the sets."""
    module = quality()
    totals = {kind: module.Tally() for kind in module.KINDS}
    for folder in SETS:
        for kind, tally in module.score_set(folder).items():
            totals[kind].add(tally)
    for kind, tally in totals.items():
        assert tally.recall >= 0.85 and tally.precision >= 0.9, (kind, tally.misses)
