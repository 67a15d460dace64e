"""Prices for scarce station capacity, from a transport LP (rooms → stations).

Station capacity is a daily limit the router (PyVRP) does not know. Before routing, we solve the
relaxation "send each room's waste to stations, within capacity, at least round-trip distance" with
HiGHS; the dual price of each station's capacity (metres per kg) tells how much more a full
truckload there is worth than elsewhere. The router sees it as extra distance on every visit to
that station, so it plans around stations that would otherwise overflow.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

from wasteopt.network.nearest import nearest
from wasteopt.network.travel import TravelNetwork
from wasteopt.solve.collection.instance import CollectionInstance

NEAREST_STATIONS = 6
"""Stations each room may send to in the LP (the rest are never cheaper in practice)."""


@dataclass(frozen=True)
class Transport:
    """The transport LP's answer: each room's nearest stations, what it sends to each, and the price
    of every station's capacity."""

    options: np.ndarray  # rooms × k: station indices, nearest first
    metres: np.ndarray  # rooms × k: road metres to those stations
    share: np.ndarray | None  # rooms × k: fraction of the room's waste sent there (None: LP failed)
    price_m: np.ndarray  # per station: extra metres per visit where capacity is scarce, else 0


def transport(instance: CollectionInstance, network: TravelNetwork, capacity_kg: np.ndarray | None = None) -> Transport:
    """Send each room's waste to its nearest stations within ``capacity_kg`` (default: the stations'
    capacities) at least driving: a truck's round trip per truckload carried. Waste the stations
    cannot take is a last resort at ten times the dearest option. A capacity's dual price (metres
    per kg) is what a kilogram more there would save, so a truckload's worth of it is a visit's
    penalty."""
    rooms, stations = len(instance.room_ids), len(instance.station_ids)
    options, metres = nearest(network, instance.room_ids, instance.station_ids, NEAREST_STATIONS)
    if rooms == 0 or stations == 0:
        return Transport(options, metres, None, np.zeros(stations, dtype=np.int64))
    capacity = (instance.station_capacity_kg if capacity_kg is None else capacity_kg).astype(float)
    near = options.shape[1]
    waste = instance.waste_kg.astype(float)
    truckload = float(np.median([vt.capacity_kg for vt in instance.vehicle_types]))
    per_kg = 2.0 * metres.ravel().astype(float) / truckload
    shortfall = 10.0 * per_kg.max() + 1.0
    var = np.arange(rooms * near)
    row = np.repeat(np.arange(rooms), near)
    n_vars = rooms * near + rooms
    cost = np.r_[per_kg, np.full(rooms, shortfall)] * np.r_[np.repeat(waste, near), waste]
    assign = coo_matrix((np.ones(n_vars), (np.r_[row, np.arange(rooms)], np.r_[var, rooms * near + np.arange(rooms)])), shape=(rooms, n_vars))
    load = coo_matrix((np.repeat(waste, near), (options.ravel(), var)), shape=(stations, n_vars))
    result = linprog(cost, A_ub=load.tocsr(), b_ub=capacity, A_eq=assign.tocsr(), b_eq=np.ones(rooms), bounds=(0, 1), method="highs")
    if result.status != 0:
        return Transport(options, metres, None, np.zeros(stations, dtype=np.int64))
    price_per_kg = np.clip(-np.asarray(result.ineqlin.marginals), 0, None)
    share = result.x[: rooms * near].reshape(rooms, near)
    return Transport(options, metres, share, np.rint(price_per_kg * truckload).astype(np.int64))


def station_penalties(instance: CollectionInstance, network: TravelNetwork) -> np.ndarray:
    """Extra metres per visit for each station, zero where capacity is not scarce."""
    return transport(instance, network).price_m


def raise_penalties(instance: CollectionInstance, network: TravelNetwork, penalties: np.ndarray, loads_kg: np.ndarray) -> np.ndarray:
    """Stations still over capacity after routing cost a typical detour more per visit (the further
    over, the more), so the next round of routing sends fewer trucks there."""
    over = loads_kg > instance.station_capacity_kg
    if len(instance.station_ids) < 2 or not over.any():
        return penalties
    detour = 2.0 * float(nearest(network, instance.station_ids, instance.station_ids, 2)[1][:, 1].mean())
    excess = (loads_kg - instance.station_capacity_kg) / instance.station_capacity_kg
    return penalties + np.where(over, np.rint(detour * (1.0 + excess)), 0).astype(np.int64)
