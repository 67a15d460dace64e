"""The directed road graph: nodes with coordinates, edges with metres, seconds and the vehicle classes
allowed on them.

Built from the ways :mod:`wasteopt.network.osm_read` kept: a two-way road gives an edge each way, a
one-way road one edge. Segments longer than the profile's ``split_m`` get evenly spaced extra nodes,
so a place beside a long straight road snaps to a node close to it (a snap to the nearest node is
then within ``split_m / 2`` of a snap to the nearest point of the road). Each edge carries a bit
per vehicle class of the profile (bit ``i`` for the ``i``-th smallest class listed) saying whether
that class may use it; :meth:`RoadGraph.for_class` gives the graph one class drives on, as scipy
sparse matrices of seconds (what Dijkstra minimises) with the metres of the same edges beside them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix

from wasteopt.network.osm_profile import RoadProfile
from wasteopt.network.osm_read import RoadWays

EARTH_RADIUS_M = 6_371_008.8
HGV_T = 3.5
"""``hgv=no`` closes a road to classes heavier than this (t): heavy goods vehicles in OSM's sense."""
MIN_SECONDS = 1e-3
"""Edges are never free: scipy's sparse graphs treat a zero weight as no edge."""


@dataclass
class RoadGraph:
    """Nodes (lat/lon degrees) and directed edges ``tail → head``."""

    lat: np.ndarray
    lon: np.ndarray
    tail: np.ndarray  # int32
    head: np.ndarray  # int32
    length_m: np.ndarray  # float64
    time_s: np.ndarray  # float64
    classes: np.ndarray  # uint16 bit mask of the classes allowed, bit i ↔ class_numbers[i]
    class_numbers: np.ndarray  # int64, the profile's vehicle classes, ascending
    via_ptr: np.ndarray | None = None  # contracted graphs: edge e passes via_node[via_ptr[e]:via_ptr[e+1]]
    via_node: np.ndarray | None = None
    routed_nodes: int = 0
    """Edges touch only nodes ``0 .. routed_nodes - 1`` (0: any node); the nodes after serve only
    to draw the legs contracted edges pass (:func:`wasteopt.network.osm_contract.routed_first`)."""

    def via(self, edge: int) -> list[int]:
        """The nodes an edge passes between its ends (none unless the graph was contracted)."""
        if self.via_ptr is None or self.via_node is None:
            return []
        return [int(n) for n in self.via_node[self.via_ptr[edge]:self.via_ptr[edge + 1]]]

    @property
    def nodes(self) -> int:
        """Number of nodes."""
        return len(self.lat)

    @property
    def graph_nodes(self) -> int:
        """Number of nodes the shortest-path searches span (every node unless renumbered)."""
        return self.routed_nodes or self.nodes

    def class_bit(self, vehicle_class: int) -> int:
        """The bit of the listed class that ``vehicle_class`` is treated as."""
        numbers = self.class_numbers.tolist()
        below = [k for k, n in enumerate(numbers) if n <= vehicle_class]
        return 1 << (below[-1] if below else 0)

    def for_class(self, vehicle_class: int, reverse: bool = False) -> "ClassGraph":
        """The graph that ``vehicle_class`` drives on (``reverse``: every edge turned round, so that
        Dijkstra from a place gives the paths *to* it)."""
        keep = (self.classes & self.class_bit(vehicle_class)) != 0
        tail, head = (self.head[keep], self.tail[keep]) if reverse else (self.tail[keep], self.head[keep])
        return ClassGraph.from_edges(self.graph_nodes, tail, head, self.time_s[keep], self.length_m[keep], np.flatnonzero(keep))


@dataclass
class ClassGraph:
    """One class's graph: seconds as a CSR matrix for Dijkstra, and each edge's metres by (tail, head).

    Parallel edges keep the fastest (two ways joining the same nodes)."""

    seconds: csr_matrix
    keys: np.ndarray  # sorted tail * nodes + head
    metres: np.ndarray  # metres of the edge with that key
    edge: np.ndarray  # the road graph's edge with that key

    @staticmethod
    def from_edges(nodes: int, tail: np.ndarray, head: np.ndarray, time_s: np.ndarray, length_m: np.ndarray,
                   edge: np.ndarray | None = None) -> "ClassGraph":
        """The graph of these edges (fastest of parallel ones); ``edge``: their numbers in the road graph."""
        order = np.lexsort((time_s, head, tail))
        keys = tail[order].astype(np.int64) * nodes + head[order]
        first = np.ones(len(keys), dtype=bool)
        first[1:] = keys[1:] != keys[:-1]
        chosen = order[first]
        seconds = csr_matrix(
            (np.maximum(time_s[chosen], MIN_SECONDS), (tail[chosen], head[chosen])), shape=(nodes, nodes)
        )
        seconds.sort_indices()  # rows in head order: the same order as ``keys``
        numbers = np.arange(len(tail)) if edge is None else edge
        return ClassGraph(seconds, keys[first], length_m[chosen], numbers[chosen])

    def edge_metres(self, tail: np.ndarray, head: np.ndarray) -> np.ndarray:
        """Metres of the edges ``tail[k] → head[k]`` (each must exist)."""
        return self.metres[self._positions(tail, head)]

    def _positions(self, tail: np.ndarray, head: np.ndarray) -> np.ndarray:
        """Where the edges ``tail[k] → head[k]`` are in ``keys`` (and in the CSR matrix, whose rows
        hold the same edges in the same order): a step along each tail's row, a few steps at most
        on roads, instead of a binary search of every edge of the county."""
        indptr, indices = self.seconds.indptr, self.seconds.indices
        if len(indices) != len(self.keys):  # not the same order after all: search
            return np.searchsorted(self.keys, tail.astype(np.int64) * self.seconds.shape[0] + head)
        pos = indptr[tail].astype(np.int64)
        todo = np.flatnonzero(indices[pos] != head)
        while len(todo):
            pos[todo] += 1
            todo = todo[indices[pos[todo]] != head[todo]]
        return pos

    def edge_number(self, tail: int, head: int) -> int:
        """The road graph's number of the edge ``tail → head`` this class drives on."""
        return int(self.edge[self._positions(np.array([tail]), np.array([head]))[0]])


