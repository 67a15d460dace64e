"""A truck's day as segments: they tile the route from leaving to coming home, with the right kinds."""

from __future__ import annotations

from tests.report.conftest import break_plan, solved
from wasteopt.network import network_for
from wasteopt.plan.models import Route, Stop, clock_seconds
from wasteopt.report.timeline import Segment, route_segments, route_span


def test_segments_tile_the_route_and_match_service_times() -> None:
    scenario, plan = solved()
    rooms = {r.id: r for r in scenario.rooms}
    for route in plan.routes:
        segments = route_segments(scenario, route)
        start, end = route_span(route)
        assert segments[0].start == start and segments[-1].end == end
        assert all(a.end == b.start for a, b in zip(segments[:-1], segments[1:]))
        collecting = [s for s in segments if s.kind == "collecting"]
        assert [s.stop for s in collecting] == [s.id for s in route.stops if s.kind == "room"]
        assert all(s.end - s.start == rooms[s.stop].service_min * 60 for s in collecting)
        assert len([s for s in segments if s.kind == "unloading"]) == sum(s.kind == "station" for s in route.stops)


def test_driving_time_is_the_network_leg_time() -> None:
    scenario, plan = solved()
    network = network_for(scenario)
    route = plan.routes[0]
    first_leg = network.leg(route.stops[0].id, route.stops[1].id)[1]
    drive = route_segments(scenario, route)[0]
    assert drive.kind == "driving" and drive.end - drive.start >= first_leg


def test_time_at_a_stop_beyond_its_service_is_waiting() -> None:
    scenario, _ = solved()
    route = Route(vehicle="T", vehicle_type="c1t", garage="G1", distance_km=1, duration_h=1, cost=1, stops=[
        Stop(kind="garage", id="G1", depart="06:00:00"),
        Stop(kind="room", id="R01", arrive="06:10:00", depart="06:30:00", load_kg=240),
        Stop(kind="garage", id="G1", arrive="06:40:00"),
    ])
    at = clock_seconds
    assert route_segments(scenario, route) == [
        Segment("driving", at("06:00:00"), at("06:10:00")),
        Segment("waiting", at("06:10:00"), at("06:25:00"), "R01"),
        Segment("collecting", at("06:25:00"), at("06:30:00"), "R01"),
        Segment("driving", at("06:30:00"), at("06:40:00")),
    ]


def test_breaks_are_segments_of_their_own_and_the_day_still_tiles() -> None:
    scenario, plan = break_plan()
    at = clock_seconds
    for route in plan.routes:
        segments = route_segments(scenario, route)
        assert segments[0].start == route_span(route)[0] and segments[-1].end == route_span(route)[1]
        assert all(a.end == b.start for a, b in zip(segments[:-1], segments[1:]))
    first, second = (route_segments(scenario, r) for r in plan.routes)
    assert [s for s in first if s.kind == "break"] == [
        Segment("break", at("06:20:00"), at("06:35:00"), None, "en route R01 → R02"),
        Segment("break", at("07:10:00"), at("08:10:00"), "S1", "at S1"),
    ]
    assert [s.kind for s in first[2:5]] == ["driving", "break", "driving"]  # en route: driving either side
    # at R03 after its service; at R05 waiting to serve it: drive there, wait, break, then collect
    assert second[1:] == [
        Segment("collecting", at("06:10:00"), at("06:15:00"), "R03"),
        Segment("break", at("06:15:00"), at("06:30:00"), "R03", "at R03"),
        Segment("driving", at("06:30:00"), at("06:40:00")),
        Segment("waiting", at("06:40:00"), at("07:00:00"), "R05"),
        Segment("break", at("07:00:00"), at("08:00:00"), "R05", "at R05"),
        Segment("collecting", at("08:00:00"), at("08:05:00"), "R05"),
        Segment("driving", at("08:05:00"), at("08:20:00")),
        Segment("unloading", at("08:20:00"), at("08:30:00"), "S2"),
        Segment("driving", at("08:30:00"), at("08:45:00")),
    ]


def test_a_break_at_the_next_stop_whose_arrival_is_given_after_it() -> None:
    scenario, _ = break_plan()
    at = clock_seconds
    route = Route(vehicle="T", vehicle_type="c1t", garage="G1", distance_km=1, duration_h=1, cost=1, stops=[
        Stop(kind="garage", id="G1", depart="06:00:00"),
        Stop(kind="break", id="break-1", at="R01", arrive="06:30:00", depart="06:45:00"),
        Stop(kind="room", id="R01", arrive="06:45:00", depart="06:50:00", load_kg=240),
        Stop(kind="garage", id="G1", arrive="07:00:00"),
    ])
    assert route_segments(scenario, route) == [
        Segment("driving", at("06:00:00"), at("06:30:00")),
        Segment("break", at("06:30:00"), at("06:45:00"), "R01", "at R01"),
        Segment("collecting", at("06:45:00"), at("06:50:00"), "R01"),
        Segment("driving", at("06:50:00"), at("07:00:00")),
    ]
