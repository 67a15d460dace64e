"""Prices for scarce station capacity, from a transport LP (rooms → stations).

Station capacity is a daily limit the router (PyVRP) does not know. Before routing, we solve the
relaxation "send each room's waste to stations, within capacity, at least round-trip distance" with
HiGHS; the dual price of each station's capacity (metres per kg) tells how much more a full
truckload there is worth than elsewhere. The router sees it as extra distance on every visit to
that station, so it plans around stations that would otherwise overflow.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

from wasteopt.network.nearest import nearest
from wasteopt.network.travel import TravelNetwork
from wasteopt.solve.instance import CollectionInstance

NEAREST_STATIONS = 6
"""Stations each room may send to in the LP (the rest are never cheaper in practice)."""


def station_penalties(instance: CollectionInstance, network: TravelNetwork) -> np.ndarray:
    """Extra metres per visit for each station, zero where capacity is not scarce."""
    rooms, stations = len(instance.room_ids), len(instance.station_ids)
    if rooms == 0 or stations == 0:
        return np.zeros(stations, dtype=np.int64)
    truckload = float(np.median([vt.capacity_kg for vt in instance.vehicle_types]))
    options, metres = nearest(network, instance.room_ids, instance.station_ids, NEAREST_STATIONS)
    near = options.shape[1]
    row = np.repeat(np.arange(rooms), near)
    col = options.ravel()
    per_kg = 2.0 * metres.ravel().astype(float) / truckload
    waste = instance.waste_kg.astype(float)
    shortfall_price = 10.0 * per_kg.max() + 1.0  # waste the LP cannot place: a last resort
    n_vars = rooms * near + rooms
    cost = np.r_[per_kg, np.full(rooms, shortfall_price)]
    var = np.arange(rooms * near)
    assign = coo_matrix(
        (np.ones(n_vars), (np.r_[row, np.arange(rooms)], np.r_[var, rooms * near + np.arange(rooms)])),
        shape=(rooms, n_vars),
    )
    capacity = coo_matrix((np.ones(rooms * near), (col, var)), shape=(stations, n_vars))
    result = linprog(
        cost,
        A_ub=capacity.tocsr(),
        b_ub=instance.station_capacity_kg.astype(float),
        A_eq=assign.tocsr(),
        b_eq=waste,
        bounds=(0, None),
        method="highs",
    )
    if result.status != 0:
        return np.zeros(stations, dtype=np.int64)
    price_per_kg = -np.asarray(result.ineqlin.marginals)
    return np.rint(np.clip(price_per_kg, 0, None) * truckload).astype(np.int64)


def raise_penalties(instance: CollectionInstance, network: TravelNetwork, penalties: np.ndarray, loads_kg: np.ndarray) -> np.ndarray:
    """Stations still over capacity after routing cost a typical detour more per visit (the further
    over, the more), so the next round of routing sends fewer trucks there."""
    over = loads_kg > instance.station_capacity_kg
    if len(instance.station_ids) < 2 or not over.any():
        return penalties
    detour = 2.0 * float(nearest(network, instance.station_ids, instance.station_ids, 2)[1][:, 1].mean())
    excess = (loads_kg - instance.station_capacity_kg) / instance.station_capacity_kg
    return penalties + np.where(over, np.rint(detour * (1.0 + excess)), 0).astype(np.int64)
