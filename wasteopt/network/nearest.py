"""The k nearest places of one kind to each place of another, without a table of all pairs.

Large districts have ~10⁵ rooms and ~10³ stations; a rooms × stations table is gigabytes. For the
geometric travel models a k-d tree finds the nearest by coordinates, which is also nearest by road
(road metres are straight-line metres times a constant circuity). Matrix files have no such order,
but their table is in memory already, so their rows are searched in blocks.

A road network computed on demand (:class:`~wasteopt.network.osm_network.RoadNetwork`) has its
legs to the stations, plants and garages in tables, searched by rows like a matrix file's. Between
rooms every row is a Dijkstra run, so there the k-d tree shortlists the
:data:`SHORTLIST_FACTOR` × ``k`` (at least :data:`SHORTLIST_MIN`) nearest in a straight line and
the road metres rank them: the nearest by road among the nearest by straight line (a room across
a river without a bridge nearby can be missed for one farther by road, never counted nearer).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.spatial import cKDTree

from wasteopt.network.osm_network import RoadNetwork
from wasteopt.network.travel import TravelNetwork

ROWS_PER_BLOCK_CELLS = 4_000_000
"""Cells of a table block when a matrix file's table is searched by rows or columns (32 MB of int64)."""
SHORTLIST_FACTOR = 4
SHORTLIST_MIN = 32


def nearest(
    network: TravelNetwork, origins: Sequence[str], destinations: Sequence[str], k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per origin, the positions in ``destinations`` of its ``k`` nearest (nearest first) and their
    road metres; ``k`` is cut to ``len(destinations)``. Both arrays are ``len(origins) × k``."""
    k = min(k, len(destinations))
    if not len(origins) or k == 0:
        return np.zeros((len(origins), k), dtype=np.int64), np.zeros((len(origins), k), dtype=np.int64)
    if network.is_geometric:
        _, which = cKDTree(network.points(destinations)).query(network.points(origins), k=k, p=network.straight_line_norm)
        which = np.asarray(which, dtype=np.int64).reshape(len(origins), k)
        metres = np.column_stack([pair_distances_m(network, origins, [destinations[j] for j in which[:, c]]) for c in range(k)])
        order = np.argsort(metres, axis=1, kind="stable")  # ties and rounding: sort by the road metres themselves
        return np.take_along_axis(which, order, axis=1), np.take_along_axis(metres, order, axis=1)
    if isinstance(network, RoadNetwork) and not network.are_hubs(destinations):
        return _nearest_by_shortlist(network, origins, destinations, k)
    return _nearest_by_rows(network, origins, destinations, k)


def _nearest_by_shortlist(
    network: RoadNetwork, origins: Sequence[str], destinations: Sequence[str], k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per origin, its straight-line shortlist ranked by road metres (one limited Dijkstra each)."""
    short = min(len(destinations), max(SHORTLIST_MIN, SHORTLIST_FACTOR * k))
    _, cand = cKDTree(network.points(destinations)).query(network.points(origins), k=short)
    cand = np.asarray(cand, dtype=np.int64).reshape(len(origins), short)
    which = np.empty((len(origins), k), dtype=np.int64)
    metres = np.empty((len(origins), k), dtype=np.int64)
    for row, origin in enumerate(origins):
        road = network.distance_m([origin], [destinations[j] for j in cand[row]])[0]
        order = np.argsort(road, kind="stable")[:k]
        which[row], metres[row] = cand[row][order], road[order]
    return which, metres


def _nearest_by_rows(
    network: TravelNetwork, origins: Sequence[str], destinations: Sequence[str], k: int
) -> tuple[np.ndarray, np.ndarray]:
    which = np.empty((len(origins), k), dtype=np.int64)
    metres = np.empty((len(origins), k), dtype=np.int64)
    step = max(1, ROWS_PER_BLOCK_CELLS // len(destinations))
    for lo in range(0, len(origins), step):
        table = network.distance_m(origins[lo : lo + step], destinations)
        part = np.argpartition(table, k - 1, axis=1)[:, :k] if k < table.shape[1] else np.tile(np.arange(k), (len(table), 1))
        part_m = np.take_along_axis(table, part, axis=1)
        order = np.argsort(part_m, axis=1, kind="stable")
        which[lo : lo + len(table)] = np.take_along_axis(part, order, axis=1)
        metres[lo : lo + len(table)] = np.take_along_axis(part_m, order, axis=1)
    return which, metres


def pair_distances_m(network: TravelNetwork, origins: Sequence[str], destinations: Sequence[str]) -> np.ndarray:
    """Road metres of each (origin, destination) pair, without building a table of all pairs."""
    return network.legs_m(_as_path(origins, destinations))[::2]


def pair_durations_s(
    network: TravelNetwork, origins: Sequence[str], destinations: Sequence[str], speed_kmh: float | None = None
) -> np.ndarray:
    """Seconds of each (origin, destination) pair at ``speed_kmh``, without a table of all pairs."""
    return network.legs_s(_as_path(origins, destinations), speed_kmh)[::2]


def _as_path(origins: Sequence[str], destinations: Sequence[str]) -> list[str]:
    """origin₁, destination₁, origin₂, … — a path whose even legs are the pairs."""
    return [pid for pair in zip(origins, destinations) for pid in pair]
