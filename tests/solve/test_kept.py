"""Re-planning part of an earlier plan (wasteopt.solve.kept): the kept trucks' routes stay exactly as
they were, the rest is routed around them within what they leave, and every plan is valid."""

from __future__ import annotations

import pytest

import wasteopt
from wasteopt.network import network_for
from wasteopt.plan.validate import validate
from wasteopt.scenario.models import Variant
from wasteopt.solve.collection.instance import build_instance
from wasteopt.solve.kept import kept_routes, remainder, without_trucks
from wasteopt.solve.options import SolveOptions
from wasteopt.whatif.variants import apply_variant

BUDGET = {"iterations": 120, "seed": 2}


def visits(route) -> list[tuple[str, str]]:
    return [(s.kind, s.id) for s in route.stops if s.kind in ("room", "station")]


def unloads_at(route, station: str) -> bool:
    return any(s.kind == "station" and s.id == station for s in route.stops)


def test_kept_trucks_keep_their_routes_and_the_rest_is_replanned(district):
    scenario, previous = district
    closed = apply_variant(scenario, Variant(close=["S1"]))
    keep = frozenset(r.vehicle for r in previous.routes if not unloads_at(r, "S1"))
    assert keep and len(keep) < len(previous.routes)
    plan = wasteopt.solve(closed, **BUDGET, options=SolveOptions(start_from=previous, keep_trucks=keep))
    assert validate(closed, plan) == [] and plan.unserved == []
    now = {r.vehicle: r for r in plan.routes}
    for route in previous.routes:
        if route.vehicle in keep:
            assert visits(now[route.vehicle]) == visits(route)
    assert not any(unloads_at(r, "S1") for r in plan.routes)


def test_a_kept_truck_whose_route_the_scenario_no_longer_allows_is_rerouted(district):
    scenario, previous = district
    closed = apply_variant(scenario, Variant(close=["S1"]))
    everyone = frozenset(r.vehicle for r in previous.routes)
    plan = wasteopt.solve(closed, **BUDGET, options=SolveOptions(start_from=previous, keep_trucks=everyone))
    assert validate(closed, plan) == [] and plan.unserved == []
    now = {r.vehicle: r for r in plan.routes}
    for route in previous.routes:
        if not unloads_at(route, "S1"):
            assert visits(now[route.vehicle]) == visits(route)


def test_keeping_every_truck_of_an_unchanged_scenario_keeps_the_plan(district):
    scenario, previous = district
    everyone = frozenset(r.vehicle for r in previous.routes)
    plan = wasteopt.solve(scenario, **BUDGET, options=SolveOptions(start_from=previous, keep_trucks=everyone))
    assert validate(scenario, plan) == []
    assert {r.vehicle: visits(r) for r in plan.routes} == {r.vehicle: visits(r) for r in previous.routes}
    assert plan.kpis["cost"] == pytest.approx(previous.kpis["cost"], abs=0.01)


def test_the_remainder_has_what_the_kept_routes_leave(district):
    scenario, previous = district
    network = network_for(scenario)
    instance = build_instance(scenario, network)
    first = sorted(previous.routes, key=lambda r: r.vehicle)[0]
    kept = kept_routes(instance, network, previous, {first.vehicle})
    assert list(kept) == [first.vehicle]
    rest = remainder(instance, list(kept.values()))
    served = {s.id for s in first.stops if s.kind == "room"}
    assert {r.id for r in rest.rooms} == {r.id for r in scenario.rooms} - served
    assert rest.fleet[0].count == scenario.fleet[0].count - 1
    unloaded = {s.id: 0.0 for s in scenario.stations}
    for stop in first.stops:
        if stop.kind == "station":
            unloaded[stop.id] += stop.unloaded_kg or 0.0
    for before, after in zip(scenario.stations, rest.stations):
        assert after.capacity_t_per_day == pytest.approx(before.capacity_t_per_day - unloaded[before.id] / 1000, abs=1e-3)
    assert [r.vehicle for r in without_trucks(previous, kept).routes] == [r.vehicle for r in previous.routes if r.vehicle != first.vehicle]


def test_the_rest_is_routed_by_regions_when_it_is_large(district):
    scenario, previous = district
    closed = apply_variant(scenario, Variant(close=["S1"]))
    keep = frozenset(r.vehicle for r in previous.routes if not unloads_at(r, "S1"))
    options = SolveOptions(start_from=previous, keep_trucks=keep, decompose_above=0)
    plan = wasteopt.solve(closed, **BUDGET, options=options)
    assert plan.solver["decomposed"] and validate(closed, plan) == [] and plan.unserved == []
    now = {r.vehicle: visits(r) for r in plan.routes}
    assert all(now[r.vehicle] == visits(r) for r in previous.routes if r.vehicle in keep)
