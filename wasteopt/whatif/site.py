"""Where to build the next K transfer stations: estimate with facility location, confirm with full plans.

1. Plan the base scenario with the real engine (the reference, and the calibration of the estimate).
2. Solve the capacitated facility-location model (:mod:`wasteopt.whatif.location`) on the calibrated
   cost estimate (:mod:`wasteopt.whatif.estimate`) for the best ``top`` distinct selections of K sites,
   and those the estimate cannot tell apart from the ``top``-th (:data:`ESTIMATE_TIE`), and the other
   estimate's best selection if it is not among them (:func:`_second_opinion`).
3. Re-plan each selection with the real engine, with the same seeds as the base and (warm start,
   the default) from the base's plan of each seed, re-planning only the routes near the new sites,
   beside the base re-planned on the same routes (:mod:`wasteopt.whatif.study`), in parallel through
   the executor, and rank them by their paired saving against the base less the annualised build
   cost (discounted at the scenario's ``planning.discount_rate``).
4. Report each selection's saving against the base with its paired 95 % interval and a verdict
   (:mod:`wasteopt.whatif.noise`), its payback (flagged when beyond the station's life), and how well
   the estimate ranked the selections against their full plans.

Each selection's estimated daily cost is anchored on the base plans: their mean cost (the plans the
selections are compared with) + (model estimate of the selection − model estimate of the base), so
estimate and actual are in the same units.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any, Literal, TypeVar

import numpy as np

from wasteopt.files import write_atomic
from wasteopt.plan.models import Plan, save_plan
from wasteopt.plan.validate import validate
from wasteopt.scenario.errors import Problem, ScenarioError
from wasteopt.scenario.models import Scenario, Station
from wasteopt.whatif.agreement import rank_agreement
from wasteopt.whatif.estimate import CostModel, build_cost_model
from wasteopt.whatif.kpis import DEFAULT_LIFETIME_YEARS, incomplete, payback_years, summarise, within_life, worse_served
from wasteopt.whatif.location import LocationProblem, Selection, best_selections
from wasteopt.whatif.trip_costs import trip_costs
from wasteopt.whatif.noise import paired_difference, spread, verdict
from wasteopt.whatif.study import BASE, STUDY_NOTES, BaseRuns, first_plans, plan_from_base, seed_list, study_notes
from wasteopt.whatif.tasks import Budget
from wasteopt.whatif.variants import open_sites, site_names


T = TypeVar("T")

DEFAULT_SEEDS = 3
"""Seeds per plan unless told otherwise (``--seeds``)."""

ESTIMATE_TIE = 0.01
"""Share of the base's daily cost within which the estimate cannot tell selections apart: those this
close to the ``top``-th best estimate are re-planned too (up to twice ``top``), so the full plans
decide between them rather than a fixed cut. On Zhangdian the stem estimate misses the full plans'
cost by 2–257 yuan a day (up to 1.6 % of the base), and three candidates lay within 6 yuan of each
other across the cut of the best three (604d4a5)."""


@dataclass
class SiteChoice:
    """One selection of sites: the model's estimate, and its full plans over the seeds."""

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
    runs: list[dict[str, Any]] = field(default_factory=list)
    reference_runs: list[dict[str, Any]] = field(default_factory=list)  # the base re-planned beside it, by seed
    base_cost: float | None = None  # the base plans' mean daily cost, which the actual cost is anchored on
    difference: dict[str, Any] | None = None
    verdict: str | None = None
    lifetime_years: float | None = None
    within_life: bool | None = None
    second_opinion: bool = False  # shortlisted as the other estimate's best (see ``_second_opinion``)

    def __post_init__(self) -> None:
        if not self.runs:  # a choice of one plan
            self.runs = [self.kpis]

    @property
    def name(self) -> str:
        """Directory and display name: ``open-C03+C05``."""
        return "open-" + "+".join(self.sites)

    @property
    def mean_cost(self) -> float:
        """The plans' full-chain daily cost, mean over the seeds."""
        return round(statistics.fmean(run["cost"] for run in self.runs), 2)

    @property
    def full_cost(self) -> float:
        """Full-chain daily cost with the site, plus the annualised build cost per day: the base plans'
        mean cost less the saving paired by seed (the plans' own mean before it is known), so choices
        re-planned beside different base re-plans compare on one footing, as the estimates do."""
        if self.base_cost is None or self.difference is None:
            return round(self.mean_cost + self.build_cost_per_day, 2)
        return round(self.base_cost - self.saving_per_day + self.build_cost_per_day, 2)

    @property
    def saving(self) -> dict[str, Any] | None:
        """The daily saving against the base with its 95 % interval (``mean``, ``low``, ``high``)."""
        if self.difference is None:
            return None
        d = self.difference
        flip = (lambda v: None if v is None else round(-v, 3))
        return {"mean": flip(d["mean"]), "low": flip(d["high"]), "high": flip(d["low"]), "n": d["n"]}

    def to_json(self) -> dict[str, Any]:
        """The choice as it appears in ``site.json``."""
        return {
            "rank": self.rank, "estimate_rank": self.estimate_rank, "name": self.name, "sites": self.sites,
            "estimated_cost": round(self.estimated_cost, 2), "actual_cost": self.full_cost,
            "estimate_optimal": self.estimate_optimal, "second_opinion": self.second_opinion,
            "estimated_unserved_kg": round(self.estimated_unserved_kg, 1),
            "build_cost": self.build_cost, "build_cost_per_day": round(self.build_cost_per_day, 2),
            "saving_per_day": self.saving_per_day, "net_saving_per_day": round(self.saving_per_day - self.build_cost_per_day, 2),
            "saving_interval": self.saving, "difference": self.difference, "verdict": self.verdict,
            "payback_years": self.payback_years, "lifetime_years": self.lifetime_years,
            "pays_back_within_life": self.within_life,
            "spread": {key: spread([run[key] for run in self.runs]) for key in ("cost", "trucks", "distance_km")},
            "runs": [{"cost": r["cost"], "trucks": r["trucks"], "distance_km": r["distance_km"], "unserved": r["unserved"],
                      **{key: r[key] for key in STUDY_NOTES if r.get(key)}} for r in self.runs],
            "kpis": self.kpis,
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
    base_runs: BaseRuns | None = None
    base_run_kpis: list[dict[str, Any]] = field(default_factory=list)
    discount_rate: float = 0.0

    @property
    def any_incomplete(self) -> bool:
        """Whether the base or some selection leaves rooms unserved or work undone (the CLI exits 3)."""
        return incomplete(self.base_kpis) or any(incomplete(run) for c in self.choices for run in c.runs)

    @property
    def seeds(self) -> list[int]:
        """The seeds every plan was made with."""
        return list(self.base_runs.seeds) if self.base_runs else []

    def to_json(self) -> dict[str, Any]:
        """``site.json``: base, calibration, ranked choices, rank agreement, seeds and candidate sites."""
        runs = self.base_run_kpis or [self.base_kpis]
        return {
            "k": self.k,
            "seeds": self.seeds,
            "warm_start": bool(self.base_runs and self.base_runs.warm),
            "discount_rate": self.discount_rate,
            "interval": "paired by seed: mean difference ± 95 % Student-t interval",
            "base": {"name": "base", "kpis": self.base_kpis,
                     "spread": {key: spread([r[key] for r in runs]) for key in ("cost", "trucks", "distance_km")},
                     "runs": [{"cost": r["cost"], "trucks": r["trucks"], "distance_km": r["distance_km"],
                               "unserved": r["unserved"]} for r in runs]},
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
    seeds: int = DEFAULT_SEEDS,
    warm: bool = True,
    stability: float = 0.0,
    executor: Executor | None = None,
    top: int = 3,
    model_time_limit: float = 60.0,
    source: str | None = None,
    progress: Callable[[str], None] | None = None,
    base: BaseRuns | None = None,
    estimate: Literal["stem", "routes"] = "routes",
) -> SiteResult:
    """The best ``top`` selections of ``k`` candidate sites (and any within :data:`ESTIMATE_TIE` of the
    ``top``-th, and the other estimate's best), re-planned with the real engine and ranked.

    ``time_limit`` / ``iterations`` are the engine budget of every full plan, made with ``seeds``
    seeds from ``seed`` on; ``warm``: each selection starts from the base's plan of its seed
    (``stability``: yuan per room moved off its truck there, as ``plan --stability``);
    ``model_time_limit`` bounds the facility-location solves together. ``base``: the base's first
    plans when already made (same budget and seeds), instead of planning them again. ``estimate``:
    how the location model prices a selection — ``routes`` (the base plan's unloads moved to the
    new sites; :mod:`~wasteopt.whatif.trip_costs`; it ranked Zhangdian's ten candidates as the full
    plans do to Kendall τ 0.91 in three runs, against 0.73, 0.87 and 0.82 by stem) or
    ``stem`` (villages' round trips, calibrated on the base plan; :mod:`~wasteopt.whatif.estimate`).
    """
    sites = _candidates(scenario, candidates, k, source or scenario.name)
    budget = Budget(time_limit, iterations, seed, stability)
    if base is None:
        base = first_plans(scenario, budget, seed_list(seed, seeds), warm=warm, executor=executor, progress=progress)
    costs = build_cost_model(scenario, sites)
    if estimate == "routes":
        problem, base_estimate = _route_problem(scenario, base.first[0], sites)
        calibration = {"estimate": "routes", "units": len(problem.demand_kg), "base_estimate": round(base_estimate, 2)}
    else:
        alpha, base_estimate = _calibrate(costs, base.first[0])
        problem = _base_problem(costs, alpha)
        calibration = {"estimate": "stem", "alpha": round(alpha, 4), "cost_per_km": round(costs.cost_per_km, 4),
                       "truckload_kg": round(costs.truckload_kg, 1), "units": len(costs.unit_ids),
                       "base_estimate": round(base_estimate, 2)}
    base_cost = float(base.first[0].kpis.get("cost", 0.0))
    found = best_selections(problem, k, top=2 * top, time_limit=model_time_limit, seed=seed)
    selections = within_reach(found, top, ESTIMATE_TIE * base_cost)
    other = _stem_problem(costs, base.first[0]) if estimate == "routes" else _route_problem(scenario, base.first[0], sites)[0]
    second = _second_opinion(problem, other, k, selections, model_time_limit / (2 * top), seed)
    selections += second
    choices = _replan(scenario, costs, selections, base_cost - base_estimate, budget, base, executor, progress)
    for choice in choices[len(selections) - len(second):]:
        choice.second_opinion = True
    base_runs = [_checked_kpis(scenario, plan) for plan in base.first]
    base_mean = statistics.fmean(r["cost"] for r in base_runs)
    for choice in choices:  # estimates and actual costs both anchored on the base's plans
        choice.estimated_cost += base_mean - base_cost
        choice.base_cost = base_mean
    _rank(choices, scenario)
    estimates = [c.estimated_cost for c in choices]
    return SiteResult(
        k=k,
        base_plan=base.first[0],
        base_kpis=base_runs[0],
        choices=sorted(choices, key=lambda c: c.rank),
        calibration=calibration,
        agreement=rank_agreement(estimates, [c.full_cost for c in choices]),
        base_runs=base,
        base_run_kpis=base_runs,
        discount_rate=scenario.planning.discount_rate,
    )


def within_reach(found: list[T], top: int, tie: float, estimate: Callable[[T], float] = attrgetter("estimate")) -> list[T]:
    """The first ``top`` of ``found`` (best estimate first), and any after them, up to twice ``top``,
    whose ``estimate`` is within ``tie`` yuan a day of the ``top``-th."""
    if len(found) <= top:
        return found
    cut = estimate(found[top - 1]) + tie
    return found[:top] + [item for item in found[top : 2 * top] if estimate(item) <= cut]


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


def _second_opinion(problem: LocationProblem, other: LocationProblem, k: int, shortlist: list[Selection],
                    time_limit: float, seed: int) -> list[Selection]:
    """The other estimate's best selection, priced by this one, when the shortlist lacks it. The two
    miss different things — the route estimate keeps the base's routes, so it misses a site that lets
    trucks serve a far village from close by (tests' far village: it ranks that site last); the stem
    one ignores where trucks really are when full — so the full plans decide between their picks."""
    picked = best_selections(other, k, time_limit=time_limit, seed=seed)
    if not picked or picked[0].opened in {s.opened for s in shortlist}:
        return []
    return best_selections(problem, k, time_limit=time_limit, seed=seed, require=picked[0].opened)[:1]


def _stem_problem(costs: CostModel, base_plan: Plan) -> LocationProblem:
    """The stem location problem calibrated on the base plan."""
    return _base_problem(costs, _calibrate(costs, base_plan)[0])


def _base_problem(costs: CostModel, alpha: float) -> LocationProblem:
    """The stem location problem at calibration ``alpha`` (its base configuration: no candidate opened)."""
    return LocationProblem(costs.assignment_cost(alpha), costs.demand_kg, costs.capacity_kg,
                           costs.candidate, costs.build_per_day)


def _route_problem(scenario: Scenario, base_plan: Plan, sites: list[Station]) -> tuple[LocationProblem, float]:
    """The location problem on the base plan's unloads, and its estimate of the base configuration."""
    trips = trip_costs(scenario, base_plan, sites)
    problem = LocationProblem(trips.cost, trips.demand_kg, trips.capacity_kg, trips.candidate,
                              trips.build_per_day, allowed=trips.allowed)
    return problem, best_selections(problem, 0)[0].estimate


def _stem_km(costs: CostModel, assignment: np.ndarray) -> float:
    served = np.flatnonzero(assignment >= 0)
    return float(costs.stem_km[served, assignment[served]].sum())


def _replan(scenario: Scenario, costs: CostModel, selections: list[Selection], anchor: float, budget: Budget,
            base: BaseRuns, executor: Executor | None,
            progress: Callable[[str], None] | None) -> list[SiteChoice]:
    """Full plans for each selection with every seed, and the base's plans each is compared with
    (re-planned on the same routes, when warm), through the executor: the unranked choices."""
    picked = [[costs.station_ids[c] for c in sel.opened] for sel in selections]
    jobs = {"open-" + "+".join(ids): (open_sites(scenario, ids), site_names(ids)) for ids in picked}
    replans = plan_from_base(base, scenario, jobs, budget, executor=executor, progress=progress)
    choices = []
    for sel, ids, (name, (varied, _)) in zip(selections, picked, jobs.items()):
        runs = [_checked_kpis(varied, plan) for plan in replans.plans[name]]
        reference = [_checked_kpis(scenario, plan) for plan in replans.paired[name][BASE]]
        built = [costs.station_ids[c] for c in sel.opened]
        life = min((s.lifetime_years or DEFAULT_LIFETIME_YEARS) for s in scenario.stations if s.id in built)
        choices.append(SiteChoice(
            sites=ids, estimated_cost=anchor + sel.estimate, estimate_optimal=sel.optimal,
            estimated_unserved_kg=sel.unserved_kg, plan=replans.plans[name][0], kpis=runs[0],
            build_cost=float(costs.build_cost[list(sel.opened)].sum()),
            build_cost_per_day=sel.build_per_day, runs=runs, reference_runs=reference, lifetime_years=life,
        ))
    return choices


def _rank(choices: list[SiteChoice], scenario: Scenario) -> None:
    """Fill in savings against the base plans each choice was re-planned beside, with their
    intervals and verdicts, and payback (discounted; flagged beyond the station's life); rank by
    (rooms unserved, work left undone, :attr:`SiteChoice.full_cost`), and by the estimate. A
    selection leaving more undone than the base (see :func:`~wasteopt.whatif.kpis.worse_served`)
    ranks below the complete ones and gets payback ``"n/a"``.
    """
    rate = scenario.planning.discount_rate
    for choice in choices:
        choice.difference = paired_difference([r["cost"] for r in choice.runs], [r["cost"] for r in choice.reference_runs])
        choice.verdict = verdict(choice.difference)
        choice.saving_per_day = round(-choice.difference["mean"], 2)
        worse = any(worse_served(b, c) for b, c in zip(choice.reference_runs, choice.runs))
        choice.payback_years = "n/a" if worse else payback_years(choice.build_cost, choice.saving_per_day, rate)
        choice.within_life = within_life(choice.payback_years, choice.lifetime_years)
    order = sorted(choices, key=lambda c: (c.kpis["unserved"], any(incomplete(r) for r in c.runs), c.full_cost))
    for rank, choice in enumerate(order, start=1):
        choice.rank = rank
    for rank, choice in enumerate(sorted(choices, key=lambda c: c.estimated_cost), start=1):
        choice.estimate_rank = rank


def _checked_kpis(scenario: Scenario, plan: Plan) -> dict[str, Any]:
    """The plan's figures against the scenario, and how the study came by it (:data:`STUDY_NOTES`)."""
    return {**summarise(scenario, plan, validate(scenario, plan)), **study_notes(plan)}
