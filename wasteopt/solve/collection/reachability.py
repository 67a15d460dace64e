"""Rooms no truck can serve whatever the routing, with the reason in a planner's words.

A room is servable when some truck allowed on its lane that can carry its waste can leave its garage
at the start of its shift, empty the room within the room's opening hours, unload at some station
while the station is open, and be back at the garage by the end of its shift. A truck that arrives
early waits (for the room to open, for the station to open); a station's ``close`` is the latest an
unload may start. Every limit is a deadline and every opening a wait, so leaving at the shift start
and unloading at the first station reached is as good as any timing: the check is exact.

Checked exactly that is rooms × stations × vehicle types — hours at 10⁵ rooms. Almost every room
passes with one of its nearest garages and nearest stations, so those are tried first (a shortlist
can only make a day harder, so a room it clears is truly servable); only rooms it does not clear are
checked against every station and truck type, and only rooms that fail that are diagnosed.

The reason given is the first that applies, so it names what a manager would change first:

1. no truck fits the room: lanes too narrow (:func:`narrow`), waste too heavy (:data:`TOO_HEAVY`) or
   too bulky (:data:`TOO_BULKY`, :data:`NO_SINGLE_VEHICLE`) for every truck allowed on them;
2. :func:`service_too_long` — emptying it takes longer than any shift;
3. :func:`hours_outside_shifts` — its opening hours lie outside every shift;
4. :func:`too_far` — the shortest round trip garage → room → station → garage (driving, emptying,
   unloading) is longer than the shift;
5. :func:`closes_before_arrival` — it closes before the earliest truck can get there;
6. :func:`stations_closed` — the day would fit, but every station that fits it is closed by the time
   a truck could unload there, or (:func:`stations_open_late`) opens so late that the truck cannot
   be back in time;
7. :func:`hours_leave_no_time` — it opens so late that no truck can unload and be back in its shift.

Figures are from the best truck type, garage and station for that reason; arrival times are rounded
up to the minute and trip lengths up to the tenth of an hour, so a figure never looks feasible when
it is not.
"""

from __future__ import annotations

import math

import numpy as np

from wasteopt.network.nearest import nearest, pair_durations_s
from wasteopt.network.travel import NO_CLASS, TravelNetwork, room_class_limits
from wasteopt.scenario.models import Room, Scenario, Station, VehicleType

SHORTLIST_STATIONS = 8
SHORTLIST_GARAGES = 4
EXACT_BLOCK = 2000
"""Rooms per block in the exact check (a block × stations table per speed)."""
NEVER = 10**9
"""Seconds standing for "no limit" / "not possible"."""

NO_STATION = "no transfer station is open"
NO_TRUCK = "no collection truck is available"
TOO_HEAVY = "too heavy for every vehicle that can reach it"
TOO_BULKY = "too bulky for every vehicle that can reach it"
NO_SINGLE_VEHICLE = "no vehicle that can reach it carries both its weight and its volume"


NO_ROAD = "no vehicle class of the fleet has a road to it (tracks, maxwidth or maxweight)"


def narrow(max_class: int | None) -> str:
    """No truck of the fleet is small enough for the room's lanes (:data:`NO_ROAD` when the roads
    admit no class of the fleet at all)."""
    if max_class == NO_CLASS:
        return NO_ROAD
    return f"no vehicle of class ≤ {max_class} in the fleet (narrow access)"


def service_too_long(service_min: float, longest_shift_s: int) -> str:
    """Emptying the room alone takes longer than the longest shift."""
    return f"service takes {service_min:g} min, longer than any shift ({longest_shift_s / 60:g} min)"


