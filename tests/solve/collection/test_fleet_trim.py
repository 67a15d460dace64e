"""Fewer trucks: a light route whose rooms the others can take goes; one they cannot take stays."""

from __future__ import annotations

from tests.solve.collection.test_insert import _instance, _rooms, _route
from tests.solve.scenarios import room, scenario, station, truck
from wasteopt.solve.collection.fleet_trim import trim_fleet
from wasteopt.solve.collection.schedule import route_cost, time_route


def _cost(instance, network, routes) -> float:
    return sum(route_cost(instance, network, raw) for raw in routes)


def _line(count: int, kg: float, **extra):
    return [room(f"R{k}", 1000.0 + 200 * k, 0.0, kg, **extra) for k in range(count)]


def test_a_light_route_goes_when_the_others_take_its_rooms_for_less() -> None:
    sc = scenario(_line(5, 100.0), [station("S", 0, 300)], [("G", 0, 0)], [truck("T", "G", 1000.0, count=3)])
    instance, network = _instance(sc)
    before = [_route(instance, "T", ["R0", "R1", "R2"]), _route(instance, "T", ["R3"]), _route(instance, "T", ["R4"])]
    after = trim_fleet(instance, network, before)
    assert len(after) == 1
    assert sorted(_rooms(after, instance)[0]) == ["R0", "R1", "R2", "R3", "R4"]
    assert all(time_route(instance, network, raw).feasible for raw in after)
    assert _cost(instance, network, after) < _cost(instance, network, before) - 100  # a day rate saved at least


def test_no_route_goes_when_its_rooms_fit_nowhere_else() -> None:
    """Each truck is full (capacity and a long service at each room): nothing can be taken off."""
    rooms = _line(4, 500.0, service_min=150)
    sc = scenario(rooms, [station("S", 0, 300)], [("G", 0, 0)], [truck("T", "G", 1000.0, count=2)])
    instance, network = _instance(sc)
    before = [_route(instance, "T", ["R0", "R1"]), _route(instance, "T", ["R2", "R3"])]
    assert all(time_route(instance, network, raw).feasible for raw in before)
    assert trim_fleet(instance, network, before) == before


def test_the_cost_guard_refuses_a_removal_that_costs_more() -> None:
    """The lightest route is the cheap truck's: its room on the dear truck would cost more, so the
    trim takes the dear truck off instead."""
    rooms = [room("NEAR", 1000.0, 0.0, 100.0), room("FAR", 0.0, 20_000.0, 50.0)]
    fleet = [truck("cheap", "G", 1000.0, fixed_cost=0.0, cost_per_km=0.1), truck("dear", "G", 1000.0, fixed_cost=0.0, cost_per_km=10.0)]
    sc = scenario(rooms, [station("S", 0, 300)], [("G", 0, 0)], fleet)
    instance, network = _instance(sc)
    before = [_route(instance, "dear", ["NEAR"]), _route(instance, "cheap", ["FAR"])]
    guarded = trim_fleet(instance, network, before)
    assert [instance.vehicle_types[raw.type_index].id for raw in guarded] == ["cheap"]
    assert _cost(instance, network, guarded) <= _cost(instance, network, before)


def test_rooms_move_across_vehicle_types_and_garages() -> None:
    sc = scenario(_line(4, 100.0), [station("S", 0, 300)], [("G", 0, 0), ("H", 2000, 0)],
                  [truck("A", "G", 1000.0, count=1), truck("B", "H", 1000.0, count=1)])
    instance, network = _instance(sc)
    before = [_route(instance, "A", ["R0", "R1", "R2"]), _route(instance, "B", ["R3"])]
    after = trim_fleet(instance, network, before)
    assert len(after) == 1 and instance.vehicle_types[after[0].type_index].id == "A"


def test_go_on_stops_trimming() -> None:
    sc = scenario(_line(3, 100.0), [station("S", 0, 300)], [("G", 0, 0)], [truck("T", "G", 1000.0, count=3)])
    instance, network = _instance(sc)
    before = [_route(instance, "T", [f"R{k}"]) for k in range(3)]
    assert len(trim_fleet(instance, network, before, go_on=lambda: False)) == 3
    assert len(trim_fleet(instance, network, before)) == 1
