"""A complete feasible plan before any search: trucks opened one by one, each filled greedily.

The search (PyVRP) may run out of time, be starved on a busy machine, or be handed a what-if
variant it has not seen; none of that may cost a room. So before it starts, this construction builds
routes that keep every rule the router knows about — capacity, room and station hours, shifts,
narrow lanes, station daily capacity, daily limits, room for the breaks the day owes (the search's
view of them, :mod:`wasteopt.solve.collection.workday`) — and serves every room the fleet allows. Each truck leaves
its garage at the start of its shift for a *seed* room (narrow lanes first, then the earliest
closing window, then the farthest from any station) and then repeatedly drives to the room where it can start service soonest among
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
from wasteopt.scenario.models import VehicleType
from wasteopt.solve.collection.instance import CollectionInstance
from wasteopt.solve.collection.routes import RawRoute, Visit
from wasteopt.solve.collection.workday import search_close, search_shift_end

_NEVER = np.iinfo(np.int64).max // 4
LANE_PRIORITIES_S = (60, 0, 300, 900)
"""How many seconds sooner a room could start before a truck that fits narrow lanes still takes a
narrow-lane room first (big trucks can take the others, nothing else can take these). Too little
strands narrow rooms, too much spends the small trucks' day on driving; a pass is tried with each in
turn until one leaves no room out (measured on the hostile variants of Zhangdian and of a generated
3,000-room district in benchmarks/robustness.py: no single value does; 60 s first is cheapest)."""
UNLOAD_BIAS_S = 1800
"""Seconds an unload at a station open until the end of the truck's shift counts as farther than one
at a station that closes earlier. What an early-closing station can take is lost when it closes,
while the late stations must take every truck's last trips; on days where half of the stations close
at 09:00 or 10:00 a greedy that ignores this fills the late stations by noon and leaves rooms out
(robustness variants: 0 s left 1–148 rooms, 1,800 s none). For the same reason a truck at least half
full unloads at once when it would miss a station about to close whichever room it served first."""
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
    tables = {
        key: _tables(instance, net, room_idx, key[1])
        for speed in speeds
        for key, net in _profiles(instance, network, speed).items()
    }
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
    free: np.ndarray,
    tables: dict[tuple[int, float], _Tables],
    lane_priority_s: int,
) -> tuple[list[RawRoute], list[int]]:
    """One pass of the construction with the given head start for narrow-lane rooms."""
    alive = np.ones(len(room_idx), dtype=bool)
    tried = np.zeros(len(room_idx), dtype=bool)  # seeds no truck left can serve
    routes: list[RawRoute] = []
    while (alive & ~tried).any():
        seed = _seed(instance, room_idx, alive & ~tried, tables)
        day = None
        for t in _types_for(instance, network, int(room_idx[seed]), trucks):
            day = _Day(instance, room_idx, t, tables[_profile(instance, network, instance.vehicle_types[t])], lane_priority_s)
            if day.step(alive, free, first=seed):
                break
            day = None
        if day is None:
            tried[seed] = True
            continue
        while day.step(alive, free):
            pass
        trucks[day.t] -= 1
        routes.append(day.close(free))
    return routes, room_idx[alive].tolist()


def _profiles(instance: CollectionInstance, network: TravelNetwork, speed: float) -> dict[tuple[int, float], TravelNetwork]:
    """The networks the types of ``speed`` drive on, keyed as :func:`_profile` (one unless roads differ by class)."""
    nets = [instance.travel(network, vt) for vt in instance.vehicle_types if instance.type_speed(vt) == speed]
    return {(id(net), speed): net for net in nets}


def _profile(instance: CollectionInstance, network: TravelNetwork, vt: VehicleType) -> tuple[int, float]:
    """Which travel tables a type's trucks use: its class's network and its speed."""
    return id(instance.travel(network, vt)), instance.type_speed(vt)


def _seed(instance: CollectionInstance, rooms: np.ndarray, open_: np.ndarray, tables: dict[tuple[int, float], _Tables]) -> int:
    """The room a new truck starts with: the one fewest vehicle classes may serve (narrow lanes
    first, while trucks that fit them are left), then the one whose window closes first, then the
    one farthest from any station (its truck then works its way back towards the stations, and
    the outlying rooms are not left to the last trucks)."""
    which = np.flatnonzero(open_)
    remote = next(iter(tables.values())).room_station.min(axis=1)[which]
    order = np.lexsort((-remote, instance.tw_close_s[rooms[which]], instance.max_class[rooms[which]]))
    return int(which[order[0]])


def _types_for(instance: CollectionInstance, network: TravelNetwork, room: int, trucks: list[int]) -> list[int]:
    """Vehicle types with trucks left that may serve ``room``: the largest class first when the room
    has no lane limit (small trucks are kept for narrow lanes), then the nearest garage."""
    rid = instance.room_ids[room]
    types = [t for t, vt in enumerate(instance.vehicle_types) if trucks[t] > 0 and vt.vehicle_class <= instance.max_class[room]]
    garage_m: dict[tuple[str, int], int] = {}
    for t in types:
        vt = instance.vehicle_types[t]
        net = instance.travel(network, vt)
        if (vt.garage, id(net)) not in garage_m:
            garage_m[vt.garage, id(net)] = int(net.distance_m([vt.garage], [rid])[0, 0])
    return sorted(types, key=lambda t: (-instance.vehicle_types[t].vehicle_class,
                                        garage_m[instance.vehicle_types[t].garage, id(instance.travel(network, instance.vehicle_types[t]))], t))


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


class _Day:
    """One truck's day being built greedily: from where it is, the room where it can start service
    soonest among those after which it can still end the day (unload at a station open when it gets
    there and with capacity left, then home within the shift), unloading first when the room would
    overfill it."""

    def __init__(
        self, instance: CollectionInstance, rooms: np.ndarray, t: int, tab: _Tables, lane_priority_s: int
    ) -> None:
        vt = instance.vehicle_types[t]
        self.instance, self.rooms, self.t, self.tab, self.lane_priority_s = instance, rooms, t, tab, lane_priority_s
        self.g = instance.garage_ids.index(vt.garage)
        self.capacity = np.array(instance.capacity(vt), dtype=np.int64)
        self.demand = instance.demand(rooms)
        self.shift_end = search_shift_end(vt)
        self.room_close = search_close(instance.tw_open_s, instance.tw_close_s, vt)
        self.station_close = search_close(instance.station_open_s, instance.station_close_s, vt)
        self.max_kg = np.inf if vt.max_kg_per_day is None else vt.max_kg_per_day
        self.max_stops = vt.max_stops or len(rooms)
        self.max_trips = vt.max_trips or len(rooms) + 1
        self.collected = self.served = self.unloads = 0
        self.usable = (
            (instance.max_class[rooms] >= vt.vehicle_class)
            & np.all(self.demand <= self.capacity, axis=1)
            & (self.demand[:, 0] <= self.max_kg)
        )
        largest = max(other.vehicle_class for other in instance.vehicle_types)
        self.narrow = (instance.max_class[rooms] < largest) & (vt.vehicle_class < largest)  # rooms only trucks like this one may enter
        self.home = tab.station_garage[:, self.g]
        self.clock, self.load = int(vt.shift_start), np.zeros(len(self.capacity), dtype=np.int64)
        self.at_room: int | None = None
        self.visits: list[Visit] = []
        self._open_late = np.where(instance.station_close_s >= self.shift_end, UNLOAD_BIAS_S, 0)  # seconds added to their unloads

    def step(self, alive: np.ndarray, free: np.ndarray, first: int | None = None) -> bool:
        """Drive to the next room (``first`` if given), unloading on the way if needed; False when
        no room still alive fits the day. ``alive`` and ``free`` (station capacity) are updated."""
        if self.served >= self.max_stops:
            return False
        ok = alive & self.usable & (self.collected + self.demand[:, 0] <= self.max_kg)
        cand = np.flatnonzero(ok) if first is None else np.array([first])[ok[[first]]]
        if cand.size == 0:
            return False
        for unload_now in (True, False) if self._last_chance(cand, free) else (False,):
            choice = self._choose(cand, free, unload_now)
            if choice is not None:
                break
        else:
            return False
        r, station, end = choice
        if station >= 0:
            self.visits.append(Visit("station", station))
            free[station] -= self.load[0]
            self.load[:] = 0
            self.unloads += 1
        self.visits.append(Visit("room", int(self.rooms[r])))
        self.load += self.demand[r]
        self.collected += int(self.demand[r, 0])
        self.served += 1
        self.clock, self.at_room = end, r
        alive[r] = False
        return True

    def _last_chance(self, cand: np.ndarray, free: np.ndarray) -> bool:
        """Whether the truck, at least half full, can still unload at a station that closes before
        its shift ends, and would miss it whichever of ``cand`` it served first."""
        inst, tab = self.instance, self.tab
        if 2 * self.load[0] < self.capacity[0]:
            return False
        here = tab.room_station[self.at_room] if self.at_room is not None else tab.garage_station[self.g]
        at = self.clock + here
        closing = np.flatnonzero((inst.station_close_s < self.shift_end) & (at >= inst.station_open_s)
                                 & (at <= self.station_close) & (free >= self.load[0]))
        if closing.size == 0:
            return False
        from_here = tab.room_room[self.at_room, cand] if self.at_room is not None else tab.garage_room[self.g, cand]
        rooms = self.rooms[cand]
        end = np.maximum(self.clock + from_here, inst.tw_open_s[rooms]) + inst.service_s[rooms]
        back = (end[:, None] + tab.room_station[np.ix_(cand, closing)]).min(axis=0)
        return bool(np.any(back > self.station_close[closing]))

    def _choose(self, cand: np.ndarray, free: np.ndarray, unload_now: bool) -> tuple[int, int, int] | None:
        """The next room among ``cand``, the station to unload at first (-1: none) and when its
        service ends; None if no room lets the day end in time."""
        inst, tab = self.instance, self.tab
        s_open, s_close, s_unload = inst.station_open_s, self.station_close, inst.station_unload_s
        demand = self.demand[cand]
        from_here = tab.room_room[self.at_room, cand] if self.at_room is not None else tab.garage_room[self.g, cand]
        to_station = tab.room_station[self.at_room] if self.at_room is not None else tab.garage_station[self.g]
        direct = np.all(self.load[None, :] + demand <= self.capacity, axis=1) & (not unload_now)
        arrive = np.where(direct, self.clock + from_here, _NEVER)  # unloading first: below, if trips are left
        via_station = np.full(cand.size, -1)
        if self.load[0] > 0 and not direct.all() and self.unloads + 2 <= self.max_trips:
            reach = np.maximum(self.clock + to_station, s_open)
            leave = np.where((reach <= s_close) & (free >= self.load[0]), reach + s_unload, _NEVER)
            via = leave[:, None] + tab.station_room[:, cand]
            via_station = (via + self._open_late[:, None]).argmin(axis=0)
            arrive = np.where(direct, arrive, via[via_station, np.arange(cand.size)])
        rooms = self.rooms[cand]
        start = np.maximum(arrive, inst.tw_open_s[rooms])
        end = start + inst.service_s[rooms]
        after = np.where(direct[:, None], self.load[None, :] + demand, demand)
        reachable = np.flatnonzero((start <= self.room_close[rooms]) & (arrive < _NEVER))
        soon = start[reachable] - self.lane_priority_s * self.narrow[cand[reachable]]
        order = reachable[np.lexsort((from_here[reachable], soon))]
        for lo in range(0, len(order), FINISH_BATCH):  # the soonest room from which the day can still end
            batch = order[lo : lo + FINISH_BATCH]
            finish = _finish_time(end[batch], tab.room_station[cand[batch]], s_open, s_close, s_unload, self.home, free, after[batch, 0])
            fits = np.flatnonzero(finish <= self.shift_end)
            if fits.size:
                pick = int(batch[fits[0]])
                return int(cand[pick]), -1 if direct[pick] else int(via_station[pick]), int(end[pick])
        return None

    def close(self, free: np.ndarray) -> RawRoute:
        """The day ended: unload where the truck gets home in time (the last step made sure a
        station is open with room for the load), preferring one that closes early, and its route."""
        inst = self.instance
        reach = np.maximum(self.clock + self.tab.room_station[self.at_room], inst.station_open_s)
        back = np.where((reach <= self.station_close) & (free >= self.load[0]), reach + inst.station_unload_s + self.home, _NEVER)
        s = int(np.where(back <= self.shift_end, back + self._open_late, _NEVER).argmin())
        free[s] -= self.load[0]
        return RawRoute(self.t, (*self.visits, Visit("station", s)))


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