def hours_outside_shifts(tw_open: int | None, tw_close: int | None, shifts: list[tuple[int, int]]) -> str:
    """The room's opening hours do not overlap any shift (``shifts``: (start, end) of the trucks allowed)."""
    if tw_close is not None and tw_close < min(start for start, _ in shifts):
        start, end = min(shifts)
        which = f"earliest {_clock(start)}–{_clock(end)}"
    elif tw_open is not None and tw_open > max(end for _, end in shifts):
        start, end = max(shifts, key=lambda shift: (shift[1], shift[0]))
        which = f"latest {_clock(start)}–{_clock(end)}"
    else:
        listed = sorted(set(shifts))
        which = "shifts " + ", ".join(f"{_clock(s)}–{_clock(e)}" for s, e in listed[:3]) + (", …" if len(listed) > 3 else "")
    return f"opening hours {_opening_hours(tw_open, tw_close)} lie outside every shift ({which})"


def too_far(trip_s: int, shift_s: int) -> str:
    """The shortest round trip garage → room → station → garage is longer than the longest shift."""
    return (
        f"too far: the shortest round trip garage → room → station → garage takes {_hours_up(trip_s)}, "
        f"the longest shift is {_hours_down(shift_s)}"
    )


def too_far_for_its_shift(vehicle_type: str, trip_s: int, shift_s: int) -> str:
    """Every truck type's shortest round trip is longer than that type's own shift (shifts differ)."""
    return (
        f"too far: every truck type's shortest round trip garage → room → station → garage is longer than "
        f"its shift (closest: {vehicle_type} takes {_hours_up(trip_s)}, its shift is {_hours_down(shift_s)})"
    )


def closes_before_arrival(tw_close: int, arrival_s: int) -> str:
    """The room closes before the earliest truck can get there."""
    return f"closes {_clock(tw_close)}, the earliest truck arrives {_clock_up(arrival_s)}"


def stations_closed(arrival_s: int, station: str, close_s: int) -> str:
    """Every station a truck could reach and still get home in time is closed by then."""
    return (
        f"every station is closed by the time a truck could unload "
        f"(earliest arrival {_clock_up(arrival_s)} at {station}, which closes {_clock(close_s)})"
    )


def stations_open_late(station: str, open_s: int, back_s: int, shift_end_s: int) -> str:
    """The stations in reach open so late that a truck waiting to unload cannot be back in its shift."""
    return (
        f"no station opens early enough: waiting for {station} to open at {_clock(open_s)}, a truck is "
        f"back at its garage at {_clock_up(back_s)}, after its shift ends at {_clock(shift_end_s)}"
    )


def hours_leave_no_time(tw_open: int | None, tw_close: int | None, back_s: int, shift_end_s: int) -> str:
    """The room opens so late in every shift that no truck can unload and be back in time."""
    return (
        f"opening hours {_opening_hours(tw_open, tw_close)} leave no time to unload and return: the earliest "
        f"a truck is back is {_clock_up(back_s)}, its shift ends {_clock(shift_end_s)}"
    )


def unservable_rooms(
    scenario: Scenario, network: TravelNetwork, rooms: list[Room], stations: list[Station], types: list[VehicleType]
) -> dict[str, str]:
    """Room id → why no truck can serve it, for the rooms that cannot be served (in ``rooms`` order)."""
    if not rooms:
        return {}
    if not stations:
        return {room.id: NO_STATION for room in rooms}
    if not types:
        return {room.id: NO_TRUCK for room in rooms}
    limits = room_class_limits(network, rooms)
    reasons = _load_reasons(rooms, types, limits)
    checker = _Trips(scenario, network, rooms, stations, types, limits)
    unsettled = np.array([k for k, room in enumerate(rooms) if room.id not in reasons], dtype=np.int64)
    unsettled = unsettled[~checker.shortlisted(unsettled)]
    for lo in range(0, len(unsettled), EXACT_BLOCK):
        block = unsettled[lo : lo + EXACT_BLOCK]
        failing = block[~checker.exact(block)]
        for k, reason in zip(failing, checker.diagnose(failing)):
            reasons[rooms[k].id] = reason
    return {room.id: reasons[room.id] for room in rooms if room.id in reasons}


