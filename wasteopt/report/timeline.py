"""Each truck's day as time segments (driving, waiting, collecting, unloading, break), from the stop times.

The plan gives every stop's arrival and departure; the gap between a departure and the next arrival
is driving, and time at a stop beyond its service time (room ``service_min``, station ``unload_min``)
is waiting (for a time window or an opening hour). Used by the HTML timeline and the PNG plot.
"""

from __future__ import annotations

from dataclasses import dataclass

from wasteopt.plan.models import Route, clock_seconds
from wasteopt.report.breaks import route_breaks, where_text
from wasteopt.scenario.models import Scenario

SERVICE_KIND = {"room": "collecting", "station": "unloading", "garage": "waiting"}
BREAK = "break"


@dataclass(frozen=True)
class Segment:
    """``kind`` from ``start`` to ``end`` (seconds after midnight); ``stop`` is the place's id, if any.

    Breaks are segments of kind ``break``; ``where`` says where it is taken (``at R01``,
    ``en route R01 → R02``)."""

    kind: str
    start: int
    end: int
    stop: str | None = None
    where: str = ""


def route_segments(scenario: Scenario, route: Route, lang: str = "en") -> list[Segment]:
    """The route's segments in time order; stops without times are skipped (a break's ``where`` in ``lang``).

    A driver break is its own segment from its start to its end. When it is taken at the next stop
    (waiting there before serving it) and the plan has the truck arrive there before the break, the
    drive ends at that arrival and the time until the break is waiting; time at a stop is never
    counted from before the break ended.
    """
    service = _service_seconds(scenario)
    breaks = {b.seq: b for b in route_breaks(route)}
    segments: list[Segment] = []
    last_depart: int | None = None
    for seq, stop in enumerate(route.stops):
        arrive = _seconds(stop.arrive)
        depart = _seconds(stop.depart)
        if seq in breaks:
            if arrive is None:
                continue
            item = breaks[seq]
            reach = _arrival_at(route, seq, item.at)
            if reach is not None and last_depart is not None and last_depart <= reach < arrive:
                if reach > last_depart:
                    segments.append(Segment("driving", last_depart, reach))
                segments.append(Segment("waiting", reach, arrive, item.at))
            elif last_depart is not None and arrive > last_depart:
                segments.append(Segment("driving", last_depart, arrive))
            end = max(depart if depart is not None else arrive, arrive)
            if end > arrive:
                segments.append(Segment(BREAK, arrive, end, item.at, where_text(item, lang=lang)))
            last_depart = end
            continue
        if arrive is not None and last_depart is not None:
            if arrive > last_depart:
                segments.append(Segment("driving", last_depart, arrive))
            arrive = max(arrive, last_depart)
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


def _arrival_at(route: Route, seq: int, at: str | None) -> int | None:
    """When the truck reaches the stop right after break ``seq``, if the break is taken there."""
    following = next((s for s in route.stops[seq + 1 :] if s.kind != BREAK), None)
    if at is None or following is None or following.id != at:
        return None
    return _seconds(following.arrive)


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
