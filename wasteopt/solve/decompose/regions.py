"""Split a large district into regions that can be routed apart, sharing the global limits fairly.

A region is a spatially compact set of rooms (k-means on coordinates, large clusters split again,
small ones merged into their neighbour) with its own *share* of each station's daily capacity and
of each truck type's count. Fleet shares never sum to more than the real counts, so vehicle ids stay
unique. Station shares do not bind the regions' routers: with price-directed coordination (the
default, :data:`wasteopt.solve.decompose.coordinate.PRICE_DIRECTED`) each region sees every station's full
capacity and aims below it through prices, so regions together *can* overbook a station; the
district-wide station assignment and, failing that, shedding and re-insertion settle it at the end.

- Station shares come from an integral assignment of rooms to stations within capacity (the
  transport LP of :mod:`wasteopt.solve.stations.prices`, rounded, then repaired greedily): a region
  gets what its rooms were assigned at each station, plus a pro-rata part of the spare capacity.
- Fleet shares come from a transport LP (integral: its constraint matrix is totally unimodular):
  each region asks for the trucks its work needs (with a margin), garages supply their trucks at the
  cost of the drive to the region; trucks nobody asked for go to the regions nearest their garage.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.cluster.vq import kmeans2
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

from wasteopt.network.travel import TravelNetwork
from wasteopt.solve.collection.fleet import trucks_needed
from wasteopt.solve.collection.instance import CollectionInstance, build_instance
from wasteopt.solve.stations.prices import Transport, transport

FLEET_MARGIN = 1.3
CAPACITY_RESERVE = 0.05
"""Part of every station's capacity kept out of the regions' shares: a region's router treats its
share as a price, not a wall, and the whole district's station assignment uses this reserve to
absorb the small overshoots instead of leaving rooms unserved."""


@dataclass
class Region:
    """Rooms routed together, and the slices of station capacity and fleet they may use."""

    room_ids: list[str]
    station_kg: dict[str, int]  # station id -> kg/day this region may unload there
    fleet: dict[str, int]  # vehicle type id -> trucks this region may use
    centre: np.ndarray  # planar km, for neighbourhoods


def planar_km(instance: CollectionInstance, ids: list[str]) -> np.ndarray:
    """Coordinates in km on a local plane (equirectangular for lat/lon), for clustering only."""
    places = instance.scenario.locations()
    first = places[ids[0]] if ids else None
    if first is not None and first.is_geographic:
        lat = np.array([places[i].lat for i in ids])
        lon = np.array([places[i].lon for i in ids])
        scale = math.cos(math.radians(float(lat.mean())))
        return np.column_stack([lon * 111.2 * scale, lat * 111.2])
    return np.array([[places[i].x, places[i].y] for i in ids], dtype=float) / 1000


def split_regions(
    instance: CollectionInstance, network: TravelNetwork, target: int, seed: int = 0, flows: Transport | None = None
) -> list[Region]:
    """Regions of about ``target`` rooms covering the instance's rooms, with capacity and fleet shares
    (``flows``: the transport LP within the reserved capacity, if the caller has it)."""
    points = planar_km(instance, instance.room_ids)
    labels = cluster(points, target, seed)
    station_of = assign_rooms(instance, network, flows)
    groups = [np.flatnonzero(labels == k) for k in range(labels.max() + 1)]
    centres = np.array([points[g].mean(axis=0) for g in groups])
    station_kg = station_shares(instance, groups, station_of, centres)
    fleet = fleet_shares(instance, network, groups, centres)
    return [
        Region(
            room_ids=[instance.room_ids[i] for i in g],
            station_kg={sid: int(station_kg[r, s]) for s, sid in enumerate(instance.station_ids) if station_kg[r, s] > 0},
            fleet={vt.id: int(fleet[r, t]) for t, vt in enumerate(instance.vehicle_types) if fleet[r, t] > 0},
            centre=centres[r],
        )
        for r, g in enumerate(groups)
    ]


def cluster(points: np.ndarray, target: int, seed: int = 0) -> np.ndarray:
    """Labels 0..k-1 of compact clusters of roughly ``target`` points (none above 1.5 × target)."""
    n = len(points)
    k = max(1, round(n / target))
    labels = _kmeans(points, k, seed)
    pieces: list[np.ndarray] = []
    stack = [np.flatnonzero(labels == c) for c in range(k)]
    while stack:
        members = stack.pop()
        if len(members) == 0:
            continue
        if len(members) > 1.5 * target:
            parts = math.ceil(len(members) / target)
            sub = _kmeans(points[members], parts, seed + len(pieces) + 1)
            if len(np.unique(sub)) == 1:  # identical points: cut by order
                sub = np.arange(len(members)) * parts // len(members)
            stack += [members[sub == c] for c in range(parts)]
        else:
            pieces.append(members)
    pieces = _merge_small(points, pieces, min_size=max(1, target // 4))
    out = np.empty(n, dtype=np.int64)
    for c, members in enumerate(sorted(pieces, key=lambda m: int(m.min()))):
        out[members] = c
    return out


def _kmeans(points: np.ndarray, k: int, seed: int) -> np.ndarray:
    if k <= 1 or len(points) <= k:
        return np.zeros(len(points), dtype=np.int64) if k <= 1 else np.arange(len(points)) % k
    _, labels = kmeans2(points, k, seed=seed, minit="++", iter=20)
    return labels


def _merge_small(points: np.ndarray, pieces: list[np.ndarray], min_size: int) -> list[np.ndarray]:
    """Fold clusters smaller than ``min_size`` into the nearest other cluster."""
    pieces = [p for p in pieces if len(p)]
    while len(pieces) > 1:
        sizes = np.array([len(p) for p in pieces])
        smallest = int(sizes.argmin())
        if sizes[smallest] >= min_size:
            break
        centres = np.array([points[p].mean(axis=0) for p in pieces])
        gap = np.linalg.norm(centres - centres[smallest], axis=1)
        gap[smallest] = np.inf
        into = int(gap.argmin())
        pieces[into] = np.concatenate([pieces[into], pieces[smallest]])
        pieces.pop(smallest)
    return pieces


def assign_rooms(instance: CollectionInstance, network: TravelNetwork, flows: Transport | None = None) -> np.ndarray:
    """Station index per room, every station within capacity (less the reserve) where possible.

    The transport LP (:func:`wasteopt.solve.stations.prices.transport`, capacities less the reserve;
    ``flows`` if the caller has it already) has a vertex solution that splits at most one room per
    station between two stations; those take the option with the largest share, then overloaded
    stations hand their cheapest-to-move rooms to stations with room to spare."""
    flows = flows or transport(instance, network, reserved_capacity(instance))
    rooms = len(instance.room_ids)
    choice = np.argmax(flows.share, axis=1) if flows.share is not None else np.zeros(rooms, dtype=np.int64)
    station = flows.options[np.arange(rooms), choice]
    return _repair(station, flows.options, flows.metres.astype(float), instance.waste_kg.astype(float), reserved_capacity(instance))


def reserved_capacity(instance: CollectionInstance) -> np.ndarray:
    """Every station's capacity less the reserve kept out of the regions' shares (kg)."""
    return instance.station_capacity_kg.astype(float) * (1 - CAPACITY_RESERVE)


def _repair(station: np.ndarray, options: np.ndarray, metres: np.ndarray, waste: np.ndarray, capacity: np.ndarray) -> np.ndarray:
    """Move rooms off overloaded stations to the cheapest option with spare capacity."""
    station = station.copy()
    load = np.bincount(station, weights=waste, minlength=len(capacity))
    for s in np.flatnonzero(load > capacity + 1e-6):
        members = np.flatnonzero(station == s)
        own = metres[members, np.argmax(options[members] == s, axis=1)]
        for room in members[np.argsort(-own)]:  # farthest first: cheapest to move, as a rule
            if load[s] <= capacity[s] + 1e-6:
                break
            for alt, m in zip(options[room], metres[room]):
                if alt != s and load[alt] + waste[room] <= capacity[alt] + 1e-6:
                    station[room] = alt
                    load[alt] += waste[room]
                    load[s] -= waste[room]
                    break
    return station


def station_shares(
    instance: CollectionInstance, groups: list[np.ndarray], station_of: np.ndarray, centres: np.ndarray
) -> np.ndarray:
    """Kilograms per (region, station): the region's assigned load plus a pro-rata part of the slack,
    all within the capacity less the reserve. Where the rooms assigned to a station need more (they
    have no other station within reach), the reserve yields to them, up to the capacity itself;
    beyond it every region's share is cut pro rata."""
    waste = instance.waste_kg.astype(float)
    capacity = reserved_capacity(instance)
    full = instance.station_capacity_kg.astype(float)
    loads = np.zeros((len(groups), len(capacity)))
    for r, g in enumerate(groups):
        loads[r] = np.bincount(station_of[g], weights=waste[g], minlength=len(capacity))
    total = loads.sum(axis=0)
    shared = np.clip(total, capacity, full)  # what the regions share at each station
    shares = np.where(total > 0, loads * shared / np.where(total > 0, total, 1), 0.0)
    idle = np.flatnonzero(total == 0)
    if idle.size:  # unused stations: to the region whose centre is nearest
        station_xy = planar_km(instance, [instance.station_ids[s] for s in idle])
        closest = np.linalg.norm(centres[:, None, :] - station_xy[None, :, :], axis=2).argmin(axis=0)
        shares[closest, idle] = capacity[idle]
    shares = np.floor(shares)
    over = shares.sum(axis=0) - full  # floors keep sums within capacity; guard anyway
    assert (over <= 1e-6).all()
    return shares.astype(np.int64)


