"""The plans of a study: first plans per seed, then each job and what it is compared with, re-planned
near the change from the first plan of their seed (or from scratch, cold)."""

from __future__ import annotations

import pytest

from wasteopt.network import network_for
from wasteopt.plan.validate import validate
from wasteopt.solve.focus import trucks_to_keep
from wasteopt.solve.engine import solve
from wasteopt.solve.options import SolveOptions
from wasteopt.whatif.study import _cross_check, first_plans, plan_from_base, seed_list
from wasteopt.whatif.tasks import Budget
from wasteopt.whatif.variants import apply_variants

from tests.solve.scenarios import three_villages

BUDGET = Budget(iterations=120, seed=4)


def test_seed_list():
    assert seed_list(4, 3) == (4, 5, 6)
    with pytest.raises(ValueError):
        seed_list(0, 0)


def visits(route) -> list[tuple[str, str]]:
    return [(s.kind, s.id) for s in route.stops if s.kind in ("room", "station")]


def test_warm_pairs_replan_the_same_routes_from_the_first_plan_of_their_seed(pool):
    # shifts long enough that the trucks near S1 take its rooms to the other stations without a truck more
    scenario = three_villages(shift_end="09:30").model_copy(update={"variants": {}})
    base = first_plans(scenario, BUDGET, seed_list(4, 2), executor=pool)
    assert [p.solver["seed"] for p in base.first] == [4, 5]
    closed = apply_variants(scenario, ["close:S1"])
    replans = plan_from_base(base, scenario, {"close:S1": (closed, ["close:S1"])}, BUDGET, executor=pool)
    assert list(replans.plans) == ["close:S1"] and list(replans.paired["close:S1"]) == ["base"]
    network = network_for(scenario)
    for first, plan, paired in zip(base.first, replans.plans["close:S1"], replans.paired["close:S1"]["base"]):
        assert validate(closed, plan) == [] and plan.variant == ["close:S1"] and plan.unserved == []
        assert validate(scenario, paired) == [] and paired.variant == []
        assert plan.solver["seed"] == paired.solver["seed"] == first.solver["seed"]
        assert paired.kpis["cost"] <= plan.kpis["cost"] + 0.005  # a plan without S1 is a plan with it too
        keep = trucks_to_keep(scenario, network, first, {"S1"})
        assert keep, "the villages far from S1 keep their trucks"
        before = {r.vehicle: visits(r) for r in first.routes}
        for replanned in (plan, paired):
            assert replanned.solver["from"]["scenario"] == scenario.name and "wider_catchment" not in replanned.solver
            now = {r.vehicle: visits(r) for r in replanned.routes}
            assert all(now[v] == before[v] for v in keep)


def test_a_pair_whose_replan_takes_a_truck_more_is_replanned_again_on_the_wider_catchment(pool):
    # short shifts: village A's trucks alone cannot take its rooms to the far stations
    scenario = three_villages().model_copy(update={"variants": {}})
    base = first_plans(scenario, BUDGET, seed_list(4, 2), executor=pool)
    closed = apply_variants(scenario, ["close:S1"])
    replans = plan_from_base(base, scenario, {"close:S1": (closed, ["close:S1"])}, BUDGET, executor=pool)
    network = network_for(scenario)
    for first, plan, paired in zip(base.first, replans.plans["close:S1"], replans.paired["close:S1"]["base"]):
        keep = trucks_to_keep(scenario, network, first, {"S1"})
        narrow = solve(closed, iterations=BUDGET.iterations, seed=first.solver["seed"],
                       options=SolveOptions(start_from=first, keep_trucks=keep))
        assert len(narrow.routes) > len(first.routes)  # what calls for the second try
        assert plan.solver["wider_catchment"] in ("taken", "tried") and paired.solver["wider_catchment"] in ("taken", "tried")
        assert validate(closed, plan) == [] and plan.unserved == [] and validate(scenario, paired) == []
        assert plan.kpis["cost"] <= narrow.kpis["cost"] + 0.005  # the better of the two tries


def test_cold_jobs_start_from_scratch_and_are_compared_with_the_first_plans(two_stations, pool):
    base = first_plans(two_stations, BUDGET, seed_list(4, 2), warm=False, executor=pool)
    replans = plan_from_base(base, two_stations, {"same": (two_stations, [])}, BUDGET, executor=pool)
    assert replans.paired["same"]["base"] == list(base.first)
    # the same scenario from scratch with the same seeds: the same plans (reproducible)
    assert [p.kpis["cost"] for p in replans.plans["same"]] == [p.kpis["cost"] for p in base.first]
    assert all("from" not in p.solver for p in replans.plans["same"])


def test_each_side_of_a_pair_takes_the_others_plan_where_it_is_one_and_costs_less(far_village):
    more = apply_variants(far_village, ["more-trucks"])
    searched = solve(far_village, iterations=300, seed=1)  # the base, searched
    hasty = solve(more, iterations=1, seed=1).model_copy(update={"variant": ["more-trucks"]})  # construction only
    assert hasty.kpis["cost"] > searched.kpis["cost"]  # more trucks, yet dearer: the search did not get as far
    plans, base_plans = [hasty], [searched]
    _cross_check(more, plans, far_village, base_plans, "more-trucks", "base")
    assert base_plans == [searched]  # the dearer plan is not taken
    taken = plans[0]
    assert taken.routes == searched.routes and taken.variant == ["more-trucks"] and taken.solver["plan_of"] == "base"
    assert validate(more, taken) == [] and taken.kpis["cost"] == searched.kpis["cost"]
