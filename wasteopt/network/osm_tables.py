"""Travel tables between places on a road graph: Dijkstra from each place (scipy.sparse.csgraph).

Trucks take the fastest path; the table gives its seconds and its metres (summed along the path
Dijkstra's predecessors give). A place reaches its road node in a straight line at the profile's
access speed, so a leg is access + road + access. For drawing, each source keeps the part of its
shortest-path tree that leads to the other places (pairs node → predecessor): any leg between two
places can then be traced back without the full trees, which would be places × nodes.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import repeat

import numpy as np
from scipy.sparse.csgraph import dijkstra

from wasteopt.network.osm_graph import ClassGraph

NO_PREDECESSOR = -9999
PARALLEL_CELLS = 10_000_000
"""Jobs of at least this many sources × searched nodes (junctions: 300 places on a graph of 35,000,
a 100,000-node grid with its chain nodes numbered out; several seconds of searches and of walking
back each path for its metres and tree) are split among worker processes: each worker pays its
start and a copy of the graph (a second or two), worth it only then."""
BATCH_CELLS = 40_000_000
"""Dijkstra runs in batches of sources whose result rows hold at most this many cells (≈ 0.5 GB)."""
LIMITED_BATCH_CELLS = 8_000_000
"""The same for searches stopped at a radius (≈ 100 MB: 16 sources on a 500,000-node graph), which
run while a plan is made, beside the router's own memory."""


@dataclass
class Trees:
    """Per source node, the predecessor of each node on its paths to the places, sorted by node.

    Source ``k`` (``sources[k]``, a road node) owns ``node[ptr[k]:ptr[k+1]]`` / ``pred[...]``."""

    sources: np.ndarray  # int64 road nodes, ascending
    ptr: np.ndarray
    node: np.ndarray  # int32
    pred: np.ndarray  # int32

    def path(self, source: int, target: int) -> list[int]:
        """Road nodes from ``source`` to ``target`` (both ends included); ``[]`` when unknown."""
        if source == target:
            return [source]
        k = int(np.searchsorted(self.sources, source))
        if k >= len(self.sources) or self.sources[k] != source:
            return []
        node, pred = self.node[self.ptr[k]:self.ptr[k + 1]], self.pred[self.ptr[k]:self.ptr[k + 1]]
        out = [target]
        cur = target
        while cur != source and len(out) <= len(node) + 1:
            at = int(np.searchsorted(node, cur))
            if at >= len(node) or node[at] != cur:
                return []
            cur = int(pred[at])
            out.append(cur)
        return out[::-1] if cur == source else []


@dataclass
class RoadTables:
    """Seconds and metres between places (``inf`` without a route), and the trees to draw them."""

    seconds: np.ndarray
    metres: np.ndarray
    trees: Trees | None


def place_tables(graph: ClassGraph, place_node: np.ndarray, snap_m: np.ndarray, access_speed_kmh: float,
                 keep_trees: bool = True, workers: int = 1) -> RoadTables:
    """Tables between all places (rows and columns in place order); a place to itself is 0."""
    tables = rows_to(graph, place_node, place_node, snap_m, snap_m, access_speed_kmh, keep_trees, workers=workers)
    np.fill_diagonal(tables.seconds, 0.0)
    np.fill_diagonal(tables.metres, 0.0)
    return tables


def rows_to(graph: ClassGraph, origin_node: np.ndarray, target_node: np.ndarray, origin_snap_m: np.ndarray,
            target_snap_m: np.ndarray, access_speed_kmh: float, keep_trees: bool = False,
            limit_s: float | np.ndarray = np.inf, workers: int = 1) -> RoadTables:
    """Tables from each origin to each target place (given by their road nodes and snap metres).
    With ``limit_s`` (one for all, or one per origin), Dijkstra stops at that many seconds: targets
    farther are ``inf``. Origins with their own limits are searched one by one. A large job is split
    among ``workers`` processes (:data:`PARALLEL_CELLS`)."""
    sources, source_of = np.unique(origin_node, return_inverse=True)
    if np.ndim(limit_s) == 0:
        limits = np.full(len(sources), float(limit_s))
    else:
        limits = np.full(len(sources), -np.inf)
        np.maximum.at(limits, source_of, np.asarray(limit_s, dtype=float))
    targets, target_of = np.unique(target_node, return_inverse=True)
    one_limit = np.ndim(limit_s) == 0
    if workers > 1 and len(sources) > 1 and len(sources) * graph.seconds.shape[0] >= PARALLEL_CELLS:
        parts = [p for p in np.array_split(np.arange(len(sources)), workers) if len(p)]
        with ProcessPoolExecutor(len(parts)) as pool:
            done = list(pool.map(road_rows, repeat(graph), [sources[p] for p in parts], repeat(targets),
                                 [limits[p] for p in parts], repeat(one_limit), repeat(keep_trees)))
        road_s = np.vstack([d[0] for d in done])
        road_m = np.vstack([d[1] for d in done])
        pairs = [pair for d in done for pair in d[2]]
    else:
        road_s, road_m, pairs = road_rows(graph, sources, targets, limits, one_limit, keep_trees)
    access = 3.6 / access_speed_kmh
    metres = origin_snap_m[:, None] + road_m[np.ix_(source_of, target_of)] + target_snap_m[None, :]
    seconds_out = road_s[np.ix_(source_of, target_of)] + (origin_snap_m[:, None] + target_snap_m[None, :]) * access
    return RoadTables(seconds_out, metres, _trees(sources, pairs) if keep_trees else None)


