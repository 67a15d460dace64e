"""Repair: late unloads moved to a station open then; otherwise the room that costs most time goes."""

from __future__ import annotations

from tests.solve.scenarios import room, scenario, station, truck
from wasteopt.network import network_for
from wasteopt.solve.collection.instance import build_instance
from wasteopt.solve.collection.repair import repair_routes
from wasteopt.solve.collection.routes import RawRoute, Visit
from wasteopt.solve.collection.schedule import time_route


def test_an_unload_after_the_station_closes_moves_to_a_station_open_then() -> None:
    rooms = [room("R0", 3000.0, 0.0, 300.0, service_min=30)]
    sc = scenario(rooms, [station("EARLY", 3200, 0, close=6 * 3600 + 600), station("LATE", 2000, 2000)], [("G", 0, 0)],
                  [truck("T", "G", 1000.0)])
    network = network_for(sc)
    instance = build_instance(sc, network)
    late = RawRoute(0, (Visit("room", 0), Visit("station", instance.station_ids.index("EARLY"))))
    assert not time_route(instance, network, late).feasible
    repaired, dropped = repair_routes(instance, network, [late])
    assert dropped == []
    assert [instance.station_ids[v.index] for v in repaired[0].visits if v.kind == "station"] == ["LATE"]


def test_the_room_that_costs_most_time_is_taken_off_not_the_one_before_the_breach() -> None:
    """A far detour early in the day makes the last room late; the detour goes, the others stay."""
    rooms = [room("NEAR1", 1000.0, 0.0, 100.0), room("FAR", 1000.0, 9000.0, 100.0), room("NEAR2", 1200.0, 0.0, 100.0),
             room("LAST", 1400.0, 0.0, 100.0, tw_open=6 * 3600, tw_close=6 * 3600 + 1200)]
    sc = scenario(rooms, [station("S", 1500, 200)], [("G", 0, 0)], [truck("T", "G", 1000.0)])
    network = network_for(sc)
    instance = build_instance(sc, network)
    order = ["NEAR1", "FAR", "NEAR2", "LAST"]
    raw = RawRoute(0, tuple(Visit("room", instance.room_ids.index(r)) for r in order) + (Visit("station", 0),))
    assert not time_route(instance, network, raw).feasible
    repaired, dropped = repair_routes(instance, network, [raw])
    assert [instance.room_ids[k] for k in dropped] == ["FAR"]
    assert [instance.room_ids[v.index] for v in repaired[0].visits if v.kind == "room"] == ["NEAR1", "NEAR2", "LAST"]
    assert time_route(instance, network, repaired[0]).feasible


def test_a_route_over_its_daily_kg_takes_off_the_room_that_takes_it_over() -> None:
    """300 + 500 + 100 kg with at most 700 a day: B (the 500 kg that passes 700) goes, C stays."""
    rooms = [room("A", 1000.0, 0.0, 300.0), room("B", 1200.0, 0.0, 500.0), room("C", 1400.0, 0.0, 100.0)]
    sc = scenario(rooms, [station("S", 1500, 200)], [("G", 0, 0)], [truck("T", "G", 1000.0, max_kg_per_day=700)])
    network = network_for(sc)
    instance = build_instance(sc, network)
    raw = RawRoute(0, tuple(Visit("room", k) for k in range(3)) + (Visit("station", 0),))
    repaired, dropped = repair_routes(instance, network, [raw])
    assert [instance.room_ids[k] for k in dropped] == ["B"]
    assert time_route(instance, network, repaired[0]).feasible


def test_a_route_with_too_many_trips_loses_its_last_trip() -> None:
    """Two trips of 800 kg with one trip a day allowed: the second trip's room goes."""
    rooms = [room("A", 1000.0, 0.0, 800.0), room("B", 1200.0, 0.0, 800.0)]
    sc = scenario(rooms, [station("S", 1500, 200)], [("G", 0, 0)], [truck("T", "G", 1000.0, max_trips=1)])
    network = network_for(sc)
    instance = build_instance(sc, network)
    raw = RawRoute(0, (Visit("room", 0), Visit("station", 0), Visit("room", 1), Visit("station", 0)))
    repaired, dropped = repair_routes(instance, network, [raw])
    assert [instance.room_ids[k] for k in dropped] == ["B"]
    assert [v.kind for v in repaired[0].visits] == ["room", "station"]
