"""How many trucks the router should be offered.

PyVRP removes surplus vehicles slowly when far more are available than needed; offering an
estimate (total work hours / shift length less breaks, or the work over the daily kg and room
limits where those need more trucks, plus a margin) instead of the whole fleet made the
biggest difference in our measurements. If the estimate proves too small the engine raises it.
"""

from __future__ import annotations

import math

import numpy as np

from wasteopt.network.travel import TravelNetwork
from wasteopt.solve.collection.instance import CollectionInstance
from wasteopt.solve.collection.workday import owed_in_shift

SAMPLE = 300


def fleet_estimate(instance: CollectionInstance, network: TravelNetwork, margin: float = 1.3) -> list[int]:
    """Trucks to offer per vehicle type: needed work hours spread over the fleet, with a margin."""
    types = instance.vehicle_types
    if not instance.room_ids:
        return [0 for _ in types]
    counts = np.array([vt.count for vt in types], dtype=float)
    needed = trucks_needed(instance, network)
    offered = margin * needed + 2
    return [max(1, min(vt.count, math.ceil(offered * vt.count / counts.sum()) + 1)) for vt in types]


def trucks_needed(instance: CollectionInstance, network: TravelNetwork) -> float:
    """Estimated truck-shifts of work (fractional): service, unloads, hops between rooms, trips to stations."""
    types = instance.vehicle_types
    if not instance.room_ids:
        return 0.0
    counts = np.array([vt.count for vt in types], dtype=float)
    capacity = float(np.average([vt.capacity_kg for vt in types], weights=counts))
    speed_ms = float(np.average([instance.type_speed(vt) for vt in types], weights=counts)) / 3.6
    shift_s = float(np.average([vt.shift_end - vt.shift_start for vt in types], weights=counts))

    rng = np.random.default_rng(0)
    sample = rng.choice(len(instance.room_ids), size=min(SAMPLE, len(instance.room_ids)), replace=False)
    sample_ids = [instance.room_ids[k] for k in sample]
    to_rooms = network.distance_m(sample_ids, instance.room_ids).astype(float)
    to_rooms[to_rooms == 0] = np.inf
    hop_m = float(np.median(to_rooms.min(axis=1))) if len(instance.room_ids) > 1 else 0.0
    if not np.isfinite(hop_m):
        hop_m = 0.0
    to_station_m = float(network.distance_m(sample_ids, instance.station_ids).min(axis=1).mean())

    trips = math.ceil(instance.waste_kg.sum() / capacity)
    work_s = (
        instance.service_s.sum()
        + trips * float(instance.station_unload_s.mean())
        + len(instance.room_ids) * hop_m / speed_ms
        + trips * 2 * to_station_m / speed_ms
    )
    shift_s -= float(np.average([sum(rule.duration for rule in owed_in_shift(vt)) for vt in types], weights=counts))
    needed = [work_s / max(shift_s, 1.0)]
    for name, work in (("max_kg_per_day", float(instance.waste_kg.sum())), ("max_stops", float(len(instance.room_ids)))):
        limit = _average_limit(types, counts, name)
        if limit is not None:
            needed.append(work / limit)
    return float(max(needed))


def _average_limit(types: list, counts: np.ndarray, name: str) -> float | None:
    """The fleet's average daily limit ``name`` over the types that have one (None if none has)."""
    limited = [(getattr(vt, name), n) for vt, n in zip(types, counts) if getattr(vt, name) is not None and n > 0]
    if not limited:
        return None
    return float(np.average([limit for limit, _ in limited], weights=[n for _, n in limited]))
