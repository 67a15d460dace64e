"""The plans of a what-if study: the base and every variant, each with several seeds.

For each seed ``s`` the base is planned from scratch (its *first plan*), then — with the warm start
(the default) — the base and every variant are planned again from that first plan with the same seed
``s`` (:mod:`wasteopt.solve.previous`: the routes kept where the change allows, the rest repaired,
then searched). The base's re-plan, not its first plan, is what the variants are compared with:
both have been searched as long, from the same start, so what differs comes from the change rather
than from the search's luck. Without the warm start (``warm=False``) every plan starts from
scratch and the first plans are the base's.

Every plan of a batch goes through one executor (:func:`wasteopt.whatif.sweep.run_plans`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass

from wasteopt.plan.models import Plan
from wasteopt.scenario.models import Scenario
from wasteopt.whatif.sweep import Job, run_plans
from wasteopt.whatif.tasks import Budget


@dataclass(frozen=True)
class BaseRuns:
    """The base's plans per seed: the first plans (from scratch) and the reference plans the
    variants are compared with (the warm re-plans; the first plans themselves without warm start)."""

    seeds: tuple[int, ...]
    first: tuple[Plan, ...]
    reference: tuple[Plan, ...]
    warm: bool = True


def seed_list(seed: int, seeds: int) -> tuple[int, ...]:
    """The seeds of a study: ``seed, seed + 1, …`` (``seeds`` of them)."""
    if seeds < 1:
        raise ValueError("a study needs at least one seed")
    return tuple(range(seed, seed + seeds))


def first_plans(scenario: Scenario, budget: Budget, seeds: Sequence[int], *, warm: bool = True,
                executor: Executor | None = None, progress: Callable[[str], None] | None = None) -> BaseRuns:
    """The base planned from scratch once per seed (the reference, until :func:`plan_from_base`
    re-plans it when ``warm``)."""
    names = {_named("base", s): s for s in seeds}
    done = run_plans({name: (scenario, []) for name in names}, budget, executor=executor, progress=progress, seeds=names)
    firsts = tuple(done[name] for name in names)
    return BaseRuns(tuple(seeds), firsts, firsts, warm)


def plan_from_base(base: BaseRuns, scenario: Scenario, jobs: Mapping[str, Job], budget: Budget, *,
                   executor: Executor | None = None,
                   progress: Callable[[str], None] | None = None) -> tuple[BaseRuns, dict[str, list[Plan]]]:
    """Every job planned with each of the base's seeds, from the base's first plan of that seed when
    ``base.warm`` — and then the base itself too, whose re-plans become the reference. The base runs
    and the plans per job name, in seed order."""
    every = {"base": (scenario, []), **jobs} if base.warm else dict(jobs)
    batch: dict[str, Job] = {}
    seed_of: dict[str, int] = {}
    start_of: dict[str, Plan] = {}
    for name, job in every.items():
        for seed, first in zip(base.seeds, base.first):
            key = _named(name, seed)
            batch[key], seed_of[key] = job, seed
            if base.warm:
                start_of[key] = first
    done = run_plans(batch, budget, executor=executor, progress=progress, seeds=seed_of, starts=start_of)
    plans = {name: [done[_named(name, s)] for s in base.seeds] for name in every}
    if base.warm:
        base = BaseRuns(base.seeds, base.first, tuple(plans.pop("base")), True)
    return base, plans


def _named(name: str, seed: int) -> str:
    return f"{name} (seed {seed})"
