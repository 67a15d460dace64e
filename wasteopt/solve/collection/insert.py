"""Put rooms back into a plan: into a truck with slack where they fit, else onto unused trucks.

Repair takes rooms off routes that break a rule, the station-capacity step may shed rooms, and
regions may leave rooms their share of trucks could not take; a room is only called unserved after
this has tried every truck near it and every unused truck:

1. a room goes where it adds least distance among the routes that serve its nearest neighbours, if
   the route stays within capacity (an unload is added where it would overflow), hours, shift and
   station capacity;
2. what is left is built into new routes on the trucks not yet used
   (:func:`wasteopt.solve.collection.construct.construct_routes`), and a room the construction
   could not add at the end of those routes is tried again inside them;
3. a room still left goes onto a nearby route that may enter its lane, pushing off up to three of
   that route's rooms when each fits elsewhere (a narrow-lane room whose small trucks are all busy
   with rooms a big truck could take is the usual case).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from wasteopt.network.nearest import nearest
from wasteopt.network.travel import TravelNetwork
from wasteopt.solve.collection.construct import construct_routes
from wasteopt.solve.collection.instance import CollectionInstance
from wasteopt.solve.collection.repair import with_unloads
from wasteopt.solve.collection.routes import RawRoute, Visit
from wasteopt.solve.collection.schedule import path_ids, time_route
from wasteopt.solve.stations.assign import station_loads

NEIGHBOURS = 12
"""Served rooms nearest to a room whose routes are tried for it."""
POSITIONS = 8
"""Cheapest insertion positions per room that are checked in full."""
DISPLACE_AT_MOST = 40
"""Rooms left over up to which swaps are tried: a few rooms stranded by a lane or a busy truck are
what a swap fixes; hundreds mean the fleet is short, and trying swaps for each would take minutes."""
PUSH_AT_MOST = 3
"""Rooms a left-over room may push off a route to make time for itself (each must fit elsewhere)."""


def insert_rooms(
    instance: CollectionInstance, network: TravelNetwork, routes: list[RawRoute], rooms: list[int], new_trucks: bool = True
) -> tuple[list[RawRoute], list[int]]:
    """The routes with as many of ``rooms`` placed as fit, and the rooms that fit nowhere; without
    ``new_trucks`` only on the routes given (a truck taken off must not come back)."""
    if not rooms:
        return routes, []
    plan = _Placement(instance, network, list(routes), new_trucks)
    plan.near.update(plan.nearest_served(rooms))
    left = [room for room in sorted(rooms, key=lambda k: -int(instance.waste_kg[k])) if not plan.insert(room)]
    left = plan.on_new_trucks(left)
    if left and len(left) <= DISPLACE_AT_MOST:
        plan.near.update(plan.nearest_served(left))  # the new trucks' rooms are neighbours now too
        left = [room for room in left if not plan.insert(room) and not plan.displace(room)]
    return plan.routes, left


@dataclass
class _Placement:
    """Routes being completed, with the station capacity they leave free and who serves which room."""

    instance: CollectionInstance
    network: TravelNetwork
    routes: list[RawRoute]
    new_trucks: bool = True

    def __post_init__(self) -> None:
        self.free = self.instance.station_capacity_kg - station_loads(self.instance, self.routes)
        self.owner = {v.index: r for r, raw in enumerate(self.routes) for v in raw.visits if v.kind == "room"}
        self.near: dict[int, list[int]] = {}  # rooms' nearest served rooms, found once for many rooms

    def nearest_served(self, rooms: list[int]) -> dict[int, list[int]]:
        """Each room's nearest served rooms, nearest first (one k-nearest query for all of them)."""
        served = list(self.owner)
        if not served:
            return {}
        ids = self.instance.room_ids
        near, _ = nearest(self.network, [ids[k] for k in rooms], [ids[k] for k in served], NEIGHBOURS)
        return {room: [served[j] for j in row] for room, row in zip(rooms, near.tolist())}

    def insert(self, room: int, avoid: int | None = None, only: int | None = None) -> bool:
        """Put ``room`` into the route near it (or into route ``only``) where it adds least distance
        and keeps every rule."""
        candidates = [only] if only is not None else sorted({self.owner[n] for n in self._neighbours(room)} - {avoid})
        options: list[tuple[int, int, int]] = []
        for r in candidates:
            if self._may_enter(r, room):
                options += self._positions(r, room)
        for _, r, p in sorted(options)[:POSITIONS]:
            raw = self.routes[r]
            if self._try(r, raw.visits[:p] + (Visit("room", room),) + raw.visits[p:]):
                return True
        return False

    def on_new_trucks(self, rooms: list[int]) -> list[int]:
        """Build routes for ``rooms`` on the trucks no route uses yet; the rooms that still do not fit."""
        if not self.new_trucks or not rooms:
            return rooms
        used = np.bincount([raw.type_index for raw in self.routes], minlength=len(self.instance.vehicle_types))
        spare = [max(0, vt.count - int(used[t])) for t, vt in enumerate(self.instance.vehicle_types)]
        fresh, left = construct_routes(self.instance, self.network, rooms, spare, np.maximum(self.free, 0))
        for raw in fresh:
            self._take(len(self.routes), raw, None)
        return left

    def displace(self, room: int) -> bool:
        """Make room for ``room`` on a route near it that may enter its lane by moving up to
        :data:`PUSH_AT_MOST` of that route's rooms (those nearest ``room``, which some other truck
        may serve) elsewhere; nothing changes unless every moved room is placed."""
        for r in dict.fromkeys(self.owner[k] for k in self._neighbours(room)):
            if not self._may_enter(r, room):
                continue
            movable = [k for k in self._neighbours(room) if self.owner[k] == r and self._served_by_others(r, k)]
            for count in range(1, min(PUSH_AT_MOST, len(movable)) + 1):
                if self._push(r, room, movable[:count]):
                    return True
        return False

    def _push(self, r: int, room: int, moved: list[int]) -> bool:
        """``room`` into route ``r`` in place of ``moved``, each moved room placed elsewhere; all or nothing."""
        saved = (list(self.routes), self.free.copy(), dict(self.owner))
        kept = tuple(v for v in self.routes[r].visits if v.kind != "room" or v.index not in moved)
        self._take(r, replace(self.routes[r], visits=kept), None)
        for k in moved:
            del self.owner[k]
        if self.insert(room, only=r) and all(self.insert(k, avoid=r) or not self.on_new_trucks([k]) for k in moved):
            return True
        self.routes, self.free, self.owner = saved
        return False

    def _served_by_others(self, r: int, room: int) -> bool:
        """Whether a truck of another type than route ``r``'s may enter ``room``'s lane."""
        own = self.routes[r].type_index
        return any(t != own and vt.vehicle_class <= self.instance.max_class[room] for t, vt in enumerate(self.instance.vehicle_types))

    def _neighbours(self, room: int) -> list[int]:
        """The served rooms nearest to ``room`` (found before or now) that are still served."""
        if room not in self.near:
            self.near.update(self.nearest_served([room]))
        return [k for k in self.near.get(room, []) if k in self.owner]

    def _may_enter(self, r: int, room: int) -> bool:
        return self.instance.vehicle_types[self.routes[r].type_index].vehicle_class <= self.instance.max_class[room]

    def _positions(self, r: int, room: int) -> list[tuple[int, int, int]]:
        """(extra metres, route, position) of every place in route ``r`` the room could go."""
        path = path_ids(self.instance, self.routes[r])
        rid = self.instance.room_ids[room]
        net = self.instance.travel(self.network, self.instance.vehicle_types[self.routes[r].type_index])
        to_room = net.distance_m(path[:-1], [rid])[:, 0]
        from_room = net.distance_m([rid], path[1:])[0]
        detour = to_room + from_room - net.legs_m(path)
        return [(int(detour[p]), r, p) for p in range(len(detour))]

    def _try(self, r: int, visits: tuple[Visit, ...]) -> bool:
        """Replace route ``r``'s visits if the result keeps capacity, hours, shift and station capacity."""
        raw = self.routes[r]
        new = with_unloads(self.instance, self.network, replace(raw, visits=visits))
        delta = station_loads(self.instance, [new]) - station_loads(self.instance, [raw])
        if np.all(delta <= np.maximum(self.free, 0)) and time_route(self.instance, self.network, new).feasible:
            self._take(r, new, None)
            return True
        return False

    def _take(self, r: int, raw: RawRoute, dropped: int | None) -> None:
        """Route ``r`` becomes ``raw`` (appended when ``r`` is new); ``dropped`` no longer on it."""
        old = self.routes[r] if r < len(self.routes) else RawRoute(raw.type_index, ())
        self.free += station_loads(self.instance, [old]) - station_loads(self.instance, [raw])
        if r < len(self.routes):
            self.routes[r] = raw
        else:
            self.routes.append(raw)
        if dropped is not None:
            self.owner.pop(dropped, None)
        self.owner.update({v.index: r for v in raw.visits if v.kind == "room"})
