"""Rooms no truck can serve whatever the routing, with the reason in a planner's words.

A room is servable when some truck allowed on its road can carry its waste and can drive
garage → room → some station → garage within its shift and the room's opening hours. Checked
exactly that is rooms × stations × vehicle types — hours at 10⁵ rooms. Almost every room passes
with one of its nearest garages and nearest stations, so those are tried first (a shortlist can
only make a trip longer, so a room it clears is truly servable); only rooms it does not clear are
checked against every station and truck type.
"""

from __future__ import annotations

import numpy as np

from wasteopt.network.nearest import nearest, pair_durations_s
from wasteopt.network.travel import TravelNetwork
from wasteopt.scenario.models import Room, Scenario, Station, VehicleType

SHORTLIST_STATIONS = 8
SHORTLIST_GARAGES = 4
EXACT_BLOCK = 2000
"""Rooms per block in the exact check (a block × stations table per speed)."""

UNREACHABLE = "unreachable within any shift (garage → room → station → garage)"


def unservable_rooms(
    scenario: Scenario, network: TravelNetwork, rooms: list[Room], stations: list[Station], types: list[VehicleType]
) -> dict[str, str]:
    """Room id → why no truck can serve it, for the rooms that cannot be served."""
    if not rooms:
        return {}
    if not stations:
        return {room.id: "no transfer station is open" for room in rooms}
    if not types:
        return {room.id: "no collection truck is available" for room in rooms}
    reasons = _load_reasons(rooms, types)
    checker = _Trips(scenario, network, rooms, stations, types)
    unsettled = np.array([k for k, room in enumerate(rooms) if room.id not in reasons], dtype=np.int64)
    unsettled = unsettled[~checker.shortlisted(unsettled)]
    for lo in range(0, len(unsettled), EXACT_BLOCK):
        block = unsettled[lo : lo + EXACT_BLOCK]
        for k in block[~checker.exact(block)]:
            reasons[rooms[k].id] = UNREACHABLE
    return reasons


def _load_reasons(rooms: list[Room], types: list[VehicleType]) -> dict[str, str]:
    """Rooms no allowed vehicle can enter, or whose waste no allowed vehicle can carry."""
    reasons: dict[str, str] = {}
    limits = {room.max_vehicle_class for room in rooms}
    allowed = {c: [vt for vt in types if c is None or vt.vehicle_class <= c] for c in limits}
    for room in rooms:
        fleet = allowed[room.max_vehicle_class]
        if not fleet:
            reasons[room.id] = f"no vehicle of class ≤ {room.max_vehicle_class} in the fleet (narrow access)"
        elif room.waste_kg_per_day > max(vt.capacity_kg for vt in fleet):
            reasons[room.id] = "too heavy for every vehicle that can reach it"
        elif room.volume_m3_per_day and all(vt.capacity_m3 is not None and room.volume_m3_per_day > vt.capacity_m3 for vt in fleet):
            reasons[room.id] = "too bulky for every vehicle that can reach it"
    return reasons


class _Trips:
    """The shortest garage → room → station → garage day of each room, by vehicle type."""

    def __init__(
        self, scenario: Scenario, network: TravelNetwork, rooms: list[Room], stations: list[Station], types: list[VehicleType]
    ) -> None:
        self.network = network
        self.types = types
        self.room_ids = [room.id for room in rooms]
        self.station_ids = [s.id for s in stations]
        self.garage_ids = sorted({vt.garage for vt in types})
        self.garage_of = {gid: g for g, gid in enumerate(self.garage_ids)}
        self.speeds = [vt.speed_kmh or scenario.travel.speed_kmh for vt in types]
        self.unload_s = np.array([s.unload_min * 60 for s in stations])
        self.tw_open = np.array([room.tw_open or 0 for room in rooms])
        self.tw_close = np.array([room.tw_close if room.tw_close is not None else 10**9 for room in rooms])
        self.service_s = np.array([room.service_min * 60 for room in rooms])
        self.max_class = np.array([room.max_vehicle_class or 10**6 for room in rooms])
        self._home_s = {v: network.duration_s(self.station_ids, self.garage_ids, v) for v in set(self.speeds)}

    def shortlisted(self, which: np.ndarray) -> np.ndarray:
        """Whether each room fits a day with one of its nearest garages and stations."""
        ids = [self.room_ids[k] for k in which]
        station, _ = nearest(self.network, ids, self.station_ids, SHORTLIST_STATIONS)
        garage, _ = nearest(self.network, ids, self.garage_ids, SHORTLIST_GARAGES)
        fits = np.zeros(len(which), dtype=bool)
        for speed in set(self.speeds):
            to_station = np.column_stack(
                [pair_durations_s(self.network, ids, [self.station_ids[s] for s in station[:, j]], speed) for j in range(station.shape[1])]
            ) + self.unload_s[station]
            for slot in range(garage.shape[1]):
                out = pair_durations_s(self.network, [self.garage_ids[g] for g in garage[:, slot]], ids, speed)
                back = (to_station + self._home_s[speed][station, garage[:, slot][:, None]]).min(axis=1)
                for t, vt in enumerate(self.types):
                    if self.speeds[t] == speed:
                        rows = np.flatnonzero(garage[:, slot] == self.garage_of[vt.garage])
                        fits[rows] |= self._fits(vt, which[rows], out[rows], back[rows])
        return fits

    def exact(self, which: np.ndarray) -> np.ndarray:
        """Whether each room fits a day with any garage and station."""
        ids = [self.room_ids[k] for k in which]
        fits = np.zeros(len(which), dtype=bool)
        for speed in set(self.speeds):
            to_station = self.network.duration_s(ids, self.station_ids, speed) + self.unload_s[None, :]
            for t, vt in enumerate(self.types):
                if self.speeds[t] == speed:
                    g = self.garage_of[vt.garage]
                    out = self.network.duration_s([vt.garage], ids, speed)[0]
                    back = (to_station + self._home_s[speed][:, g][None, :]).min(axis=1)
                    fits |= self._fits(vt, which, out, back)
        return fits

    def _fits(self, vt: VehicleType, which: np.ndarray, out: np.ndarray, back: np.ndarray) -> np.ndarray:
        start = np.maximum(vt.shift_start + out, self.tw_open[which])
        return (
            (start <= self.tw_close[which])
            & (start + self.service_s[which] + back <= vt.shift_end)
            & (vt.vehicle_class <= self.max_class[which])
        )