def _load_reasons(rooms: list[Room], types: list[VehicleType], room_limits: list[int | None]) -> dict[str, str]:
    """Rooms no allowed vehicle can enter, or whose waste no allowed vehicle can carry. Rooms are
    grouped by their class limit (``room_limits``: the room table's and the roads', a handful of
    values), so the work is rooms + types, not rooms × types."""
    reasons: dict[str, str] = {}
    limits: dict[int | None, list[int]] = {}
    for k, limit in enumerate(room_limits):
        limits.setdefault(limit, []).append(k)
    for limit, members in limits.items():
        fleet = [vt for vt in types if limit is None or vt.vehicle_class <= limit]
        for k, reason in zip(members, _load_reasons_for(fleet, [rooms[k] for k in members], limit)):
            if reason:
                reasons[rooms[k].id] = reason
    return reasons


def _load_reasons_for(fleet: list[VehicleType], rooms: list[Room], limit: int | None) -> list[str]:
    """Per room, why no vehicle of ``fleet`` (those its lanes admit) can carry its waste ("" if one can)."""
    if not fleet:
        return [narrow(limit)] * len(rooms)
    kg = np.array([room.waste_kg_per_day for room in rooms])
    m3 = np.array([room.volume_m3_per_day or 0.0 for room in rooms])
    fleet_kg = np.array([vt.capacity_kg for vt in fleet])
    fleet_m3 = np.array([np.inf if vt.capacity_m3 is None else vt.capacity_m3 for vt in fleet])
    heavy = kg > fleet_kg.max()
    bulky = m3 > fleet_m3.max()
    single = np.ones(len(rooms), dtype=bool)
    both = np.flatnonzero(~heavy & ~bulky & (m3 > 0))  # only rooms with a volume can need two kinds of truck
    single[both] = ((fleet_kg[None, :] >= kg[both, None]) & (fleet_m3[None, :] >= m3[both, None])).any(axis=1)
    return [TOO_HEAVY if h else TOO_BULKY if b else "" if one else NO_SINGLE_VEHICLE for h, b, one in zip(heavy, bulky, single)]


