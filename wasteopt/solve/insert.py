"""Put rooms back into a plan: into a truck with slack where they fit, else onto unused trucks.

Repair takes rooms off routes that break a rule, and the station-capacity step may shed rooms; a
room is only called unserved after this has tried every truck near it and every unused truck. A
room goes where it adds least distance among the routes that serve its nearest neighbours, if the
route stays within capacity (an unload is added where it would overflow), hours, shift and station
capacity; what is left is built into new routes on the trucks not yet used
(:func:`wasteopt.solve.construct.construct_routes`).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from wasteopt.network.nearest import nearest
from wasteopt.network.travel import TravelNetwork
from wasteopt.solve.construct import construct_routes
from wasteopt.solve.instance import CollectionInstance
from wasteopt.solve.pyvrp_model import RawRoute, Visit
from wasteopt.solve.repair import with_unloads
from wasteopt.solve.schedule import path_ids, time_route
from wasteopt.solve.station_assign import station_loads

NEIGHBOURS = 12
"""Served rooms nearest to a room whose routes are tried for it."""
POSITIONS = 8
"""Cheapest insertion positions per room that are checked in full."""


def insert_rooms(
    instance: CollectionInstance, network: TravelNetwork, routes: list[RawRoute], rooms: list[int]
) -> tuple[list[RawRoute], list[int]]:
    """The routes with as many of ``rooms`` placed as fit, and the rooms that fit nowhere."""
    if not rooms:
        return routes, []
    routes = list(routes)
    free = instance.station_capacity_kg - station_loads(instance, routes)
    owner = {v.index: r for r, raw in enumerate(routes) for v in raw.visits if v.kind == "room"}
    neighbours = _neighbours(instance, network, rooms, list(owner))
    left: list[int] = []
    for room in sorted(rooms, key=lambda k: -int(instance.waste_kg[k])):
        candidates = sorted({owner[n] for n in neighbours.get(room, [])})
        placed = _into_existing(instance, network, routes, candidates, room, free)
        if placed is None:
            left.append(room)
            continue
        r, new = placed
        free += station_loads(instance, [routes[r]]) - station_loads(instance, [new])
        routes[r] = new
        owner[room] = r
    used = np.bincount([raw.type_index for raw in routes], minlength=len(instance.vehicle_types))
    spare = [max(0, vt.count - int(used[t])) for t, vt in enumerate(instance.vehicle_types)]
    fresh, left = construct_routes(instance, network, left, spare, np.maximum(free, 0))
    return routes + fresh, left


def _neighbours(instance: CollectionInstance, network: TravelNetwork, rooms: list[int], served: list[int]) -> dict[int, list[int]]:
    """Each room's nearest served rooms (whose routes it may join)."""
    if not served:
        return {}
    ids = instance.room_ids
    near, _ = nearest(network, [ids[k] for k in rooms], [ids[k] for k in served], NEIGHBOURS)
    return {room: [served[j] for j in row] for room, row in zip(rooms, near.tolist())}


def _into_existing(
    instance: CollectionInstance, network: TravelNetwork, routes: list[RawRoute], candidates: list[int], room: int, free: np.ndarray
) -> tuple[int, RawRoute] | None:
    """The cheapest feasible insertion of ``room`` into one of the candidate routes."""
    rid = instance.room_ids[room]
    options: list[tuple[int, int, int]] = []
    for r in candidates:
        raw = routes[r]
        if instance.max_class[room] < instance.vehicle_types[raw.type_index].vehicle_class:
            continue
        path = path_ids(instance, raw)
        to_room = network.distance_m(path[:-1], [rid])[:, 0]
        from_room = network.distance_m([rid], path[1:])[0]
        direct = network.legs_m(path)
        detour = to_room + from_room - direct
        options += [(int(detour[p]), r, p) for p in range(len(raw.visits) + 1)]
    for _, r, p in sorted(options)[:POSITIONS]:
        raw = routes[r]
        new = with_unloads(instance, network, replace(raw, visits=raw.visits[:p] + (Visit("room", room),) + raw.visits[p:]))
        delta = station_loads(instance, [new]) - station_loads(instance, [raw])
        if np.all(delta <= np.maximum(free, 0)) and time_route(instance, network, new).feasible:
            return r, new
    return None
