"""The plan's KPIs against their recomputation: each tampering is caught with a named rule.

Two plans: the hand-checked one-station day (tests/solve/haul_cases.py, haul trips as in
test_validate_haul.py) with its whole-chain KPIs written out by hand below, and a plan the engine
makes for a small generated district, whose every stated figure is changed in turn.

Hand-checked figures: the collection truck's rooms and garage sit at S1, so it drives 0 km and costs
nothing (its rates are 0); 07:50–12:10 is 4.3333 h. The hook-lift truck drives 18 + 42 = 60 km from
10:00 to 13:25 (3.4167 h): 300 + 60 × 2 + 3.4167 × 50 = 590.83; CO₂ 60 × 1.2 = 72 kg. 17 t collected,
so 34.75 per tonne. Containers at S1: full at 10:10 and 12:10, swapped out by 10:20 and 12:20.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

import wasteopt
from tests.plan.test_validate_haul import TRIP_1, TRIP_2
from tests.solve.haul_cases import one_station
from wasteopt.plan.models import Plan
from wasteopt.plan.validate import validate
from wasteopt.scenario.generate import generate
from wasteopt.scenario.models import Scenario

CHAIN_KPIS: dict[str, Any] = {
    "distance_km": 0.0, "vehicles_used": 1, "vehicle_hours": 4.333, "unload_trips": 3,
    "cost": 590.83, "collection_cost": 0.0, "haul_cost": 590.83,
    "rooms_served": 3, "rooms_unserved": 0, "station_load_kg": {"S1": 17000.0},
    "collected_kg": 17000.0, "transferred_kg": 17000.0, "delivered_kg": 17000.0,
    "tonnes_collected": 17.0, "tonnes_transferred": 17.0, "tonnes_delivered": 17.0,
    "collection": {"km": 0.0, "hours": 4.3333, "cost": 0.0, "vehicles_used": 1, "co2_kg": 0.0},
    "haul": {"km": 60.0, "hours": 3.4167, "cost": 590.83, "trucks_used": 1, "containers": 2, "containers_hauled": 2,
             "payload_kg": 17000.0, "co2_kg": 72.0},
    "total_km": 60.0, "cost_per_tonne": 34.75, "co2_kg_by_type": {"H": 72.0, "c": 0.0}, "co2_kg": 72.0,
    "stations": {"S1": {"tonnes": 17.0, "capacity_t": 200.0, "utilisation": 0.085, "container_slots": 4,
                        "containers": [["10:10:00", 1], ["10:20:00", 0], ["12:10:00", 1], ["12:20:00", 0]],
                        "max_full_containers": 1}},
}


def chain_plan() -> tuple[Scenario, Plan]:
    sc, routes = one_station()
    return sc, Plan(scenario=sc.name, routes=routes, haul=[TRIP_1, TRIP_2], kpis=copy.deepcopy(CHAIN_KPIS))


def tampered(path: tuple[str, ...], value: Any) -> list[str]:
    """The violations of the hand-checked plan with one KPI set to ``value``."""
    sc, plan = chain_plan()
    node = plan.kpis
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return [str(v) for v in validate(sc, plan)]


def test_the_hand_checked_kpis_are_valid() -> None:
    sc, plan = chain_plan()
    assert validate(sc, plan) == []


@pytest.mark.parametrize(
    ("path", "value", "line"),
    [
        (("cost",), 100.0, "kpi-cost: kpis: cost 100, recomputed 590.83"),
        (("haul_cost",), 500, "kpi-cost: kpis: haul_cost 500, recomputed 590.83"),
        (("haul", "cost"), 590.0, "kpi-cost: kpis: haul.cost 590, recomputed 590.83"),
        (("cost_per_tonne",), 12.06, "kpi-cost-per-tonne: kpis: cost_per_tonne 12.06, recomputed 34.75"),
        (("haul", "km"), 40.0, "kpi-distance: kpis: haul.km 40, recomputed 60.000"),
        (("total_km",), 61.0, "kpi-distance: kpis: total_km 61, recomputed 60.000"),
        (("haul", "hours"), 3.0, "kpi-hours: kpis: haul.hours 3, recomputed 3.4167"),
        (("vehicle_hours",), 4.0, "kpi-hours: kpis: vehicle_hours 4, recomputed 4.3333"),
        (("co2_kg",), 10.0, "kpi-co2: kpis: co2_kg 10, recomputed 72.000"),
        (("haul", "co2_kg"), 7.2, "kpi-co2: kpis: haul.co2_kg 7.2, recomputed 72.000"),
        (("co2_kg_by_type", "H"), 70.0, "kpi-co2: kpis: co2_kg_by_type.H 70, recomputed 72.000"),
        (("station_load_kg", "S1"), 1000, "kpi-station-load: S1: station_load_kg.S1 1000, recomputed 17000.0"),
        (("delivered_kg",), 16000.0, "kpi-mass: kpis: delivered_kg 16000, recomputed 17000.000"),
        (("tonnes_collected",), 1.7, "kpi-mass: kpis: tonnes_collected 1.7, recomputed 17.000"),
        (("haul", "trucks_used"), 2, "kpi-vehicles: kpis: haul.trucks_used 2, recomputed 1"),
        (("haul", "containers"), 3, "kpi-counts: kpis: haul.containers 3, recomputed 2"),
        (("stations", "S1", "utilisation"), 0.85, "kpi-stations: S1: stations.S1.utilisation 0.85, recomputed 0.0850"),
        (("stations", "S1", "max_full_containers"), 0, "kpi-stations: S1: stations.S1.max_full_containers 0, recomputed 1"),
        (("stations", "S1", "containers"), [["10:10:00", 1], ["12:10:00", 2]],
         "kpi-stations: S1: stations.S1.containers step 2: stated [12:10:00, 2], recomputed [10:20:00, 0]"),
        (("cost",), "590.83", "kpi-shape: kpis: cost is '590.83', not a number"),
        (("cost",), float("nan"), "kpi-shape: kpis: cost is nan, not a number"),
        (("haul",), 60.0, "kpi-shape: kpis: haul is 60, not a table"),
    ],
)
def test_each_tampered_kpi_is_caught(path: tuple[str, ...], value: Any, line: str) -> None:
    assert tampered(path, value) == [line]


def test_a_station_missing_from_the_loads_is_caught() -> None:
    assert tampered(("station_load_kg",), {}) == ["kpi-station-load: S1: station_load_kg has no entry for S1, recomputed 17000.0"]


def test_an_emitting_type_missing_from_co2_by_type_is_caught() -> None:
    assert tampered(("co2_kg_by_type",), {"c": 0.0}) == ["kpi-co2: kpis: co2_kg_by_type has no entry for H, recomputed 72.000"]


def test_kpis_follow_the_recomputed_haul_not_the_trips_stated_km() -> None:
    # The trip claims 10 km and the kpis agree with it: the trip and every total built on it are wrong.
    sc, plan = chain_plan()
    plan.kpis["haul"]["km"] = 52.0
    plan.kpis["total_km"] = 52.0
    plan = plan.model_copy(update={"haul": [TRIP_1.model_copy(update={"distance_km": 10.0}), TRIP_2]})
    assert [str(v) for v in validate(sc, plan)] == [
        "haul-distance: H-01: trip 1 (S1 container 1): reports 10 km, recomputed 18.000 km",
        "kpi-distance: kpis: haul.km 52, recomputed 60.000",
        "kpi-distance: kpis: total_km 52, recomputed 60.000",
    ]


def test_cost_per_tonne_is_null_when_nothing_is_collected() -> None:
    sc, _ = one_station()
    empty = Plan(scenario=sc.name, unserved=[{"id": r.id, "reason": "test"} for r in sc.rooms], kpis={"cost_per_tonne": None})
    assert validate(sc, empty) == []
    assert [str(v) for v in validate(sc, empty.model_copy(update={"kpis": {"cost_per_tonne": 5.0}}))] == [
        "kpi-cost-per-tonne: kpis: cost_per_tonne 5, but no waste is collected"
    ]


# --- a plan the engine makes: every figure it states is checked ---------------------------------


@pytest.fixture(scope="module")
def engine_plan() -> tuple[Scenario, Plan]:
    sc = generate("zhangdian", rooms=30, stations=2, seed=3)
    return sc, wasteopt.solve(sc, iterations=60, seed=1)


def numeric_leaves(table: dict[str, Any], path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Paths to every number (and every list of container steps) in a KPI table."""
    found = []
    for key, value in table.items():
        if isinstance(value, dict):
            found += numeric_leaves(value, (*path, key))
        elif isinstance(value, (int, float, list)) and not isinstance(value, bool):
            found.append((*path, key))
    return found


def test_the_engines_plan_is_valid(engine_plan: tuple[Scenario, Plan]) -> None:
    sc, plan = engine_plan
    assert validate(sc, plan) == []
    assert plan.haul and plan.lower_bound.distance_km > 0


def test_every_figure_the_engine_states_is_checked(engine_plan: tuple[Scenario, Plan]) -> None:
    sc, plan = engine_plan
    leaves = numeric_leaves(plan.kpis)
    assert {("cost",), ("cost_per_tonne",), ("co2_kg",), ("haul", "km"), ("haul", "cost"), ("collection", "co2_kg")} <= set(leaves)
    unnoticed = []
    for path in leaves:
        data = plan.model_dump(mode="json")
        node = data["kpis"]
        for key in path[:-1]:
            node = node[key]
        value = node[path[-1]]
        if isinstance(value, list):
            node[path[-1]] = value[:-1] if value else [["12:00:00", 1]]
        else:
            node[path[-1]] = value + 1 if isinstance(value, int) else value * 1.1 + 1
        if not validate(sc, Plan.model_validate(data)):
            unnoticed.append(".".join(path))
    assert unnoticed == []
