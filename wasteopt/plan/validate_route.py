"""Rules for one collection route, recomputed from the scenario and the travel network.

Walks the stops once: shape (garage → ... → garage), known places, load after each stop, capacity,
unload before home, access (the room table's ``max_vehicle_class`` and, where roads differ by
vehicle class, the roads' own limit), travel and service times, time windows, station hours, shift, and the
route's reported distance, duration, cost, CO₂ and unload count. Shares no code with the engines:
every figure is recomputed here from the scenario's own numbers, and the recomputed km, hours and cost
are kept (:class:`RouteCheck`) so the plan's totals can be checked against them, not against the
figures the routes state.

Driver breaks (stops of kind ``break``) are no places: each carries the load on board and is checked
for it like any stop, but the legs, times and km run from the place before a break to the place after
it. The breaks' own rules and the daily limits are in :mod:`wasteopt.plan.validate_workday`, which
reads the times and legs kept here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from wasteopt.network.travel import TravelNetwork
from wasteopt.plan.models import Route, Stop, clock_seconds, clock_text
from wasteopt.plan.violation import Violation
from wasteopt.scenario.models import Garage, Room, Scenario, Station, VehicleType

TOL_KG = 0.5
"""Loads are compared within half a kilogram (plans may round to whole kilograms)."""
TOL_M3 = 1e-3
"""Volumes are compared within a litre."""
TOL_S = 1
"""Times are written to the second, so one second of rounding is allowed."""
TOL_KM = 0.01
TOL_H = 2 / 3600
TOL_COST = 0.01
REL = 1e-6
"""Relative slack on top of the absolute tolerances, for large totals."""


def close_enough(reported: float, expected: float, absolute: float) -> bool:
    """Whether a reported figure matches the recomputed one within ``absolute`` + a relative slack."""
    return abs(reported - expected) <= absolute + REL * abs(expected)


@dataclass(frozen=True)
class Places:
    """The scenario's places by id, grouped by kind, for quick look-up."""

    rooms: dict[str, Room]
    stations: dict[str, Station]
    garages: dict[str, Garage]
    road_limits: dict[str, int | None] = field(default_factory=dict)
    """Rooms only smaller vehicle classes have roads to: room id → the largest (``None``: none)."""

    @classmethod
    def of(cls, scenario: Scenario, road_limits: dict[str, int | None] | None = None) -> "Places":
        """Index the rooms, stations and garages of a scenario (``road_limits``: the travel
        network's :meth:`~wasteopt.network.travel.TravelNetwork.road_limits`)."""
        return cls(
            rooms={r.id: r for r in scenario.rooms},
            stations={s.id: s for s in scenario.stations},
            garages={g.id: g for g in scenario.garages},
            road_limits=dict(road_limits or {}),
        )

    def knows(self, stop: Stop) -> bool:
        """Whether the stop names a place of its kind in the scenario (a break is no place: False)."""
        group = {"room": self.rooms, "station": self.stations, "garage": self.garages}.get(stop.kind)
        return group is not None and stop.id in group


def sites(route: Route) -> list[int]:
    """Positions (0-based) of the route's stops that are places, not driver breaks: the legs run
    between consecutive ones."""
    return [k for k, stop in enumerate(route.stops) if stop.kind != "break"]


@dataclass
class RouteCheck:
    """The violations of one route, the waste it unloads per station, and its km, hours and cost —
    all recomputed. A figure is None when it cannot be recomputed (an unknown place, an unreadable
    time, an unknown vehicle): a violation then says why. ``times`` (arrive, depart in seconds per
    stop) and ``legs_s`` (drive seconds between consecutive places, :func:`sites`) are kept for the
    workday rules."""

    violations: list[Violation] = field(default_factory=list)
    unloaded_kg: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    km: float | None = None
    hours: float | None = None
    cost: float | None = None
    times: list[tuple[int | None, int | None]] | None = None
    legs_s: np.ndarray | None = None

    def add(self, rule: str, subject: str, message: str) -> None:
        """Record one violation."""
        self.violations.append(Violation(rule, subject, message))


