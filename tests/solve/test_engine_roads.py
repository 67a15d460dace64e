"""Plans on OpenStreetMap roads that differ by vehicle class: each truck is routed, timed and costed
on its own class's roads, rooms only smaller classes reach go to the small truck (or are unserved
with the reason), and the validator holds every plan to the same roads — with the build's tables
(model ``matrix``) and with travel computed on demand (model ``roads``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.network.osm_xml import STEP_M
from tests.solve.road_cases import MODELS, haul_scenario, shortcut_scenario, track_scenario
from wasteopt.network import network_for
from wasteopt.plan.models import Plan
from wasteopt.plan.validate import validate
from wasteopt.scenario.models import Scenario
from wasteopt.solve.engine import solve


def _plan(scenario: Scenario) -> Plan:
    plan = solve(scenario, iterations=50, seed=1)
    assert plan.solver["violations"] == []
    return plan


def _rooms_by_type(plan: Plan) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for route in plan.routes:
        out.setdefault(route.vehicle_type, set()).update(s.id for s in route.stops if s.kind == "room")
    return out


@pytest.mark.parametrize("model", MODELS)
def test_rooms_down_a_track_go_to_the_small_truck(tmp_path: Path, model: str) -> None:
    scenario = track_scenario(tmp_path, model)
    plan = _plan(scenario)
    assert plan.unserved == []
    served = _rooms_by_type(plan)
    assert {"FARM", "LANE"} <= served["class1"] and not {"FARM", "LANE"} & served.get("class2", set())
    assert validate(scenario, plan) == []  # a fresh network, as `wasteopt validate` builds it
    network = network_for(scenario)
    for route in plan.routes:  # each route's km are its own class's road metres
        ids = [s.id for s in route.stops if s.kind != "break"]
        own = network.for_class(int(route.vehicle_type[-1]))
        assert route.distance_km == pytest.approx(sum(own.legs_m(ids)) / 1000, abs=1e-3)


@pytest.mark.parametrize("model", MODELS)
def test_the_validator_rejects_a_large_truck_sent_down_the_track(tmp_path: Path, model: str) -> None:
    scenario = track_scenario(tmp_path, model)
    plan = _plan(scenario)
    swapped = {"class1": ("class2", "class2-01"), "class2": ("class1", "class1-01")}
    routes = [r.model_copy(update={"vehicle_type": swapped[r.vehicle_type][0], "vehicle": swapped[r.vehicle_type][1]})
              for r in plan.routes]
    found = validate(scenario, plan.model_copy(update={"routes": routes}))
    access = {(v.subject, v.message) for v in found if v.rule == "access"}
    assert ("FARM", "class2-01 is vehicle class 2; the roads to it admit class 1 at most (tracks, maxwidth or maxweight)") in access
    assert ("LANE", "class2-01 is vehicle class 2; the roads to it admit class 1 at most (tracks, maxwidth or maxweight)") in access


@pytest.mark.parametrize("model", MODELS)
def test_with_no_small_truck_the_track_rooms_are_unserved_with_the_reason(tmp_path: Path, model: str) -> None:
    scenario = track_scenario(tmp_path, model, counts={1: 0, 2: 1})
    plan = _plan(scenario)
    assert {u.id: u.reason for u in plan.unserved} == {
        "FARM": "no vehicle of class ≤ 1 in the fleet (narrow access)",
        "LANE": "no vehicle of class ≤ 1 in the fleet (narrow access)",
    }
    assert _rooms_by_type(plan) == {"class2": {"TOP"}}
    assert validate(scenario, plan) == []


@pytest.mark.parametrize("model", MODELS)
def test_the_larger_truck_drives_round_the_field_not_down_the_track(tmp_path: Path, model: str) -> None:
    scenario = shortcut_scenario(tmp_path, model)
    plan = _plan(scenario)
    (route,) = plan.routes
    assert [s.id for s in route.stops if s.kind != "break"] == ["G", "R", "S", "G"]
    # class 2: G → R round the field (10 steps), R → S (6), S → G (4); class 1 would take the track (2 + 6 + 4)
    assert route.distance_km == pytest.approx((round(10 * STEP_M) + round(6 * STEP_M) + round(4 * STEP_M)) / 1000)
    assert validate(scenario, plan) == []
    stated_for_class_1 = route.model_copy(update={"distance_km": (round(2 * STEP_M) + round(6 * STEP_M) + round(4 * STEP_M)) / 1000})
    found = validate(scenario, plan.model_copy(update={"routes": [stated_for_class_1]}))
    assert [(v.rule, v.subject, v.message) for v in found if v.rule == "distance-mismatch"] == [
        ("distance-mismatch", route.vehicle, "reports 1.334 km, the legs add up to 2.224 km")]
    assert plan.lower_bound is not None and plan.lower_bound.distance_km <= route.distance_km


@pytest.mark.parametrize("model", MODELS)
def test_the_haul_drives_on_the_largest_class_roads(tmp_path: Path, model: str) -> None:
    """Hook-lift trucks have no class: they are hauled, checked and costed as the largest class,
    round the field (G → S 4 steps, S → P 10, P → G 6), never up the track."""
    scenario = haul_scenario(tmp_path, model)
    plan = _plan(scenario)
    assert plan.haul and {t.station for t in plan.haul} == {"S"}
    network = network_for(scenario)
    assert sum(network.for_class(2).legs_m(["S", "P"])) == round(10 * STEP_M)
    assert sum(network.for_class(1).legs_m(["S", "P"])) == round(2 * STEP_M)
    assert plan.kpis["haul"]["km"] == pytest.approx((round(4 * STEP_M) + round(10 * STEP_M) + round(6 * STEP_M)) / 1000 * len(plan.haul), abs=1e-3)
    assert validate(scenario, plan) == []
