"""The haul validator: each rule broken on purpose in an otherwise valid plan is caught.

The base plan is the hand-checked one-station day (tests/solve/haul_cases.py): container 1 (10 t)
swapped 10:10, tipped 10:40; container 2 (7 t) swapped 12:10, tipped 12:40, truck home 13:25."""

from __future__ import annotations

import pytest

from tests.solve.haul_cases import one_station
from wasteopt.network.travel import TravelNetwork
from wasteopt.plan.models import Diagnostic, HaulTrip, Plan
from wasteopt.plan.validate import validate
from wasteopt.plan.validate_haul import check_haul
from wasteopt.plan.validate_shortfall import shortfall
from wasteopt.scenario.models import Scenario


def _trip(**fields) -> HaulTrip:
    base = {"truck": "H-01", "truck_type": "H", "station": "S1", "plant": "P"}
    return HaulTrip(**(base | fields))


TRIP_1 = _trip(container=1, payload_kg=10000, depart="10:00:00", pickup="10:10:00", arrive="10:40:00", unload="10:40:00", back="12:10:00", distance_km=18.0)
TRIP_2 = _trip(container=2, payload_kg=7000, depart="11:50:00", pickup="12:10:00", arrive="12:40:00", unload="12:40:00", back="13:25:00", distance_km=42.0)


def _check(haul: list[HaulTrip], sc: Scenario | None = None, **plan_fields) -> list[str]:
    base, routes = one_station()
    sc = sc or base
    plan = Plan(scenario=sc.name, routes=routes, haul=haul, **plan_fields)
    return [str(v) for v in check_haul(sc, plan, TravelNetwork(sc))]


def test_the_hand_checked_plan_is_valid():
    sc, routes = one_station()
    plan = Plan(scenario=sc.name, routes=routes, haul=[TRIP_1, TRIP_2])
    assert validate(sc, plan) == []


def test_payload_above_the_container():
    heavy = TRIP_1.model_copy(update={"payload_kg": 10001})
    light = TRIP_2.model_copy(update={"payload_kg": 6999})
    assert _check([heavy, light]) == [
        "haul-payload: H-01: trip 1 (S1 container 1): carries 10001 kg, a H container holds 10000 kg",
    ]


def test_travel_time_to_the_station():
    # Leaves the garage 10:05, 10 min drive: cannot swap at 10:10.
    late = TRIP_1.model_copy(update={"depart": "10:05:00"})
    assert _check([late, TRIP_2]) == [
        "haul-travel-time: H-01: trip 1 (S1 container 1): swap at 10:10:00, but the drive from G takes 600 s, so 10:15:00 at the earliest"
    ]


def test_travel_time_to_the_plant():
    early = TRIP_1.model_copy(update={"arrive": "10:35:00", "unload": "10:35:00"})
    assert _check([early, TRIP_2]) == [
        "haul-travel-time: H-01: trip 1 (S1 container 1): at P at 10:35:00, but swap and drive take 1800 s from 10:10:00"
    ]


def test_plant_reception_hours():
    sc, _ = one_station(plant_close="12:30")
    assert _check([TRIP_1, TRIP_2], sc) == [
        "haul-plant-hours: P: H-01 trip 2 (S1 container 2): tips at 12:40:00, the plant receives 06:00:00–12:30:00"
    ]


def test_truck_shift_end():
    sc, _ = one_station()
    sc = sc.model_copy(update={"haul_fleet": [sc.haul_fleet[0].model_copy(update={"shift_end": 13 * 3600})]})
    assert _check([TRIP_1, TRIP_2], sc) == [
        "haul-shift: H-01: home at 13:25:00 at the earliest, after the shift ends at 13:00:00"
    ]


def test_truck_shift_start():
    sc, _ = one_station()
    sc = sc.model_copy(update={"haul_fleet": [sc.haul_fleet[0].model_copy(update={"shift_start": 10 * 3600 + 300})]})
    assert _check([TRIP_1, TRIP_2], sc) == [
        "haul-shift: H-01: leaves G at 10:00:00, before the shift starts at 10:05:00"
    ]


def test_a_truck_trips_overlap():
    # Trip 2 leaves the plant at 10:50, while container 1 is tipped until 10:55.
    rushed = TRIP_2.model_copy(update={"depart": "10:50:00"})
    assert _check([TRIP_1, rushed]) == [
        "haul-overlap: H-01: trip 2 (S1 container 2): leaves P at 10:50:00, before it has tipped the previous container (10:55:00)"
    ]


def test_container_taken_before_it_is_full():
    # Container 1 is full when the 10:00–10:10 unload ends.
    early = TRIP_1.model_copy(update={"depart": "09:50:00", "pickup": "10:00:00", "arrive": "10:30:00", "unload": "10:30:00"})
    assert _check([early, TRIP_2]) == [
        "haul-early-pickup: S1: container 1 is taken at 10:00:00, but it is full only at 10:10:00"
    ]


def test_storage_exceeded():
    # One slot: container 2 is needed from 10:00 while container 1 (full 10:10) is still there.
    sc, _ = one_station(slots=1)
    assert _check([TRIP_1, TRIP_2], sc) == [
        "haul-storage: S1: needs container 2 at 10:00:00, but full container 1 is still there (1 slot)"
    ]


