"""Evaluate: score summaries against reference summaries, with baselines beside them.

One example is ``{"documents": [...], "reference": "..."}``. A single document
is summarized like one article of a brief; several are summarized together
the way a brief's overview is, after junk documents are left out. Every
per-example result is appended to a JSON Lines store as soon as it is
computed, so an interrupted run resumes where it stopped.
"""

from briefing.evaluate.baselines import BASELINES
from briefing.evaluate.methods import baseline_method, fingerprint, system_method
from briefing.evaluate.records import (
    MULTI_LENGTH,
    SINGLE_LENGTH,
    Example,
    Method,
    Output,
    Report,
    Result,
    load_examples,
)
from briefing.evaluate.runner import Store, evaluate, table

__all__ = [
    "BASELINES",
    "MULTI_LENGTH",
    "SINGLE_LENGTH",
    "Example",
    "Method",
    "Output",
    "Report",
    "Result",
    "Store",
    "baseline_method",
    "evaluate",
    "fingerprint",
    "load_examples",
    "system_method",
    "table",
]
