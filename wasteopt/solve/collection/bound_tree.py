"""A Held–Karp style Lagrangean bound on the km the trucks drive among rooms.

Contract every garage and station into one node, the *hub*. Each trip is then a path hub → rooms →
hub, so the legs that touch rooms form a connected graph on the rooms and the hub in which every room
has degree two and there are ``rooms + trips`` edges: a spanning tree plus ``trips`` more edges. For
any multipliers ``π`` on the rooms, the cheapest such structure under the costs ``c_ij + π_i + π_j``
— a minimum spanning tree plus the cheapest further edges — less ``2 Σ π`` is a lower bound on those
legs (Held & Karp's 1-tree argument, with the hub free of degree limits); subgradient steps on ``π``
push rooms towards degree two and raise it. A leg between a room and the hub costs the room's
distance to its nearest garage or station (every trip starts at one and ends at a station).

Why: the incoming-edge and radial bounds of :mod:`wasteopt.solve.collection.lower_bound` let each
room be reached from its nearest neighbour, so they do not pay for the drive between villages; on
Zhangdian they reach a third of the plans' km. The tree must connect every village to a station.

Valid where distances are symmetric and obey the triangle inequality (the geometric travel models);
the dense table limits it to districts of up to :data:`MAX_ROOMS` rooms. Deterministic: a fixed
number of steps.
"""

from __future__ import annotations

import numpy as np

from wasteopt.network.travel import TravelNetwork

MAX_ROOMS = 1500
"""Rooms up to which the bound is computed (a dense rooms × rooms table, ~18 MB at 1,500)."""
STEPS = 120
"""Subgradient steps (about a second at 940 rooms)."""


def tree_bound_m(network: TravelNetwork, rooms: list[str], hubs: list[str], trips: int, target_m: float) -> float:
    """Lower bound (metres) on the legs into and out of rooms of any plan serving ``rooms`` in at
    least ``trips`` trips from and to the places ``hubs`` (garages and stations); 0 where it does not
    apply. ``target_m``: an estimate of the optimum, which only sets the step sizes."""
    if not network.is_geometric or not rooms or not hubs or len(rooms) > MAX_ROOMS:
        return 0.0
    n = len(rooms)
    cost = np.empty((n + 1, n + 1))
    cost[:n, :n] = network.distance_m(rooms, rooms)
    to_hub = network.distance_m(rooms, hubs).min(axis=1).astype(float)
    cost[:n, n] = cost[n, :n] = to_hub
    cost[n, n] = np.inf
    np.fill_diagonal(cost[:n, :n], np.inf)
    pi = np.zeros(n + 1)
    upper = np.triu_indices(n, k=1)
    best, scale, stalled = 0.0, 2.0, 0
    for _ in range(STEPS):
        value, degree = _relaxation(cost, pi, trips, upper)
        if value > best + 1e-9:
            best, stalled = value, 0
        else:
            stalled += 1
            if stalled >= 10:
                scale, stalled = scale / 2, 0
        gradient = degree[:n] - 2.0
        norm = float(gradient @ gradient)
        if norm == 0:
            break
        pi[:n] += scale * max(target_m - value, 0.05 * target_m) / norm * gradient
    return best


def _relaxation(cost: np.ndarray, pi: np.ndarray, trips: int, upper: tuple[np.ndarray, np.ndarray]) -> tuple[float, np.ndarray]:
    """The Lagrangean value for ``pi`` and each node's degree in the structure that attains it.

    A plan's legs are a spanning tree plus ``trips`` or more further legs, each a distinct room–room
    edge or a room–hub edge (a second copy of it, for a one-room trip, keeps the tree's), so the tree
    costs at least the minimum spanning tree and the further legs at least as much as the cheapest
    ``trips`` edges of the whole table, chosen independently of the tree. ``upper``: the room pairs."""
    n = len(cost) - 1
    modified = cost + pi[:, None] + pi[None, :]
    tree_cost, degree = _prim(modified)
    extra = np.concatenate([modified[upper], modified[:n, n]])
    count = min(trips, len(extra))
    chosen = np.argpartition(extra, count - 1)[:count] if count else np.array([], dtype=int)
    chosen = np.union1d(chosen, np.flatnonzero(extra < 0))  # more trips are allowed: negative edges only help
    value = tree_cost + float(extra[chosen].sum()) - 2.0 * float(pi[:n].sum())
    pairs = chosen[chosen < len(upper[0])]
    np.add.at(degree, upper[0][pairs], 1)
    np.add.at(degree, upper[1][pairs], 1)
    hub_legs = chosen[chosen >= len(upper[0])] - len(upper[0])
    np.add.at(degree, hub_legs, 1)
    degree[n] += len(hub_legs)
    return value, degree


def _prim(weights: np.ndarray) -> tuple[float, np.ndarray]:
    """Minimum spanning tree of a dense symmetric table (Prim, from the hub): total weight and degrees."""
    size = len(weights)
    degree = np.zeros(size)
    joined = np.zeros(size, dtype=bool)
    joined[size - 1] = True
    best = weights[size - 1].copy()
    best[size - 1] = np.inf
    parent = np.full(size, size - 1)
    total = 0.0
    for _ in range(size - 1):
        node = int(np.argmin(np.where(joined, np.inf, best)))
        total += float(best[node])
        joined[node] = True
        degree[node] += 1
        degree[parent[node]] += 1
        closer = ~joined & (weights[node] < best)
        best[closer] = weights[node][closer]
        parent[closer] = node
    return total, degree