class _Trips:
    """Each room's best garage → room → station → garage day, by vehicle type, with station hours.
    Types are timed by *profile*: a speed and the network of their vehicle class (one network unless
    roads differ by class)."""

    def __init__(
        self, scenario: Scenario, network: TravelNetwork, rooms: list[Room], stations: list[Station], types: list[VehicleType],
        limits: list[int | None],
    ) -> None:
        self.network = network
        self.types = types
        nets = [network.for_class(vt.vehicle_class) for vt in types]
        self.nets = list({id(net): net for net in nets}.values())
        self.net_of = [next(j for j, net in enumerate(self.nets) if net is own) for own in nets]
        self.room_ids = [room.id for room in rooms]
        self.station_ids = [s.id for s in stations]
        self.garage_ids = sorted({vt.garage for vt in types})
        self.garage_of = {gid: g for g, gid in enumerate(self.garage_ids)}
        self.speeds = [vt.speed_kmh or scenario.travel.speed_kmh for vt in types]
        self.unload_s = np.array([round(s.unload_min * 60) for s in stations], dtype=np.int64)
        self.open_s = np.array([s.open for s in stations], dtype=np.int64)
        self.close_s = np.array([s.close for s in stations], dtype=np.int64)
        self.tw_open = np.array([room.tw_open or 0 for room in rooms], dtype=np.int64)
        self.tw_close = np.array([room.tw_close if room.tw_close is not None else NEVER for room in rooms], dtype=np.int64)
        self.service_s = np.array([round(room.service_min * 60) for room in rooms], dtype=np.int64)
        self.rooms = rooms
        self.max_class = np.array([NEVER if limit is None else limit for limit in limits], dtype=np.int64)
        self.kg = np.array([room.waste_kg_per_day for room in rooms])
        self.m3 = np.array([room.volume_m3_per_day or 0.0 for room in rooms])
        self.vt_class = np.array([vt.vehicle_class for vt in types], dtype=np.int64)
        self.vt_kg = np.array([vt.capacity_kg for vt in types])
        self.vt_m3 = np.array([np.inf if vt.capacity_m3 is None else vt.capacity_m3 for vt in types])
        self.shift_start = np.array([vt.shift_start for vt in types], dtype=np.int64)
        self.shift_end = np.array([vt.shift_end for vt in types], dtype=np.int64)
        self.home_s = {(v, j): self.nets[j].duration_s(self.station_ids, self.garage_ids, v) for v, j in self.profiles()}

    def profiles(self) -> list[tuple[float, int]]:
        """(speed, network position) of the types, each once: by speed, then in the types' order."""
        return [(v, j) for v in set(self.speeds) for j in dict.fromkeys(self.net_of[t] for t in range(len(self.types)) if self.speeds[t] == v)]

    def of_profile(self, t: int, speed: float, j: int) -> bool:
        """Whether truck type ``t`` is timed with that profile."""
        return self.speeds[t] == speed and self.net_of[t] == j

    def allowed(self, which: np.ndarray, t: int) -> np.ndarray:
        """Per room of ``which``: truck type ``t`` may use its lanes and carries its waste (kg and m³)."""
        return (
            (self.vt_class[t] <= self.max_class[which]) & (self.vt_kg[t] >= self.kg[which]) & (self.vt_m3[t] >= self.m3[which])
        )

    def shortlisted(self, which: np.ndarray) -> np.ndarray:
        """Whether each room fits a day with one of its nearest garages and stations."""
        ids = [self.room_ids[k] for k in which]
        station, _ = nearest(self.network, ids, self.station_ids, SHORTLIST_STATIONS)
        garage, _ = nearest(self.network, ids, self.garage_ids, SHORTLIST_GARAGES)
        fits = np.zeros(len(which), dtype=bool)
        for speed, n in self.profiles():
            net = self.nets[n]
            to_station = np.column_stack(
                [pair_durations_s(net, ids, [self.station_ids[s] for s in station[:, j]], speed) for j in range(station.shape[1])]
            )
            for slot in range(garage.shape[1]):
                out = pair_durations_s(net, [self.garage_ids[g] for g in garage[:, slot]], ids, speed)
                home = self.home_s[speed, n][station, garage[:, slot][:, None]]
                for t, vt in enumerate(self.types):
                    if self.of_profile(t, speed, n):
                        rows = np.flatnonzero(garage[:, slot] == self.garage_of[vt.garage])
                        fits[rows] |= self._fits(t, which[rows], out[rows], to_station[rows], station[rows], home[rows])
        return fits

    def exact(self, which: np.ndarray) -> np.ndarray:
        """Whether each room fits a day with any garage and station."""
        ids = [self.room_ids[k] for k in which]
        fits = np.zeros(len(which), dtype=bool)
        every = np.arange(len(self.station_ids))[None, :]
        for speed, n in self.profiles():
            to_station = self.nets[n].duration_s(ids, self.station_ids, speed)
            for t, vt in enumerate(self.types):
                if self.of_profile(t, speed, n):
                    out = self.nets[n].duration_s([vt.garage], ids, speed)[0]
                    home = self.home_s[speed, n][:, self.garage_of[vt.garage]][None, :]
                    fits |= self._fits(t, which, out, to_station, every, home)
        return fits

    def _fits(self, t: int, which: np.ndarray, out: np.ndarray, to_station: np.ndarray, station: np.ndarray,
              home: np.ndarray) -> np.ndarray:
        """Whether truck type ``t`` fits each room's day through one of the given stations (``station``:
        their positions, rooms × choices or 1 × choices; ``to_station`` and ``home`` alike)."""
        at_room = np.maximum(self.shift_start[t] + out, self.tw_open[which])
        at_station = (at_room + self.service_s[which])[:, None] + to_station
        unload = np.maximum(at_station, self.open_s[station])
        back = unload + self.unload_s[station] + home
        some_station = ((unload <= self.close_s[station]) & (back <= self.shift_end[t])).any(axis=1)
        return self.allowed(which, t) & (at_room <= self.tw_close[which]) & some_station

    def diagnose(self, which: np.ndarray) -> list[str]:
        """Why each room of ``which`` (none of which fits a day) cannot be served."""
        days = _Diagnosis(self, which)
        return [days.reason(row) for row in range(len(which))]