def fleet_shares(
    instance: CollectionInstance, network: TravelNetwork, groups: list[np.ndarray], centres: np.ndarray
) -> np.ndarray:
    """Trucks per (region, vehicle type), summing per type to at most its count."""
    types = instance.vehicle_types
    counts = np.array([vt.count for vt in types], dtype=float)
    demand = np.array([
        math.ceil(FLEET_MARGIN * trucks_needed(build_instance(instance.scenario, network, [instance.room_ids[i] for i in g], screen=False), network)) + 1
        for g in groups
    ], dtype=float)
    garage_xy = planar_km(instance, [vt.garage for vt in types])
    km = np.linalg.norm(centres[:, None, :] - garage_xy[None, :, :], axis=2)  # region × type
    share = _fleet_lp(km, demand, counts)
    spare = counts - share.sum(axis=0)
    for t in np.flatnonzero(spare > 0):
        closest = np.argsort(km[:, t])[: min(3, len(groups))]
        for j in range(int(spare[t])):
            share[closest[j % len(closest)], t] += 1
    for r in np.flatnonzero(share.sum(axis=1) == 0):  # no region without a truck while another has two
        donors = [(km[r, t], d, t) for d in range(len(groups)) for t in range(len(types)) if share[d, t] > 0 and share[d].sum() > 1]
        if donors:
            _, d, t = min(donors)
            share[d, t] -= 1
            share[r, t] += 1
    return share.astype(np.int64)


