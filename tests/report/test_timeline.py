"""A truck's day as segments: they tile the route from leaving to coming home, with the right kinds."""

from __future__ import annotations

from tests.report.conftest import solved
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