def road_rows(graph: ClassGraph, sources: np.ndarray, targets: np.ndarray, limits: np.ndarray, one_limit: bool,
              keep_trees: bool) -> tuple[np.ndarray, np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
    """Road seconds and metres from ``sources`` to ``targets`` (distinct road nodes; no access
    legs), and the trees' pairs; run in this process or in a worker. Sources with their own limits
    go in batches of similar limits (each searched to its batch's largest: a wider search is as
    exact, and one call per batch saves scipy's set-up over the whole graph for each source)."""
    road_s = np.empty((len(sources), len(targets)))
    road_m = np.empty((len(sources), len(targets)))
    trees: list[tuple[np.ndarray, np.ndarray] | None] = [None] * len(sources)
    nodes = graph.seconds.shape[0]
    cells = BATCH_CELLS if one_limit else LIMITED_BATCH_CELLS
    batch = max(1, min(len(sources), cells // max(nodes, 1)))
    order = np.arange(len(sources)) if one_limit else np.argsort(limits, kind="stable")
    for lo in range(0, len(sources), batch):
        picked = order[lo:lo + batch]
        chunk = sources[picked]
        seconds, pred = dijkstra(graph.seconds, directed=True, indices=chunk, return_predecessors=True,
                                 limit=float(limits[picked].max()))
        seconds, pred = seconds.reshape(len(chunk), -1), pred.reshape(len(chunk), -1)
        for row, (k, source) in enumerate(zip(picked.tolist(), chunk)):
            road_s[k] = seconds[row, targets]
            if keep_trees:
                road_m[k], trees[k] = _walk_back(graph, int(source), targets, seconds[row], pred[row])
            else:
                road_m[k] = path_metres(graph, seconds[row], pred[row], targets)
    return road_s, road_m, [tree for tree in trees if tree is not None]


def _walk_back(graph: ClassGraph, source: int, targets: np.ndarray, seconds: np.ndarray,
               pred: np.ndarray) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """Metres along the fastest path to each target (``inf`` where unreached), and the tree's (node,
    predecessor) pairs on those paths."""
    metres = np.zeros(len(targets))
    reached = np.isfinite(seconds[targets])
    metres[~reached] = np.inf
    cur = targets.copy()
    alive = reached & (cur != source)
    nodes: list[np.ndarray] = []
    preds: list[np.ndarray] = []
    while alive.any():
        where = np.flatnonzero(alive)
        here = cur[where]
        back = pred[here]
        metres[where] += graph.edge_metres(back, here)
        nodes.append(here)
        preds.append(back)
        cur[where] = back
        alive[where] = back != source
    if not nodes:
        return metres, (np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32))
    node, first = np.unique(np.concatenate(nodes), return_index=True)
    return metres, (node.astype(np.int32), np.concatenate(preds)[first].astype(np.int32))


def path_metres(graph: ClassGraph, seconds: np.ndarray, pred: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Metres along the fastest path from the source to each target node (``inf`` where unreached),
    by pointer doubling on the predecessor tree over the nodes reached only, which for a search
    stopped at a radius is a small part of a county's graph (the one array the size of the graph,
    from reached node to its position, is written at the reached nodes only)."""
    reached = np.flatnonzero(np.isfinite(seconds))
    metres = np.full(len(targets), np.inf)
    if not len(reached):
        return metres
    local = np.empty(len(pred), dtype=np.int64)  # read only where written: at reached nodes
    local[reached] = np.arange(len(reached))
    back = pred[reached]
    has = back >= 0
    along = np.zeros(len(reached))
    along[has] = graph.edge_metres(back[has], reached[has])
    up = np.where(has, local[np.where(has, back, reached)], np.arange(len(reached)))  # a reached node's predecessor is reached
    while True:
        upper = up[up]
        if np.array_equal(upper, up):
            break
        along = along + along[up]
        up = upper
    hit = np.isfinite(seconds[targets])
    metres[hit] = along[local[targets[hit]]]
    return metres


def _trees(sources: np.ndarray, pairs: list[tuple[np.ndarray, np.ndarray]]) -> Trees:
    ptr = np.concatenate([[0], np.cumsum([len(n) for n, _ in pairs])]).astype(np.int64)
    node = np.concatenate([n for n, _ in pairs]) if pairs else np.zeros(0, dtype=np.int32)
    pred = np.concatenate([p for _, p in pairs]) if pairs else np.zeros(0, dtype=np.int32)
    return Trees(sources.astype(np.int64), ptr, node.astype(np.int32), pred.astype(np.int32))
