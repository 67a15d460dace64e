"""Small hand-built scenarios and plans for the report tests.

``tiny_scenario`` is a district of eight rooms (Chinese names) around Zhangdian; ``walk_plan`` turns
stop sequences into a plan whose times, loads, km and cost follow from the travel network, so the
report modules can be tested on exactly known content.
"""

from __future__ import annotations

import pytest

from wasteopt.network import network_for
from wasteopt.plan.models import Diagnostic, HaulTrip, LowerBound, Plan, Route, Stop, clock_text
from wasteopt.scenario.models import Garage, HaulTruckType, Plant, Room, Scenario, Station, VehicleType

VILLAGES = ["北沟村", "南定村", "东坪村", "西河村"]


def tiny_scenario(projected: bool = False) -> Scenario:
    """Eight rooms, two stations (and a candidate), one garage, one plant, two small trucks."""

    def at(lat: float, lon: float) -> dict[str, float]:
        if projected:
            return {"x": 500_000 + (lon - 118.05) * 89_000, "y": 4_070_000 + (lat - 36.80) * 111_000}
        return {"lat": lat, "lon": lon}

    rooms = [
        Room(id=f"R{k:02d}", name=f"{VILLAGES[k % 4]}{k}号收集房", town="南定镇", village=VILLAGES[k % 4],
             waste_kg_per_day=200 + 40 * k, service_min=5, **at(36.80 + 0.01 * (k % 3) - 0.01, 118.02 + 0.008 * k))
        for k in range(1, 9)
    ]
    return Scenario(
        name="tiny",
        rooms=rooms,
        stations=[
            Station(id="S1", name="南定中转站", capacity_t_per_day=2.5, unload_min=10, **at(36.815, 118.03)),
            Station(id="S2", name="东坪中转站", capacity_t_per_day=4.0, unload_min=10, **at(36.79, 118.09)),
            Station(id="S9", name="候选站", capacity_t_per_day=3.0, status="candidate", **at(36.83, 118.07)),
        ],
        plants=[Plant(id="P1", name="张店焚烧厂", open=7 * 3600, close=18 * 3600, **at(36.85, 118.11))],
        garages=[Garage(id="G1", name="区环卫车库", **at(36.80, 118.05))],
        fleet=[VehicleType(id="c1t", count=3, garage="G1", capacity_kg=1000, fixed_cost=100,
                           cost_per_km=2.0, cost_per_hour=30.0)],
        haul_fleet=[HaulTruckType(id="H", count=1, garage="G1", container_payload_t=2.0)],
    )


def walk_plan(scenario: Scenario, sequences: dict[str, list[str]], start: int = 6 * 3600) -> Plan:
    """A plan driving each vehicle garage → the given ids (rooms and stations) → garage, as fast as possible."""
    network = network_for(scenario)
    rooms = {r.id: r for r in scenario.rooms}
    stations = {s.id: s for s in scenario.stations}
    vtype = scenario.fleet[0]
    routes = []
    for vehicle, ids in sequences.items():
        path = [vtype.garage, *ids, vtype.garage]
        clock, load, km = start, 0.0, 0.0
        stops = [Stop(kind="garage", id=vtype.garage, depart=clock_text(clock), load_kg=0)]
        for prev, here in zip(path[:-1], path[1:-1]):
            metres, seconds = network.leg(prev, here)
            km += metres / 1000
            arrive = clock + seconds
            if here in rooms:
                load += rooms[here].waste_kg_per_day
                clock = arrive + round(rooms[here].service_min * 60)
                stops.append(Stop(kind="room", id=here, arrive=clock_text(arrive), depart=clock_text(clock),
                                  load_kg=load, collected_kg=rooms[here].waste_kg_per_day))
            else:
                clock = arrive + round(stations[here].unload_min * 60)
                stops.append(Stop(kind="station", id=here, arrive=clock_text(arrive), depart=clock_text(clock),
                                  load_kg=0, unloaded_kg=load))
                load = 0.0
        metres, seconds = network.leg(path[-2], path[-1])
        km += metres / 1000
        clock += seconds
        stops.append(Stop(kind="garage", id=vtype.garage, arrive=clock_text(clock), load_kg=0))
        hours = (clock - start) / 3600
        routes.append(Route(vehicle=vehicle, vehicle_type=vtype.id, garage=vtype.garage, distance_km=round(km, 3),
                            duration_h=round(hours, 4), cost=round(vtype.fixed_cost + 2 * km + 30 * hours, 2),
                            stops=stops, unload_trips=sum(1 for i in ids if i in stations)))
    loads: dict[str, float] = {}
    for route in routes:
        for stop in route.stops:
            if stop.kind == "station":
                loads[stop.id] = loads.get(stop.id, 0.0) + (stop.unloaded_kg or 0.0)
    return Plan(
        scenario=scenario.name,
        routes=routes,
        kpis={"distance_km": round(sum(r.distance_km for r in routes), 3), "vehicles_used": len(routes),
              "cost": round(sum(r.cost for r in routes), 2), "station_load_kg": loads},
    )


TINY_SEQUENCES = {
    "c1t-01": ["R01", "R02", "R03", "S1", "R04", "R05", "S1"],
    "c1t-02": ["R06", "R07", "S2", "R08", "S2"],
}


@pytest.fixture
def scenario() -> Scenario:
    """The tiny lat/lon scenario."""
    return tiny_scenario()


@pytest.fixture
def plan(scenario: Scenario) -> Plan:
    """A hand-made plan for the tiny scenario: two trucks, five unload trips, with haul, bound and a diagnostic."""
    made = walk_plan(scenario, TINY_SEQUENCES)
    haul = [HaulTrip(truck="H-01", station="S1", plant="P1", depart="10:00:00", arrive="10:20:00", payload_kg=1820),
            HaulTrip(truck="H-01", station="S2", plant="P1", depart="11:00:00", arrive="11:25:00", payload_kg=1080)]
    return made.model_copy(update={
        "haul": haul,
        "lower_bound": LowerBound(distance_km=round(made.kpis["distance_km"] * 0.9, 3), method="test bound"),
        "diagnostics": [Diagnostic(level="info", code="test", message="两辆车足够 (two trucks suffice)")],
    })
