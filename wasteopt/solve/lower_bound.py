"""A lower bound on the collection distance that no feasible plan can beat.

Incoming-edge bound: in any plan every served room is entered exactly once, by a distinct leg, and
that leg is at least as long as the shortest way into the room from any other place; every trip ends
with a leg into a station, and there are at least ⌈waste / largest capacity⌉ trips; every truck used
drives home from a station. Summing those minima bounds the total distance from below.
"""

from __future__ import annotations

import math

import numpy as np

from wasteopt.network.travel import TravelNetwork
from wasteopt.plan.models import LowerBound
from wasteopt.solve.instance import CollectionInstance


def collection_lower_bound(instance: CollectionInstance, network: TravelNetwork) -> LowerBound:
    """Bound on total collection km for the rooms of the instance."""
    rooms = instance.room_ids
    if not rooms:
        return LowerBound(distance_km=0.0, method="no rooms to serve")
    sources = instance.garage_ids + instance.station_ids + rooms
    into_rooms = np.full(len(rooms), np.inf)
    for start in range(0, len(rooms), 2000):
        block = rooms[start : start + 2000]
        metres = network.distance_m(sources, block).astype(float)
        for k, rid in enumerate(block):
            metres[len(sources) - len(rooms) + start + k, k] = np.inf  # no self-loop
        into_rooms[start : start + len(block)] = metres.min(axis=0)
    room_to_station = network.distance_m(rooms, instance.station_ids).min()
    station_to_garage = network.distance_m(instance.station_ids, instance.garage_ids).min()
    trips = math.ceil(instance.waste_kg.sum() / max(vt.capacity_kg for vt in instance.vehicle_types))
    metres = into_rooms.sum() + trips * room_to_station + station_to_garage
    return LowerBound(distance_km=round(float(metres) / 1000, 3), method="incoming-edge bound (each room entered once; trips end at a station)")