def check_route(
    route: Route, vtype: VehicleType | None, places: Places, network: TravelNetwork, travel_speed: float
) -> RouteCheck:
    """Every rule one route can break on its own, but for its breaks and daily limits
    (:func:`wasteopt.plan.validate_workday.check_workday`). ``vtype`` is the truck's type (None if
    unknown: the type-dependent rules are then skipped; the unknown vehicle is reported elsewhere)."""
    check = RouteCheck()
    if len(route.stops) < 2:
        check.add("route-shape", route.vehicle, f"a route needs at least a garage start and end, got {len(route.stops)} stop(s)")
        return check
    home = vtype.garage if vtype is not None else route.garage
    _check_shape(route, home, places, check)
    _check_loads(route, vtype, places, check)
    path = [route.stops[k].id for k in sites(route)]
    known = len(path) >= 2 and all(places.knows(route.stops[k]) for k in sites(route))
    times = _parse_times(route, check)
    check.times = times
    if known:
        speed = (vtype.speed_kmh if vtype is not None else None) or travel_speed
        check.legs_s = network.legs_s(path, speed)
    if check.legs_s is not None and times is not None:
        _check_times(route, times, vtype, places, check.legs_s, check)
    _check_figures(route, vtype, times, network.legs_m(path) if known else None, check)
    return check


def _check_shape(route: Route, home: str, places: Places, check: RouteCheck) -> None:
    """Starts and ends at its own garage, no garage in between, every place known and usable."""
    first, last = route.stops[0], route.stops[-1]
    if first.kind != "garage" or first.id != home:
        check.add("route-start", route.vehicle, f"starts at {first.kind} {first.id}, not at its garage {home}")
    if last.kind != "garage" or last.id != home:
        check.add("route-end", route.vehicle, f"ends at {last.kind} {last.id}, not at its garage {home}")
    for position, stop in enumerate(route.stops[1:-1], start=2):
        if stop.kind == "garage":
            check.add("route-shape", route.vehicle, f"stop {position} is garage {stop.id} in the middle of the route")
        elif stop.kind == "room" and stop.id not in places.rooms:
            check.add("room-unknown", stop.id, f"{route.vehicle} visits room {stop.id}, which is not in the scenario")
        elif stop.kind == "station" and stop.id not in places.stations:
            check.add("station-unknown", stop.id, f"{route.vehicle} unloads at {stop.id}, which is not a station of the scenario")
        elif stop.kind == "station" and places.stations[stop.id].status != "existing":
            check.add("station-not-open", stop.id, f"{route.vehicle} unloads at candidate site {stop.id}, which is not open")


def _check_loads(route: Route, vtype: VehicleType | None, places: Places, check: RouteCheck) -> None:
    """Recompute the load (kg and m³) after every stop and compare with what the plan reports."""
    kg, m3 = 0.0, 0.0
    for position, stop in enumerate(route.stops, start=1):
        where = f"stop {position} ({stop.kind} {stop.id})"
        home_loaded = position == len(route.stops) and stop.kind == "garage" and (kg > TOL_KG or m3 > TOL_M3)
        if home_loaded:
            check.add("unload-before-home", route.vehicle, f"arrives back at {stop.id} with {kg:.1f} kg ({m3:.3f} m³) on board")
        if stop.kind == "room" and stop.id in places.rooms:
            room = places.rooms[stop.id]
            kg += room.waste_kg_per_day
            m3 += room.volume_m3_per_day or 0.0
            _check_room(route, stop, room, vtype, places.road_limits, check)
            _check_capacity(route, where, kg, m3, vtype, check)
        elif stop.kind == "station":  # unloads even where the station itself is reported as wrong
            check.unloaded_kg[stop.id] += kg
            if stop.unloaded_kg is None:
                check.add("unloaded-mismatch", route.vehicle, f"{where}: reports no unloaded_kg, recomputed {kg:.1f}")
            elif not close_enough(stop.unloaded_kg, kg, TOL_KG):
                check.add("unloaded-mismatch", route.vehicle, f"{where}: reports unloaded_kg {stop.unloaded_kg:g}, recomputed {kg:.1f}")
            kg, m3 = 0.0, 0.0
        elif stop.kind == "break":
            _check_break_figures(route, where, stop, check)
        if not close_enough(stop.load_kg, kg, TOL_KG):
            check.add("load-mismatch", route.vehicle, f"{where}: reports load_kg {stop.load_kg:g}, recomputed {kg:.1f}")
        if stop.load_m3 is not None and not close_enough(stop.load_m3, m3, TOL_M3):
            check.add("load-mismatch", route.vehicle, f"{where}: reports load_m3 {stop.load_m3:g}, recomputed {m3:.3f}")


def _check_break_figures(route: Route, where: str, stop: Stop, check: RouteCheck) -> None:
    """A driver break takes on no waste and unloads none: a break stating either is wrong."""
    if stop.collected_kg:
        check.add("collected-mismatch", route.vehicle, f"{where}: reports collected_kg {stop.collected_kg:g} at a break")
    if stop.unloaded_kg:
        check.add("unloaded-mismatch", route.vehicle, f"{where}: reports unloaded_kg {stop.unloaded_kg:g} at a break")