def _fleet_lp(km: np.ndarray, demand: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Integral transport of trucks to regions, nearest garages first; shortfall allowed at a price."""
    regions, types = km.shape
    n_x = regions * types
    var = np.arange(n_x)
    cost = np.r_[km.ravel(), np.full(regions, 10.0 * (km.max() + 1))]
    rows = np.r_[np.repeat(np.arange(regions), types), np.arange(regions)]
    cols = np.r_[var, n_x + np.arange(regions)]
    meet = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(regions, n_x + regions))
    supply = coo_matrix((np.ones(n_x), (np.tile(np.arange(types), regions), var)), shape=(types, n_x + regions))
    result = linprog(cost, A_ub=supply.tocsr(), b_ub=counts, A_eq=meet.tocsr(), b_eq=demand, bounds=(0, None), method="highs")
    if result.status != 0:
        return np.zeros((regions, types))
    share = np.floor(result.x[:n_x].reshape(regions, types) + 1e-6)
    over = share.sum(axis=0) - counts  # a non-vertex optimum could round up: trim
    for t in np.flatnonzero(over > 0):
        for r in np.argsort(-km[:, t]):
            take = min(over[t], share[r, t])
            share[r, t] -= take
            over[t] -= take
            if over[t] <= 0:
                break
    return share
