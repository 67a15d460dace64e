"""A crew's working day as the engine holds it: driver breaks and a truck's daily limits.

The rules are the scenario's (:class:`wasteopt.scenario.models.VehicleType`): breaks of a given
length starting within a window, owed by every truck still out when the window opens, and limits on a
truck's whole day (unloads, kg collected, rooms, km, hours on duty).

PyVRP has no breaks and its loads restart at every reload, so it cannot hold a break or a limit that
spans trips. The engine therefore keeps them exactly in its own timing
(:func:`wasteopt.solve.collection.schedule.time_route`, which places each break and checks each
limit; repair and insertion go by it, and the validator checks the written plan), and hands the
search a conservative view of them (this module):

- a shift shorter by the breaks the truck will owe, and windows that close after a break may start
  brought forward by its length (a stop after the break is served at most that much later);
- the unloads cut to the trips the limits allow, and the per-trip payload cut so that those trips
  together stay within the daily kg limit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from wasteopt.scenario.models import VehicleType


@dataclass(frozen=True)
class BreakRule:
    """One break of a vehicle type, in seconds: its start lies in ``[earliest, latest]``."""

    earliest: int
    latest: int
    duration: int


def break_rules(vt: VehicleType) -> list[BreakRule]:
    """The type's breaks, in order of their earliest start."""
    return [BreakRule(int(b.earliest), int(b.latest), round(b.duration_min * 60)) for b in vt.breaks]


def owed_in_shift(vt: VehicleType) -> list[BreakRule]:
    """The breaks a truck working to the end of its shift owes (the others start after it)."""
    return [rule for rule in break_rules(vt) if rule.earliest < vt.shift_end]


def search_shift_end(vt: VehicleType) -> int:
    """The latest return the search may plan without breaks: the shift end (or the duty limit from
    the shift start), less the breaks owed."""
    end = vt.shift_end
    if vt.max_duty_hours is not None:
        end = min(end, vt.shift_start + int(vt.max_duty_hours * 3600))
    return int(end - sum(rule.duration for rule in owed_in_shift(vt)))


def search_close(opens: np.ndarray, closes: np.ndarray, vt: VehicleType) -> np.ndarray:
    """Closing times as the search sees them for this type: a window that closes after a break may
    start is brought forward by the break's length (never before it opens)."""
    closes = np.asarray(closes, dtype=np.int64).copy()
    for rule in owed_in_shift(vt):
        after = closes > rule.earliest
        closes[after] = np.maximum(np.asarray(opens)[after], closes[after] - rule.duration)
    return closes


def search_capacity_kg(vt: VehicleType) -> int:
    """Payload per trip the search may plan: the truck's, cut so that the trips it may make
    (:func:`search_max_trips`) together stay within the daily kg limit. Exact when the limit is a
    multiple of the payload (or below it); otherwise it gives up a little of each trip (e.g. 280 kg
    trucks with 400 kg a day: two trips of 200) rather than let the search plan days the limit forbids."""
    payload = int(vt.capacity_kg)
    trips = search_max_trips(vt)
    if vt.max_kg_per_day is None or trips is None:
        return payload
    return min(payload, int(vt.max_kg_per_day // trips))


def search_max_trips(vt: VehicleType) -> int | None:
    """Trips (unloads) per day the search may plan: the trip limit, and no more full trips than the
    daily kg limit allows; None when unlimited."""
    limits = []
    if vt.max_trips is not None:
        limits.append(vt.max_trips)
    if vt.max_kg_per_day is not None:
        limits.append(max(1, math.ceil(vt.max_kg_per_day / vt.capacity_kg)))
    return min(limits) if limits else None


def limit_breach(
    vt: VehicleType, kinds: list[str], room_kg: np.ndarray, km: float | None, duty_s: int
) -> tuple[int, str] | None:
    """The first daily limit a day breaks and the position of the visit where it does
    (``len(kinds)``: at the end of the day, for km and hours); None if it keeps them all.

    ``kinds``: each visit's kind (``room``/``station``); ``room_kg``: the kg of each visit (0 at
    stations); ``km``: the day's distance (None if not needed)."""
    breaches: list[tuple[int, str]] = []
    rooms = np.array([kind == "room" for kind in kinds], dtype=bool)
    if vt.max_kg_per_day is not None:
        over = np.flatnonzero(np.cumsum(room_kg) > vt.max_kg_per_day)
        if over.size:
            breaches.append((int(over[0]), "max_kg_per_day"))
    if vt.max_stops is not None and rooms.sum() > vt.max_stops:
        breaches.append((int(np.flatnonzero(rooms)[vt.max_stops]), "max_stops"))
    stations = np.flatnonzero(~rooms)
    if vt.max_trips is not None and stations.size > vt.max_trips:
        breaches.append((int(stations[vt.max_trips]), "max_trips"))
    if vt.max_km_per_day is not None and km is not None and km > vt.max_km_per_day:
        breaches.append((len(kinds), "max_km_per_day"))
    if vt.max_duty_hours is not None and duty_s > vt.max_duty_hours * 3600:
        breaches.append((len(kinds), "max_duty_hours"))
    return min(breaches) if breaches else None


def limits_reached(vt: VehicleType, kinds: list[str], collected_kg: float, smallest_kg: float) -> list[str]:
    """The daily limits a day has used up: no room (of at least ``smallest_kg``), trip or stop more
    would fit them."""
    reached = []
    if vt.max_kg_per_day is not None and collected_kg + smallest_kg > vt.max_kg_per_day:
        reached.append("max_kg_per_day")
    if vt.max_stops is not None and kinds.count("room") >= vt.max_stops:
        reached.append("max_stops")
    if vt.max_trips is not None and kinds.count("station") >= vt.max_trips:
        reached.append("max_trips")
    return reached