def test_distance_misreported():
    assert _check([TRIP_1.model_copy(update={"distance_km": 18.5}), TRIP_2]) == [
        "haul-distance: H-01: trip 1 (S1 container 1): reports 18.5 km, recomputed 18.000 km"
    ]


def test_container_hauled_twice():
    again = TRIP_2.model_copy(update={"container": 1})
    assert "haul-container: S1: container 1 is hauled 2 times" in _check([TRIP_1, again])


def test_unknown_truck():
    assert _check([TRIP_1.model_copy(update={"truck": "X-01"}), TRIP_2]) == [
        "haul-unknown: X-01: not a hook-lift truck of the scenario's haul_fleet"
    ]


def test_plant_capacity():
    sc, _ = one_station()
    sc = sc.model_copy(update={"plants": [sc.plants[0].model_copy(update={"capacity_t_per_day": 16.0})]})
    assert _check([TRIP_1, TRIP_2], sc) == ["haul-plant-capacity: P: receives 17000.0 kg, daily capacity 16000 kg"]


def test_mass_balance_catches_one_kilogram_delivered_too_much():
    assert _check([TRIP_1, TRIP_2.model_copy(update={"payload_kg": 7001})]) == [
        "mass-balance: S1: receives 17000.0 kg, the haul delivers 17001.0 kg from it"
    ]


def test_one_kilogram_left_behind_is_no_violation_but_a_shortfall():
    short = TRIP_2.model_copy(update={"payload_kg": 6999})
    assert _check([TRIP_1, short]) == []
    sc, routes = one_station()
    assert shortfall(sc, Plan(scenario=sc.name, routes=routes, haul=[TRIP_1, short])).left_kg == {"S1": 1}


def test_mass_balance_catches_one_kilogram_lost_between_rooms_and_stations():
    base, routes = one_station()
    stops = list(routes[0].stops)
    stops[2] = stops[2].model_copy(update={"unloaded_kg": 5999.0})
    route = routes[0].model_copy(update={"stops": stops})
    plan = Plan(scenario=base.name, routes=[route], haul=[TRIP_1, TRIP_2.model_copy(update={"payload_kg": 6999})])
    found = [str(v) for v in check_haul(base, plan, TravelNetwork(base))]
    assert found == ["mass-balance: plan: rooms served hold 17000.0 kg, the stations receive 16999.0 kg"]


def test_a_haul_error_excuses_nothing():
    # The same plan with and without a haul error: the same (no) violations, the same 7 t left at S1.
    error = Diagnostic(level="error", code="haul-plant-closed", subject="S1", message="...", fix="...")
    only = TRIP_1.model_copy(update={"distance_km": 36.0})  # its last trip: the drive home counts
    assert _check([only], diagnostics=[error]) == _check([only]) == []
    sc, routes = one_station()
    for diagnostics in ([error], []):
        plan = Plan(scenario=sc.name, routes=routes, haul=[only], diagnostics=diagnostics)
        assert str(shortfall(sc, plan)) == "7,000 kg left at S1"


@pytest.mark.parametrize("with_error", [False, True])
def test_no_haul_at_all_is_no_violation_but_leaves_everything_at_the_station(with_error: bool):
    diagnostics = [Diagnostic(level="error", code="haul-fleet", message="...")] if with_error else []
    assert _check([], diagnostics=diagnostics) == []
    sc, routes = one_station()
    assert shortfall(sc, Plan(scenario=sc.name, routes=routes, diagnostics=diagnostics)).left_kg == {"S1": 17000}


def test_back_before_tipping_and_the_drive_allow():
    # Container 1 is tipped 10:40–10:55, and S1 is 20 min from P: back at S1 11:15 at the earliest.
    rushed = TRIP_1.model_copy(update={"back": "11:10:00"})
    assert _check([rushed, TRIP_2]) == [
        "haul-travel-time: H-01: trip 1 (S1 container 1): back at S1 at 11:10:00, but tipping and the drive take until 11:15:00"
    ]


def test_back_home_before_the_drive_allows():
    # The last container is tipped 12:40–12:55, the garage is 30 min from P: home 13:25 at the earliest.
    rushed = TRIP_2.model_copy(update={"back": "13:00:00"})
    assert _check([TRIP_1, rushed]) == [
        "haul-travel-time: H-01: trip 2 (S1 container 2): back at G at 13:00:00, but tipping and the drive take until 13:25:00"
    ]


def test_stated_return_after_the_shift_ends():
    sc, _ = one_station()
    sc = sc.model_copy(update={"haul_fleet": [sc.haul_fleet[0].model_copy(update={"shift_end": 13 * 3600 + 1800})]})
    late = TRIP_2.model_copy(update={"back": "13:45:00"})
    assert _check([TRIP_1, late], sc) == ["haul-shift: H-01: home at 13:45:00, after the shift ends at 13:30:00"]


def test_no_haul_fleet_skips_the_haul_rules():
    sc, _ = one_station()
    assert _check([], sc.model_copy(update={"haul_fleet": []})) == []
