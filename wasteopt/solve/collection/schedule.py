"""Turn a visit sequence into a timed route of the plan: arrivals, departures, breaks, loads, km, cost.

The engine's own timing (the validator recomputes independently), and the one place where the
engine decides whether a route keeps every rule of the day: hours, windows, shift, the driver breaks
it owes and its daily limits (:mod:`wasteopt.solve.collection.workday`). A truck leaves its garage
as late as it can without breaking a time window or its shift, so that it does not wait idle at a
room (the driver's paid hours are a cost). :func:`name_vehicles` times the day's routes and numbers
the trucks of each type.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from wasteopt.network.travel import TravelNetwork
from wasteopt.plan.models import Route, Stop, clock_text
from wasteopt.solve.collection.instance import CollectionInstance
from wasteopt.solve.collection.routes import RawRoute
from wasteopt.solve.collection.workday import BreakRule, break_rules, limit_breach


@dataclass(frozen=True)
class BreakTaken:
    """A driver break placed on a route: the vehicle type's ``rule``-th break, taken on the way to
    visit ``leg`` (``len(visits)``: on the way home), from ``start`` to ``end``; ``where`` the truck
    is: ``prev`` (still at the place before), ``road`` (stopped on the way) or ``next`` (arrived,
    before service)."""

    rule: int
    leg: int
    start: int
    end: int
    where: str


@dataclass(frozen=True)
class Timing:
    """Departure from the garage; arrival and service start/end of every stop after it (the last is
    the garage); breaks taken; and whether every rule of the day holds. ``arrive`` is when the truck
    is ready at the stop (after a break taken there). ``on_time``: hours, windows, shift and breaks
    hold; ``limit``: the first daily limit broken and where (see :func:`workday.limit_breach`)."""

    depart: int
    arrive: np.ndarray
    start: np.ndarray
    end: np.ndarray
    on_time: bool
    breaks: tuple[BreakTaken, ...] = ()
    limit: tuple[int, str] | None = None

    @property
    def feasible(self) -> bool:
        """Every rule holds: times and daily limits."""
        return self.on_time and self.limit is None


PLACES_TRIED = 12
"""Later starts tried for a break whose earliest placement makes a later stop late."""


def path_ids(instance: CollectionInstance, raw: RawRoute) -> list[str]:
    """Garage, visited places, garage: the ids of a route's path."""
    garage = instance.vehicle_types[raw.type_index].garage
    inner = [instance.room_ids[v.index] if v.kind == "room" else instance.station_ids[v.index] for v in raw.visits]
    return [garage, *inner, garage]


def time_route(instance: CollectionInstance, network: TravelNetwork, raw: RawRoute) -> Timing:
    """Earliest-feasible timing with the latest useful departure from the garage, every break owed
    placed, and the day's limits checked (on the roads of the truck's vehicle class)."""
    vt = instance.vehicle_types[raw.type_index]
    network = instance.travel(network, vt)
    path = path_ids(instance, raw)
    legs = network.legs_s(path, instance.type_speed(vt))
    stops = _Stops(legs, *_windows(instance, raw), vt.shift_end)
    rules = break_rules(vt)

    def retime(depart: int, breaks: list[BreakRule]) -> Timing:
        return _with_breaks(stops, depart, breaks)

    timing = _latest_departure(retime(vt.shift_start, []), lambda depart: retime(depart, []), stops.closes)
    if rules:  # leave when the day without breaks would (they may fill its waits), or earlier if late
        with_breaks = retime(timing.depart, rules)
        if not with_breaks.on_time:
            with_breaks = retime(vt.shift_start, rules)
        timing = _latest_departure(with_breaks, lambda depart: retime(depart, rules), stops.closes)
    kinds = [v.kind for v in raw.visits]
    kg = np.array([instance.waste_kg[v.index] if v.kind == "room" else 0 for v in raw.visits], dtype=np.int64)
    km = float(network.legs_m(path).sum()) / 1000 if vt.max_km_per_day is not None else None
    limit = limit_breach(vt, kinds, kg, km, int(timing.end[-1] - timing.depart))
    return replace(timing, limit=limit)


