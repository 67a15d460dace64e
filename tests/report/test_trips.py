"""Cutting a route into trips: each ends at its unload, then the drive home."""

from __future__ import annotations

from tests.report.conftest import break_plan, solved
from wasteopt.plan.models import Route, Stop
from wasteopt.report.trips import route_trips, unload_station_by_seq


def _route(ids: list[str]) -> Route:
    kinds = {"G": "garage", "R": "room", "S": "station"}
    stops = [Stop(kind=kinds[i[0]], id=i) for i in ids]
    return Route(vehicle="T1", vehicle_type="t", garage="G1", distance_km=0, duration_h=0, cost=0, stops=stops)


def test_trips_end_at_each_unload_and_the_return_goes_home() -> None:
    route = _route(["G1", "R1", "R2", "S1", "R3", "S2", "G1"])
    trips = route_trips(route)
    assert [(t.kind, t.number, t.seqs) for t in trips] == [
        ("trip", 1, (0, 1, 2, 3)), ("trip", 2, (3, 4, 5)), ("return", 2, (5, 6))]
    assert [s.id for s in trips[1].rooms] == ["R3"]
    assert unload_station_by_seq(route) == {1: "S1", 2: "S1", 4: "S2"}


def test_rooms_after_the_last_unload_form_a_trip_ending_at_the_garage() -> None:
    trips = route_trips(_route(["G1", "R1", "S1", "R2", "G1"]))
    assert [(t.kind, t.number, [s.id for s in t.stops]) for t in trips] == [
        ("trip", 1, ["G1", "R1", "S1"]), ("trip", 2, ["S1", "R2", "G1"])]
    assert trips[1].unload is None


def test_engine_plan_trips_cover_every_leg_once() -> None:
    _, plan = solved()
    for route in plan.routes:
        trips = route_trips(route)
        legs = [(a, b) for t in trips for a, b in zip(t.seqs[:-1], t.seqs[1:])]
        assert legs == [(k, k + 1) for k in range(len(route.stops) - 1)]
        assert sum(t.kg for t in trips if t.kind == "trip") == sum(s.unloaded_kg for s in route.stops if s.kind == "station")


def test_a_break_belongs_to_the_trip_it_is_taken_on_and_is_no_place_or_room() -> None:
    _, plan = break_plan()
    first, back = route_trips(plan.routes[0])
    assert [s.id for s in first.stops] == ["G1", "R01", "break-1", "R02", "S1"]
    assert [s.id for s in first.places] == ["G1", "R01", "R02", "S1"]
    assert [s.id for s in first.rooms] == ["R01", "R02"] and first.kg == 520
    assert [s.id for s in first.breaks] == ["break-1"]
    assert (back.kind, [s.id for s in back.breaks], [s.id for s in back.places]) == ("return", ["break-2"], ["S1", "G1"])
    assert unload_station_by_seq(plan.routes[1]) == {1: "S2", 4: "S2"}
