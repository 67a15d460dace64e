"""A complete feasible plan before any search: trucks opened one by one, each filled greedily.

The search (PyVRP) may run out of time, be starved on a busy machine, or be handed a what-if
variant it has not seen; none of that may cost a room. So before it starts, this construction builds
routes that keep every rule the router knows about — capacity, room and station hours, shifts,
narrow lanes, station daily capacity — and serves every room the fleet allows. Each truck leaves
its garage at the start of its shift for a *seed* room (narrow lanes first, then the earliest
closing window) and then repeatedly drives to the room where it can start service soonest among
those it can still finish the day after (unload at a station open when it gets there, then home
within the shift), unloading first when the room would overfill it. When no room fits it unloads and
goes home, and the next truck is opened. A seed goes to the largest vehicle class that may enter
its lane (small trucks are kept for the narrow lanes), from the nearest garage with trucks left. Nearest-neighbour routes are not good
routes: they are a floor the search starts from and never falls below.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from wasteopt.network.travel import TravelNetwork
from wasteopt.solve.instance import CollectionInstance
from wasteopt.solve.pyvrp_model import RawRoute, Visit

_NEVER = np.iinfo(np.int64).max // 4
LANE_PRIORITIES_S = (300, 0, 900)
"""How many seconds sooner a room could start before a truck that fits narrow lanes still takes a
narrow-lane room first (big trucks can take the others, nothing else can take these). Too little
strands narrow rooms, too much spends the small trucks' day on driving; a pass is tried with each in
turn until one leaves no room out (measured on hostile Zhangdian variants: no single value does)."""
FINISH_BATCH = 32
"""Candidates, soonest first, whose way home is checked at a time (the first that can end the day wins)."""


@dataclass
class _Tables:
    """Travel seconds between the rooms to place, the stations and the garages, at one speed."""

    room_room: np.ndarray
    room_station: np.ndarray
    station_room: np.ndarray
    station_station: np.ndarray
    station_garage: np.ndarray
    garage_room: np.ndarray
    garage_station: np.ndarray


@dataclass
class _Built:
    """One truck's greedy day: its visits, the waste collected and what it unloaded where."""

    visits: list[Visit]
    collected_kg: int
    station_kg: np.ndarray


def construct_routes(
    instance: CollectionInstance,
    network: TravelNetwork,
    rooms: list[int],
    trucks_left: list[int],
    station_left_kg: np.ndarray | None = None,
) -> tuple[list[RawRoute], list[int]]:
    """Routes on new trucks (at most ``trucks_left`` per type) for the given rooms, and the rooms
    that fit on none of them. ``station_left_kg``: daily capacity still free at each station."""
    if not rooms or not any(trucks_left):
        return [], list(rooms)
    free = np.asarray(instance.station_capacity_kg if station_left_kg is None else station_left_kg, dtype=np.int64)
    room_idx = np.asarray(rooms, dtype=np.int64)
    speeds = {instance.type_speed(vt) for vt in instance.vehicle_types}
    tables = {speed: _tables(instance, network, room_idx, speed) for speed in speeds}
    best: tuple[list[RawRoute], list[int]] | None = None
    for priority in LANE_PRIORITIES_S:  # the next only if this one leaves rooms out
        routes, left = _greedy(instance, network, room_idx, list(trucks_left), free.copy(), tables, priority)
        if best is None or (len(left), len(routes)) < (len(best[1]), len(best[0])):
            best = routes, left
        if not left:
            break
    return best


def _greedy(
    instance: CollectionInstance,
    network: TravelNetwork,
    room_idx: np.ndarray,
    trucks: list[int],
    left: np.ndarray,
    tables: dict[float, _Tables],
    lane_priority_s: int,
) -> tuple[list[RawRoute], list[int]]:
    """One pass of the construction with the given head start for narrow-lane rooms."""
    alive = np.ones(len(room_idx), dtype=bool)
    tried = np.zeros(len(room_idx), dtype=bool)  # seeds no truck left can serve
    routes: list[RawRoute] = []
    while (alive & ~tried).any():
        seed = _seed(instance, room_idx, alive & ~tried)
        built = None
        for t in _types_for(instance, network, int(room_idx[seed]), trucks):
            vt = instance.vehicle_types[t]
            built = _fill_truck(instance, room_idx, alive, t, tables[instance.type_speed(vt)], left, seed, lane_priority_s)
            if built.collected_kg > 0:
                break
        if built is None or built.collected_kg == 0:
            tried[seed] = True
            continue
        trucks[t] -= 1
        left -= built.station_kg
        served = {v.index for v in built.visits if v.kind == "room"}
        alive &= ~np.isin(room_idx, list(served))
        routes.append(RawRoute(t, tuple(built.visits)))
    return routes, room_idx[alive].tolist()


def _seed(instance: CollectionInstance, rooms: np.ndarray, open_: np.ndarray) -> int:
    """The room a new truck starts with: the one fewest vehicle classes may serve (narrow lanes
    first, while trucks that fit them are left), then the one whose window closes first."""
    which = np.flatnonzero(open_)
    order = np.lexsort((instance.tw_close_s[rooms[which]], instance.max_class[rooms[which]]))
    return int(which[order[0]])


def _types_for(instance: CollectionInstance, network: TravelNetwork, room: int, trucks: list[int]) -> list[int]:
    """Vehicle types with trucks left that may serve ``room``: the largest class first when the room
    has no lane limit (small trucks are kept for narrow lanes), then the nearest garage."""
    rid = instance.room_ids[room]
    types = [t for t, vt in enumerate(instance.vehicle_types) if trucks[t] > 0 and vt.vehicle_class <= instance.max_class[room]]
    garage_m = {gid: int(network.distance_m([gid], [rid])[0, 0]) for gid in {instance.vehicle_types[t].garage for t in types}}
    return sorted(types, key=lambda t: (-instance.vehicle_types[t].vehicle_class, garage_m[instance.vehicle_types[t].garage], t))


