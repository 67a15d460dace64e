"""The comparison figures of one plan, deltas, payback, and what counts as an incomplete plan."""

from __future__ import annotations

import pytest

from wasteopt.plan.models import Diagnostic, HaulTrip, Plan, Route, Stop, Unserved
from wasteopt.whatif.kpis import annualised_per_day, delta, incomplete, payback_years, summarise, within_life, worse_served


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


def test_discounting_lengthens_the_payback_and_can_make_it_never():
    # 1,000,000 yuan repaid by 100,000 a year: 10 years undiscounted; at 8 %: -ln(1 - 0.8) / ln(1.08)
    daily = 100_000 / 365
    assert payback_years(1_000_000, daily, 0.0) == 10.0
    assert payback_years(1_000_000, daily, 0.08) == pytest.approx(20.91, abs=0.01)
    assert payback_years(1_000_000, daily, 0.10) == "never"  # the saving only pays the interest


def test_annualised_cost_is_the_capital_recovery_payment():
    assert annualised_per_day(365_000, 10, 0.0) == pytest.approx(100.0)
    # 8 %, 20 years: capital recovery factor 0.10185
    assert annualised_per_day(1_000_000, 20, 0.08) * 365 == pytest.approx(101_852.2, abs=1)
    assert annualised_per_day(1_000_000, None, 0.08) == annualised_per_day(1_000_000, 20, 0.08)


def test_within_life():
    assert within_life(12.0, 20) is True and within_life(25.0, 20) is False
    assert within_life("never", 20) is False and within_life("n/a", 20) is None and within_life(None, 20) is None