def _latest_departure(timing: Timing, retime: Callable[[int], Timing], closes: np.ndarray) -> Timing:
    """The timing left later and later, by the first wait each time, while no stop becomes late."""
    for _ in range(len(closes)):
        waits = timing.start[:-1] - timing.arrive[:-1]
        waiting = np.flatnonzero(waits > 0)
        if not timing.on_time or waiting.size == 0:
            break
        first = waiting[0]
        room_to_spare = int((closes[: first + 1] - timing.start[: first + 1]).min())
        delay = min(int(waits[first]), room_to_spare)
        if delay <= 0:
            break
        later = retime(timing.depart + delay)
        if not later.on_time:
            break
        timing = later
    return timing


def _windows(instance: CollectionInstance, raw: RawRoute) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Opening, closing and service time of each visit, plus the garage at the end."""
    vt = instance.vehicle_types[raw.type_index]
    opens, closes, service = [], [], []
    for v in raw.visits:
        if v.kind == "room":
            opens.append(instance.tw_open_s[v.index])
            closes.append(instance.tw_close_s[v.index])
            service.append(instance.service_s[v.index])
        else:
            opens.append(instance.station_open_s[v.index])
            closes.append(instance.station_close_s[v.index])
            service.append(instance.station_unload_s[v.index])
    opens.append(0)
    closes.append(vt.shift_end)
    service.append(0)
    return np.array(opens, dtype=np.int64), np.array(closes, dtype=np.int64), np.array(service, dtype=np.int64)


@dataclass(frozen=True)
class _Stops:
    """What a visit sequence's timing works from: leg seconds, each stop's window and service (the
    garage last), and the shift's end."""

    legs: np.ndarray
    opens: np.ndarray
    closes: np.ndarray
    service: np.ndarray
    shift_end: int


def _with_breaks(stops: _Stops, depart: int, rules: list[BreakRule]) -> Timing:
    """Timing from ``depart`` with every break the day owes, each at its earliest chance — or, when
    that makes a stop late, at a later one: after a later stop's service, up to its latest start.

    A break is owed when the truck is still out at its earliest start; taking one makes the day
    longer, so the owed set is grown until it no longer changes."""
    owed: list[int] = []
    while True:
        timing = _propagate(stops, depart, rules, owed)
        back = int(timing.end[-1])
        more = [b for b, rule in enumerate(rules) if b not in owed and back > rule.earliest]
        if not more:
            break
        owed = sorted(owed + more)
    if timing.on_time or not owed:
        return timing
    ends = np.concatenate([_propagate(stops, depart).end, timing.end])
    for b in owed:  # the earliest place makes something late: try after a later stop, one break at a time
        rule = rules[b]
        later = np.unique(ends[(ends > rule.earliest) & (ends <= rule.latest)])
        for not_before in later[:PLACES_TRIED]:
            moved = _propagate(stops, depart, rules, owed, {b: int(not_before)})
            if moved.on_time:
                return moved
    return timing


def _propagate(
    stops: _Stops,
    depart: int,
    rules: list[BreakRule] = (),
    owed: list[int] = (),
    not_before: dict[int, int] | None = None,
) -> Timing:
    """Earliest times from ``depart``, taking each owed break at the first moment the truck is not
    serving (on the spot, on the road or waiting at the next stop) within its window."""
    not_before = not_before or {}
    legs, opens, closes, service = stops.legs, stops.opens, stops.closes, stops.service
    arrive = np.zeros(len(legs), dtype=np.int64)
    start = np.zeros(len(legs), dtype=np.int64)
    end = np.zeros(len(legs), dtype=np.int64)
    taken: list[BreakTaken] = []
    pending = list(owed)
    clock = free_from = depart
    on_time = True
    last = len(legs) - 1
    for k, leg in enumerate(legs):
        arrival = clock + int(leg)
        ready = arrival if k == last else max(arrival, int(opens[k]))
        while pending:
            rule = rules[pending[0]]
            t = max(free_from, rule.earliest, not_before.get(pending[0], 0))
            if t > rule.latest or t > ready or (k == last and t >= arrival):
                break
            if t < arrival:  # before getting there: still at the place before, or on the road
                where = "prev" if t == clock else "road"
                arrival += rule.duration
            else:
                where, arrival = "next", t + rule.duration
            ready = arrival if k == last else max(arrival, int(opens[k]))
            taken.append(BreakTaken(pending.pop(0), k, t, t + rule.duration, where))
            free_from = t + rule.duration
        arrive[k], start[k] = arrival, ready
        on_time &= bool(ready <= closes[k])
        end[k] = ready + service[k]
        clock = free_from = int(end[k])
    on_time &= bool(end[-1] <= stops.shift_end) and all(end[-1] <= rules[b].earliest for b in pending)
    return Timing(depart, arrive, start, end, on_time, tuple(taken))