def _tables(instance: CollectionInstance, network: TravelNetwork, rooms: np.ndarray, speed: float) -> _Tables:
    room_ids = [instance.room_ids[k] for k in rooms]
    stations, garages = instance.station_ids, instance.garage_ids
    return _Tables(
        room_room=network.duration_s(room_ids, room_ids, speed),
        room_station=network.duration_s(room_ids, stations, speed),
        station_room=network.duration_s(stations, room_ids, speed),
        station_station=network.duration_s(stations, stations, speed),
        station_garage=network.duration_s(stations, garages, speed),
        garage_room=network.duration_s(garages, room_ids, speed),
        garage_station=network.duration_s(garages, stations, speed),
    )


def _fill_truck(
    instance: CollectionInstance,
    rooms: np.ndarray,
    alive: np.ndarray,
    t: int,
    tab: _Tables,
    station_left: np.ndarray,
    first: int,
    lane_priority_s: int,
) -> _Built:
    """The greedy day of one truck of type ``t`` over the rooms still alive, starting at ``first``
    (nothing if it cannot serve that room)."""
    vt = instance.vehicle_types[t]
    g = instance.garage_ids.index(vt.garage)
    capacity = np.array(instance.capacity(vt), dtype=np.int64)
    demand = instance.demand(rooms)
    open_s, close_s = instance.tw_open_s[rooms], instance.tw_close_s[rooms]
    service = instance.service_s[rooms]
    s_open, s_close, s_unload = instance.station_open_s, instance.station_close_s, instance.station_unload_s
    home = tab.station_garage[:, g]
    usable = alive & (instance.max_class[rooms] >= vt.vehicle_class) & np.all(demand <= capacity, axis=1)
    largest = max(other.vehicle_class for other in instance.vehicle_types)
    narrow = (instance.max_class[rooms] < largest) & (vt.vehicle_class < largest)  # rooms only trucks like this one may enter
    free = station_left.copy()
    used = np.zeros(len(free), dtype=np.int64)
    clock, load = int(vt.shift_start), np.zeros(len(capacity), dtype=np.int64)
    at_room: int | None = None
    visits: list[Visit] = []
    collected = 0
    while True:
        cand = np.flatnonzero(usable) if visits else np.array([first])[usable[[first]]]
        if cand.size == 0:
            break
        from_here = tab.room_room[at_room, cand] if at_room is not None else tab.garage_room[g, cand]
        to_station = tab.room_station[at_room] if at_room is not None else tab.garage_station[g]
        direct = np.all(load[None, :] + demand[cand] <= capacity, axis=1)
        arrive = clock + from_here
        via_station = np.full(cand.size, -1)
        if load[0] > 0 and not direct.all():
            reach = np.maximum(clock + to_station, s_open)
            ok_s = (reach <= s_close) & (free >= load[0])
            leave = np.where(ok_s, reach + s_unload, _NEVER)
            via = leave[:, None] + tab.station_room[:, cand]
            via_station = via.argmin(axis=0)
            arrive = np.where(direct, arrive, via.min(axis=0))
        start = np.maximum(arrive, open_s[cand])
        end = start + service[cand]
        after = np.where(direct[:, None], load[None, :] + demand[cand], demand[cand])
        reachable = np.flatnonzero((start <= close_s[cand]) & (arrive < _NEVER))
        soon = start[reachable] - lane_priority_s * narrow[cand[reachable]]
        order = reachable[np.lexsort((from_here[reachable], soon))]
        pick = -1
        for lo in range(0, len(order), FINISH_BATCH):  # the soonest room from which the day can still end
            batch = order[lo : lo + FINISH_BATCH]
            finish = _finish_time(end[batch], tab.room_station[cand[batch]], s_open, s_close, s_unload, home, free, after[batch, 0])
            fits = np.flatnonzero(finish <= vt.shift_end)
            if fits.size:
                pick = int(batch[fits[0]])
                break
        if pick < 0:
            break
        r = int(cand[pick])
        if not direct[pick]:
            s = int(via_station[pick])
            visits.append(Visit("station", s))
            free[s] -= load[0]
            used[s] += load[0]
            load[:] = 0
        visits.append(Visit("room", int(rooms[r])))
        load += demand[r]
        collected += int(demand[r, 0])
        clock, at_room = int(end[pick]), r
        usable[r] = False
    if at_room is None:
        return _Built([], 0, used)
    reach = np.maximum(clock + tab.room_station[at_room], s_open)
    back = np.where((reach <= s_close) & (free >= load[0]), reach + s_unload + home, _NEVER)
    s = int(back.argmin())
    visits.append(Visit("station", s))
    used[s] += load[0]
    return _Built(visits, collected, used)


def _finish_time(
    end: np.ndarray,
    room_station: np.ndarray,
    s_open: np.ndarray,
    s_close: np.ndarray,
    s_unload: np.ndarray,
    home: np.ndarray,
    free: np.ndarray,
    load_kg: np.ndarray,
) -> np.ndarray:
    """Earliest time back at the garage after unloading, for each candidate (``_NEVER`` if no station
    is open on arrival with room for the load)."""
    reach = np.maximum(end[:, None] + room_station, s_open[None, :])
    ok = (reach <= s_close[None, :]) & (free[None, :] >= load_kg[:, None])
    return np.where(ok, reach + s_unload[None, :] + home[None, :], _NEVER).min(axis=1)