def _check_room(
    route: Route, stop: Stop, room: Room, vtype: VehicleType | None, road_limits: dict[str, int | None], check: RouteCheck
) -> None:
    """Rules of one room visit that do not depend on time: access (lanes and roads) and the amount collected."""
    if vtype is not None and room.max_vehicle_class is not None and vtype.vehicle_class > room.max_vehicle_class:
        check.add(
            "access",
            room.id,
            f"{route.vehicle} is vehicle class {vtype.vehicle_class}; the room admits class {room.max_vehicle_class} at most",
        )
    elif vtype is not None and room.id in road_limits and vtype.vehicle_class > (road_limits[room.id] or 0):
        limit = road_limits[room.id]
        admits = f"the roads to it admit class {limit} at most" if limit else "no class of the fleet has a road to it"
        check.add(
            "access",
            room.id,
            f"{route.vehicle} is vehicle class {vtype.vehicle_class}; {admits} (tracks, maxwidth or maxweight)",
        )
    if stop.collected_kg is not None and not close_enough(stop.collected_kg, room.waste_kg_per_day, TOL_KG):
        check.add(
            "collected-mismatch",
            room.id,
            f"{route.vehicle} reports collected_kg {stop.collected_kg:g}; the room produces {room.waste_kg_per_day:g} kg a day",
        )


def _check_capacity(route: Route, where: str, kg: float, m3: float, vtype: VehicleType | None, check: RouteCheck) -> None:
    """The load on board never exceeds the truck's capacity by weight, nor by volume where given."""
    if vtype is None:
        return
    if kg > vtype.capacity_kg + TOL_KG:
        check.add("capacity-weight", route.vehicle, f"{where}: {kg:.1f} kg on board, capacity {vtype.capacity_kg:g} kg")
    if vtype.capacity_m3 is not None and m3 > vtype.capacity_m3 + TOL_M3:
        check.add("capacity-volume", route.vehicle, f"{where}: {m3:.3f} m³ on board, capacity {vtype.capacity_m3:g} m³")


def _parse_times(route: Route, check: RouteCheck) -> list[tuple[int | None, int | None]] | None:
    """(arrive, depart) in seconds per stop; None (and a violation) if a needed time is missing or bad.
    The first stop needs a departure, the last an arrival, every other stop both."""
    times: list[tuple[int | None, int | None]] = []
    ok = True
    last = len(route.stops) - 1
    for position, stop in enumerate(route.stops):
        pair: list[int | None] = []
        for name, needed in (("arrive", position > 0), ("depart", position < last)):
            text = getattr(stop, name)
            value = None
            if text is not None:
                try:
                    value = clock_seconds(text)
                except ValueError:
                    check.add("time-format", route.vehicle, f"stop {position + 1} ({stop.id}): {name} {text!r} is not HH:MM:SS")
                    ok = False
            elif needed:
                check.add("time-format", route.vehicle, f"stop {position + 1} ({stop.id}): no {name} time")
                ok = False
            pair.append(value)
        times.append((pair[0], pair[1]))
    return times if ok else None


def _check_times(
    route: Route,
    times: list[tuple[int | None, int | None]],
    vtype: VehicleType | None,
    places: Places,
    legs_s: np.ndarray,
    check: RouteCheck,
) -> None:
    """Arrivals no earlier than driving allows, service and unload times, windows, station hours, shift.

    The walk goes from place to place (``legs_s`` are the legs between consecutive :func:`sites`):
    breaks in between are skipped here; whether the leg also leaves room for them is a workday rule."""
    start, end = times[0][1], times[-1][0]
    assert start is not None and end is not None
    if vtype is not None and start < vtype.shift_start - TOL_S:
        check.add("shift-start", route.vehicle, f"leaves {route.stops[0].id} at {clock_text(start)}, before the shift starts at {clock_text(vtype.shift_start)}")
    if vtype is not None and end > vtype.shift_end + TOL_S:
        check.add("shift-end", route.vehicle, f"back at {route.stops[-1].id} at {clock_text(end)}, after the shift ends at {clock_text(vtype.shift_end)}")
    places_at = sites(route)
    previous = times[places_at[0]][1]
    for k, leg in zip(places_at[1:], legs_s):
        stop, (arrive, depart), position = route.stops[k], times[k], k + 1
        assert arrive is not None and previous is not None
        if arrive < previous + int(leg) - TOL_S:
            check.add(
                "travel-time",
                route.vehicle,
                f"stop {position} ({stop.id}): arrives {clock_text(arrive)}, but the drive takes {int(leg)} s, so {clock_text(previous + int(leg))} at the earliest",
            )
        if depart is None:
            break
        if stop.kind == "room":
            room = places.rooms[stop.id]
            _check_visit(route, position, stop, arrive, depart, room.tw_open, room.tw_close, room.service_min, "time-window", check)
        elif stop.kind == "station":
            station = places.stations[stop.id]
            _check_visit(route, position, stop, arrive, depart, station.open, station.close, station.unload_min, "station-hours", check)
        previous = depart


