"""The lower bound is checked against the plan's recomputed collection figures.

On the hand-written tiny plan (tests/plan/test_validate.py) the routes drive 6 + 6 = 12 km and cost
127 + 137.8333 = 264.83."""

from __future__ import annotations

from typing import Any

import pytest

from tests.plan.test_validate import BASE_PLAN, make_scenario
from wasteopt.plan.models import LowerBound, Plan
from wasteopt.plan.validate import validate

ABOVE = "no bound exceeds a feasible plan"


def lines(bound: dict[str, Any] | LowerBound, **route_changes: Any) -> list[str]:
    """The violations of the tiny plan carrying ``bound`` (built without pydantic's checks when a
    model is given, so the values may be anything)."""
    plan = Plan.model_validate(BASE_PLAN)
    if route_changes:
        plan.routes[0] = plan.routes[0].model_copy(update=route_changes)
    lower = bound if isinstance(bound, LowerBound) else LowerBound.model_validate(bound)
    return [str(v) for v in validate(make_scenario(), plan.model_copy(update={"lower_bound": lower}))]


@pytest.mark.parametrize("bound", [{}, {"distance_km": 12.0, "cost": 264.83}, {"distance_km": 11.5, "cost": None}])
def test_a_bound_at_or_below_the_plan_is_valid(bound: dict[str, Any]) -> None:
    assert lines(bound) == []


@pytest.mark.parametrize(
    ("bound", "line"),
    [
        ({"distance_km": 5000.0}, f"bound-distance: lower_bound: distance_km 5000 is above the plan's own 12.000 km (recomputed): {ABOVE}"),
        ({"distance_km": 12.5}, f"bound-distance: lower_bound: distance_km 12.5 is above the plan's own 12.000 km (recomputed): {ABOVE}"),
        ({"distance_km": 10.0, "cost": 300.0}, f"bound-cost: lower_bound: cost 300 is above the plan's own collection cost 264.83 (recomputed): {ABOVE}"),
        ({"distance_km": -1.0}, "bound-distance: lower_bound: distance_km -1 is negative"),
        ({"distance_km": 1.0, "cost": -5.0}, "bound-cost: lower_bound: cost -5 is negative"),
        ({"distance_km": float("nan")}, "bound-distance: lower_bound: distance_km is nan, not a number"),
        ({"distance_km": float("inf")}, "bound-distance: lower_bound: distance_km is inf, not a number"),
    ],
)
def test_a_wrong_bound_is_caught(bound: dict[str, Any], line: str) -> None:
    assert lines(bound) == [line]


def test_a_bound_that_is_no_number_is_caught() -> None:
    bound = LowerBound.model_construct(distance_km="far", cost=True, method="")
    assert lines(bound) == [
        "bound-distance: lower_bound: distance_km is 'far', not a number",
        "bound-cost: lower_bound: cost is True, not a number",
    ]


def test_the_bound_is_compared_with_the_recomputed_km_not_the_stated_km() -> None:
    # The route claims 7 km (the legs add up to 6), so the plan seems to drive 13 km: a bound of 12.5
    # is above the true 12 km all the same.
    assert lines({"distance_km": 12.5}, distance_km=7.0) == [
        "distance-mismatch: small-01: reports 7 km, the legs add up to 6.000 km",
        f"bound-distance: lower_bound: distance_km 12.5 is above the plan's own 12.000 km (recomputed): {ABOVE}",
    ]


# --- lower_bound.ratio: the one figure the bound is worded by ("collection cost ≤ 2.01 × the lower bound").
# Recomputed collection cost 264.8333 over a 132 cost bound is 2.0063, stated rounded up: 2.01.


@pytest.mark.parametrize("bound", [
    {"distance_km": 6.0, "cost": 132.0, "ratio": 2.01},
    {"distance_km": 6.0, "ratio": 2.0},  # no cost bound: on km, 12 / 6
    {"distance_km": 5.0, "cost": None, "ratio": 2.4},
    {"distance_km": 6.0, "cost": 132.0},  # a plan need not state it
])
def test_a_stated_ratio_that_matches_is_valid(bound: dict[str, Any]) -> None:
    assert lines(bound) == []


@pytest.mark.parametrize(("bound", "message"), [
    ({"distance_km": 6.0, "cost": 132.0, "ratio": 2.0},
     "ratio 2 does not match the plan: its collection cost 264.83 (recomputed) over the bound's 132.00 is 2.0063, stated as 2.01"),
    ({"distance_km": 6.0, "cost": 132.0, "ratio": 2.5},
     "ratio 2.5 does not match the plan: its collection cost 264.83 (recomputed) over the bound's 132.00 is 2.0063, stated as 2.01"),
    ({"distance_km": 6.0, "ratio": 1.9},
     "ratio 1.9 does not match the plan: its collection km 12.00 (recomputed) over the bound's 6.00 is 2.0000, stated as 2.00"),
    ({"distance_km": 0.0, "ratio": 1.0},
     "ratio 1 is stated, but the bound has no positive cost or distance_km to compare the plan with"),
    ({"distance_km": 6.0, "ratio": float("nan")}, "ratio is nan, not a number"),
])
def test_a_wrong_ratio_is_caught(bound: dict[str, Any], message: str) -> None:
    assert lines(bound) == [f"bound-ratio: lower_bound: {message}"]


def test_the_ratio_is_checked_against_the_recomputed_cost_not_the_stated_one() -> None:
    # The route claims to cost 200 more: the stated ratio follows the claim, the check the recount.
    found = lines({"distance_km": 6.0, "cost": 132.0, "ratio": 3.53}, cost=327.0)
    assert found[-1].startswith("bound-ratio: lower_bound: ratio 3.53 does not match the plan: its collection cost 264.83")


def test_ratio_rounds_up_so_the_statement_holds() -> None:
    bound = LowerBound(distance_km=6.0, cost=132.0)
    assert bound.basis == "cost" and bound.ratio_for(264.8333, 12.0) == 2.01
    assert LowerBound(distance_km=6.0).ratio_for(None, 12.0) == 2.0
    assert LowerBound(distance_km=6.0, cost=132.0).ratio_for(None, 12.0) is None
    assert LowerBound().basis is None and LowerBound().ratio_for(100.0, 10.0) is None
    assert LowerBound.round_up(2.17) == 2.17 and LowerBound.round_up(2.1701) == 2.18
