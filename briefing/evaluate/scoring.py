"""ROUGE as the news-summarization literature reports it, with bootstrap intervals.

Scores are rouge-score F1 with the Porter stemmer, times 100. ROUGE-Lsum
needs one sentence per line, so summaries and references are both split with
the same sentence splitter the summarizer uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from briefing.errors import ConfigError
from briefing.text import split_sentences

METRICS = ("rouge1", "rouge2", "rougeLsum")
RESAMPLES = 1000


@dataclass(frozen=True)
class Interval:
    """A mean with its 95% bootstrap confidence interval."""

    mean: float
    low: float
    high: float


def _scorer():
    try:
        from rouge_score import rouge_scorer
    except ImportError as exc:
        raise ConfigError("scoring needs rouge-score: pip install 'briefing[eval]'") from exc
    return rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)


class Rouge:
    """Score summaries against references; the stemmer is set up once."""

    def __init__(self) -> None:
        self._scorer = _scorer()

    def score(self, summary: Sequence[str], reference: str) -> dict[str, float]:
        target = "\n".join(s.text for s in split_sentences([reference]))
        prediction = "\n".join(summary)
        scores = self._scorer.score(target, prediction)
        return {m: round(scores[m].fmeasure * 100, 4) for m in METRICS}


def bootstrap(values: Sequence[float], resamples: int = RESAMPLES, seed: int = 0) -> Interval:
    """Percentile bootstrap of the mean: resample examples with replacement."""
    data = np.asarray(values, dtype=float)
    if not len(data):
        return Interval(float("nan"), float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    means = data[rng.integers(0, len(data), size=(resamples, len(data)))].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return Interval(float(data.mean()), float(low), float(high))


def paired(system: Sequence[float], baseline: Sequence[float]) -> Interval:
    """Mean per-example difference with its interval: above zero means the system wins."""
    return bootstrap(np.asarray(system, dtype=float) - np.asarray(baseline, dtype=float))
