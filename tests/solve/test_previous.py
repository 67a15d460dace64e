"""Re-planning from an earlier plan (wasteopt.solve.previous): the start repaired where the scenario
changed, trucks keep their ids, the stability weight keeps the earlier routes, every plan valid."""

from __future__ import annotations

import wasteopt
from wasteopt.plan.models import Plan
from wasteopt.plan.validate import validate
from wasteopt.scenario.models import Scenario, Variant
from wasteopt.solve.options import SolveOptions
from wasteopt.whatif.variants import apply_variant

BUDGET = {"iterations": 120, "seed": 2}


def replan(scenario: Scenario, previous: Plan, **options: object) -> Plan:
    plan = wasteopt.solve(scenario, **BUDGET, options=SolveOptions(start_from=previous, **options))
    assert validate(scenario, plan) == [] and plan.solver["violations"] == []
    return plan


def trucks_of(plan: Plan) -> dict[str, str]:
    return {s.id: r.vehicle for r in plan.routes for s in r.stops if s.kind == "room"}


def test_a_heavy_stability_weight_keeps_every_room_on_its_truck(district):
    scenario, previous = district
    plan = replan(scenario, previous, stability=1e6)
    assert trucks_of(plan) == trucks_of(previous)
    assert plan.solver["from"]["changed_truck"] == 0 and plan.solver["from"]["same_truck"] == 36
    assert [d.code for d in plan.diagnostics].count("rooms-changed-truck") == 1


def test_without_stability_the_replan_is_never_dearer_than_its_start(district):
    scenario, previous = district
    plan = replan(scenario, previous)
    collection = sum(r.cost for r in plan.routes)
    assert collection <= sum(r.cost for r in previous.routes) + 0.01
    kept = plan.solver["from"]
    assert kept["same_truck"] + kept["changed_truck"] == 36 and kept["new"] == kept["dropped"] == 0


def test_closing_a_station_reinserts_its_trips_rooms_and_keeps_the_others_on_their_truck(district):
    scenario, previous = district
    loads = previous.kpis["station_load_kg"]
    busiest = max(loads, key=loads.get)
    closed = apply_variant(scenario, Variant(close=[busiest]))
    plan = replan(closed, previous, stability=1e6)
    assert plan.unserved == []
    assert all(s.id != busiest for r in plan.routes for s in r.stops if s.kind == "station")
    before, now = trucks_of(previous), trucks_of(plan)
    untouched = {rid for r in previous.routes for rid in _rooms_not_unloaded_at(r, busiest)}
    assert untouched and all(now[rid] == before[rid] for rid in untouched)


def _rooms_not_unloaded_at(route, station: str) -> list[str]:
    rooms, kept = [], []
    for stop in route.stops:
        if stop.kind == "room":
            rooms.append(stop.id)
        elif stop.kind == "station":
            kept += [] if stop.id == station else rooms
            rooms = []
    return kept


def test_fewer_trucks_than_routes_gives_a_valid_plan_within_the_new_fleet(district):
    scenario, previous = district
    vt = scenario.fleet[0]
    used = sum(1 for r in previous.routes if r.vehicle_type == vt.id)
    smaller = apply_variant(scenario, Variant(fleet={vt.id: max(1, used - 1)}))
    plan = replan(smaller, previous)
    assert sum(1 for r in plan.routes if r.vehicle_type == vt.id) <= max(1, used - 1)
    assert set(r.vehicle for r in plan.routes) <= set(smaller.vehicle_ids)


def test_regions_start_from_the_previous_plan_too(district):
    scenario, previous = district
    plan = replan(scenario, previous, decompose_above=0, stability=1e6)
    assert plan.solver["decomposed"] and plan.unserved == []
    assert plan.solver["from"]["changed_truck"] == 0


def test_the_same_seed_gives_the_same_replan(district):
    scenario, previous = district
    first, second = replan(scenario, previous), replan(scenario, previous)
    assert [r.model_dump() for r in first.routes] == [r.model_dump() for r in second.routes]


def test_the_diagnostic_is_said_in_chinese_too(district):
    from wasteopt.i18n_reasons import engine_text

    scenario, previous = district
    plan = replan(scenario, previous, stability=1e6)
    note = next(d for d in plan.diagnostics if d.code == "rooms-changed-truck")
    assert note.message.startswith("0 of 36 rooms served by both plans changed truck")
    assert engine_text(note.message, "zh").startswith("两个方案都收运的 36 个收集房中，有 0 个相对先前方案换了车")
