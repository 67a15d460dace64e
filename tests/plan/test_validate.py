"""The validator on a hand-built scenario: a plan written by hand passes, and each rule, broken on
its own, is reported with its code and subject (plus exactly the knock-on findings the break implies).

The scenario is projected x/y with euclidean travel, circuity 1 and 36 km/h (10 m/s), so every leg
below is a whole number of kilometres and of 100-second steps, checkable by hand.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from wasteopt.cli import main
from wasteopt.plan import validate as validate_module
from wasteopt.plan.models import Plan
from wasteopt.plan.validate import Violation, validate
from wasteopt.scenario.models import Scenario

BASE_SCENARIO: dict[str, Any] = {
    "name": "tiny",
    "travel": {"model": "euclidean", "circuity": 1.0, "speed_kmh": 36},
    "garages": [{"id": "G1", "x": 0, "y": 0}, {"id": "G2", "x": 0, "y": 0}],
    "rooms": [
        {"id": "R1", "x": 1000, "y": 0, "waste_kg_per_day": 300, "volume_m3_per_day": 1.0, "max_vehicle_class": 2},
        {"id": "R2", "x": 2000, "y": 0, "waste_kg_per_day": 400, "volume_m3_per_day": 1.5},
        {"id": "R3", "x": 0, "y": 1000, "waste_kg_per_day": 200, "volume_m3_per_day": 0.5},
        {"id": "R4", "x": 0, "y": 2000, "waste_kg_per_day": 500, "volume_m3_per_day": 1.0, "tw_open": "06:30", "tw_close": "07:00"},
        {"id": "R5", "x": 50000, "y": 50000, "waste_kg_per_day": 100},
    ],
    "stations": [
        {"id": "S1", "x": 3000, "y": 0, "capacity_t_per_day": 2, "open": "06:00", "close": "18:00", "unload_min": 10},
        {"id": "S2", "x": 0, "y": 3000, "capacity_t_per_day": 2, "unload_min": 10},
        {"id": "S9", "x": 3000, "y": 0, "capacity_t_per_day": 2, "status": "candidate"},
    ],
    "fleet": [
        {"id": "small", "count": 2, "garage": "G1", "capacity_kg": 800, "capacity_m3": 3.0, "vehicle_class": 2,
         "shift_start": "06:00", "shift_end": "14:00", "fixed_cost": 100, "cost_per_km": 2, "cost_per_hour": 30},
        {"id": "other", "count": 1, "garage": "G2", "capacity_kg": 800},
    ],
}

# small-01: G1 -1 km-> R1 -1 km-> R2 -1 km-> S1 -3 km-> G1 = 6 km; 100 s per km; service 5 min, unload 10.
# Back at 06:30:00 → 0.5 h; cost 100 + 6×2 + 0.5×30 = 127.
ROUTE_1 = {
    "vehicle": "small-01", "vehicle_type": "small", "garage": "G1",
    "distance_km": 6.0, "duration_h": 0.5, "cost": 127.0, "unload_trips": 1,
    "stops": [
        {"kind": "garage", "id": "G1", "depart": "06:00:00", "load_kg": 0},
        {"kind": "room", "id": "R1", "arrive": "06:01:40", "depart": "06:06:40", "load_kg": 300},
        {"kind": "room", "id": "R2", "arrive": "06:08:20", "depart": "06:13:20", "load_kg": 700},
        {"kind": "station", "id": "S1", "arrive": "06:15:00", "depart": "06:25:00", "unloaded_kg": 700, "load_kg": 0},
        {"kind": "garage", "id": "G1", "arrive": "06:30:00", "load_kg": 0},
    ],
}
# small-02: G1 → R3 → R4 (waits for its window to open at 06:30) → S2 → G1 = 6 km; back 06:51:40
# → 3100 s = 0.86111 h; cost 100 + 12 + 25.8333 = 137.8333.
ROUTE_2 = {
    "vehicle": "small-02", "vehicle_type": "small", "garage": "G1",
    "distance_km": 6.0, "duration_h": 0.8611, "cost": 137.83, "unload_trips": 1,
    "stops": [
        {"kind": "garage", "id": "G1", "depart": "06:00:00", "load_kg": 0},
        {"kind": "room", "id": "R3", "arrive": "06:01:40", "depart": "06:06:40", "load_kg": 200},
        {"kind": "room", "id": "R4", "arrive": "06:08:20", "depart": "06:35:00", "load_kg": 700},
        {"kind": "station", "id": "S2", "arrive": "06:36:40", "depart": "06:46:40", "unloaded_kg": 700, "load_kg": 0},
        {"kind": "garage", "id": "G1", "arrive": "06:51:40", "load_kg": 0},
    ],
}
BASE_PLAN: dict[str, Any] = {
    "scenario": "tiny",
    "routes": [ROUTE_1, ROUTE_2],
    "unserved": [{"id": "R5", "reason": "unreachable within any shift"}],
    "kpis": {"distance_km": 12.0, "vehicles_used": 2, "cost": 264.83, "station_load_kg": {"S1": 700, "S2": 700}},
}


def make_scenario(**changes: dict[str, Any]) -> Scenario:
    """The base scenario with fields of some places changed: ``make_scenario(R1={"tw_open": "07:00"})``."""
    data = copy.deepcopy(BASE_SCENARIO)
    for group in ("rooms", "stations", "fleet", "garages"):
        for item in data[group]:
            item.update(changes.get(item["id"], {}))
    return Scenario.model_validate(data)


def findings(mutate: Callable[[dict[str, Any]], None] | None = None, scenario: Scenario | None = None) -> set[tuple[str, str]]:
    """(rule, subject) of every violation of the base plan, changed by ``mutate``, against a scenario."""
    data = copy.deepcopy(BASE_PLAN)
    if mutate is not None:
        mutate(data)
    return {(v.rule, v.subject) for v in validate(scenario or make_scenario(), Plan.model_validate(data))}


def stop(data: dict[str, Any], route: int, position: int) -> dict[str, Any]:
    """A stop of the plan data, by route index and 0-based position, to change in place."""
    return data["routes"][route]["stops"][position]


def test_hand_written_plan_is_valid() -> None:
    assert validate(make_scenario(), Plan.model_validate(BASE_PLAN)) == []


def test_violation_prints_rule_subject_message() -> None:
    assert str(Violation("time-window", "R4", "too late")) == "time-window: R4: too late"


def test_plan_without_kpis_or_unload_counts_is_valid() -> None:
    def strip(data: dict[str, Any]) -> None:
        data["kpis"] = {}
        for route in data["routes"]:
            del route["unload_trips"]

    assert findings(strip) == set()


def test_idle_truck_costs_nothing_and_is_not_counted_used() -> None:
    idle = {"vehicle": "other-01", "vehicle_type": "other", "garage": "G2", "distance_km": 0, "duration_h": 0, "cost": 0,
            "stops": [{"kind": "garage", "id": "G2", "depart": "06:00:00"}, {"kind": "garage", "id": "G2", "arrive": "06:00:00"}]}
    assert findings(lambda d: d["routes"].append(idle)) == set()


def test_plan_for_another_scenario() -> None:
    assert findings(lambda d: d.update(scenario="other")) == {("scenario-mismatch", "other")}


# --- coverage ---------------------------------------------------------------------------------


def test_room_missing() -> None:
    assert findings(lambda d: d["unserved"].clear()) == {("room-missing", "R5")}


def test_room_listed_unserved_twice() -> None:
    assert findings(lambda d: d["unserved"].append({"id": "R5", "reason": "again"})) == {("room-duplicate", "R5")}


def test_room_visited_twice() -> None:
    # R1 visited again by small-02 straight after R3: its load, unload, times and figures shift too.
    def revisit(data: dict[str, Any]) -> None:
        data["routes"][1]["stops"].insert(2, {"kind": "room", "id": "R1", "arrive": "06:10:00", "depart": "06:15:00", "load_kg": 500})

    assert ("room-duplicate", "R1") in findings(revisit)


def test_room_served_and_unserved() -> None:
    assert findings(lambda d: d["unserved"].append({"id": "R1", "reason": "?"})) == {("room-served-and-unserved", "R1")}


def test_unknown_room_listed_unserved() -> None:
    assert findings(lambda d: d["unserved"].append({"id": "R99", "reason": "?"})) == {("room-unknown", "R99")}


def test_unknown_room_on_a_route() -> None:
    assert ("room-unknown", "R1x") in findings(lambda d: stop(d, 0, 1).update(id="R1x"))


# --- fleet ------------------------------------------------------------------------------------


def test_vehicle_unknown() -> None:
    assert findings(lambda d: d["routes"][1].update(vehicle="small-03")) == {("vehicle-unknown", "small-03")}


def test_vehicle_type_mismatch() -> None:
    assert findings(lambda d: d["routes"][0].update(vehicle_type="other")) == {("vehicle-type-mismatch", "small-01")}


def test_vehicle_reused() -> None:
    assert findings(lambda d: d["routes"][1].update(vehicle="small-01")) == {("vehicle-reused", "small-01")}


def test_garage_mismatch() -> None:
    assert findings(lambda d: d["routes"][0].update(garage="G2")) == {("garage-mismatch", "small-01")}


# --- route shape and places ---------------------------------------------------------------------


def test_route_starts_elsewhere() -> None:
    assert findings(lambda d: stop(d, 0, 0).update(id="G2")) == {("route-start", "small-01")}


def test_route_ends_elsewhere() -> None:
    assert findings(lambda d: stop(d, 0, -1).update(id="G2")) == {("route-end", "small-01")}


def test_garage_in_the_middle_of_a_route() -> None:
    def via_garage(data: dict[str, Any]) -> None:
        data["routes"][0]["stops"].insert(3, {"kind": "garage", "id": "G1", "arrive": "06:30:00", "depart": "06:30:00", "load_kg": 700})

    assert ("route-shape", "small-01") in findings(via_garage)


def test_station_unknown() -> None:
    # kpis still say S1 received 700 kg, which now goes to S7, which they do not list.
    found = findings(lambda d: stop(d, 0, 3).update(id="S7"))
    assert found == {("station-unknown", "S7"), ("kpi-station-load", "S1"), ("kpi-station-load", "S7")}


def test_candidate_station_not_open() -> None:
    # S9 sits where S1 is, so only the station's status (and the kpis naming S1, not S9) differ.
    found = findings(lambda d: stop(d, 0, 3).update(id="S9"))
    assert found == {("station-not-open", "S9"), ("kpi-station-load", "S1"), ("kpi-station-load", "S9")}


def test_access_restricted_room() -> None:
    assert findings(scenario=make_scenario(R1={"max_vehicle_class": 1})) == {("access", "R1")}


# --- loads and capacity -----------------------------------------------------------------------


def test_load_mismatch() -> None:
    assert findings(lambda d: stop(d, 0, 1).update(load_kg=250)) == {("load-mismatch", "small-01")}


def test_route_not_starting_empty() -> None:
    assert findings(lambda d: stop(d, 0, 0).update(load_kg=50)) == {("load-mismatch", "small-01")}


def test_volume_mismatch() -> None:
    assert findings(lambda d: stop(d, 0, 2).update(load_m3=2.0)) == {("load-mismatch", "small-01")}


def test_unloaded_mismatch() -> None:
    # The kpis' 700 kg at S1 is what the rooms put there: one wrong figure, one violation.
    assert findings(lambda d: stop(d, 0, 3).update(unloaded_kg=600)) == {("unloaded-mismatch", "small-01")}


def test_unloaded_not_reported() -> None:
    assert findings(lambda d: stop(d, 1, 3).pop("unloaded_kg")) == {("unloaded-mismatch", "small-02")}


def test_collected_mismatch() -> None:
    assert findings(lambda d: stop(d, 0, 1).update(collected_kg=250)) == {("collected-mismatch", "R1")}


def test_capacity_by_weight() -> None:
    found = findings(scenario=make_scenario(small={"capacity_kg": 600}))
    assert found == {("capacity-weight", "small-01"), ("capacity-weight", "small-02")}


def test_capacity_by_volume() -> None:
    assert findings(scenario=make_scenario(small={"capacity_m3": 2.0})) == {("capacity-volume", "small-01")}


def test_unload_before_home() -> None:
    # small-01 skips S1 and drives home loaded: G1 → R1 → R2 → G1 = 4 km, back 06:16:40; figures updated
    # honestly (load 700 at home, 4 km, 1000 s, cost 100 + 8 + 8.33), so only the rule itself is broken.
    def skip_station(data: dict[str, Any]) -> None:
        route = data["routes"][0]
        del route["stops"][3]
        route["stops"][3].update(arrive="06:16:40", load_kg=700)
        route.update(distance_km=4.0, duration_h=1000 / 3600, cost=116.33, unload_trips=0)
        data["kpis"] = {"distance_km": 10.0, "vehicles_used": 2, "cost": 254.16, "station_load_kg": {"S2": 700}}

    assert findings(skip_station) == {("unload-before-home", "small-01")}


def test_station_capacity() -> None:
    assert findings(scenario=make_scenario(S1={"capacity_t_per_day": 0.5})) == {("station-capacity", "S1")}


# --- times ------------------------------------------------------------------------------------


def test_missing_time() -> None:
    assert findings(lambda d: stop(d, 0, 1).pop("depart")) == {("time-format", "small-01")}


def test_bad_time_text() -> None:
    assert findings(lambda d: stop(d, 0, 2).update(arrive="6h08")) == {("time-format", "small-01")}


def test_arrives_faster_than_driving_allows() -> None:
    assert findings(lambda d: stop(d, 0, 1).update(arrive="06:01:00")) == {("travel-time", "small-01")}


def test_one_second_of_rounding_is_allowed() -> None:
    assert findings(lambda d: stop(d, 0, 1).update(arrive="06:01:39")) == set()


def test_room_service_too_short() -> None:
    assert findings(lambda d: stop(d, 0, 1).update(depart="06:05:00")) == {("service-time", "small-01")}


def test_unloading_too_short() -> None:
    assert findings(lambda d: stop(d, 0, 3).update(depart="06:20:00")) == {("service-time", "small-01")}


def test_room_served_after_its_window_closes() -> None:
    assert findings(scenario=make_scenario(R4={"tw_open": None, "tw_close": "06:05"})) == {("time-window", "R4")}


def test_room_served_before_its_window_opens() -> None:
    # R2 opens 06:10: service could end 06:15 at the earliest, but the truck leaves 06:13:20.
    assert findings(scenario=make_scenario(R2={"tw_open": "06:10"})) == {("time-window", "R2")}


def test_unloading_after_station_closes() -> None:
    assert findings(scenario=make_scenario(S1={"close": "06:10"})) == {("station-hours", "S1")}


def test_unloading_before_station_opens() -> None:
    assert findings(scenario=make_scenario(S1={"open": "06:20"})) == {("station-hours", "S1")}


def test_leaves_before_shift_start() -> None:
    found = findings(scenario=make_scenario(small={"shift_start": "06:10"}))
    assert found == {("shift-start", "small-01"), ("shift-start", "small-02")}


def test_back_after_shift_end() -> None:
    assert findings(scenario=make_scenario(small={"shift_end": "06:45"})) == {("shift-end", "small-02")}


def test_vehicle_speed_overrides_travel_speed() -> None:
    # At 18 km/h every leg takes twice as long; the hand-written times are now too fast.
    assert ("travel-time", "small-01") in findings(scenario=make_scenario(small={"speed_kmh": 18}))


# --- reported figures -------------------------------------------------------------------------


def test_distance_mismatch() -> None:
    # The kpis' 12 km are the recomputed total: only the route's figure is wrong.
    assert findings(lambda d: d["routes"][0].update(distance_km=6.5)) == {("distance-mismatch", "small-01")}


def test_duration_mismatch() -> None:
    assert findings(lambda d: d["routes"][0].update(duration_h=0.6)) == {("duration-mismatch", "small-01")}


def test_cost_mismatch() -> None:
    assert findings(lambda d: d["routes"][0].update(cost=130.0)) == {("cost-mismatch", "small-01")}


def test_route_co2() -> None:
    # small trucks emit 0.5 kg/km in this check: 6 km → 3 kg.
    scenario = make_scenario(small={"co2_kg_per_km": 0.5})
    assert findings(lambda d: d["routes"][0].update(co2_kg=3.0), scenario) == set()
    assert findings(lambda d: d["routes"][0].update(co2_kg=2.0), scenario) == {("co2-mismatch", "small-01")}


def test_route_figures_move_with_the_truth_not_with_the_stated_figures() -> None:
    # Both the route and the kpis claim 5 km: the kpis agree with the route, not with the legs.
    def shrink(data: dict[str, Any]) -> None:
        data["routes"][0]["distance_km"] = 5.0
        data["kpis"]["distance_km"] = 11.0

    assert findings(shrink) == {("distance-mismatch", "small-01"), ("kpi-distance", "kpis")}


def test_cost_ignores_objective_weights() -> None:
    weighted = Scenario.model_validate({**BASE_SCENARIO, "planning": {"objective": {"fixed_cost": 5.0, "distance_cost": 0.0}}})
    assert validate(weighted, Plan.model_validate(BASE_PLAN)) == []


def test_unload_trips_mismatch() -> None:
    assert findings(lambda d: d["routes"][0].update(unload_trips=2)) == {("unload-trips-mismatch", "small-01")}


def test_kpi_distance() -> None:
    assert findings(lambda d: d["kpis"].update(distance_km=13.0)) == {("kpi-distance", "kpis")}


def test_kpi_vehicles_used() -> None:
    assert findings(lambda d: d["kpis"].update(vehicles_used=3)) == {("kpi-vehicles", "kpis")}


def test_kpi_vehicle_hours() -> None:
    assert findings(lambda d: d["kpis"].update(vehicle_hours=1.5)) == {("kpi-hours", "kpis")}
    assert findings(lambda d: d["kpis"].update(vehicle_hours=1.361)) == set()


@pytest.mark.parametrize(("name", "right"), [("unload_trips", 2), ("rooms_served", 4), ("rooms_unserved", 1)])
def test_kpi_counts(name: str, right: int) -> None:
    assert findings(lambda d: d["kpis"].update({name: right})) == set()
    assert findings(lambda d: d["kpis"].update({name: right + 1})) == {("kpi-counts", "kpis")}


def test_kpi_cost() -> None:
    assert findings(lambda d: d["kpis"].update(cost=300.0)) == {("kpi-cost", "kpis")}


def test_kpi_collection_cost_is_checked_when_the_haul_cannot_be_recomputed(monkeypatch: pytest.MonkeyPatch) -> None:
    # The trip's truck is not in the scenario: the haul's figures (and so the whole-chain cost) cannot
    # be recomputed, but the collection's still are.
    monkeypatch.setattr(validate_module, "check_haul", lambda scenario, plan, network: [])  # the haul has its own rules

    def with_haul(data: dict[str, Any]) -> None:
        data["haul"] = [{"truck": "H-01", "station": "S1", "plant": "P1", "depart": "09:00:00", "arrive": "09:30:00", "payload_kg": 700}]
        data["kpis"].update(cost=999.0, collection_cost=265.0)

    assert findings(with_haul) == {("kpi-cost", "kpis")}


def test_kpi_station_load() -> None:
    assert findings(lambda d: d["kpis"]["station_load_kg"].update(S1=800)) == {("kpi-station-load", "S1")}


# --- properties: every stop of the hand-written plan is as early as the rules allow, so moving any
# time earlier, or misreporting any load, must be caught -----------------------------------------

STOPS = [(r, k) for r, route in enumerate(BASE_PLAN["routes"]) for k in range(len(route["stops"]))]


@settings(max_examples=60, deadline=None)
@given(where=st.sampled_from(STOPS), field=st.sampled_from(["arrive", "depart"]), earlier=st.integers(2, 3600))
def test_any_time_moved_earlier_is_caught(where: tuple[int, int], field: str, earlier: int) -> None:
    from wasteopt.plan.models import clock_seconds, clock_text

    def move(data: dict[str, Any]) -> None:
        moved = stop(data, *where)
        if moved.get(field) is not None:
            moved[field] = clock_text(max(0, clock_seconds(moved[field]) - earlier))

    if BASE_PLAN["routes"][where[0]]["stops"][where[1]].get(field) is not None:
        rules = {rule for rule, _ in findings(move)}
        assert rules & {"travel-time", "service-time", "time-window", "station-hours", "shift-start"}


@settings(max_examples=60, deadline=None)
@given(where=st.sampled_from(STOPS), delta=st.floats(0.6, 5000) | st.floats(-5000, -0.6))
def test_any_misreported_load_is_caught(where: tuple[int, int], delta: float) -> None:
    found = findings(lambda d: stop(d, *where).update(load_kg=stop(d, *where)["load_kg"] + delta))
    assert ("load-mismatch", BASE_PLAN["routes"][where[0]]["vehicle"]) in found


# --- haul -------------------------------------------------------------------------------------


def test_haul_violations_are_included(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = []

    def fake_check_haul(scenario: Scenario, plan: Plan, network: object) -> list[Violation]:
        seen.append(network)
        return [Violation("haul-test", "H-01", "reported by the haul rules")]

    monkeypatch.setattr(validate_module, "check_haul", fake_check_haul)
    assert findings() == {("haul-test", "H-01")}
    assert seen and seen[0] is not None


# --- wasteopt validate SCENARIO PLAN ----------------------------------------------------------


@pytest.fixture
def files(tmp_path: Path) -> Callable[..., list[str]]:
    """Write the base scenario (inline YAML) and a plan (the base plan, changed by ``mutate``, or raw
    text); return the CLI arguments ``[scenario.yaml, plan.json]``. With ``complete`` the scenario
    lacks the far room R5, so the plan serves every room."""
    pytest.importorskip("wasteopt.scenario.loader")

    def write(mutate: Callable[[dict[str, Any]], None] | None = None, text: str | None = None, complete: bool = False) -> list[str]:
        data = copy.deepcopy(BASE_PLAN)
        scenario_data = {**copy.deepcopy(BASE_SCENARIO), "variants": {"open-s9": {"open": ["S9"]}}}
        if complete:
            scenario_data["rooms"] = [r for r in scenario_data["rooms"] if r["id"] != "R5"]
            data["unserved"] = []
        if mutate is not None:
            mutate(data)
        scenario = tmp_path / "scenario.yaml"
        scenario.write_text(yaml.safe_dump(scenario_data, allow_unicode=True), encoding="utf-8")
        plan = tmp_path / "plan.json"
        plan.write_text(text if text is not None else json.dumps(data), encoding="utf-8")
        return [str(scenario), str(plan)]

    return write


def run_validate(arguments: list[str]) -> Any:
    return CliRunner().invoke(main, ["validate", *arguments])


def test_cli_valid_and_complete_plan_exits_0(files: Callable[..., list[str]]) -> None:
    result = run_validate(files(complete=True))
    assert result.exit_code == 0, result.output
    assert result.output == (
        "plan is valid: 2 routes, 4 rooms served, 0 unserved, 12.00 km, collection cost 264.83, 0 haul trips\n"
    )


def test_cli_valid_plan_with_a_room_unserved_exits_3(files: Callable[..., list[str]]) -> None:
    result = run_validate(files())
    assert result.exit_code == 3, result.output
    assert result.output == (
        "plan is valid but incomplete: 1 room unserved "
        "(2 routes, 4 rooms served, 1 unserved, 12.00 km, collection cost 264.83, 0 haul trips)\n"
    )


def test_cli_tampered_kpi_exits_1(files: Callable[..., list[str]]) -> None:
    result = run_validate(files(lambda d: d["kpis"].update(cost=100.0), complete=True))
    assert result.exit_code == 1
    assert result.output.splitlines() == ["kpi-cost: kpis: cost 100, recomputed 264.83", "1 violation"]


def test_cli_prints_every_violation(files: Callable[..., list[str]]) -> None:
    def break_two(data: dict[str, Any]) -> None:
        stop(data, 0, 1).update(arrive="06:01:00")
        data["unserved"].clear()

    result = run_validate(files(break_two))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "room-missing: R5: neither visited by any route nor listed unserved",
        "travel-time: small-01: stop 2 (R1): arrives 06:01:00, but the drive takes 100 s, so 06:01:40 at the earliest",
        "2 violations",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "plan.json:1: not valid JSON: Expecting property name enclosed in double quotes"),
        ('{"scenario": "tiny",\n "routes": 3}', "plan.json: routes: Input should be a valid list"),
        ('{"routes": [], "extra": 1}', "plan.json: scenario: Field required (and 1 more problem)"),
    ],
)
def test_cli_bad_plan_file(files: Callable[..., list[str]], text: str, message: str) -> None:
    arguments = files(text=text)
    result = run_validate(arguments)
    assert result.exit_code == 2
    assert result.output == f"{str(Path(arguments[1]).parent)}/{message}\n"


def test_cli_missing_plan_file(files: Callable[..., list[str]]) -> None:
    scenario, plan = files()
    Path(plan).unlink()
    result = run_validate([scenario, plan])
    assert result.exit_code == 2
    assert result.output == f"{plan}: cannot read the plan: No such file or directory\n"


def test_cli_applies_the_plans_variants(files: Callable[..., list[str]]) -> None:
    def use_s9(data: dict[str, Any]) -> None:
        stop(data, 0, 3).update(id="S9")
        data["kpis"]["station_load_kg"] = {"S9": 700, "S2": 700}

    assert run_validate(files(use_s9)).output.splitlines() == [
        "station-not-open: S9: small-01 unloads at candidate site S9, which is not open",
        "1 violation",
    ]

    def use_s9_opened(data: dict[str, Any]) -> None:
        use_s9(data)
        data["variant"] = ["open-s9"]

    result = run_validate(files(use_s9_opened, complete=True))
    assert result.exit_code == 0, result.output


def test_cli_unknown_variant_is_bad_input(files: Callable[..., list[str]]) -> None:
    arguments = files(lambda d: d.update(variant=["nope"]))
    result = run_validate(arguments)
    assert result.exit_code == 2
    # The wording after the variant name belongs to the what-if area; here: one line, naming file and field.
    assert len(result.output.splitlines()) == 1
    assert result.output.startswith(f"{arguments[0]}: variant: unknown variant 'nope'")
