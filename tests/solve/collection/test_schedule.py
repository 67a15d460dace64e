"""Route timing: waiting for windows, the latest useful departure, late arrivals, the shift's end.

One truck from G (0, 0) to room R0 (3000, 0), station S (3000, 4000) and back: legs of 3, 4 and
5 km, so 300 s, 400 s and 500 s at 36 km/h; a room takes 60 s, an unload 300 s. The shift starts at
06:00 (21 600 s). Instances are built without screening so that rooms a shift cannot reach stay in.
"""

from __future__ import annotations

from tests.solve.scenarios import room, scenario, station, truck
from wasteopt.network import network_for
from wasteopt.solve.collection.instance import build_instance
from wasteopt.solve.collection.routes import RawRoute, Visit
from wasteopt.solve.collection.schedule import build_route, name_vehicles, route_cost, time_route

H = 3600
SIX = 6 * H


def _route(rooms, stations=None, **shift):
    """Instance, network and the route G → rooms in order → S → G."""
    sc = scenario(rooms, stations or [station("S", 3000, 4000)], [("G", 0, 0)],
                  [truck("T", "G", 1000.0, count=2, cost_per_hour=36.0, **shift)])
    network = network_for(sc)
    instance = build_instance(sc, network, screen=False)
    visits = tuple(Visit("room", k) for k in range(len(instance.room_ids))) + (Visit("station", 0),)
    return instance, network, RawRoute(0, visits)


def test_without_windows_the_truck_leaves_at_shift_start_and_never_waits() -> None:
    instance, network, raw = _route([room("R0", 3000, 0, 100)])
    timing = time_route(instance, network, raw)
    assert timing.feasible
    assert timing.arrive.tolist() == [SIX + 300, SIX + 760, SIX + 1560]
    assert timing.start.tolist() == timing.arrive.tolist()
    assert timing.end.tolist() == [SIX + 360, SIX + 1060, SIX + 1560]
    # 100 yuan fixed + 12 km at 1 yuan + 1560 s at 36 yuan/h
    assert route_cost(instance, network, raw) == 127.6


def test_a_room_opening_later_delays_the_departure_instead_of_waiting_there() -> None:
    """R0 opens at 07:00: the truck leaves at 06:55 and arrives on the dot; idle time is not paid."""
    instance, network, raw = _route([room("R0", 3000, 0, 100, tw_open=7 * H)])
    timing = time_route(instance, network, raw)
    assert timing.feasible
    assert timing.arrive.tolist() == [7 * H, 7 * H + 460, 7 * H + 1260]
    assert timing.start[0] == 7 * H
    route = build_route(instance, network, raw, "T-01")
    assert route.stops[0].depart == "06:55:00"
    assert route_cost(instance, network, raw) == 127.6  # the same hours as without the window


def test_when_an_earlier_window_closes_the_truck_waits_at_the_later_room() -> None:
    """R0 closes at 06:10, R1 (at the station) opens at 08:00: leaving later than 06:05 would miss
    R0, so the truck leaves at 06:05 and waits at R1 from 06:17:40 to 08:00."""
    rooms = [room("R0", 3000, 0, 100, tw_close=SIX + 600), room("R1", 3000, 4000, 100, tw_open=8 * H)]
    instance, network, raw = _route(rooms)
    timing = time_route(instance, network, raw)
    assert timing.feasible
    assert timing.arrive.tolist() == [SIX + 600, SIX + 1060, 8 * H + 60, 8 * H + 860]
    assert timing.start.tolist() == [SIX + 600, 8 * H, 8 * H + 60, 8 * H + 860]
    assert route_cost(instance, network, raw) == 189.6  # the wait is on duty: 7760 s at 36 yuan/h


def test_a_station_not_yet_open_makes_the_truck_wait_for_its_opening() -> None:
    """S opens at 08:00; R0 must be emptied by 06:10, so the truck waits at the station."""
    rooms = [room("R0", 3000, 0, 100, tw_close=SIX + 600)]
    instance, network, raw = _route(rooms, [station("S", 3000, 4000, open=8 * H)])
    timing = time_route(instance, network, raw)
    assert timing.feasible
    assert timing.arrive.tolist() == [SIX + 600, SIX + 1060, 8 * H + 800]
    assert timing.start.tolist() == [SIX + 600, 8 * H, 8 * H + 800]
    assert timing.end[1] == 8 * H + 300


def test_a_station_opening_later_without_other_windows_delays_the_departure() -> None:
    instance, network, raw = _route([room("R0", 3000, 0, 100)], [station("S", 3000, 4000, open=8 * H)])
    timing = time_route(instance, network, raw)
    assert timing.feasible
    assert timing.arrive.tolist() == [8 * H - 460, 8 * H, 8 * H + 800]
    assert (timing.start == timing.arrive).all()


def test_arriving_after_a_room_closes_is_infeasible() -> None:
    """The earliest arrival at R0 is 06:05; it closes at 06:02."""
    instance, network, raw = _route([room("R0", 3000, 0, 100, tw_close=SIX + 120)])
    timing = time_route(instance, network, raw)
    assert not timing.feasible
    assert timing.arrive[0] == SIX + 300


def test_arriving_after_the_station_closes_is_infeasible() -> None:
    instance, network, raw = _route([room("R0", 3000, 0, 100)], [station("S", 3000, 4000, close=SIX + 700)])
    assert not time_route(instance, network, raw).feasible
    instance, network, raw = _route([room("R0", 3000, 0, 100)], [station("S", 3000, 4000, close=SIX + 760)])
    assert time_route(instance, network, raw).feasible  # the last unload may start at closing time


def test_back_at_the_garage_exactly_at_shift_end_is_feasible_one_second_later_is_not() -> None:
    instance, network, raw = _route([room("R0", 3000, 0, 100)], shift_end=SIX + 1560)
    assert time_route(instance, network, raw).feasible
    instance, network, raw = _route([room("R0", 3000, 0, 100)], shift_end=SIX + 1559)
    timing = time_route(instance, network, raw)
    assert not timing.feasible
    assert timing.arrive[-1] == SIX + 1560


def test_trucks_are_numbered_per_type_in_order_of_their_first_room() -> None:
    rooms = [room("R0", 3000, 0, 100), room("R1", 0, 3000, 100), room("R2", 3000, 3000, 100)]
    sc = scenario(rooms, [station("S", 3000, 4000)], [("G", 0, 0)],
                  [truck("A", "G", 1000.0, count=2), truck("B", "G", 1000.0, count=1)])
    network = network_for(sc)
    instance = build_instance(sc, network)
    s = Visit("station", 0)
    raws = [RawRoute(0, (Visit("room", 1), s)), RawRoute(1, (Visit("room", 2), s)), RawRoute(0, (Visit("room", 0), s))]
    routes = name_vehicles(instance, network, raws)
    named = {r.vehicle: [stop.id for stop in r.stops if stop.kind == "room"] for r in routes}
    assert named == {"A-01": ["R0"], "A-02": ["R1"], "B-01": ["R2"]}
    assert [r.vehicle_type for r in routes] == ["A", "A", "B"]
