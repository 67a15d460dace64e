"""The validator's own copy of the station container model: unloads in order, containers they fill.

Written here again on purpose (the validator shares no code with the engines); the model is the one
the haul module documents. A station's unloads, in the order they end, pour their waste into
containers of one payload; an unload that does not fit the current container fills it and puts the
rest into the next. At the end of the day the last, part-filled container counts as full too. An
unload puts waste in from max(arrive, depart − the station's unload time) until depart, so a container
is *full* at the end of the unload that filled it. The payload is the smallest of the haul types'
(of those with trucks; any type if none has) — unlimited when the scenario has no haul fleet.

A full container waits on site until its swap ends (pickup + the station's swap time); the plan's
``kpis.stations.*.containers`` states that count over the day as ``[time, count]`` steps.

Unloaded kilograms are the plan's ``unloaded_kg``, which the route rules check against the rooms.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from wasteopt.plan.models import Plan
from wasteopt.scenario.models import Scenario, parse_clock

EPS_KG = 1e-6
"""Kilograms below which a remainder is float noise, not waste."""


@dataclass(frozen=True)
class Unload:
    """One collection truck emptying at a station: waste goes in from ``start`` to ``end`` (seconds)."""

    start: int
    end: int
    kg: float


@dataclass(frozen=True)
class Fill:
    """One container of a station's day: its number (from 1, in fill order) and when it is full."""

    index: int
    full_at: int


def station_unloads(scenario: Scenario, plan: Plan) -> dict[str, list[Unload]]:
    """Each station's unloads with waste, in the order they end (unreadable times are left out:
    the route rules report them)."""
    unload_s = {s.id: round(s.unload_min * 60) for s in scenario.stations}
    events: dict[str, list[Unload]] = defaultdict(list)
    for route in plan.routes:
        for stop in route.stops:
            if stop.kind != "station" or not stop.unloaded_kg or stop.unloaded_kg <= EPS_KG:
                continue
            try:
                end = parse_clock(stop.depart or stop.arrive or "")
                start = max(end - unload_s.get(stop.id, 0), parse_clock(stop.arrive) if stop.arrive else 0)
            except ValueError:
                continue
            events[stop.id].append(Unload(min(start, end), end, stop.unloaded_kg))
    return {sid: sorted(evs, key=lambda e: (e.end, e.start)) for sid, evs in events.items()}


def container_payload_kg(scenario: Scenario) -> float:
    """What one container holds: the smallest payload of the haul types with trucks (any type if none
    has trucks); unlimited without a haul fleet."""
    staffed = [t.container_payload_t for t in scenario.haul_fleet if t.count > 0]
    payloads = staffed or [t.container_payload_t for t in scenario.haul_fleet]
    return min(payloads) * 1000 if payloads else float("inf")


def fill(unloads: list[Unload], payload_kg: float) -> list[Fill]:
    """The containers a station's unloads (in order) fill, each holding at most ``payload_kg``."""
    fills: list[Fill] = []
    inside = 0.0
    for unload in unloads:
        rest = unload.kg
        while rest > EPS_KG:
            take = min(rest, payload_kg - inside)
            inside, rest = inside + take, rest - take
            if inside >= payload_kg - EPS_KG:
                fills.append(Fill(len(fills) + 1, unload.end))
                inside = 0.0
    if inside > EPS_KG:
        fills.append(Fill(len(fills) + 1, unloads[-1].end))
    return fills


def station_fills(scenario: Scenario, plan: Plan) -> dict[str, list[Fill]]:
    """Each station's containers for the plan's day."""
    payload = container_payload_kg(scenario)
    return {sid: fill(unloads, payload) for sid, unloads in station_unloads(scenario, plan).items()}


def swap_ends(scenario: Scenario, plan: Plan) -> dict[str, dict[int, int]]:
    """Per station, container number → the time its swap ends, for trips stating both (unreadable
    times are left out: the haul rules report them)."""
    swap_s = {s.id: round(s.swap_min * 60) for s in scenario.stations}
    ends: dict[str, dict[int, int]] = defaultdict(dict)
    for trip in plan.haul:
        if trip.container is None or trip.pickup is None:
            continue
        try:
            ends[trip.station][trip.container] = parse_clock(trip.pickup) + swap_s.get(trip.station, 0)
        except ValueError:
            continue
    return ends


def on_site(fills: list[Fill], swap_end: dict[int, int]) -> list[tuple[int, int]]:
    """Full containers waiting at a station over the day, as ``(time, count)`` steps: one joins when
    full, leaves when its swap ends (never, if it is not picked up); at one time, leaving comes first."""
    changes = [(f.full_at, +1) for f in fills] + [(swap_end[f.index], -1) for f in fills if f.index in swap_end]
    steps: list[tuple[int, int]] = []
    count = 0
    for time, change in sorted(changes):
        count += change
        if steps and steps[-1][0] == time:
            steps[-1] = (time, count)
        else:
            steps.append((time, count))
    return steps
