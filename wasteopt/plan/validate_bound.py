"""The plan's lower bound (``lower_bound``) is a possible bound: a number, not negative, not above the plan.

A lower bound says no plan can do better, so it can never exceed a plan the validator finds
feasible: its ``distance_km`` is at most the plan's collection km and its ``cost`` (when given) at
most the plan's collection cost — both as recomputed from the scenario, not as the plan states them.
Rules: ``bound-distance``, ``bound-cost``.
"""

from __future__ import annotations

from wasteopt.plan.models import LowerBound
from wasteopt.plan.validate_kpis import is_number, show
from wasteopt.plan.validate_recount import Echelon
from wasteopt.plan.validate_route import REL, TOL_COST, TOL_KM
from wasteopt.plan.violation import Violation


def check_bound(bound: LowerBound, collection: Echelon) -> list[Violation]:
    """Violations of the bound's distance and cost against the recomputed collection figures."""
    found = _check_one("bound-distance", "distance_km", bound.distance_km, collection.km, TOL_KM, "km")
    if bound.cost is not None:
        found += _check_one("bound-cost", "cost", bound.cost, collection.cost, TOL_COST, "cost")
    return found


def _check_one(rule: str, name: str, stated: object, plan_figure: float, tolerance: float, unit: str) -> list[Violation]:
    if not is_number(stated):
        return [Violation(rule, "lower_bound", f"{name} is {show(stated)}, not a number")]
    assert isinstance(stated, (int, float))
    if stated < 0:
        return [Violation(rule, "lower_bound", f"{name} {show(stated)} is negative")]
    if stated > plan_figure + tolerance + REL * plan_figure:
        what = f"{plan_figure:.3f} km" if unit == "km" else f"collection cost {plan_figure:.2f}"
        return [Violation(rule, "lower_bound", f"{name} {show(stated)} is above the plan's own {what} (recomputed): no bound exceeds a feasible plan")]
    return []
