"""Lower bounds on the collection distance and cost that no feasible plan can beat.

A plan's legs are of three kinds: into a room, into a station (the end of a trip), and from a
station home (the end of a shift). Three arguments bound their total from below; the largest counts
(the third, a Lagrangean spanning-tree bound, is in :mod:`wasteopt.solve.collection.bound_tree`):

- **Incoming edges**: every served room is entered exactly once, by a distinct leg no shorter than
  the room's nearest other place; every trip ends with a leg into a station from its last room, no
  shorter than that room's distance to its nearest station — so at least the ``trips`` smallest of
  those; ``trips ≥ ⌈waste / largest payload⌉``.
- **Radial (out and back)**: a trip starts at a garage or station ``p``, visits rooms and ends at a
  station ``s``; by the triangle inequality it is at least ``d(p, i) + d(i, s)`` for each of its rooms
  ``i``, so at least ``Σ_i (q_i / Q) (r_i + ρ_i)`` where ``q_i`` is the room's waste, ``Q`` the largest
  payload, ``r_i`` the nearest garage-or-station to ``i`` and ``ρ_i`` its nearest station (the weights of
  a trip's rooms sum to at most 1). Valid only where distances obey the triangle inequality: the
  geometric travel models, not arbitrary matrix files.

All add the drive home: at least ``trucks`` legs from a station to a garage, where ``trucks`` follows
from the work time no plan can avoid (service, unloads, driving the bound — matrix files: durations are their own, so no driving) over the longest shift.
The cost bound prices those quantities at the cheapest rates of the fleet, or — when larger — is the
cheapest fleet that could do the work type by type (:mod:`wasteopt.solve.collection.bound_fleet`).

Memory stays linear in the number of rooms: nearest neighbours come from a k-d tree on coordinates
(on the unit sphere for lat/lon, where chord order is great-circle order, so the nearest is exact),
and their road distances are then asked of the travel network pair by pair.

Where roads differ by vehicle class, every figure is taken from the least over the fleet's classes
(:func:`wasteopt.network.shortest.shortest_network`), so the bound holds for any truck. On a road
network computed on demand (:class:`~wasteopt.network.osm_network.RoadNetwork`) nothing asks for
legs between all rooms: a room's nearest other room counts at its great-circle metres (a road leg,
access legs included, is never shorter than the straight line), with :data:`STRAIGHT_SLACK` for
rounding; legs to and from stations and garages come from its hub tables.
"""

from __future__ import annotations

import math

import numpy as np

from scipy.spatial import cKDTree

from wasteopt.network.nearest import ROWS_PER_BLOCK_CELLS, nearest
from wasteopt.network.shortest import shortest_network
from wasteopt.network.travel import EARTH_RADIUS_M, TravelNetwork
from wasteopt.plan.models import LowerBound
from wasteopt.solve.collection.bound_fleet import fleet_cost_bound
from wasteopt.solve.collection.bound_tree import tree_bound_m
from wasteopt.solve.collection.instance import CollectionInstance

BLOCK = 4000
"""Rooms per block when a matrix file's table is searched by columns."""
STRAIGHT_SLACK = 1e-3
"""Part of a great-circle leg given up when it stands for a road leg (the places' snap metres are
measured on a local plane, which may differ from the great circle by that much)."""
OWN_DURATIONS = ("matrix", "roads")
"""Travel models whose durations are their own (not metres at a truck's speed)."""


def collection_lower_bound(instance: CollectionInstance, network: TravelNetwork, tree: bool = True) -> LowerBound:
    """Bound on total collection km (and daily collection cost) for the rooms of the instance.
    ``tree``: also try the Lagrangean tree bound (:mod:`bound_tree`; about a second at 940 rooms)."""
    rooms = instance.room_ids
    if not rooms:
        return LowerBound(distance_km=0.0, cost=0.0, method="no rooms to serve")
    types = instance.vehicle_types
    own = network  # each type's own roads (the fleet bound prices each type's drive home on them)
    network = shortest_network(network, [vt.vehicle_class for vt in types])
    payload = max(vt.capacity_kg for vt in types)
    waste = true_waste_kg(instance)
    trips = math.ceil(float(waste.sum()) / payload - 1e-9)
    rho, r = _radial_distances(instance, network)
    into_room = nearest_other_m(instance, network)
    incoming = float(into_room.sum()) + float(np.sort(rho)[:trips].sum())
    method = "incoming edges (each room entered once, each trip ends at a station)"
    best = incoming
    if r is not None:  # geometric models only
        radial = float((waste / payload * (r + rho)).sum()) - len(rooms)  # 1 m per room for rounding
        if radial > best:
            best, method = radial, "radial (each trip goes out to its rooms and back to a station)"
    if tree:
        hubs = instance.garage_ids + instance.station_ids
        spanning = tree_bound_m(network, rooms, hubs, trips, target_m=2 * best) - len(rooms)  # 1 m per room for rounding
        if spanning > best:
            best, method = spanning, "Lagrangean spanning tree (every room on a trip from and to a garage or station)"
    home = network.distance_m(instance.station_ids, instance.garage_ids).min()
    trucks, hours = _min_trucks_and_hours(instance, best, trips)
    metres = best + trucks * float(home)
    cost = (
        trucks * min(vt.fixed_cost for vt in types)
        + metres / 1000 * min(vt.cost_per_km for vt in types)
        + hours * min(vt.cost_per_hour for vt in types)
    )
    method = f"{method}; ≥ {trucks} truck(s) drive home from a station"
    fleet = fleet_cost_bound(instance, own, best, waste)
    if fleet is not None and fleet.cost - 0.01 > cost:
        cost = fleet.cost - 0.01  # HiGHS's tolerance
        method += f"; cost: the cheapest fleet for the work ({fleet.trucks} trucks, {fleet.hours:.1f} h, {fleet.km:.1f} km)"
    return LowerBound(distance_km=round(metres / 1000, 3), cost=round(cost, 2), method=method)


