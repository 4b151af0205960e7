"""``briefing batch``: the briefs of many topics from one plan, on one machine or a Ray cluster.

A plan (TOML) names the topics, each with its inputs and brief options
(:mod:`briefing.batch.plan`); an engine makes them (:mod:`briefing.batch.engines`:
a local process pool, or Ray); the runner writes each topic's folder at once,
its podcast feed and an index page (:mod:`briefing.batch.runner`). A topic
whose articles have not changed since its last brief is skipped. This module
only re-exports::

    from briefing.batch import load_plan, open_engine, run_batch

    plan = load_plan("plan.toml")
    report = run_batch(plan, Path("briefs"), open_engine("local", workers=2))
    print(table(report))
"""

from __future__ import annotations

from briefing.batch.engines import ENGINES, Engine, open_engine
from briefing.batch.plan import Plan, Topic, load_plan
from briefing.batch.runner import Report, Tally, run_batch, table
from briefing.batch.work import Job, Outcome, State

__all__ = [
    "ENGINES",
    "Engine",
    "Job",
    "Outcome",
    "Plan",
    "Report",
    "State",
    "Tally",
    "Topic",
    "load_plan",
    "open_engine",
    "run_batch",
    "table",
]