class _Diagnosis:
    """What stops the rooms of one block, by truck type (rows × types) and best station (per row)."""

    def __init__(self, trips: _Trips, which: np.ndarray) -> None:
        self.trips = trips
        self.which = which
        rows, n_types = len(which), len(trips.types)
        self.allowed = np.column_stack([trips.allowed(which, t) for t in range(n_types)]).reshape(rows, n_types)
        self.arrive = np.full((rows, n_types), NEVER, dtype=np.int64)  # at the room, leaving at shift start
        self.at_room = np.full((rows, n_types), NEVER, dtype=np.int64)  # emptying starts (after opening)
        self.trip = np.full((rows, n_types), NEVER, dtype=np.int64)  # shortest round trip, no waiting
        self.back = np.full((rows, n_types), NEVER, dtype=np.int64)  # back home ignoring station hours
        self.late = _Best(rows)  # stations closed: (arrival − close, station, arrival)
        self.wait = _Best(rows)  # stations opening late: (back − shift end, station, back, shift end)
        ids = [trips.room_ids[k] for k in which]
        for speed, n in trips.profiles():
            to_station = trips.nets[n].duration_s(ids, trips.station_ids, speed)
            for t, vt in enumerate(trips.types):
                if trips.of_profile(t, speed, n):
                    out = trips.nets[n].duration_s([vt.garage], ids, speed)[0]
                    self._add_type(t, out, to_station, trips.home_s[speed, n][:, trips.garage_of[vt.garage]][None, :])

    def _add_type(self, t: int, out: np.ndarray, to_station: np.ndarray, home: np.ndarray) -> None:
        """Fold in truck type ``t`` (``out``: garage → room per row; ``to_station``: rows × stations;
        ``home``: 1 × stations, station → its garage)."""
        trips, which = self.trips, self.which
        allowed = self.allowed[:, t]
        service = trips.service_s[which]
        leg = to_station + (trips.unload_s[None, :] + home)
        self.arrive[:, t] = np.where(allowed, trips.shift_start[t] + out, NEVER)
        self.at_room[:, t] = np.where(allowed, np.maximum(self.arrive[:, t], trips.tw_open[which]), NEVER)
        self.trip[:, t] = np.where(allowed, out + service + leg.min(axis=1), NEVER)
        self.back[:, t] = np.where(allowed, self.at_room[:, t] + service + leg.min(axis=1), NEVER)
        at_station = (self.at_room[:, t] + service)[:, None] + to_station
        fits_unhoured = (allowed & (self.at_room[:, t] <= trips.tw_close[which]))[:, None] & (
            at_station + trips.unload_s[None, :] + home <= trips.shift_end[t])
        closed = fits_unhoured & (at_station > trips.close_s[None, :])
        self.late.offer(np.where(closed, at_station - trips.close_s[None, :], NEVER), at_station)
        back = np.maximum(at_station, trips.open_s[None, :]) + trips.unload_s[None, :] + home
        waiting = fits_unhoured & ~closed
        self.wait.offer(np.where(waiting, back - trips.shift_end[t], NEVER), back, trips.shift_end[t])

    def reason(self, row: int) -> str:
        """The first reason of the module's list that applies to the room in ``row``."""
        trips = self.trips
        k = int(self.which[row])
        room = trips.rooms[k]
        usable = np.flatnonzero(self.allowed[row])
        length = trips.shift_end[usable] - trips.shift_start[usable]
        starts, ends = trips.shift_start[usable], trips.shift_end[usable]
        windowed = room.tw_open is not None or room.tw_close is not None
        if trips.service_s[k] > length.max():
            return service_too_long(room.service_min, int(length.max()))
        if windowed and np.all((trips.tw_close[k] < starts) | (trips.tw_open[k] > ends)):
            return hours_outside_shifts(room.tw_open, room.tw_close, list(zip(starts.tolist(), ends.tolist())))
        trip = self.trip[row, usable]
        if np.all(trip > length):
            if trip.min() > length.max():
                return too_far(int(trip.min()), int(length.max()))
            best = int(np.argmin(trip - length))
            return too_far_for_its_shift(trips.types[usable[best]].id, int(trip[best]), int(length[best]))
        if room.tw_close is not None and np.all(self.arrive[row, usable] > room.tw_close):
            return closes_before_arrival(room.tw_close, int(self.arrive[row, usable].min()))
        if self.late.found(row):
            _, station, arrival = self.late.at(row)
            return stations_closed(arrival, trips.station_ids[station], int(trips.close_s[station]))
        if self.wait.found(row):
            _, station, back, end = self.wait.at(row)
            return stations_open_late(trips.station_ids[station], int(trips.open_s[station]), back, end)
        in_time = usable[self.at_room[row, usable] <= trips.tw_close[k]]
        best = int(in_time[np.argmin(self.back[row, in_time] - trips.shift_end[in_time])])
        return hours_leave_no_time(room.tw_open, room.tw_close, int(self.back[row, best]), int(trips.shift_end[best]))


