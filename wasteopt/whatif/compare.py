"""Plan the base and each variant with several seeds and one budget, and set them side by side.

Every plan is made through one executor (a process pool, or a Dask cluster) and checked by the
independent validator. With the warm start (default) each variant starts from the base's plan of
the same seed and re-plans only the routes near the change, and so does the base (or baseline) it
is compared with (:mod:`wasteopt.whatif.study`), so the two differ only where the change forces it.
Per variant the study reports the mean and spread of each figure over the seeds
(:func:`wasteopt.whatif.noise.spread`), its Δ to the base, and the difference to its *baseline* with
a paired 95 % interval and a verdict (:mod:`wasteopt.whatif.noise`). The base's own row is its first
plans (from scratch); each Δ is against the base re-planned alongside the variant.

The baseline is the base, except for a combined variant that builds stations: "open C01 + close
S01" is measured against "close S01" (:func:`~wasteopt.whatif.variants.without_openings`; planned
too if not asked for), so its payback is the opening's own. The payback discounts the yearly saving
at the scenario's ``planning.discount_rate`` and is flagged when it comes after the station's life.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wasteopt.files import write_atomic
from wasteopt.plan.models import Plan, save_plan
from wasteopt.plan.validate import validate
from wasteopt.scenario.models import Scenario
from wasteopt.whatif.kpis import DEFAULT_LIFETIME_YEARS, DELTA_KEYS, incomplete, payback_years, summarise, within_life, worse_served
from wasteopt.whatif.noise import paired_difference, spread, verdict
from wasteopt.whatif.study import BASE, STUDY_NOTES, BaseRuns, first_plans, plan_from_base, seed_list, study_notes
from wasteopt.whatif.tasks import Budget
from wasteopt.whatif.variants import apply_variants, opened_candidates, spec_label, split_spec, without_openings

SPREAD_KEYS = ("cost", "trucks", "distance_km")
"""The figures whose spread over seeds, and difference to the baseline with its interval, are reported."""

DEFAULT_SEEDS = 3
"""Seeds per plan of a study unless told otherwise (``--seeds``)."""


@dataclass
class Outcome:
    """One plan of a study over several seeds: the scenario, the first seed's plan (the one written)
    and its figures, every seed's figures, and the comparison with the base and the baseline."""

    name: str
    variant: list[str]
    scenario: Scenario
    plan: Plan
    kpis: dict[str, Any]
    runs: list[dict[str, Any]] = field(default_factory=list)
    seeds: list[int] = field(default_factory=list)
    delta: dict[str, float] | None = None
    baseline: str | None = None
    difference: dict[str, dict[str, Any]] | None = None
    verdict: str | None = None
    added: bool = False
    build_cost: float = 0.0
    opened: list[str] = field(default_factory=list)
    payback_years: float | str | None = None
    lifetime_years: float | None = None
    within_life: bool | None = None
    elapsed_s: list[float] = field(default_factory=list)
    compared_with: Outcome | None = None  # the baseline's plans the difference is taken against (re-planned beside this one when warm)

    def __post_init__(self) -> None:
        if not self.runs:  # an outcome of one plan
            self.runs = [self.kpis]

    @property
    def mean(self) -> dict[str, float]:
        """Each compared figure's mean over the seeds."""
        return {key: round(statistics.fmean(run[key] for run in self.runs), 3) for key in DELTA_KEYS}

    @property
    def spread(self) -> dict[str, dict[str, float | int]]:
        """Mean, sd, min and max over the seeds of cost, trucks and km."""
        return {key: spread([run[key] for run in self.runs]) for key in SPREAD_KEYS}

    def to_json(self) -> dict[str, Any]:
        """The outcome as it appears in ``comparison.json``."""
        data: dict[str, Any] = {"name": self.name, "variant": self.variant, "kpis": self.kpis, "seeds": self.seeds,
                                "runs": [_run_json(seed, run) for seed, run in zip(self.seeds, self.runs)],
                                "mean": self.mean, "spread": self.spread}
        if self.delta is not None:
            data.update(delta=self.delta, baseline=self.baseline, difference=self.difference, verdict=self.verdict,
                        added_as_baseline=self.added, opened=self.opened, build_cost=self.build_cost,
                        payback_years=self.payback_years, lifetime_years=self.lifetime_years,
                        pays_back_within_life=self.within_life)
        if self.compared_with is not None:
            data["baseline_runs"] = [_run_json(seed, run) for seed, run in zip(self.compared_with.seeds, self.compared_with.runs)]
        return data


@dataclass
class Comparison:
    """The base and each variant over the same seeds, compared with the base and their baseline."""

    base: Outcome
    variants: list[Outcome]
    base_runs: BaseRuns | None = None
    discount_rate: float = 0.0
    warm: bool = True

    @property
    def outcomes(self) -> list[Outcome]:
        """Base first, then the variants in the order asked for (baselines added at the end)."""
        return [self.base, *self.variants]

    @property
    def any_incomplete(self) -> bool:
        """Whether some plan leaves rooms unserved or work undone (the CLI exits 3)."""
        return any(incomplete(run) for o in self.outcomes for run in o.runs)

    def to_json(self) -> dict[str, Any]:
        """``{"base": {...}, "variants": [{..., "difference": {...}, "verdict": ..., "payback_years": ...}], ...}``."""
        return {"base": self.base.to_json(), "variants": [v.to_json() for v in self.variants],
                "seeds": self.base.seeds, "warm_start": self.warm, "discount_rate": self.discount_rate,
                "interval": "paired by seed: mean difference ± 95 % Student-t interval"}


