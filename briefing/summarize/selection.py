"""Picking sentences within a length: shared by the summarizers, the overview and the baselines.

The extractive engine picks an article's sentences and the comparison picks
the overview's across all articles the same way (maximal marginal relevance,
:func:`select`); the abstractive engine and the evaluation baselines keep a
prefix of their sentences (:func:`within`). All of them stop at the same word
budget: :meth:`briefing.summarize.length.Length.admits`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from briefing.summarize.length import Length
from briefing.text import word_count


def unit(vector: np.ndarray) -> np.ndarray:
    """The vector scaled to length 1 (a zero vector stays zero)."""
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def rescale(values: np.ndarray) -> np.ndarray:
    """Min-max scale to [0, 1]; a constant array becomes all ones."""
    low, high = float(values.min()), float(values.max())
    return (values - low) / (high - low) if high > low else np.ones_like(values)


def select(
    scores: np.ndarray,
    vectors: np.ndarray,
    candidates: list[int],
    length: Length,
    texts: Sequence[str],
    diversity: float,
    needs: Mapping[int, int] | None = None,
) -> list[int]:
    """Maximal marginal relevance within a sentence or word budget.

    ``needs`` maps a sentence that leans on another to that one: it is taken
    only when its predecessor is already picked, or together with it as a
    pair (scored by the mean of the two gains and charged for both), so the
    reader always sees the sentence it leans on right before it.
    """
    needs = needs or {}
    budget = length.sentence_budget(len([c for c in candidates if c not in needs]) or 1)
    budget = min(budget, len(candidates))
    picked: list[int] = []
    words = 0
    remaining = list(candidates)
    while remaining and len(picked) < budget:
        if picked:
            redundancy = (vectors[remaining] @ vectors[picked].T).max(axis=1)
        else:
            redundancy = np.zeros(len(remaining))
        gains = (1 - diversity) * scores[remaining] - diversity * redundancy
        gain_of = dict(zip(remaining, gains.tolist(), strict=True))
        best_unit: list[int] = []
        best_gain = -np.inf
        for index in remaining:
            taken = _taking(index, needs, picked, gain_of)
            if not taken or len(picked) + len(taken) > budget:
                continue
            gain = sum(gain_of[k] for k in taken) / len(taken)
            if gain > best_gain:
                best_unit, best_gain = taken, gain
        if not best_unit:
            break
        size = sum(word_count(texts[k]) for k in best_unit)
        if not length.admits(words, size):
            break
        picked.extend(best_unit)
        words += size
        for k in best_unit:
            remaining.remove(k)
    return picked


def _taking(
    index: int, needs: Mapping[int, int], picked: list[int], gain_of: Mapping[int, float]
) -> list[int]:
    """What picking ``index`` takes: itself, or its predecessor and itself; [] if impossible."""
    before = needs.get(index)
    if before is None or before in picked:
        return [index]
    if before in gain_of and before not in needs:
        return [before, index]
    return []


def within(sentences: Sequence[str], length: Length) -> list[str]:
    """The longest prefix of ``sentences`` that fits ``length``."""
    kept: list[str] = []
    words = 0
    for sentence in sentences[: length.sentence_budget(len(sentences))]:
        size = word_count(sentence)
        if not length.admits(words, size):
            break
        kept.append(sentence)
        words += size
    return kept
