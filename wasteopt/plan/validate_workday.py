"""A collection truck's working day: its driver breaks and its daily limits, recomputed.

The vehicle type sets both (:class:`~wasteopt.scenario.models.VehicleType`): breaks (``duration_min``
long, starting between ``earliest`` and ``latest``; owed by a truck still out at ``latest``) and daily
limits (unload trips, kilograms collected, rooms emptied, km driven, hours on duty). A break is a stop
of kind ``break`` with id ``break-K`` (the type's K-th break, 1-based), ``arrive``/``depart`` its start
and end and ``at`` where the truck stands: the place before it, the place after it, or en route.

Kept apart from :mod:`wasteopt.plan.validate_route` because the route's own walk only has to skip
breaks, while these rules need the whole day at once. The route check's recomputed times, legs, km and
hours (:class:`~wasteopt.plan.validate_route.RouteCheck`) are used, never the plan's stated figures;
kilograms are the rooms' own waste, not the stops' ``collected_kg``.

Rules: ``break-unknown``, ``break-duplicate``, ``break-order``, ``break-window``, ``break-short``,
``break-placement``, ``break-missing``, ``daily-trips``, ``daily-kg``, ``daily-stops``, ``daily-km``,
``duty-hours``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wasteopt.plan.models import Route, Stop, clock_text
from wasteopt.plan.validate_route import TOL_KG, TOL_KM, TOL_S, Places, RouteCheck, sites
from wasteopt.plan.violation import Violation
from wasteopt.scenario.models import Break, VehicleType

BREAK_ID = re.compile(r"break-([1-9][0-9]*)")
"""A break stop's id: ``break-`` and the 1-based number of the vehicle type's break."""

Times = list[tuple[int | None, int | None]]
"""(arrive, depart) in seconds per stop, as the route check parsed them."""


@dataclass(frozen=True)
class Taken:
    """A break stop naming one of the vehicle type's breaks, the first time it is named."""

    position: int
    """0-based position of the stop on the route."""
    index: int
    """0-based index into the vehicle type's ``breaks``."""
    rule: Break


def check_workday(route: Route, vtype: VehicleType | None, places: Places, check: RouteCheck) -> list[Violation]:
    """Every break and daily-limit rule of one route, from the route check's recomputations.

    Nothing is checked for a truck of unknown type (that is reported elsewhere); rules needing times
    or legs are skipped where they could not be recomputed (a violation already says why)."""
    if vtype is None:
        return []
    found = check_limits(route, vtype, places, check)
    taken = breaks_taken(route, vtype, found)
    if check.times is not None:
        found += _check_taken(route, taken, check.times)
        found += _check_owed(route, vtype, taken, check.times)
        if check.legs_s is not None:
            found += _check_placement(route, check.times, [int(leg) for leg in check.legs_s])
    return found


def check_limits(route: Route, vtype: VehicleType, places: Places, check: RouteCheck) -> list[Violation]:
    """The vehicle type's daily limits: unload trips, kilograms collected, rooms emptied, km, duty hours.

    Each is checked only where the type sets it; km and hours only where the route check could
    recompute them."""
    trips = sum(s.kind == "station" for s in route.stops)
    rooms = [s.id for s in route.stops if s.kind == "room"]
    kg = sum(places.rooms[r].waste_kg_per_day for r in rooms if r in places.rooms)
    found = []
    if vtype.max_trips is not None and trips > vtype.max_trips:
        found.append(Violation("daily-trips", route.vehicle, f"{trips} unload trips, at most {vtype.max_trips} a day for {vtype.id}"))
    if vtype.max_kg_per_day is not None and kg > vtype.max_kg_per_day + TOL_KG:
        found.append(Violation("daily-kg", route.vehicle, f"collects {kg:.1f} kg, at most {vtype.max_kg_per_day:g} kg a day for {vtype.id}"))
    if vtype.max_stops is not None and len(rooms) > vtype.max_stops:
        found.append(Violation("daily-stops", route.vehicle, f"empties {len(rooms)} rooms, at most {vtype.max_stops} a day for {vtype.id}"))
    if vtype.max_km_per_day is not None and check.km is not None and check.km > vtype.max_km_per_day + TOL_KM:
        found.append(Violation("daily-km", route.vehicle, f"drives {check.km:.3f} km, at most {vtype.max_km_per_day:g} km a day for {vtype.id}"))
    if vtype.max_duty_hours is not None and check.hours is not None and check.hours * 3600 > vtype.max_duty_hours * 3600 + TOL_S:
        found.append(
            Violation(
                "duty-hours",
                route.vehicle,
                f"{check.hours:.4f} h on duty (garage to garage, breaks included), at most {vtype.max_duty_hours:g} h for {vtype.id}",
            )
        )
    return found


def breaks_taken(route: Route, vtype: VehicleType, found: list[Violation]) -> list[Taken]:
    """The route's break stops that name a break of the type, each the first time; a stop naming no
    break of the type, naming one again, or out of the type's order is added to ``found``."""
    taken: list[Taken] = []
    for position, stop in enumerate(route.stops):
        if stop.kind != "break":
            continue
        match = BREAK_ID.fullmatch(stop.id)
        index = int(match.group(1)) - 1 if match else -1
        if not 0 <= index < len(vtype.breaks):
            names = ", ".join(f"break-{k + 1}" for k in range(len(vtype.breaks))) or "none"
            found.append(Violation("break-unknown", route.vehicle, f"stop {position + 1} is {stop.id}, not a break of {vtype.id} (its breaks: {names})"))
        elif any(t.index == index for t in taken):
            found.append(Violation("break-duplicate", route.vehicle, f"stop {position + 1}: {stop.id} is taken a second time"))
        else:
            if taken and index < max(t.index for t in taken):
                found.append(Violation("break-order", route.vehicle, f"stop {position + 1}: {stop.id} comes after break-{max(t.index for t in taken) + 1}; breaks go in the type's order"))
            taken.append(Taken(position, index, vtype.breaks[index]))
    return taken


