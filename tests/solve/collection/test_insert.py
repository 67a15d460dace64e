"""Putting rooms back: into a route with slack, onto an unused truck, or in a neighbour's place."""

from __future__ import annotations

from tests.solve.scenarios import room, scenario, station, truck
from wasteopt.network import network_for
from wasteopt.solve.collection.insert import insert_rooms
from wasteopt.solve.collection.instance import build_instance
from wasteopt.solve.collection.routes import RawRoute, Visit
from wasteopt.solve.collection.schedule import time_route


def _instance(sc):
    network = network_for(sc)
    return build_instance(sc, network), network


def _route(instance, type_id: str, rooms: list[str], station_id: str = "S") -> RawRoute:
    t = next(k for k, vt in enumerate(instance.vehicle_types) if vt.id == type_id)
    visits = [Visit("room", instance.room_ids.index(r)) for r in rooms] + [Visit("station", instance.station_ids.index(station_id))]
    return RawRoute(t, tuple(visits))


def _rooms(routes, instance) -> list[list[str]]:
    return [[instance.room_ids[v.index] for v in raw.visits if v.kind == "room"] for raw in routes]


def test_a_room_goes_into_the_route_beside_it() -> None:
    rooms = [room(f"R{k}", 1000.0 + 200 * k, 0.0, 100.0) for k in range(4)]
    sc = scenario(rooms, [station("S", 0, 300)], [("G", 0, 0)], [truck("T", "G", 1000.0, count=2)])
    instance, network = _instance(sc)
    routes, left = insert_rooms(instance, network, [_route(instance, "T", ["R0", "R1", "R3"])], [instance.room_ids.index("R2")])
    assert left == []
    assert _rooms(routes, instance) == [["R0", "R1", "R2", "R3"]]
    assert time_route(instance, network, routes[0]).feasible


def test_a_room_no_route_has_time_for_goes_on_an_unused_truck() -> None:
    rooms = [room(f"R{k}", 1000.0 + 200 * k, 0.0, 100.0, service_min=100) for k in range(5)]
    sc = scenario(rooms, [station("S", 0, 300)], [("G", 0, 0)], [truck("T", "G", 1000.0, count=2, shift_end=6 * 3600 + 4 * 3600 * 2)])
    instance, network = _instance(sc)
    full = _route(instance, "T", ["R0", "R1", "R2", "R3"])
    assert time_route(instance, network, full).feasible
    routes, left = insert_rooms(instance, network, [full], [instance.room_ids.index("R4")])
    assert left == []
    assert _rooms(routes, instance) == [["R0", "R1", "R2", "R3"], ["R4"]]


def test_a_narrow_lane_room_takes_the_place_of_a_room_a_big_truck_can_take() -> None:
    """The only small truck's shift is full of ordinary rooms; a narrow room next to them takes one's
    place and the displaced room moves to the big truck."""
    hour = 3600
    rooms = [room(f"W{k}", 1000.0 + 100 * k, 0.0, 400.0, service_min=60) for k in range(2)]
    rooms.append(room("N", 1150.0, 50.0, 400.0, service_min=60, max_vehicle_class=1))
    fleet = [truck("small", "G", 800.0, count=1, vehicle_class=1, shift_end=8 * hour + hour // 2),
             truck("big", "G", 3000.0, count=1, vehicle_class=2)]
    sc = scenario(rooms, [station("S", 0, 300)], [("G", 0, 0)], fleet)
    instance, network = _instance(sc)
    busy = _route(instance, "small", ["W0", "W1"], "S")
    busy = RawRoute(busy.type_index, (busy.visits[0], busy.visits[2], busy.visits[1], busy.visits[2]))  # unload in between
    assert time_route(instance, network, busy).feasible
    routes, left = insert_rooms(instance, network, [busy], [instance.room_ids.index("N")])
    assert left == []
    by_type = {instance.vehicle_types[raw.type_index].id: rooms for raw, rooms in zip(routes, _rooms(routes, instance))}
    assert "N" in by_type["small"] and len(by_type["small"]) == 2
    assert len(by_type["big"]) == 1
    assert sorted(r for rooms in by_type.values() for r in rooms) == ["N", "W0", "W1"]
    assert all(time_route(instance, network, raw).feasible for raw in routes)


def test_a_narrow_lane_room_pushes_two_rooms_off_when_one_is_not_enough() -> None:
    """The small truck's day has room for three hours of service; a narrow room of two hours needs
    two of its one-hour rooms to move to the big truck (one swap alone would not make the time)."""
    hour = 3600
    rooms = [room(f"W{k}", 1000.0 + 50 * k, 0.0, 100.0, service_min=60) for k in range(3)]
    rooms.append(room("N", 1050.0, 30.0, 100.0, service_min=120, max_vehicle_class=1))
    fleet = [truck("small", "G", 3000.0, count=1, vehicle_class=1, shift_end=6 * hour + 3 * hour + hour // 2),
             truck("big", "G", 3000.0, count=1, vehicle_class=2)]
    sc = scenario(rooms, [station("S", 0, 300)], [("G", 0, 0)], fleet)
    instance, network = _instance(sc)
    busy = _route(instance, "small", ["W0", "W1", "W2"])
    assert time_route(instance, network, busy).feasible
    routes, left = insert_rooms(instance, network, [busy], [instance.room_ids.index("N")])
    assert left == []
    by_type = {instance.vehicle_types[raw.type_index].id: rooms for raw, rooms in zip(routes, _rooms(routes, instance))}
    assert "N" in by_type["small"] and len(by_type["small"]) == 2
    assert len(by_type["big"]) == 2
    assert sorted(r for rooms in by_type.values() for r in rooms) == ["N", "W0", "W1", "W2"]
    assert all(time_route(instance, network, raw).feasible for raw in routes)


def test_a_room_the_new_trucks_could_not_end_with_goes_inside_their_routes() -> None:
    """The only truck is built greedily from the tight-window room, then the hour-long rooms; the
    room open 08:00–08:30 is never the soonest to start and is passed by, so the construction leaves
    it out. Inside the new route, between the first two long rooms, it fits."""
    hour = 3600
    rooms = [room("S", 1000.0, 0.0, 10.0, tw_open=6 * hour, tw_close=6 * hour + 600)]
    rooms += [room(f"E{k}", 1100.0, 10.0 * k, 10.0, service_min=70) for k in range(4)]
    rooms.append(room("D", 1150.0, 100.0, 10.0, tw_open=8 * hour, tw_close=8 * hour + 1800))
    sc = scenario(rooms, [station("S1", 1000, 50)], [("G", 0, 0)], [truck("T", "G", 1000.0, count=1)])
    instance, network = _instance(sc)
    routes, left = insert_rooms(instance, network, [], list(range(len(instance.room_ids))))
    assert left == []
    assert len(routes) == 1 and time_route(instance, network, routes[0]).feasible
    assert sorted(_rooms(routes, instance)[0]) == ["D", "E0", "E1", "E2", "E3", "S"]
