"""Make a router's best-effort routes feasible, leaving out the rooms that cannot fit.

PyVRP returns its best solution even when it found no feasible one (too few trucks, shifts too
short). Rather than fail, we insert an unload wherever a truck would overflow and drop rooms that
push a truck past a time window or its shift; the dropped rooms are reported unserved.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from wasteopt.network.travel import TravelNetwork
from wasteopt.solve.instance import CollectionInstance
from wasteopt.solve.pyvrp_model import RawRoute, Visit, drop_empty_unloads
from wasteopt.solve.schedule import path_ids, time_route


def repair_routes(
    instance: CollectionInstance, network: TravelNetwork, raws: list[RawRoute]
) -> tuple[list[RawRoute], list[int]]:
    """Feasible routes and the instance indices of the rooms that had to be left out."""
    dropped: list[int] = []
    repaired: list[RawRoute] = []
    for raw in raws:
        raw = _unload_before_overflow(instance, network, raw)
        while raw.visits:
            timing = time_route(instance, network, raw)
            if timing.feasible:
                break
            late = int(np.flatnonzero((timing.start > _closes(instance, raw)) | _past_shift(instance, raw, timing))[0])
            victim = late if late < len(raw.visits) and raw.visits[late].kind == "room" else _last_room_before(raw, late)
            dropped.append(raw.visits[victim].index)
            raw = replace(raw, visits=_tidy(raw.visits[:victim] + raw.visits[victim + 1 :]))
        if raw.visits:
            repaired.append(raw)
    return repaired, dropped


def _unload_before_overflow(instance: CollectionInstance, network: TravelNetwork, raw: RawRoute) -> RawRoute:
    capacity = instance.capacity(instance.vehicle_types[raw.type_index])
    visits: list[Visit] = []
    load = np.zeros(len(capacity), dtype=np.int64)
    for visit in raw.visits:
        if visit.kind == "station":
            load[:] = 0
        else:
            demand = _demand(instance, visit.index)
            if np.any(load + demand > capacity) and load.any():
                here = path_ids(instance, replace(raw, visits=tuple(visits)))[-2]
                nearest = int(network.distance_m([here], instance.station_ids)[0].argmin())
                visits.append(Visit("station", nearest))
                load[:] = 0
            load += demand
        visits.append(visit)
    return replace(raw, visits=tuple(visits))


def _demand(instance: CollectionInstance, room: int) -> np.ndarray:
    dims = [instance.waste_kg[room]]
    if instance.volume_l is not None:
        dims.append(instance.volume_l[room])
    return np.array(dims, dtype=np.int64)


def _closes(instance: CollectionInstance, raw: RawRoute) -> np.ndarray:
    closes = [
        instance.tw_close_s[v.index] if v.kind == "room" else instance.station_close_s[v.index] for v in raw.visits
    ]
    return np.array([*closes, 10**9], dtype=np.int64)


def _past_shift(instance: CollectionInstance, raw: RawRoute, timing) -> np.ndarray:
    late = np.zeros(len(raw.visits) + 1, dtype=bool)
    late[-1] = timing.end[-1] > instance.vehicle_types[raw.type_index].shift_end
    return late


def _last_room_before(raw: RawRoute, position: int) -> int:
    return max(k for k in range(min(position, len(raw.visits))) if raw.visits[k].kind == "room")


def _tidy(visits: tuple[Visit, ...]) -> tuple[Visit, ...]:
    """No unload without waste collected since the last one, and never a room left on board at the end."""
    kept = drop_empty_unloads(list(visits))
    if kept and kept[-1].kind == "room":
        kept.append(next(v for v in reversed(visits) if v.kind == "station"))
    return tuple(kept)
