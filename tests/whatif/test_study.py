"""The plans of a study: first plans per seed, then the base and the jobs from them (or cold)."""

from __future__ import annotations

import pytest

from wasteopt.plan.validate import validate
from wasteopt.whatif.study import first_plans, plan_from_base, seed_list
from wasteopt.whatif.tasks import Budget
from wasteopt.whatif.variants import apply_variants

BUDGET = Budget(iterations=150, seed=4)


def test_seed_list():
    assert seed_list(4, 3) == (4, 5, 6)
    with pytest.raises(ValueError):
        seed_list(0, 0)


def test_warm_jobs_start_from_the_first_plan_of_their_seed(two_stations, pool):
    base = first_plans(two_stations, BUDGET, seed_list(4, 2), executor=pool)
    assert [p.solver["seed"] for p in base.first] == [4, 5] and base.reference == base.first
    closed = apply_variants(two_stations, ["s2-closed"])
    base, plans = plan_from_base(base, two_stations, {"s2-closed": (closed, ["s2-closed"])}, BUDGET, executor=pool)
    assert list(plans) == ["s2-closed"] and [p.solver["seed"] for p in plans["s2-closed"]] == [4, 5]
    for plan in (*plans["s2-closed"], *base.reference):
        assert plan.solver["from"]["scenario"] == two_stations.name  # re-planned from the first plan
    for plan in plans["s2-closed"]:
        assert validate(closed, plan) == [] and plan.variant == ["s2-closed"]
    for plan, first in zip(base.reference, base.first):
        assert validate(two_stations, plan) == []
        # the re-plan starts from the first plan and keeps the better routes: never dearer to collect
        assert sum(r.cost for r in plan.routes) <= sum(r.cost for r in first.routes) + 0.01


def test_cold_jobs_start_from_scratch_and_the_reference_is_the_first_plans(two_stations, pool):
    base = first_plans(two_stations, BUDGET, seed_list(4, 2), warm=False, executor=pool)
    again, plans = plan_from_base(base, two_stations, {"same": (two_stations, [])}, BUDGET, executor=pool)
    assert again.reference == base.first
    # the same scenario from scratch with the same seeds: the same plans (reproducible)
    assert [p.kpis["cost"] for p in plans["same"]] == [p.kpis["cost"] for p in base.first]
    assert all("from" not in p.solver for p in plans["same"])
