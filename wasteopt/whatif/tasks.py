"""The unit of work a what-if sweep sends to an executor: plan one (already varied) scenario.

A top-level function, so it pickles for a process pool and for Dask workers alike; it takes the
scenario itself (pydantic models pickle), not a file path, so workers need no shared disk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wasteopt.plan.models import Plan
from wasteopt.scenario.models import Scenario
from wasteopt.solve.decompose.executors import InlineExecutor
from wasteopt.solve.engine import solve
from wasteopt.solve.options import SolveOptions


@dataclass(frozen=True)
class Budget:
    """The same search budget for every plan of a study, so their costs are comparable."""

    time_limit: float | None = None
    iterations: int | None = None
    seed: int = 0
    stability: float = 0.0  # warm-started plans: yuan per room moved off its truck in the start (wasteopt.solve.previous)


def plan_task(scenario: Scenario, variant: Sequence[str], budget: Budget, start: Plan | None = None,
              keep: frozenset[str] = frozenset()) -> Plan:
    """Plan the day for ``scenario`` with the real engine; the plan records the variants applied.
    ``start``: the plan to re-plan from (the base's, in a warm-started study); ``keep``: its trucks
    whose routes stay as they are.

    The sweep already keeps every core busy with whole plans, so a large district's regions are
    solved one after another inside the task (no pool within a pool; Dask workers may not start
    processes of their own)."""
    plan = solve(scenario, time_limit=budget.time_limit, iterations=budget.iterations, seed=budget.seed,
                 options=SolveOptions(executor=InlineExecutor(), start_from=start, stability=budget.stability,
                                      keep_trucks=keep))
    return plan.model_copy(update={"variant": list(variant)})
