"""Completeness: rooms listed unserved and waste left at stations, to the kilogram; diagnostics
change nothing; without a haul fleet the plan ends at the stations."""

from __future__ import annotations

import pytest

import wasteopt
from tests.plan.test_validate import BASE_PLAN, make_scenario
from tests.plan.test_validate_haul import TRIP_1, TRIP_2
from tests.solve.haul_cases import one_station, three_stations
from wasteopt.plan.models import Diagnostic, Plan, Unserved
from wasteopt.plan.validate import Shortfall, shortfall, validate

ERROR = Diagnostic(level="error", code="haul-plant-closed", subject="S1", message="the plant closes too early", fix="...")


def test_a_complete_chain() -> None:
    sc, routes = one_station()
    found = shortfall(sc, Plan(scenario=sc.name, routes=routes, haul=[TRIP_1, TRIP_2]))
    assert found.complete and not found
    assert found == Shortfall([], {})
    assert str(found) == "nothing left undone"


def test_rooms_unserved_are_counted_once_each() -> None:
    plan = Plan.model_validate(BASE_PLAN)
    assert validate(make_scenario(), plan) == []
    found = shortfall(make_scenario(), plan)
    assert found == Shortfall(["R5"], {})
    assert str(found) == "1 room unserved"


@pytest.mark.parametrize("diagnostics", [[], [ERROR]])
def test_waste_left_at_a_station_whatever_the_diagnostics_say(diagnostics: list[Diagnostic]) -> None:
    sc, routes = one_station()
    plan = Plan(scenario=sc.name, routes=routes, haul=[TRIP_1.model_copy(update={"distance_km": 36.0})], diagnostics=diagnostics)
    assert validate(sc, plan) == []
    found = shortfall(sc, plan)
    assert found.left_kg == {"S1": 7000}
    assert found.reasons() == ["7,000 kg left at S1"]


def test_several_stations_and_rooms() -> None:
    sc, routes = three_stations(haul_count=3)
    unserved = [Unserved(id="R2", reason="test"), Unserved(id="R3", reason="test")]
    plan = Plan(scenario=sc.name, routes=routes[:1], unserved=unserved)
    found = shortfall(sc, plan)
    assert str(found) == "2 rooms unserved; 10,000 kg left at S1"
    assert str(shortfall(sc, Plan(scenario=sc.name, routes=routes))) == "10,000 kg left at S1, 10,000 kg at S2, 10,000 kg at S3"


def test_format_of_the_reasons() -> None:
    found = Shortfall(["R1", "R2"], {"S03": 9120, "S05": 12000})
    assert str(found) == "2 rooms unserved; 9,120 kg left at S03, 12,000 kg at S05"
    assert found.reasons() == ["2 rooms unserved", "9,120 kg left at S03", "12,000 kg left at S05"]


@pytest.mark.parametrize(("short_kg", "left"), [(0.4, {}), (0.6, {"S1": 1}), (1.0, {"S1": 1}), (1234.5, {"S1": 1235})])
def test_left_to_the_kilogram(short_kg: float, left: dict[str, int]) -> None:
    sc, routes = one_station()
    trip = TRIP_2.model_copy(update={"payload_kg": 7000 - short_kg})
    assert shortfall(sc, Plan(scenario=sc.name, routes=routes, haul=[TRIP_1, trip])).left_kg == left


def test_without_a_haul_fleet_the_plan_ends_at_the_stations() -> None:
    sc, routes = one_station()
    sc = sc.model_copy(update={"haul_fleet": []})
    plan = Plan(scenario=sc.name, routes=routes)
    assert validate(sc, plan) == []
    assert shortfall(sc, plan).complete


def test_the_stations_receipts_are_recomputed_from_the_rooms() -> None:
    # The route claims it unloaded only 1 t at 08:00 (12 t in all); the rooms put 6 t there (17 t in
    # all): with one 10 t container hauled, 7 t are left, not 2 t.
    sc, routes = one_station()
    stops = list(routes[0].stops)
    stops[2] = stops[2].model_copy(update={"unloaded_kg": 1000.0})
    route = routes[0].model_copy(update={"stops": stops})
    haul = [TRIP_1.model_copy(update={"distance_km": 36.0})]
    assert shortfall(sc, Plan(scenario=sc.name, routes=[route], haul=haul)).left_kg == {"S1": 7000}


def test_the_library_exports_it() -> None:
    sc, routes = one_station()
    assert str(wasteopt.shortfall(sc, Plan(scenario=sc.name, routes=routes))) == "17,000 kg left at S1"
