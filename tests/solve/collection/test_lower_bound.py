"""The lower bound never exceeds the true optimum (found by exhaustive search) and stays useful."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.solve.brute_force import optimum
from tests.solve.road_cases import track_scenario
from tests.solve.scenarios import room, scenario, station, truck
from wasteopt.network import network_for
from wasteopt.scenario.models import Scenario, Travel
from wasteopt.solve.collection.instance import build_instance
from wasteopt.solve.collection.lower_bound import straight_nearest_room_m, collection_lower_bound, nearest_other_m
from wasteopt.solve.engine import solve


def _bound(sc: Scenario):
    network = network_for(sc)
    return collection_lower_bound(build_instance(sc, network), network)


def _random_tiny(seed: int, rooms: int, trucks: int) -> Scenario:
    rng = np.random.default_rng(seed)
    xy = rng.uniform(0, 8000, size=(rooms + 2 + trucks, 2))
    kg = rng.uniform(200, 900, size=rooms)
    return scenario(
        [room(f"R{k}", *xy[k], kg[k]) for k in range(rooms)],
        [station("S1", *xy[rooms]), station("S2", *xy[rooms + 1])],
        [(f"G{t}", *xy[rooms + 2 + t]) for t in range(trucks)],
        [truck(f"T{t}", f"G{t}", 1000.0, cost_per_hour=30.0) for t in range(trucks)],
    )


@pytest.mark.parametrize("seed", range(8))
def test_bound_never_exceeds_the_optimum_one_truck(seed: int) -> None:
    sc = _random_tiny(seed, rooms=5, trucks=1)
    best = optimum(sc)
    bound = _bound(sc)
    assert bound.distance_km <= best.distance_km + 1e-3
    assert bound.cost <= best.cost + 1e-2
    assert bound.distance_km > 0.2 * best.distance_km  # not a trivial bound


@pytest.mark.parametrize("seed", range(6))
def test_bound_never_exceeds_the_optimum_two_trucks(seed: int) -> None:
    sc = _random_tiny(100 + seed, rooms=5, trucks=2)
    best = optimum(sc)
    bound = _bound(sc)
    assert bound.distance_km <= best.distance_km + 1e-3
    assert bound.cost <= best.cost + 1e-2


def test_bound_on_a_line_by_hand() -> None:
    # Garage and station at 0, rooms at 3 km and 4 km of 600 kg each, trucks of 1000 kg: two trips
    # are forced, the best plan is 0→3→0→4→0 = 14 km. Radial: 0.6·6 + 0.6·8 = 8.4 km; incoming:
    # 1 + 1 (each room's nearest other place is the other room) + 3 + 4 (two trips end with a leg
    # into the station, at least the two smallest room-to-station distances) = 9 km; no home leg.
    # The Lagrangean tree bound finds the optimum itself (less 1 m a room for rounding).
    sc = scenario(
        [room("A", 3000, 0, 600), room("B", 4000, 0, 600)],
        [station("S", 0, 0)],
        [("G", 0, 0)],
        [truck("T", "G", 1000.0)],
    )
    assert optimum(sc).distance_km == pytest.approx(14.0)
    network = network_for(sc)
    instance = build_instance(sc, network)
    assert collection_lower_bound(instance, network, tree=False).distance_km == pytest.approx(9.0)
    assert collection_lower_bound(instance, network).distance_km == pytest.approx(13.998)


def test_bound_counts_the_drive_home_from_the_station() -> None:
    # Station 5 km from the garage: whatever the plan, the truck drives 5 km home after unloading.
    sc = scenario([room("A", 1000, 0, 100)], [station("S", 5000, 0)], [("G", 0, 0)], [truck("T", "G", 1000.0)])
    best = optimum(sc)
    assert best.distance_km == pytest.approx(10.0)
    assert _bound(sc).distance_km == pytest.approx(10.0)


def test_bound_on_lat_lon_uses_the_exact_nearest_neighbour() -> None:
    sc = _random_tiny(7, rooms=12, trucks=1)
    geo = sc.model_copy(
        update={
            "travel": Travel(model="haversine", circuity=1.3),
            "rooms": [r.model_copy(update={"x": None, "y": None, "lat": 36.8 + r.y / 111_200, "lon": 118.0 + r.x / 89_000}) for r in sc.rooms],
            "stations": [s.model_copy(update={"x": None, "y": None, "lat": 36.8 + s.y / 111_200, "lon": 118.0 + s.x / 89_000}) for s in sc.stations],
            "garages": [g.model_copy(update={"x": None, "y": None, "lat": 36.8 + g.y / 111_200, "lon": 118.0 + g.x / 89_000}) for g in sc.garages],
        }
    )
    network = network_for(geo)
    instance = build_instance(geo, network)
    everything = instance.garage_ids + instance.station_ids + instance.room_ids
    metres = network.distance_m(everything, instance.room_ids).astype(float)
    g_s = len(instance.garage_ids) + len(instance.station_ids)
    metres[g_s + np.arange(len(instance.room_ids)), np.arange(len(instance.room_ids))] = np.inf
    assert np.array_equal(nearest_other_m(instance, network), metres.min(axis=0))


def test_bound_of_nothing_to_serve_is_zero() -> None:
    sc = scenario([room("A", 1000, 0, 5000)], [station("S", 0, 0)], [("G", 0, 0)], [truck("T", "G", 1000.0)])
    assert _bound(sc).distance_km == 0.0  # the only room is too heavy: set aside, not routed


def test_the_cheapest_fleet_bound_weighs_payload_against_price() -> None:
    """Four rooms of 500 kg by the station (km cost nothing here): a 1,000 kg truck at 10 yuan an hour
    needs two unloads of an hour, a 2,000 kg one at 25 yuan an hour one. Pricing the fewest unloads (one,
    by the big payload) at the cheapest rate gives 10 yuan; the fleet bound knows better: 20."""
    rooms = [room(f"R{k}", 10.0 * (k + 1), 0, 500, service_min=0) for k in range(4)]
    fleet = [truck("SMALL", "G", 1000.0, fixed_cost=0, cost_per_km=0, cost_per_hour=10.0),
             truck("BIG", "G", 2000.0, fixed_cost=0, cost_per_km=0, cost_per_hour=25.0)]
    sc = scenario(rooms, [station("S", 0, 0, unload_min=60)], [("G", 0, 0)], fleet)
    bound = _bound(sc)
    assert 19.9 <= bound.cost <= optimum(sc).cost + 1e-2
    assert "cheapest fleet" in bound.method


def test_the_fleet_bound_counts_every_hour_of_service_with_narrow_lanes() -> None:
    """Two narrow-lane rooms only the small truck may enter and two open to both, an hour of service
    each, drivers at 10 yuan an hour and nothing else priced: four hours of service are unavoidable."""
    rooms = [room(f"N{k}", 100.0 * (k + 1), 0, 100, service_min=60, max_vehicle_class=1) for k in range(2)]
    rooms += [room(f"O{k}", -100.0 * (k + 1), 0, 100, service_min=60) for k in range(2)]
    fleet = [truck("SMALL", "G", 1000.0, vehicle_class=1, fixed_cost=0, cost_per_km=0, cost_per_hour=10.0),
             truck("BIG", "G", 1000.0, vehicle_class=2, fixed_cost=0, cost_per_km=0, cost_per_hour=10.0)]
    sc = scenario(rooms, [station("S", 0, 0, unload_min=0)], [("G", 0, 0)], fleet)
    bound = _bound(sc)
    assert 40.0 <= bound.cost <= optimum(sc).cost + 1e-2


def test_on_roads_computed_on_demand_the_bound_searches_from_no_room(tmp_path: Path) -> None:
    scenario = track_scenario(tmp_path, "roads")
    network = network_for(scenario)
    instance = build_instance(scenario, network)
    runs = {k: network.for_class(k).dijkstra_runs for k in (1, 2)}
    bound = collection_lower_bound(instance, network)
    assert {k: network.for_class(k).dijkstra_runs for k in (1, 2)} == runs  # hub tables and straight lines only
    plan = solve(scenario, iterations=30, seed=1)
    assert plan.unserved == [] and 0 < bound.distance_km <= plan.kpis["distance_km"]
    # a room's nearest other room by straight line, never more than by road
    rooms = instance.room_ids
    roads = np.array(network.distance_m(rooms, rooms), dtype=float) + np.diag([np.inf] * len(rooms))
    assert np.all(straight_nearest_room_m(network, rooms) <= roads.min(axis=0))
