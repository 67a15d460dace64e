"""Contraction: chain nodes out, shortest paths between the nodes kept unchanged, legs drawn in full."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from scipy.sparse.csgraph import dijkstra

from tests.network.osm_xml import grid_nodes, write_osm
from tests.network.test_osm_tables import ONE_WAY_GRID
from wasteopt.network.osm_contract import contract, routed_first
from wasteopt.network.osm_graph import build_graph
from wasteopt.network.osm_profile import RoadProfile
from wasteopt.network.osm_read import read_ways


def test_contraction_keeps_every_shortest_path_between_kept_nodes(tmp_path: Path) -> None:
    ways = [*ONE_WAY_GRID, ([102, 103], {"highway": "track"})]
    profile = RoadProfile()
    graph = build_graph(read_ways(write_osm(tmp_path / "g.osm", grid_nodes(3, 4), ways), profile), profile)
    keep = np.zeros(graph.nodes, dtype=bool)
    keep[[0, 5]] = True  # two nodes no junction: places' nodes
    small = contract(graph, keep)
    assert len(small.tail) < len(graph.tail) / 2 and small.via_ptr is not None
    kept = np.flatnonzero(np.bincount(np.concatenate([small.tail, small.head]), minlength=graph.nodes) > 0)
    assert {0, 5} <= set(kept.tolist())
    for k in (1, 2):  # class 2 may not use the track: its shortcut is closed in the contracted graph too
        before = dijkstra(graph.for_class(k).seconds, indices=kept)[:, kept]
        after = dijkstra(small.for_class(k).seconds, indices=kept)[:, kept]
        assert np.allclose(before, after)
    base = small.for_class(1)
    for e in range(len(small.tail)):  # each contracted edge passes a path of the original graph
        path = [int(small.tail[e]), *small.via(base.edge_number(small.tail[e], small.head[e])), int(small.head[e])] \
            if base.edge_number(small.tail[e], small.head[e]) == e else None
        if path is None:
            continue
        lengths = graph.for_class(1).edge_metres(np.array(path[:-1]), np.array(path[1:]))
        assert np.isclose(lengths.sum(), small.length_m[e])


def test_a_split_road_is_one_edge_each_way_unless_a_place_is_on_it(tmp_path: Path) -> None:
    profile = RoadProfile()
    osm = write_osm(tmp_path / "t.osm", grid_nodes(1, 2), [([1, 2], {"highway": "residential"})])
    graph = build_graph(read_ways(osm, profile), profile)  # 111 m: split at its middle, node 2
    small = contract(graph, np.zeros(graph.nodes, dtype=bool))
    assert sorted(zip(small.tail.tolist(), small.head.tolist())) == [(0, 1), (1, 0)] and small.via(0) == [2]
    keep = np.zeros(graph.nodes, dtype=bool)
    keep[2] = True
    assert contract(graph, keep) is graph  # a place on the middle node: nothing to take out


def test_routed_first_searches_only_the_junctions_and_keeps_paths_and_drawings(tmp_path: Path) -> None:
    ways = [*ONE_WAY_GRID, ([102, 103], {"highway": "track"})]
    profile = RoadProfile()
    graph = build_graph(read_ways(write_osm(tmp_path / "g.osm", grid_nodes(3, 4), ways), profile), profile)
    keep = np.zeros(graph.nodes, dtype=bool)
    keep[[0, 5]] = True
    small = contract(graph, keep)
    routed, new = routed_first(small, keep)
    assert routed.routed_nodes < routed.nodes == small.nodes
    assert max(routed.tail.max(), routed.head.max()) < routed.routed_nodes and (new[[0, 5]] < routed.routed_nodes).all()
    assert routed.for_class(1).seconds.shape == (routed.routed_nodes, routed.routed_nodes)
    assert np.array_equal(routed.lat[new], small.lat) and np.array_equal(routed.lon[new], small.lon)
    kept = np.flatnonzero(np.bincount(np.concatenate([small.tail, small.head]), minlength=small.nodes) > 0)
    for k in (1, 2):
        before = dijkstra(small.for_class(k).seconds, indices=kept)[:, kept]
        after = dijkstra(routed.for_class(k).seconds, indices=new[kept])[:, new[kept]]
        assert np.allclose(before, after)
    for e in range(len(small.tail)):  # each edge passes the same points on the map
        assert [(small.lat[n], small.lon[n]) for n in small.via(e)] == [(routed.lat[n], routed.lon[n]) for n in routed.via(e)]
