"""Run a batch of plans through an executor and collect them by name.

The one place that submits :func:`wasteopt.whatif.tasks.plan_task`; ``compare`` and ``site`` both
use it. Without an executor a process pool is made for the batch (a single plan runs in-process,
where a pool would only add start-up time) and shut down afterwards.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor, as_completed
from dataclasses import replace

from wasteopt.plan.models import Plan
from wasteopt.scenario.models import Scenario
from wasteopt.whatif.executors import make_executor
from wasteopt.whatif.tasks import Budget, plan_task

Job = tuple[Scenario, Sequence[str]]
"""A scenario to plan and the variant names it carries into its plan."""


def run_plans(
    jobs: Mapping[str, Job],
    budget: Budget,
    *,
    executor: Executor | None = None,
    progress: Callable[[str], None] | None = None,
    seeds: Mapping[str, int] | None = None,
    starts: Mapping[str, Plan] | None = None,
    keeps: Mapping[str, frozenset[str]] | None = None,
) -> dict[str, Plan]:
    """Plan every job with the same budget; results keyed by job name, in the jobs' order.
    ``seeds``: a job's own seed instead of the budget's; ``starts``: the plan a job starts from;
    ``keeps``: the trucks of that plan whose routes it keeps."""
    seeds, starts, keeps = seeds or {}, starts or {}, keeps or {}

    def task(name: str) -> tuple[Scenario, list[str], Budget, Plan | None, frozenset[str]]:
        scenario, variant = jobs[name]
        return (scenario, list(variant), replace(budget, seed=seeds.get(name, budget.seed)), starts.get(name),
                keeps.get(name, frozenset()))

    if executor is None and len(jobs) == 1:
        (name,) = jobs
        plans = {name: plan_task(*task(name))}
        _tell(progress, name)
        return plans
    own = executor is None
    pool = executor or make_executor(None, workers=min(len(jobs), os.cpu_count() or 1))
    try:
        futures = {pool.submit(plan_task, *task(name)): name for name in jobs}
        done: dict[str, Plan] = {}
        for future in as_completed(futures):
            done[futures[future]] = future.result()
            _tell(progress, futures[future])
        return {name: done[name] for name in jobs}
    finally:
        if own:
            pool.shutdown(wait=True, cancel_futures=True)


def _tell(progress: Callable[[str], None] | None, name: str) -> None:
    if progress is not None:
        progress(name)
