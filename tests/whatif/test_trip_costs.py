"""The route-based site estimate: each unload of the base plan priced at every station."""

from __future__ import annotations

import math

import numpy as np
import pytest

from wasteopt.plan.models import Plan, Route, Stop
from wasteopt.whatif.location import LocationProblem, best_selections
from wasteopt.whatif.trip_costs import plan_unloads, trip_costs


def _stop(kind: str, pid: str, depart: str, unloaded: float | None = None) -> Stop:
    return Stop(kind=kind, id=pid, arrive=depart, depart=depart, unloaded_kg=unloaded)


@pytest.fixture
def far_plan() -> Plan:
    """One truck: the near village, unload at S1, the far village, unload at S1 again, home."""
    stops = [
        _stop("garage", "G1", "06:00:00"),
        _stop("room", "N00", "06:10:00"),
        _stop("station", "S1", "06:20:00", 300.0),
        _stop("room", "F00", "07:30:00"),
        _stop("break", "break-1", "07:40:00"),
        _stop("station", "S1", "08:40:00", 500.0),
        _stop("garage", "G1", "09:00:00"),
    ]
    route = Route(vehicle="V-1", vehicle_type="V", garage="G1", distance_km=0, duration_h=0, cost=0, stops=stops)
    return Plan(scenario="far-village", routes=[route])


def _euclid_m(scenario, a: str, b: str) -> float:
    places = scenario.locations()
    return scenario.travel.circuity * math.hypot(places[a].x - places[b].x, places[a].y - places[b].y)


def test_each_unload_knows_the_stops_around_it_and_skips_breaks(far_plan):
    unloads = plan_unloads(far_plan)
    assert [(u.before, u.station, u.after, u.kg) for u in unloads] == [
        ("N00", "S1", "F00", 300.0), ("F00", "S1", "G1", 500.0)]
    assert unloads[1].depart_before_s == 7 * 3600 + 30 * 60


def test_an_unload_costs_its_legs_its_unload_time_and_its_haul(far_village, far_plan):
    candidates = [s for s in far_village.stations if s.status == "candidate"]
    costs = trip_costs(far_village, far_plan, candidates)
    vt = far_village.fleet[0]
    s = costs.station_ids.index("C1")
    metres = _euclid_m(far_village, "F00", "C1") + _euclid_m(far_village, "C1", "G1")
    hours = metres / 1000 / vt.speed_kmh + 10 / 60  # the default 10-minute unload
    assert costs.cost[1, s] == pytest.approx(metres / 1000 * vt.cost_per_km + hours * vt.cost_per_hour, rel=1e-3)
    # the far village's unload is cheaper at the site in the far village than back at S1
    assert costs.cost[1, s] < costs.cost[1, costs.station_ids.index("S1")]
    assert costs.demand_kg.tolist() == [300.0, 500.0]


def test_a_station_closed_when_the_truck_gets_there_is_not_allowed(far_village, far_plan):
    early = far_village.model_copy(update={"stations": [
        s.model_copy(update={"close": 7 * 3600 + 30 * 60}) if s.id == "C1" else s for s in far_village.stations]})
    costs = trip_costs(early, far_plan, [s for s in early.stations if s.status == "candidate"])
    s = costs.station_ids.index("C1")
    assert costs.allowed[:, s].tolist() == [True, False]


def test_the_location_model_on_unloads_opens_the_site_on_the_trucks_way(far_village, far_plan):
    candidates = [s for s in far_village.stations if s.status == "candidate"]
    costs = trip_costs(far_village, far_plan, candidates)
    problem = LocationProblem(costs.cost, costs.demand_kg, costs.capacity_kg, costs.candidate,
                              np.zeros_like(costs.build_per_day), allowed=costs.allowed)
    best = best_selections(problem, 1, top=3)
    assert [costs.station_ids[c] for c in best[0].opened] == ["C1"]
    assert best[0].estimate < best[1].estimate
    base = best_selections(problem, 0)[0]
    assert best[0].estimate < base.estimate