def _check_taken(route: Route, taken: list[Taken], times: Times) -> list[Violation]:
    """Each break starts inside its window and lasts at least its duration."""
    found = []
    for item in taken:
        start, end = times[item.position]
        name = route.stops[item.position].id
        if start is None or end is None:  # a break first or last: route-start / route-end say so
            continue
        rule = item.rule
        if not rule.earliest - TOL_S <= start <= rule.latest + TOL_S:
            found.append(Violation("break-window", route.vehicle, f"{name} starts {clock_text(start)}, outside {clock_text(rule.earliest)}–{clock_text(rule.latest)}"))
        if end - start < rule.duration_min * 60 - TOL_S:
            found.append(Violation("break-short", route.vehicle, f"{name} lasts {end - start} s ({clock_text(start)}–{clock_text(end)}), at least {rule.duration_min:g} min owed"))
    return found


def _check_owed(route: Route, vtype: VehicleType, taken: list[Taken], times: Times) -> list[Violation]:
    """Every break the truck owes (:func:`owes`) is on the route."""
    back = times[-1][0]
    if back is None:
        return []
    present = {t.index for t in taken}
    return [
        Violation("break-missing", route.vehicle, f"back at {clock_text(back)}, after break-{k + 1}'s latest start {clock_text(rule.latest)}, but takes no break-{k + 1}")
        for k, rule in enumerate(vtype.breaks)
        if k not in present and owes(rule, back)
    ]


def owes(rule: Break, back: int) -> bool:
    """Whether a truck back at its garage at ``back`` owes the break: it is still out when the break
    may begin (a crew on duty then takes it; a truck back by then skips it)."""
    return back > rule.earliest


def _check_placement(route: Route, times: Times, legs_s: list[int]) -> list[Violation]:
    """Breaks between two places fit in the leg: see :func:`_check_leg`."""
    found: list[Violation] = []
    places_at = sites(route)
    for leg, (a, b) in zip(legs_s, zip(places_at, places_at[1:])):
        if b > a + 1:
            found += _check_leg(route, times, a, b, leg)
    return found


def _check_leg(route: Route, times: Times, a: int, b: int, leg: int) -> list[Violation]:
    """The breaks between places A (position ``a``) and B (``b``) are taken after A's service ends and
    end by the time the truck is ready at B (its ``arrive``), do not overlap, stand at A, en route, or
    at B in that order, and leave the truck the leg's drive time: after the last break at A, before the
    first at B, and outside the breaks en route. A break at B starts no earlier than the truck can be
    there. (Short of the drive alone, the route check reports ``travel-time`` instead.)"""
    found: list[Violation] = []
    here, there = route.stops[a], route.stops[b]
    done, ready = times[a][1], times[b][0]
    if done is None or ready is None:
        return found

    def bad(text: str) -> None:
        found.append(Violation("break-placement", route.vehicle, f"between {here.id} and {there.id}: {text}"))

    drive_from, drive_to, resting = done, ready, 0
    previous_end, previous_rank = done, 0
    for k in range(a + 1, b):
        stop = route.stops[k]
        start, end = times[k]
        if start is None or end is None:
            continue
        rank = _rank(stop, here, there)
        if rank is None:
            bad(f"{stop.id} stands at {stop.at}, neither {here.id} (before) nor {there.id} (after) nor en route")
        elif rank < previous_rank:
            bad(f"{stop.id} {_where(stop)} after the truck has moved on")
        if start < previous_end - TOL_S:
            what = f"{here.id}'s service ends" if k == a + 1 else "the break before ends"
            bad(f"{stop.id} starts {clock_text(start)}, before {what} at {clock_text(previous_end)}")
        if end > ready + TOL_S:
            bad(f"{stop.id} ends {clock_text(end)}, after the truck is ready at {there.id} at {clock_text(ready)}")
        if rank == 2 and start < done + leg - TOL_S:
            bad(f"{stop.id} at {there.id} starts {clock_text(start)}, but the truck gets there at {clock_text(done + leg)} at the earliest")
        if rank == 0:
            drive_from = max(drive_from, end)
        elif rank == 2:
            drive_to = min(drive_to, start)
        else:
            resting += max(0, end - start)
        previous_end, previous_rank = max(previous_end, end), max(previous_rank, 1 if rank is None else rank)
    driving = drive_to - drive_from - resting
    if not found and ready >= done + leg - TOL_S and driving < leg - TOL_S:
        bad(
            f"done {clock_text(done)}, ready {clock_text(ready)}: around the breaks the truck can drive "
            f"{driving} s, but the leg takes {leg} s"
        )
    return found


def _rank(stop: Stop, here: Stop, there: Stop) -> int | None:
    """Where a break stands, in the order it must come: 0 at the place before, 1 en route, 2 at the
    place after; None for a place that is neither."""
    if stop.at == here.id:
        return 0
    if stop.at is None:
        return 1
    if stop.at == there.id:
        return 2
    return None


def _where(stop: Stop) -> str:
    return "is taken en route" if stop.at is None else f"is taken at {stop.at}"
