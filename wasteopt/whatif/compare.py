"""Solve the base scenario and each variant with the same budget and seed, and set them side by side.

All plans are made in parallel through one executor (a process pool, or a Dask cluster), every plan
is checked by the independent validator, and the figures are compared with the base: Δ per figure,
and for variants that build candidate stations the payback period of the build cost.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wasteopt.files import write_atomic
from wasteopt.plan.models import Plan, save_plan
from wasteopt.plan.validate import validate
from wasteopt.scenario.models import Scenario
from wasteopt.whatif.kpis import delta, incomplete, payback_years, summarise, worse_served
from wasteopt.whatif.sweep import run_plans
from wasteopt.whatif.tasks import Budget
from wasteopt.whatif.variants import apply_variants, opened_candidates, spec_label, split_spec


@dataclass
class Outcome:
    """One plan of a study: the scenario it was made for, the plan, and its figures."""

    name: str
    variant: list[str]
    scenario: Scenario
    plan: Plan
    kpis: dict[str, Any]
    delta: dict[str, float] | None = None
    build_cost: float = 0.0
    opened: list[str] = field(default_factory=list)
    payback_years: float | str | None = None

    def to_json(self) -> dict[str, Any]:
        """The outcome as it appears in ``comparison.json``."""
        data: dict[str, Any] = {"name": self.name, "variant": self.variant, "kpis": self.kpis}
        if self.delta is not None:
            data.update(delta=self.delta, opened=self.opened, build_cost=self.build_cost,
                        payback_years=self.payback_years)
        return data


@dataclass
class Comparison:
    """The base plan and each variant's plan, compared with the base."""

    base: Outcome
    variants: list[Outcome]

    @property
    def outcomes(self) -> list[Outcome]:
        """Base first, then the variants in the order asked for."""
        return [self.base, *self.variants]

    @property
    def any_incomplete(self) -> bool:
        """Whether some plan leaves rooms unserved or work undone (the CLI exits 3)."""
        return any(incomplete(o.kpis) for o in self.outcomes)

    def to_json(self) -> dict[str, Any]:
        """``{"base": {...}, "variants": [{..., "delta": {...}, "payback_years": ...}]}``."""
        return {"base": self.base.to_json(), "variants": [v.to_json() for v in self.variants]}


def compare(
    scenario: Scenario,
    variants: Sequence[str | Sequence[str]],
    *,
    time_limit: float | None = None,
    iterations: int | None = None,
    seed: int = 0,
    executor: Executor | None = None,
    source: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> Comparison:
    """Plan the base and each variant (a name, ``"a+b"``, or a list of names) and compare them.

    Every variant is applied before anything is solved, so a bad name fails fast. ``source`` names the
    scenario file in errors; ``progress`` is told each plan's name as it finishes. A variant that
    leaves more undone than the base (rooms unserved, error diagnostics such as containers left at
    the stations, violations) gets payback ``"n/a"``: its saving is not a saving.
    """
    specs = [split_spec(v) if isinstance(v, str) else list(v) for v in variants]
    jobs = {"base": (scenario, [])}
    for names in specs:
        jobs[spec_label(names)] = (apply_variants(scenario, names, source=source), names)
    plans = run_plans(jobs, Budget(time_limit, iterations, seed), executor=executor, progress=progress)
    base = _outcome("base", *jobs["base"], plans["base"])
    return Comparison(base, [_variant_outcome(scenario, base, name, *jobs[name], plans[name]) for name in jobs if name != "base"])


def save_comparison(comparison: Comparison, out_dir: str | Path) -> None:
    """Write ``DIR/<name>/plan.json`` for every plan and ``DIR/comparison.json`` (all atomically)."""
    out = Path(out_dir)
    for outcome in comparison.outcomes:
        save_plan(outcome.plan, out / outcome.name / "plan.json")
    write_atomic(out / "comparison.json", json.dumps(comparison.to_json(), ensure_ascii=False, indent=1) + "\n")


def _outcome(name: str, scenario: Scenario, variant: list[str], plan: Plan) -> Outcome:
    return Outcome(name, variant, scenario, plan, summarise(scenario, plan, validate(scenario, plan)))


def _variant_outcome(base_scenario: Scenario, base: Outcome, name: str, scenario: Scenario,
                     variant: list[str], plan: Plan) -> Outcome:
    outcome = _outcome(name, scenario, variant, plan)
    outcome.delta = delta(base.kpis, outcome.kpis)
    built = opened_candidates(base_scenario, scenario)
    if built:
        outcome.opened = [s.id for s in built]
        outcome.build_cost = float(sum(s.build_cost or 0.0 for s in built))
        worse = worse_served(base.kpis, outcome.kpis)
        outcome.payback_years = "n/a" if worse else payback_years(outcome.build_cost, -outcome.delta["cost"])
    return outcome
