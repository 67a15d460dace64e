"""Each truck's day as time segments (driving, waiting, collecting, unloading), from the stop times.

The plan gives every stop's arrival and departure; the gap between a departure and the next arrival
is driving, and time at a stop beyond its service time (room ``service_min``, station ``unload_min``)
is waiting (for a time window or an opening hour). Used by the HTML timeline and the PNG plot.
"""

from __future__ import annotations

from dataclasses import dataclass

from wasteopt.plan.models import Route, clock_seconds
from wasteopt.scenario.models import Scenario

SERVICE_KIND = {"room": "collecting", "station": "unloading", "garage": "waiting"}


@dataclass(frozen=True)
class Segment:
    """``kind`` from ``start`` to ``end`` (seconds after midnight); ``stop`` is the place's id, if any."""

    kind: str
    start: int
    end: int
    stop: str | None = None


def route_segments(scenario: Scenario, route: Route) -> list[Segment]:
    """The route's segments in time order; stops without times are skipped."""
    service = _service_seconds(scenario)
    segments: list[Segment] = []
    last_depart: int | None = None
    for stop in route.stops:
        arrive = _seconds(stop.arrive)
        depart = _seconds(stop.depart)
        if arrive is not None and last_depart is not None and arrive > last_depart:
            segments.append(Segment("driving", last_depart, arrive))
        if arrive is not None and stop.kind != "garage":
            own = service.get((stop.kind, stop.id), 0)
            end = depart if depart is not None else arrive + own
            begin = max(arrive, end - own)
            if begin > arrive:
                segments.append(Segment("waiting", arrive, begin, stop.id))
            if end > begin:
                segments.append(Segment(SERVICE_KIND[stop.kind], begin, end, stop.id))
            depart = end
        last_depart = depart if depart is not None else arrive
    return segments


def route_span(route: Route) -> tuple[int, int] | None:
    """First and last time on the route (leaving and coming home), if it has any times."""
    times = [t for s in route.stops for t in (_seconds(s.arrive), _seconds(s.depart)) if t is not None]
    return (min(times), max(times)) if times else None


def _seconds(text: str | None) -> int | None:
    return None if not text else clock_seconds(text)


def _service_seconds(scenario: Scenario) -> dict[tuple[str, str], int]:
    times = {("room", r.id): round(r.service_min * 60) for r in scenario.rooms}
    times.update({("station", s.id): round(s.unload_min * 60) for s in scenario.stations})
    return times
