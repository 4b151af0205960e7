"""Evaluate: score summaries against reference summaries, with baselines beside them.

One example is ``{"documents": [...], "reference": "..."}``. A single document
is summarized like one article of a brief; several are summarized together
the way a brief's overview is, after junk documents are left out. Every
per-example result is appended to a JSON Lines store as soon as it is
computed, so an interrupted run resumes where it stopped.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from briefing.errors import ConfigError, InputError
from briefing.evaluate.baselines import BASELINES, Baseline
from briefing.evaluate.scoring import METRICS, Interval, Rouge, bootstrap, paired
from briefing.output import write_atomically
from briefing.summarize.base import ModelOptions
from briefing.summarize.length import Length
from briefing.version import __version__

__all__ = [
    "BASELINES",
    "Example",
    "Method",
    "Report",
    "Result",
    "baseline_method",
    "evaluate",
    "load_examples",
    "system_method",
    "table",
]

SINGLE_LENGTH = Length(sentences=3)
MULTI_LENGTH = Length(words=250)
"""The scoring protocol of the news benchmarks: 3 sentences, or 250 words for several documents."""


@dataclass(frozen=True)
class Example:
    id: str
    documents: tuple[str, ...]
    reference: str


@dataclass(frozen=True)
class Output:
    """What a method produced for one example, and the documents it left out."""

    sentences: tuple[str, ...]
    left_out: tuple[int, ...] = ()


@dataclass(frozen=True)
class Method:
    """A named way to summarize; ``settings`` tell stored results of other settings apart."""

    name: str
    run: Callable[[Example], Output]
    settings: str = ""

    @property
    def key(self) -> str:
        return f"{self.name} ({self.settings})" if self.settings else self.name


@dataclass(frozen=True)
class Result:
    example_id: str
    method: str
    summary: tuple[str, ...]
    scores: dict[str, float]
    left_out: tuple[int, ...] = ()


@dataclass(frozen=True)
class Report:
    """Mean scores with intervals per method, and each method against the system."""

    data: str
    examples: int
    system: str
    means: dict[str, dict[str, Interval]]
    differences: dict[str, dict[str, Interval]]
    results: dict[str, list[Result]] = field(repr=False)

    def to_dict(self) -> dict[str, object]:
        return {
            "data": self.data,
            "examples": self.examples,
            "system": self.system,
            "scores": {m: {k: asdict(v) for k, v in s.items()} for m, s in self.means.items()},
            "paired": {
                m: {k: asdict(v) for k, v in s.items()} for m, s in self.differences.items()
            },
        }


def load_examples(path: Path) -> list[Example]:
    """Read JSON Lines examples; a bad line is an error naming the file and line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from exc
    examples = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(where, f"not valid JSON ({exc.msg})") from exc
        documents = row.get("documents") if isinstance(row, dict) else None
        if not (
            isinstance(documents, list) and documents and all(isinstance(d, str) for d in documents)
        ):
            raise InputError(where, '"documents" must be a non-empty list of strings')
        if not isinstance(row.get("reference"), str) or not row["reference"].strip():
            raise InputError(where, '"reference" must be a non-empty string')
        examples.append(Example(str(row.get("id", number)), tuple(documents), row["reference"]))
    if not examples:
        raise InputError(str(path), "no examples in this file")
    return examples


def system_method(
    summarizer: str = "extractive",
    length: Length | None = None,
    model: ModelOptions | None = None,
) -> Method:
    """The project's own summaries: per article for one document, the overview for several."""
    from briefing.compare import overview_of
    from briefing.ingest import article_from_text
    from briefing.summarize import load_summarizer
    from briefing.summarize.embeddings import default_encoder

    encoder = default_encoder()
    engine = load_summarizer(summarizer, encoder=encoder, model=model)

    def run(example: Example) -> Output:
        articles, left_out = [], []
        for index, text in enumerate(example.documents):
            try:
                article = article_from_text(text, f"{example.id}#{index}", f"a{index + 1}")
            except InputError:  # junk (NotAnArticle) or no text at all
                left_out.append(index)
                continue
            articles.append(article)
        if not articles:
            return Output((), tuple(left_out))
        if len(example.documents) == 1:
            summary = engine.summarize(articles, length or SINGLE_LENGTH)[0]
            return Output(tuple(p.text for p in summary.points))
        points = overview_of(articles, encoder, length or MULTI_LENGTH)
        return Output(tuple(p.text for p in points), tuple(left_out))

    return Method(summarizer, run, f"length {length or 'default'}, {fingerprint(engine)}")


def fingerprint(engine: object) -> str:
    """A short hash of an engine's tuning, so stored results of other settings are not reused."""
    tuning = repr(getattr(engine, "weights", None) or getattr(engine, "settings", None))
    return hashlib.sha1(f"{__version__} {tuning}".encode()).hexdigest()[:10]


def baseline_method(name: str, length: Length | None = None) -> Method:
    """A baseline at the protocol's length (3 sentences) unless told otherwise."""
    if name not in BASELINES:
        raise ConfigError(f"unknown baseline {name!r}; choose from {', '.join(BASELINES)}")
    baseline: Baseline = BASELINES[name]

    def run(example: Example) -> Output:
        return Output(tuple(baseline(example.documents, length or SINGLE_LENGTH)))

    return Method(name, run, f"length {length or SINGLE_LENGTH}")


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
