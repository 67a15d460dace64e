"""The plan's lower bound (``lower_bound``) is a possible bound: a number, not negative, not above the plan.

A lower bound says no plan can do better, so it can never exceed a plan the validator finds
feasible: its ``distance_km`` is at most the plan's collection km and its ``cost`` (when given) at
most the plan's collection cost — both as recomputed from the scenario, not as the plan states them.
Its ``ratio`` (when given) is the one figure every output words the bound by, "collection cost ≤ 2.17 ×
the lower bound": the recomputed collection cost over the bound's cost (km over ``distance_km`` when
the bound has no cost), rounded up to two decimals — so the statement holds, and is not a loose one.
Rules: ``bound-distance``, ``bound-cost``, ``bound-ratio``.
"""

from __future__ import annotations

import math

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
    if bound.ratio is not None:
        found += _check_ratio(bound, collection)
    return found


def _check_ratio(bound: LowerBound, collection: Echelon) -> list[Violation]:
    """The stated ratio against the recomputed collection figure over the bound's: at least the exact
    ratio (less what the routes' rounding allows) and at most it rounded up to two decimals."""
    stated = bound.ratio
    if not is_number(stated):
        return [Violation("bound-ratio", "lower_bound", f"ratio is {show(stated)}, not a number")]
    assert isinstance(stated, (int, float))
    basis = bound.basis
    if basis is None:
        return [Violation("bound-ratio", "lower_bound", f"ratio {show(stated)} is stated, but the bound has no positive "
                          "cost or distance_km to compare the plan with")]
    if basis == "cost":
        figure, slack, of = collection.cost, TOL_COST * max(1, collection.terms), "collection cost"
        below = float(bound.cost)  # type: ignore[arg-type]
    else:
        figure, slack, of = collection.km, TOL_KM * max(1, collection.terms), "collection km"
        below = float(bound.distance_km)
    slack += REL * figure
    exact = figure / below
    low, high = (figure - slack) / below, LowerBound.round_up((figure + slack) / below)
    if low - 1e-9 <= stated <= high + 1e-9 and math.isfinite(exact):
        return []
    return [Violation("bound-ratio", "lower_bound", f"ratio {show(stated)} does not match the plan: its {of} {figure:.2f} "
                      f"(recomputed) over the bound's {below:.2f} is {exact:.4f}, stated as {LowerBound.round_up(exact):.2f}")]


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
