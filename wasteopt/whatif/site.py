"""Where to build the next K transfer stations: estimate with facility location, confirm with full plans.

1. Plan the base scenario with the real engine (the reference, and the calibration of the estimate).
2. Solve the capacitated facility-location model (:mod:`wasteopt.whatif.location`) on the calibrated
   cost estimate (:mod:`wasteopt.whatif.estimate`) for the best ``top`` distinct selections of K sites.
3. Re-plan each selection with the real engine, in parallel through the executor, and rank them by
   full-chain daily cost plus annualised build cost.
4. Report how well the estimate ranked the selections against their full plans.

Each selection's estimated daily cost is anchored on the base plan: base plan cost + (model estimate
of the selection − model estimate of the base), so estimate and actual are in the same units.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from wasteopt.files import write_atomic
from wasteopt.plan.models import Plan, save_plan
from wasteopt.plan.validate import validate
from wasteopt.scenario.errors import Problem, ScenarioError
from wasteopt.scenario.models import Scenario, Station
from wasteopt.whatif.agreement import rank_agreement
from wasteopt.whatif.estimate import CostModel, build_cost_model
from wasteopt.whatif.kpis import incomplete, payback_years, summarise, worse_served
from wasteopt.whatif.location import LocationProblem, Selection, best_selections
from wasteopt.whatif.sweep import run_plans
from wasteopt.whatif.tasks import Budget
from wasteopt.whatif.variants import open_sites, site_names


@dataclass
class SiteChoice:
    """One selection of sites: the model's estimate and the full plan's actual cost."""

    sites: list[str]
    estimated_cost: float
    estimate_optimal: bool
    estimated_unserved_kg: float
    plan: Plan
    kpis: dict[str, Any]
    build_cost: float
    build_cost_per_day: float
    saving_per_day: float = 0.0
    payback_years: float | str = "never"
    rank: int = 0
    estimate_rank: int = 0

    @property
    def name(self) -> str:
        """Directory and display name: ``open-C03+C05``."""
        return "open-" + "+".join(self.sites)

    @property
    def full_cost(self) -> float:
        """Full-chain daily cost of the plan plus the annualised build cost per day."""
        return round(self.kpis["cost"] + self.build_cost_per_day, 2)

    def to_json(self) -> dict[str, Any]:
        """The choice as it appears in ``site.json``."""
        return {
            "rank": self.rank, "estimate_rank": self.estimate_rank, "name": self.name, "sites": self.sites,
            "estimated_cost": round(self.estimated_cost, 2), "actual_cost": self.full_cost,
            "estimate_optimal": self.estimate_optimal,
            "estimated_unserved_kg": round(self.estimated_unserved_kg, 1),
            "build_cost": self.build_cost, "build_cost_per_day": round(self.build_cost_per_day, 2),
            "saving_per_day": self.saving_per_day, "net_saving_per_day": round(self.saving_per_day - self.build_cost_per_day, 2),
            "payback_years": self.payback_years, "kpis": self.kpis,
        }


@dataclass
class SiteResult:
    """Ranked selections of K sites, the base they are compared with, and how good the estimate was."""

    k: int
    base_plan: Plan
    base_kpis: dict[str, Any]
    choices: list[SiteChoice]
    calibration: dict[str, float]
    agreement: dict[str, Any] = field(default_factory=dict)

    @property
    def any_incomplete(self) -> bool:
        """Whether the base or some selection leaves rooms unserved or work undone (the CLI exits 3)."""
        return incomplete(self.base_kpis) or any(incomplete(c.kpis) for c in self.choices)

    def to_json(self) -> dict[str, Any]:
        """``site.json``: base, calibration, ranked choices, rank agreement."""
        return {
            "k": self.k,
            "base": {"name": "base", "kpis": self.base_kpis},
            "calibration": self.calibration,
            "choices": [c.to_json() for c in self.choices],
            "agreement": self.agreement,
        }


def site(
    scenario: Scenario,
    k: int,
    *,
    candidates: Sequence[str] | None = None,
    time_limit: float | None = None,
    iterations: int | None = None,
    seed: int = 0,
    executor: Executor | None = None,
    top: int = 3,
    model_time_limit: float = 60.0,
    source: str | None = None,
    progress: Callable[[str], None] | None = None,
    base_plan: Plan | None = None,
) -> SiteResult:
    """The best ``top`` selections of ``k`` candidate sites, re-planned with the real engine and ranked.

    ``time_limit`` / ``iterations`` / ``seed`` are the engine budget of every full plan;
    ``model_time_limit`` bounds the facility-location solves together. ``base_plan``, if given, is
    used instead of planning the base again (it should have been made with the same budget).
    """
    sites = _candidates(scenario, candidates, k, source or scenario.name)
    budget = Budget(time_limit, iterations, seed)
    if base_plan is None:
        base_plan = run_plans({"base": (scenario, [])}, budget, executor=executor, progress=progress)["base"]
    costs = build_cost_model(scenario, sites)
    alpha, base_estimate = _calibrate(costs, base_plan)
    problem = LocationProblem(costs.assignment_cost(alpha), costs.demand_kg, costs.capacity_kg,
                              costs.candidate, costs.build_per_day)
    selections = best_selections(problem, k, top=top, time_limit=model_time_limit, seed=seed)
    base_cost = float(base_plan.kpis.get("cost", 0.0))
    choices = _replan(scenario, costs, selections, base_cost - base_estimate, budget, executor, progress)
    base_kpis = _checked_kpis(scenario, base_plan)
    _rank(choices, base_cost, base_kpis)
    estimates = [c.estimated_cost for c in choices]
    return SiteResult(
        k=k,
        base_plan=base_plan,
        base_kpis=base_kpis,
        choices=sorted(choices, key=lambda c: c.rank),
        calibration={"alpha": round(alpha, 4), "cost_per_km": round(costs.cost_per_km, 4),
                     "truckload_kg": round(costs.truckload_kg, 1), "units": len(costs.unit_ids),
                     "base_estimate": round(base_estimate, 2)},
        agreement=rank_agreement(estimates, [c.full_cost for c in choices]),
    )


def save_site(result: SiteResult, out_dir: str | Path) -> None:
    """Write ``DIR/base/plan.json``, ``DIR/<choice>/plan.json`` and ``DIR/site.json`` (atomically)."""
    out = Path(out_dir)
    save_plan(result.base_plan, out / "base" / "plan.json")
    for choice in result.choices:
        save_plan(choice.plan, out / choice.name / "plan.json")
    write_atomic(out / "site.json", json.dumps(result.to_json(), ensure_ascii=False, indent=1) + "\n")


def _candidates(scenario: Scenario, wanted: Sequence[str] | None, k: int, where: str) -> list[Station]:
    """The candidate stations the search may open; every bad id or an impossible K is reported."""
    by_id = {s.id: s for s in scenario.stations}
    ids = list(dict.fromkeys(wanted)) if wanted else [s.id for s in scenario.stations if s.status == "candidate"]
    problems = [Problem(where, None, "--candidates", f"unknown station id {i!r}") for i in ids if i not in by_id]
    problems += [
        Problem(where, None, "--candidates", f"station {i!r} is already in use, not a candidate site")
        for i in ids if i in by_id and by_id[i].status != "candidate"
    ]
    if not problems and not 1 <= k <= len(ids):
        problems.append(Problem(where, None, "--open", f"cannot open {k} of {len(ids)} candidate sites"))
    if problems:
        raise ScenarioError(problems)
    return [by_id[i] for i in ids]


def _calibrate(costs: CostModel, base_plan: Plan) -> tuple[float, float]:
    """``alpha`` = real collection km / stem km of the base configuration, and the base estimate with it."""
    base = _base_problem(costs, 1.0)
    first = best_selections(base, 0)[0]
    stem_km = _stem_km(costs, first.assignment)
    real_km = sum(r.distance_km for r in base_plan.routes)
    alpha = real_km / stem_km if stem_km > 0 and real_km > 0 else 1.0
    return alpha, best_selections(_base_problem(costs, alpha), 0)[0].estimate


def _base_problem(costs: CostModel, alpha: float) -> LocationProblem:
    """The location problem with no candidate opened (the base configuration)."""
    return LocationProblem(costs.assignment_cost(alpha), costs.demand_kg, costs.capacity_kg,
                           costs.candidate, costs.build_per_day)


def _stem_km(costs: CostModel, assignment: np.ndarray) -> float:
    served = np.flatnonzero(assignment >= 0)
    return float(costs.stem_km[served, assignment[served]].sum())


def _replan(scenario: Scenario, costs: CostModel, selections: list[Selection], anchor: float,
            budget: Budget, executor: Executor | None, progress: Callable[[str], None] | None) -> list[SiteChoice]:
    """Full plans for each selection, through the executor, as unranked choices."""
    picked = [[costs.station_ids[c] for c in sel.opened] for sel in selections]
    jobs = {"open-" + "+".join(ids): (open_sites(scenario, ids), site_names(ids)) for ids in picked}
    plans = run_plans(jobs, budget, executor=executor, progress=progress)
    choices = []
    for sel, ids, (name, (varied, _)) in zip(selections, picked, jobs.items()):
        plan = plans[name]
        choices.append(SiteChoice(
            sites=ids, estimated_cost=anchor + sel.estimate, estimate_optimal=sel.optimal,
            estimated_unserved_kg=sel.unserved_kg, plan=plan, kpis=_checked_kpis(varied, plan),
            build_cost=float(costs.build_cost[list(sel.opened)].sum()),
            build_cost_per_day=sel.build_per_day,
        ))
    return choices


def _rank(choices: list[SiteChoice], base_cost: float, base_kpis: dict[str, Any]) -> None:
    """Rank by (rooms unserved, work left undone, full cost); fill in savings, payback and the
    estimate's own ranking. A selection leaving more undone than the base (see
    :func:`~wasteopt.whatif.kpis.worse_served`) ranks below the complete ones and gets payback ``"n/a"``.
    """
    order = sorted(choices, key=lambda c: (c.kpis["unserved"], incomplete(c.kpis), c.full_cost))
    for rank, choice in enumerate(order, start=1):
        choice.rank = rank
    for rank, choice in enumerate(sorted(choices, key=lambda c: c.estimated_cost), start=1):
        choice.estimate_rank = rank
    for choice in choices:
        choice.saving_per_day = round(base_cost - choice.kpis["cost"], 2)
        worse = worse_served(base_kpis, choice.kpis)
        choice.payback_years = "n/a" if worse else payback_years(choice.build_cost, choice.saving_per_day)


def _checked_kpis(scenario: Scenario, plan: Plan) -> dict[str, Any]:
    return summarise(scenario, plan, validate(scenario, plan))