def build_graph(ways: RoadWays, profile: RoadProfile) -> RoadGraph:
    """The road graph of ``ways`` under ``profile`` (speeds are already per way)."""
    refs, inverse = np.unique(ways.refs, return_inverse=True)
    first = np.full(len(refs), -1, dtype=np.int64)
    first[inverse[::-1]] = np.arange(len(inverse))[::-1]
    lat, lon = ways.lat[first], ways.lon[first]
    way_of = np.repeat(np.arange(ways.ways), np.diff(ways.start))
    pos = np.arange(len(ways.refs) - 1)
    inner = way_of[pos] == way_of[pos + 1] if len(pos) else np.zeros(0, dtype=bool)
    pos = pos[inner]
    seg_way = way_of[pos]
    u, v = inverse[pos], inverse[pos + 1]
    keep = u != v
    u, v, seg_way = u[keep], v[keep], seg_way[keep]
    seg_m = haversine_m(lat[u], lon[u], lat[v], lon[v])
    lat, lon, tail, head, piece_m, piece_way = _split(lat, lon, u, v, seg_m, seg_way, profile.split_m)
    direction = ways.direction[piece_way]
    forward = direction >= 0
    backward = direction <= 0
    all_tail = np.concatenate([tail[forward], head[backward]]).astype(np.int32)
    all_head = np.concatenate([head[forward], tail[backward]]).astype(np.int32)
    edge_way = np.concatenate([piece_way[forward], piece_way[backward]])
    length = np.concatenate([piece_m[forward], piece_m[backward]])
    time_s = length / (ways.speed_kmh[edge_way] / 3.6)
    numbers = np.array(sorted(profile.vehicle_classes), dtype=np.int64)
    way_mask = _class_masks(ways, profile, numbers)
    return RoadGraph(lat, lon, all_tail, all_head, length, time_s, way_mask[edge_way], numbers)


def _split(
    lat: np.ndarray, lon: np.ndarray, u: np.ndarray, v: np.ndarray, seg_m: np.ndarray, seg_way: np.ndarray, split_m: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Cut every segment into ``ceil(metres / split_m)`` equal pieces, adding the inner nodes."""
    pieces = np.maximum(1, np.ceil(seg_m / split_m).astype(np.int64))
    extra = pieces - 1
    offset = np.concatenate([[0], np.cumsum(extra)[:-1]]) + len(lat)
    seg = np.repeat(np.arange(len(u)), pieces)
    step = np.arange(len(seg)) - np.repeat(np.cumsum(pieces) - pieces, pieces)  # 0 .. pieces-1 within a segment
    p = pieces[seg]
    tail = np.where(step == 0, u[seg], offset[seg] + step - 1)
    head = np.where(step == p - 1, v[seg], offset[seg] + step)
    new_seg = np.repeat(np.arange(len(u)), extra)
    new_step = np.arange(len(new_seg)) - np.repeat(np.cumsum(extra) - extra, extra) + 1
    fraction = new_step / pieces[new_seg]
    new_lat = lat[u[new_seg]] + (lat[v[new_seg]] - lat[u[new_seg]]) * fraction
    new_lon = lon[u[new_seg]] + (lon[v[new_seg]] - lon[u[new_seg]]) * fraction
    return (np.concatenate([lat, new_lat]), np.concatenate([lon, new_lon]), tail, head,
            seg_m[seg] / p, seg_way[seg])


def _class_masks(ways: RoadWays, profile: RoadProfile, numbers: np.ndarray) -> np.ndarray:
    """Per way, the bit mask of the classes allowed on it."""
    mask = np.zeros(ways.ways, dtype=np.uint16)
    for bit, number in enumerate(numbers.tolist()):
        cls = profile.vehicle_classes[number]
        allowed = (~ways.track | cls.tracks) & (ways.maxwidth_m >= cls.width_m) & (ways.maxweight_t >= cls.weight_t)
        if cls.weight_t > HGV_T:
            allowed &= ~ways.hgv_no
        mask[allowed] |= np.uint16(1 << bit)
    return mask


def haversine_m(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    """Great-circle metres between points given in degrees."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
