"""Scoring every method on every example, resumably, and the report's table."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

from briefing.errors import ConfigError
from briefing.evaluate.records import Example, Method, Report, Result
from briefing.evaluate.scoring import METRICS, Interval, Rouge, bootstrap, paired
from briefing.output import write_atomically


class Store:
    """Per-example results on disk, one JSON object a line, keyed by method and settings."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.done: dict[tuple[str, str], Result] = {}
        if path is None or not path.exists():
            return
        text = path.read_text(encoding="utf-8")
        complete, _, cut = text.rpartition("\n") if not text.endswith("\n") else (text, "", "")
        if cut:  # an interrupted write: drop the partial line so appends start clean
            write_atomically({path: complete + "\n" if complete else ""})
        for line in complete.splitlines():
            try:
                row = json.loads(line)
                result = Result(
                    row["id"],
                    row["method"],
                    tuple(row["summary"]),
                    row["scores"],
                    tuple(row.get("left_out", ())),
                )
            except (json.JSONDecodeError, KeyError, TypeError):
                continue  # a damaged line is simply computed again
            self.done[(result.method, result.example_id)] = result

    def get(self, method: str, example_id: str) -> Result | None:
        return self.done.get((method, example_id))

    def add(self, result: Result) -> None:
        self.done[(result.method, result.example_id)] = result
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        row = {
            "id": result.example_id,
            "method": result.method,
            "summary": list(result.summary),
            "scores": result.scores,
            "left_out": list(result.left_out),
        }
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            handle.flush()


def evaluate(
    examples: Sequence[Example],
    methods: Sequence[Method],
    *,
    data: str = "",
    store: Store | None = None,
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Run every method on every example (reusing stored results) and summarise the scores.

    The first method is the system; the others are compared with it pair by pair.
    """
    if not methods:
        raise ConfigError("nothing to evaluate")
    system = methods[0].name
    store = store or Store(None)
    rouge = Rouge()
    results: dict[str, list[Result]] = {m.name: [] for m in methods}
    for example in examples:
        for method in methods:
            result = store.get(method.key, example.id)
            if result is None:
                output = method.run(example)
                result = Result(
                    example.id,
                    method.key,
                    output.sentences,
                    rouge.score(output.sentences, example.reference),
                    output.left_out,
                )
                store.add(result)
            results[method.name].append(result)
        if progress:
            progress(1)
    means = {
        name: {m: bootstrap([r.scores[m] for r in rows]) for m in METRICS}
        for name, rows in results.items()
    }
    differences = {
        name: {
            m: paired([r.scores[m] for r in results[system]], [r.scores[m] for r in rows])
            for m in METRICS
        }
        for name, rows in results.items()
        if name != system
    }
    return Report(data, len(examples), system, means, differences, results)


def table(report: Report) -> str:
    """The scores as a fixed-width table, then the paired differences."""

    def cell(interval: Interval, signed: bool = False) -> str:
        sign = "+" if signed else ""
        return f"{interval.mean:{sign}6.2f} [{interval.low:{sign}6.2f}, {interval.high:{sign}6.2f}]"

    width = max(len(n) for n in report.means) + 2
    header = "".join(f"{LABEL:<25}" for LABEL in ("ROUGE-1", "ROUGE-2", "ROUGE-Lsum"))
    lines = [
        f"{report.data}: {report.examples} examples; F1 x100, 95% bootstrap intervals",
        f"{'method':<{width}}{header}",
    ]
    for name, scores in report.means.items():
        lines.append(f"{name:<{width}}" + "".join(f"{cell(scores[m]):<25}" for m in METRICS))
    if report.differences:
        lines += [
            "",
            f"paired difference, {report.system} minus baseline (above 0: {report.system} better)",
        ]
        for name, scores in report.differences.items():
            lines.append(
                f"{name:<{width}}" + "".join(f"{cell(scores[m], True):<25}" for m in METRICS)
            )
    return "\n".join(lines)
