"""Travel distances and times: haversine against known distances, euclidean and manhattan, durations."""

from __future__ import annotations

import math

import numpy as np
import pytest

from wasteopt.network import network_for
from wasteopt.scenario.models import Garage, Room, Scenario, Station, Travel, VehicleType

EARTH_RADIUS_M = 6_371_008.8


def scenario_at(places: dict[str, dict[str, float]], travel: Travel) -> Scenario:
    """A scenario whose rooms sit at ``places`` (plus one station and garage at the first place)."""
    first = next(iter(places.values()))
    return Scenario(
        name="net", travel=travel,
        rooms=[Room(id=pid, waste_kg_per_day=1.0, **where) for pid, where in places.items()],
        stations=[Station(id="S", capacity_t_per_day=1.0, **first)],
        garages=[Garage(id="G", **first)],
        fleet=[VehicleType(id="v", count=1, garage="G", capacity_kg=100.0)],
    )


def test_haversine_one_degree_on_the_equator_and_a_meridian() -> None:
    net = network_for(scenario_at({"a": {"lat": 0.0, "lon": 0.0}, "b": {"lat": 0.0, "lon": 1.0},
                                   "c": {"lat": 1.0, "lon": 0.0}}, Travel(circuity=1.0)))
    expected = round(2 * math.pi * EARTH_RADIUS_M / 360)  # 111,195 m
    assert expected == 111_195
    assert net.distance_m(["a"], ["b", "c"]).tolist() == [[expected, expected]]


def test_haversine_known_city_distance_with_circuity() -> None:
    # Zibo (36.8131 N, 118.0549 E) to Jinan (36.6512 N, 117.1201 E): ~85.3 km great-circle distance.
    net = network_for(scenario_at({"zibo": {"lat": 36.8131, "lon": 118.0549}, "jinan": {"lat": 36.6512, "lon": 117.1201}},
                                  Travel(circuity=1.3)))
    metres = int(net.distance_m(["zibo"], ["jinan"])[0, 0])
    assert metres == pytest.approx(85_300 * 1.3, rel=0.005)
    assert net.distance_m(["jinan"], ["zibo"])[0, 0] == metres  # symmetric


def test_euclidean_and_manhattan_on_projected_coordinates() -> None:
    places = {"a": {"x": 0.0, "y": 0.0}, "b": {"x": 3000.0, "y": 4000.0}}
    euclid = network_for(scenario_at(places, Travel(model="euclidean", circuity=1.0)))
    manhattan = network_for(scenario_at(places, Travel(model="manhattan", circuity=1.0)))
    assert euclid.distance_m(["a"], ["b"]).tolist() == [[5000]]
    assert manhattan.distance_m(["a"], ["b"]).tolist() == [[7000]]
    assert network_for(scenario_at(places, Travel(model="euclidean", circuity=1.2))).distance_m(["a"], ["b"])[0, 0] == 6000


def test_durations_follow_speed() -> None:
    places = {"a": {"x": 0.0, "y": 0.0}, "b": {"x": 0.0, "y": 10_000.0}}
    net = network_for(scenario_at(places, Travel(model="euclidean", circuity=1.0, speed_kmh=30.0)))
    assert net.duration_s(["a"], ["b"]).tolist() == [[1200]]  # 10 km at 30 km/h = 20 min
    assert net.duration_s(["a"], ["b"], speed_kmh=40.0).tolist() == [[900]]
    assert net.leg("b", "a") == (10_000, 1200)


def test_rectangular_blocks_and_zero_diagonal() -> None:
    places = {f"p{k}": {"x": float(k * 100), "y": 0.0} for k in range(5)}
    net = network_for(scenario_at(places, Travel(model="manhattan", circuity=1.0)))
    block = net.distance_m(["p0", "p4"], ["p1", "p2", "p3"])
    assert block.shape == (2, 3) and block.dtype == np.int64
    assert block.tolist() == [[100, 200, 300], [300, 200, 100]]
    assert np.diag(net.distance_m(list(places), list(places))).tolist() == [0] * 5
