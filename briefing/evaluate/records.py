"""The records of an evaluation: examples, methods, per-example results, the report."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from briefing.errors import InputError
from briefing.evaluate.scoring import Interval
from briefing.summarize.length import Length

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
