"""The comparison figures of one plan, deltas, payback, and what counts as an incomplete plan."""

from __future__ import annotations

import pytest

from wasteopt.plan.models import Diagnostic, HaulTrip, Plan, Route, Stop, Unserved
from wasteopt.whatif.kpis import delta, incomplete, payback_years, summarise, worse_served


def _plan(**extra) -> Plan:
    route = Route(vehicle="V-01", vehicle_type="V", garage="G1", distance_km=12.5, duration_h=2.25, cost=80.0,
                  unload_trips=2, stops=[Stop(kind="garage", id="G1"), Stop(kind="room", id="W00"),
                                          Stop(kind="station", id="S1"), Stop(kind="garage", id="G1")])
    haul = [HaulTrip(truck="H-01", station="S1", plant="P1", depart="09:00:00", arrive="09:30:00",
                     payload_kg=2000, distance_km=7.5)]
    return Plan(scenario="two-stations", routes=[route, route.model_copy(update={"vehicle": "V-02"})], haul=haul,
                kpis={"cost": 250.0, "distance_km": 25.0, "vehicles_used": 2, "station_load_kg": {"S1": 1500.0}},
                **extra)


def test_summarise_reads_routes_kpis_and_station_capacity(two_stations):
    figures = summarise(two_stations, _plan(), ["capacity-weight: V-01: too heavy"])
    assert figures == {
        "trucks": 2, "distance_km": 25.0, "collection_km": 25.0, "vehicle_hours": 4.5, "unload_trips": 4,
        "haul_trips": 1, "haul_km": 7.5, "station_t": {"S1": 1.5, "S2": 0.0, "S3": 0.0},
        "station_utilisation": {"S1": 0.5, "S2": 0.0, "S3": 0.0}, "cost": 250.0, "unserved": 0,
        "violations": ["capacity-weight: V-01: too heavy"], "errors": [],
    }


def test_delta_and_payback():
    base = {"trucks": 3, "distance_km": 100.0, "vehicle_hours": 9.0, "unload_trips": 5, "haul_trips": 2,
            "haul_km": 30.0, "cost": 1000.0, "unserved": 0}
    other = {**base, "trucks": 2, "cost": 900.0}
    assert delta(base, other) == {**{k: 0 for k in base}, "trucks": -1, "cost": -100.0}
    assert payback_years(365_000, 100.0) == 10.0
    assert payback_years(365_000, 0.0) == "never" and payback_years(1, -5.0) == "never"


def test_error_diagnostics_and_unserved_rooms_make_a_plan_incomplete(two_stations):
    complete = summarise(two_stations, _plan())
    left_behind = summarise(two_stations, _plan(diagnostics=[
        Diagnostic(level="error", code="haul-left-behind", message="container 1 at S1 cannot be hauled"),
        Diagnostic(level="warning", code="haul-unresolved", message="no answer")]))
    unserved = summarise(two_stations, _plan(unserved=[Unserved(id="E00", reason="no capacity")]))
    assert left_behind["errors"] == ["haul-left-behind: container 1 at S1 cannot be hauled"]
    assert not incomplete(complete) and incomplete(left_behind) and incomplete(unserved)
    assert worse_served(complete, left_behind) and worse_served(complete, unserved)
    assert not worse_served(left_behind, left_behind) and not worse_served(unserved, complete)


@pytest.mark.parametrize("violations", [["x"], []])
def test_a_violation_alone_makes_a_plan_incomplete(two_stations, violations):
    assert incomplete(summarise(two_stations, _plan(), violations)) == bool(violations)