def true_waste_kg(instance: CollectionInstance) -> np.ndarray:
    """Each room's waste as given (the instance rounds it up to whole kg, which a bound must not)."""
    by_id = instance.rooms_by_id
    return np.array([by_id[rid].waste_kg_per_day for rid in instance.room_ids], dtype=float)


def _radial_distances(instance: CollectionInstance, network: TravelNetwork) -> tuple[np.ndarray, np.ndarray | None]:
    """Per room: metres to its nearest station (ρ), and from its nearest garage or station (r; only
    for the geometric models, where the radial bound applies)."""
    rho = nearest(network, instance.room_ids, instance.station_ids, 1)[1][:, 0].astype(float)
    if not network.is_geometric:
        return rho, None
    starts = instance.garage_ids + instance.station_ids
    return rho, nearest(network, instance.room_ids, starts, 1)[1][:, 0].astype(float)  # symmetric metres


def nearest_other_m(instance: CollectionInstance, network: TravelNetwork) -> np.ndarray:
    """Per room: metres of the shortest leg into it from any other place (room, station or garage)."""
    rooms = instance.room_ids
    others = instance.garage_ids + instance.station_ids
    if network.is_geometric:  # symmetric: nearest from is nearest to; a room's nearest room other than itself is its 2nd
        fixed = nearest(network, rooms, others, 1)[1][:, 0]
        if len(rooms) == 1:
            return fixed.astype(float)
        return np.minimum(fixed, nearest(network, rooms, rooms, 2)[1][:, 1]).astype(float)
    from_fixed = np.empty(len(rooms))
    for lo in range(0, len(rooms), BLOCK):
        block = rooms[lo : lo + BLOCK]
        from_fixed[lo : lo + len(block)] = network.distance_m(others, block).min(axis=0)
    if len(rooms) == 1:
        return from_fixed
    if network.on_demand:
        return np.minimum(from_fixed, straight_nearest_room_m(network, rooms))
    return np.minimum(from_fixed, _nearest_room_blocked(network, rooms))


def straight_nearest_room_m(network: TravelNetwork, rooms: list[str]) -> np.ndarray:
    """Per room: great-circle metres to its nearest other room, less :data:`STRAIGHT_SLACK` and a
    metre (a lower bound on any road leg into it from another room; lat/lon places)."""
    chord, _ = cKDTree(network.points(rooms)).query(network.points(rooms), k=2)
    metres = 2 * EARTH_RADIUS_M * np.arcsin(np.clip(chord[:, 1] / 2, 0.0, 1.0))
    return np.maximum(metres * (1 - STRAIGHT_SLACK) - 1.0, 0.0)


def _nearest_room_blocked(network: TravelNetwork, rooms: list[str]) -> np.ndarray:
    """Exact nearest other room by rows of the network's table (matrix files: already in memory)."""
    best = np.empty(len(rooms))
    step = max(1, ROWS_PER_BLOCK_CELLS // len(rooms))
    for lo in range(0, len(rooms), step):
        block = rooms[lo : lo + step]
        metres = network.distance_m(rooms, block).astype(float)
        metres[np.arange(lo, lo + len(block)), np.arange(len(block))] = np.inf
        best[lo : lo + len(block)] = metres.min(axis=0)
    return best


def _min_trucks_and_hours(instance: CollectionInstance, metres: float, trips: int) -> tuple[int, float]:
    """Trucks and duty hours no plan can do without: unavoidable work over the longest shift."""
    types = instance.vehicle_types
    fastest = max(instance.type_speed(vt) for vt in types) / 3.6
    driving_s = 0.0 if instance.scenario.travel.model in OWN_DURATIONS else metres / fastest - 0.5 * (len(instance.room_ids) + trips)
    work_s = float(instance.service_s.sum()) + trips * float(instance.station_unload_s.min()) + max(0.0, driving_s)
    longest = max(vt.shift_end - vt.shift_start for vt in types)
    return max(1, math.ceil(work_s / longest)), work_s / 3600
