"""The construction: a complete feasible plan before any search, whenever the fleet allows one."""

from __future__ import annotations

from tests.solve.scenarios import room, scenario, station, truck
from wasteopt.network import network_for
from wasteopt.scenario.models import Break
from wasteopt.solve.collection.construct import construct_routes
from wasteopt.solve.collection.instance import build_instance
from wasteopt.solve.collection.schedule import time_route
from wasteopt.solve.stations.assign import station_loads


def _build(sc, trucks=None):
    network = network_for(sc)
    instance = build_instance(sc, network)
    counts = trucks or [vt.count for vt in instance.vehicle_types]
    routes, left = construct_routes(instance, network, list(range(len(instance.room_ids))), counts)
    return instance, network, routes, left


def test_every_room_on_a_feasible_route_within_the_fleet() -> None:
    rooms = [room(f"R{k}", 1000.0 * (k % 5), 800.0 * (k // 5), 450.0, service_min=10) for k in range(15)]
    sc = scenario(rooms, [station("S", 2000, 2000)], [("G", 0, 0)], [truck("T", "G", 1000.0, count=4)])
    instance, network, routes, left = _build(sc)
    assert left == []
    assert sorted(v.index for raw in routes for v in raw.visits if v.kind == "room") == list(range(15))
    assert len(routes) <= 4
    assert all(time_route(instance, network, raw).feasible for raw in routes)
    assert all(raw.visits[-1].kind == "station" for raw in routes)


def test_a_station_closed_by_the_time_the_truck_gets_there_is_not_used() -> None:
    rooms = [room(f"R{k}", 3000.0 + 500 * k, 0.0, 400.0, service_min=20) for k in range(3)]
    sc = scenario(rooms, [station("EARLY", 4000, 500, close=6 * 3600 + 600), station("LATE", -6000, 0)],
                  [("G", 0, 0)], [truck("T", "G", 1000.0, count=2)])
    instance, network, routes, left = _build(sc)
    assert left == []
    timings = [time_route(instance, network, raw) for raw in routes]
    assert all(t.feasible for t in timings)


def test_narrow_lane_rooms_keep_the_small_truck() -> None:
    """Two big trucks and one small one; the small one is the only truck for the narrow lanes, so
    the construction must not spend it on rooms a big truck can take."""
    rooms = [room(f"N{k}", 500.0 + 300 * k, 0.0, 300.0, max_vehicle_class=1) for k in range(3)]
    rooms += [room(f"W{k}", 500.0 + 300 * k, 400.0, 300.0) for k in range(6)]
    fleet = [truck("small", "G", 1000.0, count=1, vehicle_class=1), truck("big", "G", 2000.0, count=2, vehicle_class=2)]
    sc = scenario(rooms, [station("S", 0, 200)], [("G", 0, 0)], fleet)
    instance, _, routes, left = _build(sc)
    assert left == []
    narrow = {k for k, rid in enumerate(instance.room_ids) if rid.startswith("N")}
    for raw in routes:
        if instance.vehicle_types[raw.type_index].id == "big":
            assert not narrow & {v.index for v in raw.visits if v.kind == "room"}


def test_rooms_beyond_every_truck_are_returned() -> None:
    rooms = [room(f"R{k}", 2000.0 + 100 * k, 0.0, 900.0, service_min=60) for k in range(12)]
    sc = scenario(rooms, [station("S", 2500, 0)], [("G", 0, 0)], [truck("T", "G", 1000.0, count=1, shift_end=9 * 3600)])
    _, _, routes, left = _build(sc)
    assert len(routes) == 1
    served = sum(v.kind == "room" for v in routes[0].visits)
    assert served + len(left) == 12 and left


def test_a_half_full_truck_unloads_at_a_station_about_to_close_when_the_others_cannot_take_the_day() -> None:
    """The station by the rooms closes at 07:00; the one open all day is far and takes 1.2 t, less
    than the 1.8 t of the day. Half full at 06:42, the truck must unload by the rooms now: one more
    room first (20 minutes) would miss the early station, and the late one could not take the rest."""
    hour = 3600
    rooms = [room(f"R{k}", 1000.0 + 10 * k, 0.0, 300.0, service_min=20) for k in range(6)]
    stations = [station("EARLY", 1000, 100, close=7 * hour), station("LATE", 20000, 0, tonnes=1.2)]
    sc = scenario(rooms, stations, [("G", 0, 0)], [truck("T", "G", 1000.0, count=1)])
    instance, network, routes, left = _build(sc)
    assert left == []
    assert len(routes) == 1 and time_route(instance, network, routes[0]).feasible
    unloads = [instance.station_ids[v.index] for v in routes[0].visits if v.kind == "station"]
    assert unloads[0] == "EARLY"
    assert (station_loads(instance, routes) <= instance.station_capacity_kg).all()


def test_daily_limits_and_a_lunch_break_are_kept_by_every_truck() -> None:
    """15 rooms of 450 kg; each truck at most 3 trips, 2,000 kg and 5 rooms a day, with a 60-minute
    lunch from 08:00 in a 06:00–10:30 shift: every route keeps them all, and the fleet serves every room."""
    rooms = [room(f"R{k}", 1000.0 * (k % 5), 800.0 * (k // 5), 450.0, service_min=10) for k in range(15)]
    lunch = Break(duration_min=60, earliest="08:00", latest="08:30")
    fleet = [truck("T", "G", 1000.0, count=6, max_trips=3, max_kg_per_day=2000, max_stops=5, breaks=(lunch,), shift_end="10:30")]
    instance, network, routes, left = _build(scenario(rooms, [station("S", 2000, 2000)], [("G", 0, 0)], fleet))
    assert left == []
    for raw in routes:
        kinds = [v.kind for v in raw.visits]
        assert kinds.count("station") <= 3 and kinds.count("room") <= 5
        assert sum(instance.waste_kg[v.index] for v in raw.visits if v.kind == "room") <= 2000
        timing = time_route(instance, network, raw)
        assert timing.feasible
        assert timing.end[-1] <= 8 * 3600 or len(timing.breaks) == 1
