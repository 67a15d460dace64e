"""Station prices: the transport LP's dual on each station's capacity, as extra metres per visit.

Two rooms of 500 kg on a line, R0 at x = 1000 and R1 at x = 1200; station A at x = 0, station B at
x = 3000. Sending a kilogram costs its share of a truck's round trip: 2 × metres / truckload. A
kilogram of R1 sent to A instead of B saves 2 × (1800 − 1200) / truckload metres, so when A is full
and R1 is split between A and B, A's capacity is worth 1200 m for a truckload.
"""

from __future__ import annotations

import numpy as np

from tests.solve.scenarios import room, scenario, station, truck
from wasteopt.network import network_for
from wasteopt.solve.collection.instance import build_instance
from wasteopt.solve.stations.prices import raise_penalties, station_penalties, transport


def _line(a_tonnes: float, b_tonnes: float = 100.0, truckload: float = 1000.0):
    rooms = [room("R0", 1000, 0, 500), room("R1", 1200, 0, 500)]
    stations = [station("A", 0, 0, tonnes=a_tonnes), station("B", 3000, 0, tonnes=b_tonnes)]
    sc = scenario(rooms, stations, [("G", 0, 0)], [truck("T", "G", truckload, count=2)])
    network = network_for(sc)
    return build_instance(sc, network), network


def test_ample_capacity_costs_nothing_and_every_room_goes_to_its_nearest_station() -> None:
    instance, network = _line(a_tonnes=100.0)
    t = transport(instance, network)
    assert t.options.tolist() == [[0, 1], [0, 1]]  # A nearest for both
    assert t.metres.tolist() == [[1000, 2000], [1200, 1800]]
    np.testing.assert_allclose(t.share, [[1, 0], [1, 0]], atol=1e-9)
    assert t.price_m.tolist() == [0, 0]


def test_a_scarce_station_is_priced_at_what_a_truckload_more_there_would_save() -> None:
    """A takes 700 kg: all of R0 (the room that would lose most by going to B) and 200 kg of R1."""
    instance, network = _line(a_tonnes=0.7)
    t = transport(instance, network)
    np.testing.assert_allclose(t.share, [[1.0, 0.0], [0.4, 0.6]], atol=1e-9)
    assert t.price_m.tolist() == [1200, 0]
    assert station_penalties(instance, network).tolist() == [1200, 0]


def test_the_price_is_per_visit_whatever_the_truckload() -> None:
    instance, network = _line(a_tonnes=0.7, truckload=4000.0)
    assert transport(instance, network).price_m.tolist() == [1200, 0]


def test_a_capacity_given_by_the_caller_replaces_the_stations_own() -> None:
    instance, network = _line(a_tonnes=0.7)
    t = transport(instance, network, capacity_kg=np.array([10_000, 10_000]))
    np.testing.assert_allclose(t.share, [[1, 0], [1, 0]], atol=1e-9)
    assert t.price_m.tolist() == [0, 0]


def test_waste_no_station_can_take_is_left_over_and_makes_every_full_station_dear() -> None:
    """300 kg at each station for 1000 kg of waste: what is left over costs ten times the dearest
    option plus 1 per kg (41 m/kg here), so a kilogram more at A (taken from R0, 2 m/kg) saves 39 m
    and at B (from R1, 3.6 m/kg) 37.4 m; per 1000 kg truckload 39 000 and 37 400 m."""
    instance, network = _line(a_tonnes=0.3, b_tonnes=0.3)
    t = transport(instance, network)
    assert t.share is not None
    sent = (t.share * instance.waste_kg[:, None]).sum()
    assert abs(sent - 600.0) < 1e-6  # 400 kg left over
    assert t.price_m.tolist() == [39000, 37400]


def test_stations_still_over_after_routing_cost_a_detour_more_the_further_over() -> None:
    """A and B are 3000 m apart, so the typical detour is 6000 m; A at twice its capacity gets twice
    that on top of its price, B (within capacity) keeps its price."""
    instance, network = _line(a_tonnes=0.7)
    raised = raise_penalties(instance, network, np.array([5, 7]), np.array([1400, 10]))
    assert raised.tolist() == [5 + 12000, 7]
    half_over = raise_penalties(instance, network, np.array([5, 7]), np.array([1050, 10]))
    assert half_over.tolist() == [5 + 9000, 7]


def test_no_station_over_leaves_the_penalties_as_they_are() -> None:
    instance, network = _line(a_tonnes=0.7)
    penalties = np.array([5, 7])
    assert raise_penalties(instance, network, penalties, np.array([700, 10])).tolist() == [5, 7]
