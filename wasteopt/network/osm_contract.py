"""Contract the road graph: chains of nodes that only continue a road become single edges.

OpenStreetMap draws a bend with many nodes, and the build adds more along long segments so that
places snap close to the road; most of a rural graph's nodes join exactly two road pieces and no
place is snapped to them. Dijkstra's work grows with the nodes it settles, so after snapping such a
node is taken out: the edges through it become one edge with the summed metres and seconds, open to
the classes allowed on every piece, and remembering the nodes it passes (to draw the leg).
Shortest paths between the nodes kept (junctions, dead ends, places' nodes) are unchanged.

A node is contracted when no place is snapped to it, it has exactly two neighbours, and it is the
middle of a one-way piece (one edge in, one out, to different neighbours) or of a two-way piece (an
edge in from and out to each neighbour).

The nodes taken out stay in the graph for drawing, but :func:`routed_first` numbers them last, so a
search's arrays span the junctions only: scipy's Dijkstra sets up every node of the matrix for
each source, and on a graph whose long roads were split for snapping most nodes are chain nodes.
"""

from __future__ import annotations

import numpy as np

from wasteopt.network.osm_graph import RoadGraph


def contract(graph: RoadGraph, keep: np.ndarray) -> RoadGraph:
    """The graph with its chain nodes taken out (``keep``: nodes never taken out, e.g. snapped places')."""
    nodes = graph.nodes
    tail, head = graph.tail.astype(np.int64), graph.head.astype(np.int64)
    middle = _chain_nodes(nodes, tail, head, keep)
    if not middle.any():
        return graph
    order = np.argsort(tail, kind="stable")
    out_ptr = np.searchsorted(tail[order], np.arange(nodes + 1))
    first_out, second_out = order[out_ptr[:-1].clip(max=len(order) - 1)], order[(out_ptr[:-1] + 1).clip(max=len(order) - 1)]
    new_tail: list[int] = []
    new_head: list[int] = []
    new_m: list[float] = []
    new_s: list[float] = []
    new_mask: list[int] = []
    via_ptr = [0]
    via_node: list[int] = []
    # plain lists: the walk below is a Python loop over edges, and list indexing is several times faster
    is_middle, heads, tails = middle.tolist(), head.tolist(), tail.tolist()
    length, seconds, classes = graph.length_m.tolist(), graph.time_s.tolist(), graph.classes.tolist()
    one, two = first_out.tolist(), second_out.tolist()
    for e in np.flatnonzero(~middle[tail]).tolist():
        start, prev, here = tails[e], tails[e], heads[e]
        metres, time_s, mask = length[e], seconds[e], classes[e]
        passed: list[int] = []
        while is_middle[here] and len(passed) <= nodes:
            passed.append(here)
            nxt = one[here] if heads[one[here]] != prev else two[here]  # on, not back (one-way: the only edge)
            prev, here = here, heads[nxt]
            metres += length[nxt]
            time_s += seconds[nxt]
            mask &= classes[nxt]
        if here == start or mask == 0 or is_middle[here]:
            continue  # a loop back to where it started, closed to every class, or a ring of chain nodes
        new_tail.append(start)
        new_head.append(here)
        new_m.append(metres)
        new_s.append(time_s)
        new_mask.append(mask)
        via_node += passed
        via_ptr.append(len(via_node))
    return RoadGraph(graph.lat, graph.lon, np.array(new_tail, dtype=np.int32), np.array(new_head, dtype=np.int32),
                     np.array(new_m), np.array(new_s), np.array(new_mask, dtype=np.uint16), graph.class_numbers,
                     np.array(via_ptr, dtype=np.int64), np.array(via_node, dtype=np.int32))


def _chain_nodes(nodes: int, tail: np.ndarray, head: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """Nodes in the middle of a one-way or two-way road piece, no place on them."""
    indeg = np.bincount(head, minlength=nodes)
    outdeg = np.bincount(tail, minlength=nodes)
    both = _distinct(np.concatenate([tail * nodes + head, head * nodes + tail]))
    both = both[both // nodes != both % nodes]
    neighbours = np.bincount(both // nodes, minlength=nodes)
    in_from = np.bincount(_distinct(head * nodes + tail) // nodes, minlength=nodes)  # distinct tails per head
    out_to = np.bincount(_distinct(tail * nodes + head) // nodes, minlength=nodes)  # distinct heads per tail
    one_way = (indeg == 1) & (outdeg == 1)
    two_way = (indeg == 2) & (outdeg == 2) & (in_from == 2) & (out_to == 2)
    return (neighbours == 2) & (one_way | two_way) & ~keep


def _distinct(keys: np.ndarray) -> np.ndarray:
    """The distinct values, sorted (a sort: numpy's hashed ``unique`` is several times slower on the
    millions of edge keys of a county)."""
    ordered = np.sort(keys)
    return ordered[np.concatenate([[True], ordered[1:] != ordered[:-1]])] if len(ordered) else ordered


def routed_first(graph: RoadGraph, keep: np.ndarray) -> tuple[RoadGraph, np.ndarray]:
    """The same graph with the nodes its edges touch (and ``keep``'s) numbered first, and each old
    node's new number; edges keep their numbers."""
    first = keep.copy()
    first[graph.tail] = True
    first[graph.head] = True
    order = np.concatenate([np.flatnonzero(first), np.flatnonzero(~first)])
    new = np.empty(graph.nodes, dtype=np.int64)
    new[order] = np.arange(graph.nodes)
    via_node = None if graph.via_node is None else new[graph.via_node].astype(np.int32)
    renumbered = RoadGraph(graph.lat[order], graph.lon[order], new[graph.tail].astype(np.int32),
                           new[graph.head].astype(np.int32), graph.length_m, graph.time_s, graph.classes,
                           graph.class_numbers, graph.via_ptr, via_node, int(first.sum()))
    return renumbered, new