def _check_visit(
    route: Route,
    position: int,
    stop: Stop,
    arrive: int,
    depart: int,
    opens: int | None,
    closes: int | None,
    service_min: float,
    window_rule: str,
    check: RouteCheck,
) -> None:
    """Service (or unloading) fits between arrival and departure and starts inside the opening hours.

    Service starts at the earliest when both the truck is there and the place is open; it must start
    by the closing time and end by the departure."""
    service = service_min * 60
    earliest = max(arrive, opens if opens is not None else arrive)
    what, place = ("service", "the room") if stop.kind == "room" else ("unloading", "the station")
    if arrive + service > depart + TOL_S:
        check.add(
            "service-time",
            route.vehicle,
            f"stop {position} ({stop.id}): {what} takes {service:g} s, but arrives {clock_text(arrive)} and leaves {clock_text(depart)}",
        )
    elif earliest + service > depart + TOL_S:
        check.add(
            window_rule,
            stop.id,
            f"{route.vehicle} leaves {clock_text(depart)}, but {place} opens at {clock_text(earliest)}, "
            f"so {what} ends {clock_text(earliest + service)} at the earliest",
        )
    if closes is not None and earliest > closes + TOL_S:
        check.add(
            window_rule,
            stop.id,
            f"{route.vehicle} arrives {clock_text(arrive)}; {what} must start by {clock_text(closes)}",
        )


def _check_figures(
    route: Route,
    vtype: VehicleType | None,
    times: list[tuple[int | None, int | None]] | None,
    legs_m: np.ndarray | None,
    check: RouteCheck,
) -> None:
    """The route's reported distance, duration, cost, CO₂ and unload count equal the recomputed ones.

    A route that never leaves its garage is an idle truck: it costs nothing. Otherwise cost =
    fixed cost + km × cost per km + hours × cost per hour, the raw costs of the vehicle type
    (objective weights steer the solver; they do not change what a plan costs). CO₂ = km × the
    type's emission factor. Hours are the span of the route's times, which the time rules check
    (breaks included); km the legs between its places (a break adds none)."""
    km = None if legs_m is None else float(legs_m.sum()) / 1000
    hours = None
    if times is not None and times[0][1] is not None and times[-1][0] is not None:
        hours = (times[-1][0] - times[0][1]) / 3600
    check.km, check.hours = km, hours
    if km is not None and not close_enough(route.distance_km, km, TOL_KM):
        check.add("distance-mismatch", route.vehicle, f"reports {route.distance_km:g} km, the legs add up to {km:.3f} km")
    if hours is not None and not close_enough(route.duration_h, hours, TOL_H):
        check.add("duration-mismatch", route.vehicle, f"reports {route.duration_h:g} h, its times span {hours:.4f} h")
    if vtype is not None and km is not None and hours is not None:
        idle = all(s.kind == "garage" for s in route.stops)
        cost = 0.0 if idle else vtype.fixed_cost + km * vtype.cost_per_km + hours * vtype.cost_per_hour
        check.cost = cost
        if not close_enough(route.cost, cost, TOL_COST):
            check.add("cost-mismatch", route.vehicle, f"reports cost {route.cost:g}, recomputed {cost:.2f}")
    if vtype is not None and km is not None and route.co2_kg is not None:
        co2 = km * vtype.co2_kg_per_km
        if not close_enough(route.co2_kg, co2, TOL_COST + TOL_KM * vtype.co2_kg_per_km):
            check.add("co2-mismatch", route.vehicle, f"reports co2_kg {route.co2_kg:g}, recomputed {co2:.2f}")
    if "unload_trips" in route.model_fields_set:
        trips = sum(s.kind == "station" for s in route.stops)
        if route.unload_trips != trips:
            check.add("unload-trips-mismatch", route.vehicle, f"reports {route.unload_trips} unload trips, the route has {trips} station stops")