def build_route(instance: CollectionInstance, network: TravelNetwork, raw: RawRoute, vehicle_id: str) -> Route:
    """The plan's route for one truck: stops (breaks included) with times and loads, km, hours and
    cost, on the roads of its vehicle class."""
    vt = instance.vehicle_types[raw.type_index]
    path = path_ids(instance, raw)
    timing = time_route(instance, network, raw)
    network = instance.travel(network, vt)
    stops = [Stop(kind="garage", id=vt.garage, depart=clock_text(timing.depart), load_kg=0)]
    breaks = {k: [b for b in timing.breaks if b.leg == k] for k in range(len(raw.visits) + 1)}
    load = 0.0
    rooms = instance.rooms_by_id
    for k, visit in enumerate(raw.visits):
        stops += [_break_stop(b, path, k, load) for b in breaks[k]]
        times = {"arrive": clock_text(timing.arrive[k]), "depart": clock_text(timing.end[k])}
        if visit.kind == "room":
            kg = rooms[path[k + 1]].waste_kg_per_day
            load += kg
            stops.append(Stop(kind="room", id=path[k + 1], load_kg=round(load, 3), collected_kg=kg, **times))
        else:
            stops.append(Stop(kind="station", id=path[k + 1], unloaded_kg=round(load, 3), load_kg=0, **times))
            load = 0.0
    stops += [_break_stop(b, path, len(raw.visits), load) for b in breaks[len(raw.visits)]]
    back = int(timing.arrive[-1])
    stops.append(Stop(kind="garage", id=vt.garage, arrive=clock_text(back), load_kg=0))
    km = int(network.legs_m(path).sum()) / 1000
    hours = (back - timing.depart) / 3600
    return Route(
        vehicle=vehicle_id,
        vehicle_type=vt.id,
        garage=vt.garage,
        distance_km=round(km, 3),
        duration_h=round(hours, 4),
        cost=round(vt.fixed_cost + km * vt.cost_per_km + hours * vt.cost_per_hour, 2),
        stops=stops,
        unload_trips=sum(1 for v in raw.visits if v.kind == "station"),
        co2_kg=round(km * vt.co2_kg_per_km, 2),
    )


def _break_stop(taken: BreakTaken, path: list[str], leg: int, load: float) -> Stop:
    """A break as a stop of the plan, at the place the truck stands at (none: on the road)."""
    at = {"prev": path[leg], "next": path[leg + 1]}.get(taken.where)
    return Stop(
        kind="break", id=f"break-{taken.rule + 1}", at=at, arrive=clock_text(taken.start),
        depart=clock_text(taken.end), load_kg=round(load, 3),
    )


def route_cost(instance: CollectionInstance, network: TravelNetwork, raw: RawRoute) -> float:
    """What a route costs a day (yuan): the truck, its km and its hours, as the plan states them."""
    return build_route(instance, network, raw, "").cost


def name_vehicles(instance: CollectionInstance, network: TravelNetwork, raws: list[RawRoute]) -> list[Route]:
    """Timed plan routes, trucks of each type numbered in order of their route's first room id."""
    by_type: dict[int, list[RawRoute]] = defaultdict(list)
    for raw in raws:
        by_type[raw.type_index].append(raw)
    routes: list[Route] = []
    for t, group in sorted(by_type.items()):
        ids = instance.vehicle_types[t].vehicle_ids()
        group.sort(key=lambda raw: instance.room_ids[raw.visits[0].index])
        routes += [build_route(instance, network, raw, vid) for raw, vid in zip(group, ids)]
    return routes