class _Best:
    """Per row, the smallest score offered so far, with its station and figures."""

    def __init__(self, rows: int) -> None:
        self.score = np.full(rows, NEVER, dtype=np.int64)
        self.station = np.zeros(rows, dtype=np.int64)
        self.figures: list[np.ndarray] = []

    def offer(self, score: np.ndarray, *figures: np.ndarray | int) -> None:
        """Keep, per row, the best of ``score`` (rows × stations) if it beats what is kept; ``figures``
        are rows × stations tables (or one number) giving the figures of each choice."""
        station = score.argmin(axis=1)
        rows = np.arange(len(score))
        best = score[rows, station]
        better = best < self.score
        values = [np.broadcast_to(np.asarray(f), score.shape)[rows, station] for f in figures]
        if not self.figures:
            self.figures = [np.zeros(len(score), dtype=np.int64) for _ in values]
        self.score = np.where(better, best, self.score)
        self.station = np.where(better, station, self.station)
        self.figures = [np.where(better, new, old) for new, old in zip(values, self.figures)]

    def found(self, row: int) -> bool:
        """Whether any choice was offered for ``row``."""
        return bool(self.score[row] < NEVER)

    def at(self, row: int) -> tuple[int, ...]:
        """(score, station, figures…) kept for ``row``."""
        return (int(self.score[row]), int(self.station[row]), *(int(f[row]) for f in self.figures))


def _opening_hours(tw_open: int | None, tw_close: int | None) -> str:
    """``02:00–03:00``, ``from 15:00`` or ``until 05:00``."""
    if tw_open is not None and tw_close is not None:
        return f"{_clock(tw_open)}–{_clock(tw_close)}"
    return f"from {_clock(tw_open)}" if tw_open is not None else f"until {_clock(tw_close or 0)}"


def _clock(seconds: int) -> str:
    """A limit as ``HH:MM`` (``HH:MM:SS`` when it has seconds); hours past 24 mean the next morning."""
    text = f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"
    return text if seconds % 60 == 0 else f"{text}:{seconds % 60:02d}"


def _clock_up(seconds: int) -> str:
    """An arrival as ``HH:MM``, rounded up to the minute (so it never looks earlier than it is)."""
    return _clock(math.ceil(seconds / 60) * 60)


def _hours_up(seconds: int) -> str:
    """A trip's length in hours, rounded up to the tenth."""
    return f"{math.ceil(seconds / 360) / 10:.1f} h"


def _hours_down(seconds: int) -> str:
    """A shift's length in hours, rounded down to the tenth."""
    return f"{math.floor(seconds / 360) / 10:.1f} h"