def compare(
    scenario: Scenario,
    variants: Sequence[str | Sequence[str]],
    *,
    time_limit: float | None = None,
    iterations: int | None = None,
    seed: int = 0,
    seeds: int = DEFAULT_SEEDS,
    warm: bool = True,
    stability: float = 0.0,
    executor: Executor | None = None,
    source: str | None = None,
    progress: Callable[[str], None] | None = None,
    base: BaseRuns | None = None,
) -> Comparison:
    """Plan the base and each variant (a name, ``"a+b"``, or a list of names) with ``seeds`` seeds
    (``seed``, ``seed + 1``, …) and compare them.

    Every variant is applied before anything is solved, so a bad name fails fast. ``warm``: variants
    start from the base's plan of their seed (see the module docstring). ``base``: the base's first
    plans when already made (same budget and seeds). ``source`` names the scenario file in errors;
    ``progress`` is told each plan's name as it finishes. A variant that leaves more undone than its
    baseline (rooms unserved, error diagnostics, violations) gets payback ``"n/a"``. ``stability``:
    with the warm start, the yuan per room a plan must save to move it off its truck in the base plan
    (as ``plan --stability``; 0: the cheaper plan wins).
    """
    specs = [split_spec(v) if isinstance(v, str) else list(v) for v in variants]
    jobs: dict[str, tuple[Scenario, list[str]]] = {}
    for names in specs:
        jobs[spec_label(names)] = (apply_variants(scenario, names, source=source), names)
    baselines = {label: without_openings(scenario, names) for label, (_, names) in list(jobs.items())}
    added = []
    for names in baselines.values():
        if names is not None and spec_label(names) not in jobs:
            jobs[spec_label(names)] = (apply_variants(scenario, names, source=source), names)
            added.append(spec_label(names))
    budget = Budget(time_limit, iterations, seed, stability)
    if base is None:
        base = first_plans(scenario, budget, seed_list(seed, seeds), warm=warm, executor=executor, progress=progress)
    references = {label: [BASE] + ([spec_label(names)] if names is not None else []) for label, names in baselines.items()}
    replans = plan_from_base(base, scenario, jobs, budget, references=references, executor=executor, progress=progress)
    seed_order = list(base.seeds)
    base_outcome = _outcome(BASE, scenario, [], list(base.first), seed_order)
    outcomes = {name: _outcome(name, varied, names, replans.plans[name], seed_order) for name, (varied, names) in jobs.items()}
    for name, outcome in outcomes.items():
        paired = replans.paired[name]
        base_pair = _outcome(BASE, scenario, [], paired[BASE], seed_order)
        baseline = next((r for r in paired if r != BASE), None)
        reference = base_pair if baseline is None else _outcome(baseline, jobs[baseline][0], list(jobs[baseline][1]), paired[baseline], seed_order)
        _compare_with(scenario, outcome, base_pair, reference)
        outcome.added = name in added
    return Comparison(base_outcome, list(outcomes.values()), base, scenario.planning.discount_rate, base.warm)


def save_comparison(comparison: Comparison, out_dir: str | Path) -> None:
    """Write ``DIR/<name>/plan.json`` for every plan (the first seed's) and ``DIR/comparison.json``
    (all atomically)."""
    out = Path(out_dir)
    for outcome in comparison.outcomes:
        save_plan(outcome.plan, out / outcome.name / "plan.json")
    write_atomic(out / "comparison.json", json.dumps(comparison.to_json(), ensure_ascii=False, indent=1) + "\n")


def _outcome(name: str, scenario: Scenario, variant: list[str], plans: list[Plan], seeds: list[int]) -> Outcome:
    runs = [{**summarise(scenario, plan, validate(scenario, plan)), **study_notes(plan)} for plan in plans]
    elapsed = [float(plan.solver.get("elapsed_s") or 0.0) for plan in plans]
    return Outcome(name, variant, scenario, plans[0], runs[0], runs=runs, seeds=seeds, elapsed_s=elapsed)


def _compare_with(base_scenario: Scenario, outcome: Outcome, base: Outcome, baseline: Outcome) -> None:
    """Fill in the Δ to the base, the difference to the baseline with its verdict, and for variants
    that build stations the payback against the baseline."""
    outcome.delta = {key: paired_difference([r[key] for r in outcome.runs], [r[key] for r in base.runs])["mean"]
                     for key in DELTA_KEYS}
    outcome.baseline = baseline.name
    outcome.compared_with = baseline
    outcome.difference = {key: paired_difference([r[key] for r in outcome.runs], [r[key] for r in baseline.runs])
                          for key in SPREAD_KEYS}
    outcome.verdict = verdict(outcome.difference["cost"])
    built = [s for s in opened_candidates(base_scenario, outcome.scenario)
             if s.id not in {b.id for b in opened_candidates(base_scenario, baseline.scenario)}]
    if built:
        outcome.opened = [s.id for s in built]
        outcome.build_cost = float(sum(s.build_cost or 0.0 for s in built))
        outcome.lifetime_years = min((s.lifetime_years or DEFAULT_LIFETIME_YEARS) for s in built)
        worse = any(worse_served(b, v) for b, v in zip(baseline.runs, outcome.runs))
        saving = -outcome.difference["cost"]["mean"]
        rate = base_scenario.planning.discount_rate
        outcome.payback_years = "n/a" if worse else payback_years(outcome.build_cost, saving, rate)
        outcome.within_life = within_life(outcome.payback_years, outcome.lifetime_years)


def _run_json(seed: int, kpis: dict[str, Any]) -> dict[str, Any]:
    """One seed's headline figures, for ``comparison.json``."""
    return {"seed": seed, **{key: kpis[key] for key in DELTA_KEYS}, "errors": len(kpis["errors"]),
            "violations": len(kpis["violations"]), **{key: kpis[key] for key in STUDY_NOTES if kpis.get(key)}}
