"""Driver breaks as every output words them: when, how long, where; and never a place on the map."""

from __future__ import annotations

from tests.report.conftest import break_plan
from wasteopt.plan.models import clock_seconds
from wasteopt.report.breaks import break_minutes, break_text, place_stops, route_breaks, span_text, where_text


def test_breaks_in_stop_order_with_times_and_the_places_around_them() -> None:
    _, plan = break_plan()
    first, second = plan.routes
    breaks = route_breaks(first)
    assert [(b.seq, b.id, b.at, b.before, b.after) for b in breaks] == [
        (2, "break-1", None, "R01", "R02"), (5, "break-2", "S1", "S1", "G1")]
    assert (breaks[0].start, breaks[0].end, breaks[0].minutes) == (clock_seconds("06:20:00"), clock_seconds("06:35:00"), 15)
    assert breaks[0].en_route and not breaks[1].en_route
    # two breaks in a row: the places around each skip the other break
    assert [(b.before, b.after) for b in route_breaks(second)] == [("R03", "R05"), ("R03", "R05")]
    assert break_minutes(first) == break_minutes(second) == 75


def test_wording() -> None:
    _, plan = break_plan()
    en_route, at_station = route_breaks(plan.routes[0])
    assert where_text(en_route) == "en route R01 → R02"
    assert where_text(at_station) == "at S1"
    assert where_text(at_station, {"S1": "南定中转站"}) == "at S1 南定中转站"
    assert span_text(at_station) == "07:10–08:10 (60 min)"
    assert break_text(en_route) == "BREAK 06:20–06:35 (15 min), en route R01 → R02"
    untimed = en_route.__class__(2, "break-1", None, None, None, "R01", "R02")
    assert break_text(untimed) == "BREAK, en route R01 → R02"


def test_place_stops_leave_breaks_out() -> None:
    _, plan = break_plan()
    assert [s.id for s in place_stops(plan.routes[1].stops)] == ["G1", "R03", "R05", "S2", "G1"]
