"""Route timing: waiting for windows, the latest useful departure, late arrivals, the shift's end.

One truck from G (0, 0) to room R0 (3000, 0), station S (3000, 4000) and back: legs of 3, 4 and
5 km, so 300 s, 400 s and 500 s at 36 km/h; a room takes 60 s, an unload 300 s. The shift starts at
06:00 (21 600 s). Instances are built without screening so that rooms a shift cannot reach stay in.
"""

from __future__ import annotations

from tests.solve.scenarios import room, scenario, station, truck
from wasteopt.network import network_for
from wasteopt.scenario.models import Break
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


def _with_breaks(rooms, breaks, stations=None, **shift):
    """As :func:`_route`, the truck owing the given breaks (``Break`` fields as dicts)."""
    return _route(rooms, stations, breaks=tuple(Break(**b) for b in breaks), **shift)


def test_a_break_while_the_truck_drives_is_taken_on_the_road() -> None:
    """10 min starting 06:02–06:04: the truck is on its way to R0 (06:00–06:05), so it stops on the
    road at 06:02 and reaches R0 ten minutes later than without the break."""
    instance, network, raw = _with_breaks([room("R0", 3000, 0, 100)], [dict(duration_min=10, earliest=SIX + 120, latest=SIX + 240)])
    timing = time_route(instance, network, raw)
    assert timing.feasible
    assert [(b.leg, b.start, b.end, b.where) for b in timing.breaks] == [(0, SIX + 120, SIX + 720, "road")]
    assert timing.arrive.tolist() == [SIX + 900, SIX + 1360, SIX + 2160]
    stops = build_route(instance, network, raw, "T-01").stops
    assert [(s.kind, s.id, s.at, s.arrive, s.depart) for s in stops[:3]] == [
        ("garage", "G", None, None, "06:00:00"), ("break", "break-1", None, "06:02:00", "06:12:00"),
        ("room", "R0", None, "06:15:00", "06:16:00"),
    ]


def test_a_break_that_can_only_start_when_the_unload_ends_is_taken_at_the_station() -> None:
    """30 min starting exactly when the unload at S ends (06:17:40): the truck rests at S."""
    end_of_unload = SIX + 1060
    instance, network, raw = _with_breaks([room("R0", 3000, 0, 100)], [dict(duration_min=30, earliest=end_of_unload, latest=end_of_unload)])
    timing = time_route(instance, network, raw)
    assert timing.feasible
    assert timing.arrive[-1] == SIX + 1560 + 1800
    route = build_route(instance, network, raw, "T-01")
    rest = [s for s in route.stops if s.kind == "break"]
    assert [(s.at, s.arrive, s.depart, s.load_kg) for s in rest] == [("S", "06:17:40", "06:47:40", 0)]
    assert [s.kind for s in route.stops] == ["garage", "room", "station", "break", "garage"]
    assert route.duration_h == round((1560 + 1800) / 3600, 4)


def test_a_break_fills_the_wait_for_a_window_and_costs_no_time() -> None:
    """The truck waits at R1 from 06:17:40 until 08:00 (see above): the hour from 07:00 is a break
    at R1, and the day ends as it did without it."""
    rooms = [room("R0", 3000, 0, 100, tw_close=SIX + 600), room("R1", 3000, 4000, 100, tw_open=8 * H)]
    instance, network, raw = _with_breaks(rooms, [dict(duration_min=60, earliest=7 * H, latest=7 * H + 1800)])
    timing = time_route(instance, network, raw)
    assert timing.feasible
    assert [(b.leg, b.start, b.end, b.where) for b in timing.breaks] == [(1, 7 * H, 8 * H, "next")]
    assert timing.start.tolist() == [SIX + 600, 8 * H, 8 * H + 60, 8 * H + 860]
    assert [s.at for s in build_route(instance, network, raw, "T-01").stops if s.kind == "break"] == ["R1"]


def test_a_break_waits_until_after_a_room_that_closes_soon() -> None:
    """R0 closes at 06:10; a 10-minute break from 06:00 on would make it late, so it is taken after R0."""
    rooms = [room("R0", 3000, 0, 100, tw_close=SIX + 600)]
    instance, network, raw = _with_breaks(rooms, [dict(duration_min=10, earliest=SIX, latest=SIX + 1800)])
    timing = time_route(instance, network, raw)
    assert timing.feasible
    assert timing.start[0] <= SIX + 600
    assert [(b.leg, b.where) for b in timing.breaks] == [(1, "prev")]


def test_a_break_is_not_owed_by_a_truck_back_before_it_may_start() -> None:
    """The day ends at 06:26 and the break may start from 07:00 on: nothing to take."""
    instance, network, raw = _with_breaks([room("R0", 3000, 0, 100)], [dict(duration_min=60, earliest=7 * H, latest=8 * H)])
    timing = time_route(instance, network, raw)
    assert timing.feasible and timing.breaks == ()


def test_a_break_the_day_cannot_fit_makes_the_route_infeasible() -> None:
    """Shift to 06:30 and an owed 10-minute break: 06:26 + 10 min is after the shift."""
    instance, network, raw = _with_breaks([room("R0", 3000, 0, 100)], [dict(duration_min=10, earliest=SIX, latest=SIX + 600)], shift_end=SIX + 1800)
    assert not time_route(instance, network, raw).feasible


def test_a_route_over_a_daily_limit_is_infeasible_and_says_where() -> None:
    """Two rooms of 100 kg with at most 150 kg a day: the second room takes the truck over."""
    rooms = [room("R0", 3000, 0, 100), room("R1", 3000, 4000, 100)]
    instance, network, raw = _route(rooms, max_kg_per_day=150)
    timing = time_route(instance, network, raw)
    assert timing.on_time and not timing.feasible
    assert timing.limit == (1, "max_kg_per_day")
    instance, network, raw = _route(rooms, max_kg_per_day=200)
    assert time_route(instance, network, raw).feasible
