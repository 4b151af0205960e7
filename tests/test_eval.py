"""``briefing eval``: scores, intervals, baselines, resuming and the dev-set quality claims."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from briefing.evaluate import (
    baseline_method,
    evaluate,
    load_examples,
    system_method,
)
from briefing.evaluate.scoring import bootstrap, paired
from briefing.text import split_sentences
from tests.test_cli import run

FIXTURE = Path(__file__).parent / "fixtures" / "eval" / "small.jsonl"
DEVDATA = Path(__file__).resolve().parent.parent.parent / "shared" / "devdata"
needs_devdata = pytest.mark.skipif(
    not DEVDATA.is_dir(), reason=f"development data not found at {DEVDATA}"
)


def independent_rouge(summary: list[str], reference: str) -> dict[str, float]:
    """ROUGE straight from rouge-score, one sentence per line for Lsum."""
    from rouge_score import rouge_scorer  # imports nltk: seconds, so only when used

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    target = "\n".join(s.text for s in split_sentences([reference]))
    scores = scorer.score(target, "\n".join(summary))
    return {name: value.fmeasure * 100 for name, value in scores.items()}


@pytest.fixture(scope="module")
def cli_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, list[dict], Path]:
    results = tmp_path_factory.mktemp("eval") / "results.jsonl"
    done = run("eval", FIXTURE, "--baselines", "lead3,textrank", "--results", results, "--json")
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in results.read_text(encoding="utf-8").splitlines()]
    return json.loads(done.stdout), rows, results


@pytest.mark.slow
def test_cli_scores_match_rouge_score_computed_independently(cli_report) -> None:
    report, rows, _ = cli_report
    assert report["examples"] == 3
    assert set(report["scores"]) == {"extractive", "lead3", "textrank"}
    examples = {e.id: e for e in load_examples(FIXTURE)}
    for method in report["scores"]:
        own = [r for r in rows if r["method"].split(" ")[0] == method]
        assert len(own) == 3
        for row in own:
            expected = independent_rouge(row["summary"], examples[row["id"]].reference)
            for name, value in expected.items():
                assert row["scores"][name] == pytest.approx(value, abs=1e-3)
        for name in ("rouge1", "rouge2", "rougeLsum"):
            mean = sum(r["scores"][name] for r in own) / 3
            interval = report["scores"][method][name]
            assert interval["mean"] == pytest.approx(mean, abs=1e-6)
            assert interval["low"] <= mean <= interval["high"]
            assert 0 < mean < 100


@pytest.mark.slow
def test_paired_differences_are_per_example_differences(cli_report) -> None:
    report, rows, _ = cli_report
    system = {r["id"]: r["scores"]["rouge1"] for r in rows if r["method"].startswith("extractive")}
    lead = {r["id"]: r["scores"]["rouge1"] for r in rows if r["method"].startswith("lead3")}
    expected = sum(system[i] - lead[i] for i in system) / len(system)
    assert report["paired"]["lead3"]["rouge1"]["mean"] == pytest.approx(expected, abs=1e-6)
    assert "extractive" not in report["paired"]


@pytest.mark.slow
def test_junk_document_is_left_out_of_the_overview(cli_report) -> None:
    _, rows, _ = cli_report
    bridge = next(
        r for r in rows if r["id"] == "bridge-two-outlets" and r["method"].startswith("extractive")
    )
    assert bridge["left_out"] == [1]
    assert not any("page you requested" in s for s in bridge["summary"])
    assert sum(len(s.split()) for s in bridge["summary"]) <= 250


@pytest.mark.slow
def test_an_interrupted_run_resumes(cli_report, tmp_path: Path) -> None:
    _, rows, results = cli_report
    partial = tmp_path / "partial.jsonl"
    kept = results.read_text(encoding="utf-8").splitlines()[:4]
    partial.write_text("\n".join(kept) + '\n{"id": "cut sh', encoding="utf-8")  # killed mid-line
    done = run("eval", FIXTURE, "--baselines", "lead3,textrank", "--results", partial, "--json")
    assert done.returncode == 0, done.stderr
    stored = [json.loads(line) for line in partial.read_text(encoding="utf-8").splitlines()]
    again = stored[4:]  # the cut line is gone and every line parses
    assert len(again) == len(rows) - 4  # only the missing results were computed
    assert {(r["id"], r["method"]) for r in again} == {(r["id"], r["method"]) for r in rows[4:]}
    assert json.loads(done.stdout) == cli_report[0]  # same scores as the uninterrupted run


@pytest.mark.slow
def test_table_output_and_progress_quietness(tmp_path: Path) -> None:
    done = run("eval", FIXTURE, "--baselines", "lead3", "--results", tmp_path / "r.jsonl")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert lines[0].startswith("small.jsonl: 3 examples")
    assert lines[1].split()[:4] == ["method", "ROUGE-1", "ROUGE-2", "ROUGE-Lsum"]
    assert any(line.startswith("lead3") and "[" in line for line in lines[4:])


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"documents": ["a"], "reference": "b"}\nnot json\n', ":2: not valid JSON"),
        ('{"documents": [], "reference": "b"}\n', ':1: "documents" must be'),
        ('{"documents": ["a"]}\n', ':1: "reference" must be'),
        ("\n", ": no examples in this file"),
    ],
)
def test_bad_data_is_a_one_line_error(tmp_path: Path, content: str, problem: str) -> None:
    data = tmp_path / "bad.jsonl"
    data.write_text(content, encoding="utf-8")
    done = run("eval", data, "--results", tmp_path / "r.jsonl")
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert f"bad.jsonl{problem}" in done.stderr
    assert not (tmp_path / "r.jsonl").exists()


def test_unknown_baseline_is_named(tmp_path: Path) -> None:
    done = run("eval", FIXTURE, "--baselines", "oracle", "--results", tmp_path / "r.jsonl")
    assert done.returncode == 2  # a usage error
    assert "unknown baseline 'oracle'" in done.stderr


def test_bootstrap_interval_brackets_the_mean() -> None:
    values = [10.0, 12.0, 30.0, 41.0, 45.0, 50.0, 22.0, 18.0]
    interval = bootstrap(values)
    assert interval.low < interval.mean < interval.high
    assert interval.mean == pytest.approx(sum(values) / len(values))
    assert bootstrap([5.0] * 10) == bootstrap([5.0] * 10)  # seeded: reproducible
    assert bootstrap([5.0] * 10).high - bootstrap([5.0] * 10).low == 0
    better = paired([v + 2 for v in values], values)
    assert better.mean == pytest.approx(2) and better.low > 0
    assert math.isnan(bootstrap([]).mean)


@pytest.fixture(scope="module")
def cnndm_report():
    """The summarizer and lead-3 on the CNN/DailyMail dev set, scored once for both claims."""
    examples = load_examples(DEVDATA / "cnndm-dev.jsonl")
    return evaluate(examples, [system_method(), baseline_method("lead3")])


@needs_devdata
@pytest.mark.slow
def test_lead3_reproduces_the_reference_table(cnndm_report) -> None:
    assert abs(cnndm_report.means["lead3"]["rouge1"].mean - 41.70) <= 3.0


@needs_devdata
@pytest.mark.slow
def test_default_summarizer_is_at_or_above_lead3_on_cnndm_dev(cnndm_report) -> None:
    system, lead = cnndm_report.means["extractive"], cnndm_report.means["lead3"]
    for metric in ("rouge1", "rougeLsum"):
        assert system[metric].mean >= lead[metric].mean, metric
    assert system["rouge2"].mean >= lead["rouge2"].mean - 0.2  # level: inside the noise


@needs_devdata
@pytest.mark.slow
def test_overview_beats_textrank_on_multinews_dev_and_drops_junk() -> None:
    examples = load_examples(DEVDATA / "multinews-dev.jsonl")
    report = evaluate(examples, [system_method(), baseline_method("textrank")])
    system, textrank = report.means["extractive"], report.means["textrank"]
    for metric in ("rouge1", "rouge2", "rougeLsum"):
        assert system[metric].low > textrank[metric].high, metric
    junk = {
        (row["id"], i)
        for row in map(json.loads, (DEVDATA / "multinews-dev.jsonl").open(encoding="utf-8"))
        for i in row.get("boilerplate_doc_idx") or []
    }
    left_out = {(r.example_id, i) for r in report.results["extractive"] for i in r.left_out}
    assert len(junk & left_out) >= 0.9 * len(junk)
    assert len(left_out - junk) <= 3  # only texts with no article in them at all
