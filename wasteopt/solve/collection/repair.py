"""Make a router's best-effort routes feasible, taking off only the rooms that cause a breach.

PyVRP returns its best solution even when it is not feasible (too few trucks, shifts too short),
and our model of it is exact only where PyVRP can express the rule. So every decoded route is timed
again: an unload is added wherever the truck would overflow, a station visit that comes too late
for the station's hours is moved to another station open then, and where that is not enough the
room whose removal saves the route most time before the breach is taken off — not simply the room
before the late stop. A route over a daily limit (kg, rooms, trips, km, hours) loses the room that
takes it over. The rooms taken off are handed back to the caller, which re-inserts them
elsewhere (:mod:`wasteopt.solve.collection.insert`) before calling any of them unserved.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from wasteopt.network.nearest import nearest, pair_durations_s
from wasteopt.network.travel import TravelNetwork
from wasteopt.solve.collection.instance import CollectionInstance
from wasteopt.solve.collection.routes import RawRoute, Visit, drop_empty_unloads
from wasteopt.solve.collection.schedule import Timing, path_ids, time_route

STATION_CHOICES = 8
"""Stations (nearest to the stop before) tried in place of one visited too late."""


def repair_routes(
    instance: CollectionInstance, network: TravelNetwork, raws: list[RawRoute]
) -> tuple[list[RawRoute], list[int]]:
    """Feasible routes and the instance indices of the rooms that had to be taken off."""
    dropped: list[int] = []
    repaired: list[RawRoute] = []
    for raw in raws:
        raw = with_unloads(instance, network, raw)
        while raw.visits:
            timing = time_route(instance, network, raw)
            if timing.feasible:
                break
            if timing.on_time:  # a daily limit
                victim = _over_limit(instance, network, raw, *timing.limit)
                dropped.append(raw.visits[victim].index)
                raw = replace(raw, visits=_tidy(raw.visits[:victim] + raw.visits[victim + 1 :]))
                continue
            breach = _first_breach(instance, raw, timing)
            moved = _move_unload(instance, network, raw, breach)
            if moved is not None:
                raw = moved
                continue
            victim = _costliest_room(instance, network, raw, breach)
            dropped.append(raw.visits[victim].index)
            raw = replace(raw, visits=_tidy(raw.visits[:victim] + raw.visits[victim + 1 :]))
        if raw.visits:
            repaired.append(raw)
    return repaired, dropped


def with_unloads(instance: CollectionInstance, network: TravelNetwork, raw: RawRoute) -> RawRoute:
    """The route with an unload at the nearest station wherever the truck would overflow, and a
    final unload if it would otherwise go home loaded."""
    capacity = np.array(instance.capacity(instance.vehicle_types[raw.type_index]), dtype=np.int64)
    network = instance.travel(network, instance.vehicle_types[raw.type_index])
    visits: list[Visit] = []
    load = np.zeros(len(capacity), dtype=np.int64)
    for visit in raw.visits:
        if visit.kind == "station":
            load[:] = 0
        else:
            demand = instance.demand([visit.index])[0]
            if load.any() and np.any(load + demand > capacity):
                visits.append(_nearest_station(instance, network, visits[-1].index))
                load[:] = 0
            load += demand
        visits.append(visit)
    if visits and visits[-1].kind == "room":
        visits.append(_nearest_station(instance, network, visits[-1].index))
    return replace(raw, visits=tuple(visits))


def _nearest_station(instance: CollectionInstance, network: TravelNetwork, room: int) -> Visit:
    return Visit("station", int(network.distance_m([instance.room_ids[room]], instance.station_ids)[0].argmin()))


def _first_breach(instance: CollectionInstance, raw: RawRoute, timing: Timing) -> int:
    """Position of the first stop served after it closes (``len(visits)``: back after the shift)."""
    closes = [instance.tw_close_s[v.index] if v.kind == "room" else instance.station_close_s[v.index] for v in raw.visits]
    late = np.flatnonzero(timing.start[:-1] > np.array(closes, dtype=np.int64))
    return int(late[0]) if late.size else len(raw.visits)


def _move_unload(instance: CollectionInstance, network: TravelNetwork, raw: RawRoute, breach: int) -> RawRoute | None:
    """The route with the late unload (or, if the shift is breached, the last unload) moved to the
    station that makes the route feasible at least cost; None if no such station."""
    position = breach if breach < len(raw.visits) else len(raw.visits) - 1
    if raw.visits[position].kind != "station" or position == 0:
        return None
    own = instance.travel(network, instance.vehicle_types[raw.type_index])
    before = path_ids(instance, raw)[position]
    k = min(STATION_CHOICES, len(instance.station_ids))
    near, _ = nearest(own, [before], instance.station_ids, k)
    best: tuple[int, RawRoute] | None = None
    for s in np.atleast_1d(near[0]):
        if int(s) == raw.visits[position].index:
            continue
        visits = raw.visits[:position] + (Visit("station", int(s)),) + raw.visits[position + 1 :]
        candidate = replace(raw, visits=visits)
        if time_route(instance, network, candidate).feasible:
            metres = int(own.legs_m(path_ids(instance, candidate)).sum())
            if best is None or metres < best[0]:
                best = (metres, candidate)
    return None if best is None else best[1]


def _over_limit(instance: CollectionInstance, network: TravelNetwork, raw: RawRoute, position: int, limit: str) -> int:
    """The room to take off a route over a daily limit: the one that takes it over the kg or room
    limit, the last room when it makes too many trips (its trip goes when its last room does), and
    the room whose removal saves most time when the day is too long or too far."""
    if limit in ("max_kg_per_day", "max_stops"):
        return position
    if limit == "max_trips":
        return max(k for k, v in enumerate(raw.visits) if v.kind == "room")
    return _costliest_room(instance, network, raw, len(raw.visits))


def _costliest_room(instance: CollectionInstance, network: TravelNetwork, raw: RawRoute, breach: int) -> int:
    """Among the rooms up to the breach, the one whose removal saves most time (its detour and its
    service): taking it off brings every later stop forward the most."""
    path = path_ids(instance, raw)
    speed = instance.type_speed(instance.vehicle_types[raw.type_index])
    network = instance.travel(network, instance.vehicle_types[raw.type_index])
    rooms = [k for k in range(min(breach + 1, len(raw.visits))) if raw.visits[k].kind == "room"]
    legs = network.legs_s(path, speed)
    skip = pair_durations_s(network, [path[k] for k in rooms], [path[k + 2] for k in rooms], speed)
    saving = [legs[k] + legs[k + 1] - skip[j] + instance.service_s[raw.visits[k].index] for j, k in enumerate(rooms)]
    return rooms[int(np.argmax(saving))]


def _tidy(visits: tuple[Visit, ...]) -> tuple[Visit, ...]:
    """No unload without waste collected since the last one, and never a room left on board at the end."""
    kept = drop_empty_unloads(list(visits))
    if kept and kept[-1].kind == "room":
        kept.append(next(v for v in reversed(visits) if v.kind == "station"))
    return tuple(kept)
