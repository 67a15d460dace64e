"""The station container model: which container each unload goes into, and when each is full.

A compression transfer station packs what collection trucks unload into containers of one payload.
Unloads fill containers in the order they happen; an unload that does not fit the current container
fills it to the payload and puts the rest into the next one. At the end of the day the last, partly
filled container counts as full too (日产日清: everything leaves the station the same day).

Times, per unload: the waste goes into the station while the truck unloads, from ``start`` =
max(arrive, depart − station unload time) to ``end`` = depart. So a container is *full* at the
``end`` of the unload that filled it (a hook-lift truck may take it from then on), and a container is
*needed* — it must stand in a free slot — from the ``start`` of the first unload that puts waste into
it. A station holds ``container_slots`` containers (full ones waiting + the one being filled), so the
container ``k − slots`` must be swapped out (swap finished) by the time container ``k`` is needed.

Units inside: integer seconds, kilograms as floats (the plan's ``unloaded_kg`` values, unrounded).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from wasteopt.plan.models import Route, clock_seconds
from wasteopt.scenario.models import Scenario

EPS_KG = 1e-6
"""Kilograms below which a remainder is float noise, not waste."""


@dataclass(frozen=True)
class UnloadEvent:
    """One collection truck unloading at a station."""

    station: str
    vehicle: str
    start: int
    end: int
    kg: float


@dataclass(frozen=True)
class Container:
    """One container's day at a station: how much it holds, when it is needed and when it is full."""

    station: str
    index: int
    """Sequence number at the station, from 1, in fill order."""
    payload_kg: float
    needed_from: int
    """Start of the first unload that puts waste into it (it must stand in a slot from then on)."""
    full_at: int
    """End of the unload that filled it (the last unload of the day for the last container)."""


def unload_events(scenario: Scenario, routes: list[Route]) -> dict[str, list[UnloadEvent]]:
    """Every unload with waste (``unloaded_kg`` > 0) per station, in the order they happen."""
    unload_s = {s.id: round(s.unload_min * 60) for s in scenario.stations}
    events: dict[str, list[UnloadEvent]] = defaultdict(list)
    for route in routes:
        for stop in route.stops:
            if stop.kind != "station" or not stop.unloaded_kg or stop.unloaded_kg <= EPS_KG:
                continue
            end = clock_seconds(stop.depart) if stop.depart else clock_seconds(stop.arrive or "0:00")
            start = end - unload_s.get(stop.id, 0)
            if stop.arrive:
                start = max(start, clock_seconds(stop.arrive))
            events[stop.id].append(UnloadEvent(stop.id, route.vehicle, min(start, end), end, stop.unloaded_kg))
    return {sid: sorted(evs, key=lambda e: (e.end, e.start, e.vehicle)) for sid, evs in events.items()}


def fill_containers(events: list[UnloadEvent], payload_kg: float) -> list[Container]:
    """The containers one station fills from its unloads (in order), each holding at most ``payload_kg``."""
    containers: list[Container] = []
    filled, needed = 0.0, None
    for event in events:
        rest = event.kg
        while rest > EPS_KG:
            if needed is None:
                needed = event.start
            take = min(rest, payload_kg - filled)
            filled += take
            rest -= take
            if filled >= payload_kg - EPS_KG:
                containers.append(Container(event.station, len(containers) + 1, payload_kg, needed, event.end))
                filled, needed = 0.0, None
    if filled > EPS_KG and needed is not None:
        containers.append(Container(events[-1].station, len(containers) + 1, filled, needed, events[-1].end))
    return containers


def swap_deadline(containers: list[Container], position: int, slots: int) -> int | None:
    """Latest time the swap of ``containers[position]`` must be finished so the station never needs a
    container beyond its slots (``None``: no later container needs the slot)."""
    later = position + slots
    return containers[later].needed_from if later < len(containers) else None


def slots_needed(containers: list[Container], earliest_swap_end: list[int]) -> int:
    """Fewest slots with which every container can be swapped out in time, given each container's
    earliest possible swap end (a lower bound on storage, whatever the fleet)."""
    slots = 1
    for position, done in enumerate(earliest_swap_end):
        while position + slots < len(containers) and containers[position + slots].needed_from < done:
            slots += 1
    return slots


def containers_on_site(containers: list[Container], swap_end: dict[int, int]) -> list[tuple[int, int]]:
    """Full containers waiting at the station over the day, as ``(time, count)`` steps.

    ``swap_end`` maps a container index to the time its swap finished (missing: never picked up)."""
    changes: list[tuple[int, int]] = []
    for container in containers:
        changes.append((container.full_at, +1))
        if container.index in swap_end:
            changes.append((swap_end[container.index], -1))
    series: list[tuple[int, int]] = []
    count = 0
    for time, delta in sorted(changes):
        count += delta
        if series and series[-1][0] == time:
            series[-1] = (time, count)
        else:
            series.append((time, count))
    return series
