"""The collection problem in solver units: integer metres, seconds, kilograms (and litres).

Built once from a scenario and its travel network; everything an engine needs and nothing it does
not. Rooms that no truck can serve whatever the routing (too heavy, too far for any shift, no
station open when a truck could unload, no vehicle class allowed) are set aside here with the reason, so engines only see servable rooms.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from wasteopt.network.travel import TravelNetwork, room_class_limits
from wasteopt.scenario.models import Room, Scenario, VehicleType
from wasteopt.solve.collection.reachability import unservable_rooms

COST_UNITS_PER_YUAN = 100_000
"""Internal cost unit: 1e-5 yuan, so that per-metre and per-second costs are integers with 3 digits."""


@dataclass(frozen=True)
class CollectionInstance:
    """Rooms, stations, garages and vehicle types of one collection problem, in integer units."""

    scenario: Scenario
    room_ids: list[str]
    station_ids: list[str]
    garage_ids: list[str]
    vehicle_types: list[VehicleType]
    waste_kg: np.ndarray  # per room, whole kg rounded up (so integer capacity checks are safe for the real kg)
    volume_l: np.ndarray | None  # per room, litres (int), when volumes are given
    service_s: np.ndarray  # per room
    tw_open_s: np.ndarray  # per room
    tw_close_s: np.ndarray  # per room
    max_class: np.ndarray  # per room: the room table's and the roads' limit; large where unrestricted, 0 where no road
    station_capacity_kg: np.ndarray
    station_open_s: np.ndarray
    station_close_s: np.ndarray
    station_unload_s: np.ndarray
    unserved: dict[str, str] = field(default_factory=dict)

    @cached_property
    def rooms_by_id(self) -> dict[str, Room]:
        """The scenario's rooms by id (built once: routes of a large district look rooms up often)."""
        return {room.id: room for room in self.scenario.rooms}

    @property
    def uses_volume(self) -> bool:
        """Whether capacity is checked by volume as well as by weight."""
        return self.volume_l is not None

    def travel(self, network: TravelNetwork, vehicle_type: VehicleType) -> TravelNetwork:
        """The network trucks of ``vehicle_type`` drive on (their vehicle class's roads)."""
        return network.for_class(vehicle_type.vehicle_class)

    def type_speed(self, vehicle_type: VehicleType) -> float:
        """Average speed of a vehicle type (km/h)."""
        return vehicle_type.speed_kmh or self.scenario.travel.speed_kmh

    def demand(self, rooms: np.ndarray | list[int]) -> np.ndarray:
        """Load vectors (kg[, litres]) of the given rooms, one row each."""
        dims = [self.waste_kg[rooms]]
        if self.volume_l is not None:
            dims.append(self.volume_l[rooms])
        return np.column_stack(dims).astype(np.int64)

    def capacity(self, vehicle_type: VehicleType) -> list[int]:
        """Capacity vector (kg[, litres]) of a vehicle type."""
        dims = [int(vehicle_type.capacity_kg)]
        if self.uses_volume:
            dims.append(int(vehicle_type.capacity_m3 * 1000) if vehicle_type.capacity_m3 else 2**40)
        return dims


def build_instance(
    scenario: Scenario, network: TravelNetwork, room_ids: list[str] | None = None, screen: bool = True
) -> CollectionInstance:
    """The collection problem for a scenario (or for a subset of its rooms). ``screen=False`` skips
    setting aside the rooms no truck can serve (for estimates over rooms already screened)."""
    rooms_by_id = {room.id: room for room in scenario.rooms}
    rooms = [rooms_by_id[r] for r in room_ids] if room_ids is not None else list(scenario.rooms)
    stations = scenario.active_stations
    types = [vt for vt in scenario.fleet if vt.count > 0]
    garage_ids = [g.id for g in scenario.garages]
    unserved = unservable_rooms(scenario, network, rooms, stations, types) if screen else {}
    rooms = [room for room in rooms if room.id not in unserved]
    with_volume = any(room.volume_m3_per_day for room in rooms)
    day = 48 * 3600
    return CollectionInstance(
        scenario=scenario,
        room_ids=[room.id for room in rooms],
        station_ids=[s.id for s in stations],
        garage_ids=garage_ids,
        vehicle_types=types,
        waste_kg=np.array([math.ceil(r.waste_kg_per_day) for r in rooms], dtype=np.int64),
        volume_l=np.array([math.ceil((r.volume_m3_per_day or 0) * 1000) for r in rooms], dtype=np.int64)
        if with_volume
        else None,
        service_s=np.array([round(r.service_min * 60) for r in rooms], dtype=np.int64),
        tw_open_s=np.array([r.tw_open or 0 for r in rooms], dtype=np.int64),
        tw_close_s=np.array([r.tw_close if r.tw_close is not None else day for r in rooms], dtype=np.int64),
        max_class=np.array([10**6 if limit is None else limit for limit in room_class_limits(network, rooms)], dtype=np.int64),
        station_capacity_kg=np.array([int(s.capacity_t_per_day * 1000) for s in stations], dtype=np.int64),
        station_open_s=np.array([s.open for s in stations], dtype=np.int64),
        station_close_s=np.array([s.close for s in stations], dtype=np.int64),
        station_unload_s=np.array([round(s.unload_min * 60) for s in stations], dtype=np.int64),
        unserved=unserved,
    )


def served_only(instance: CollectionInstance, network: TravelNetwork, left: list[int]) -> CollectionInstance:
    """The instance less the rooms left out: a plan's bound is for the rooms it serves (a bound on
    serving them all could exceed a plan that serves fewer)."""
    if not left:
        return instance
    out = set(left)
    served = [rid for k, rid in enumerate(instance.room_ids) if k not in out]
    return build_instance(instance.scenario, network, served, screen=False)
