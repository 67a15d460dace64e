"""Tables between places on a grid with a one-way street, checked by hand (one step = 111.195 m)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scipy.sparse.csgraph import dijkstra

from tests.network.osm_xml import STEP_M, grid_nodes, write_osm
from wasteopt.network.osm_graph import RoadGraph, build_graph
from wasteopt.network.osm_profile import RoadProfile
from wasteopt.network.osm_read import read_ways
from wasteopt.network.osm_tables import path_metres, place_tables, rows_to

ONE_WAY_GRID = [
    ([1, 2, 3, 4], {"highway": "residential"}),
    ([101, 102, 103, 104], {"highway": "residential", "oneway": "yes"}),  # eastward only
    ([201, 202, 203, 204], {"highway": "residential"}),
    ([1, 101, 201], {"highway": "residential"}),
    ([4, 104, 204], {"highway": "residential"}),
]
"""Three rows of four nodes; the middle row is one-way eastward and meets the others only at its ends."""


def one_way_grid(tmp_path: Path) -> RoadGraph:
    profile = RoadProfile()
    return build_graph(read_ways(write_osm(tmp_path / "grid.osm", grid_nodes(3, 4), ONE_WAY_GRID), profile), profile)


def node_at(graph: RoadGraph, lat: float, lon: float) -> int:
    return int(np.argmin(np.hypot(graph.lat - lat, graph.lon - lon)))


def test_one_way_street_is_driven_one_way_only(tmp_path: Path) -> None:
    graph = one_way_grid(tmp_path)
    west, east, south = node_at(graph, 0.001, 0.0), node_at(graph, 0.001, 0.003), node_at(graph, 0.0, 0.001)
    nodes = np.array([west, east, south])
    tables = place_tables(graph.for_class(1), nodes, np.zeros(3), 10.0)
    steps = tables.metres / STEP_M
    assert np.allclose(steps, [[0, 3, 2], [5, 0, 3], [2, 3, 0]])  # east→west goes round: 1 north, 3 west, 1 south
    assert tables.seconds[0, 1] == pytest.approx(3 * STEP_M / (20 / 3.6))  # residential: 20 km/h
    assert tables.trees is not None
    path = tables.trees.path(east, west)
    assert len(path) == 5 * 2 + 1  # every 111 m step is split in two (split_m 100)
    assert node_at(graph, 0.002, 0.0015) in path and node_at(graph, 0.001, 0.0015) not in path


def test_access_legs_and_path_metres_by_doubling(tmp_path: Path) -> None:
    graph = one_way_grid(tmp_path)
    base = graph.for_class(1)
    nodes = np.array([node_at(graph, 0.001, 0.0), node_at(graph, 0.0, 0.003)])
    tables = rows_to(base, nodes, nodes, np.array([10.0, 0.0]), np.array([10.0, 0.0]), 3.6)
    assert tables.metres[0, 1] == pytest.approx(10 + 4 * STEP_M)  # 10 m to the road at 1 m/s, then 4 steps
    assert tables.seconds[0, 1] == pytest.approx(10 + 4 * STEP_M / (20 / 3.6))
    both = place_tables(base, nodes, np.array([10.0, 5.0]), 3.6)
    assert np.diag(both.metres).tolist() == [0, 0] and np.diag(both.seconds).tolist() == [0, 0]  # off the road or not
    assert both.metres[1, 0] == pytest.approx(15 + 4 * STEP_M)  # both access legs, 3 steps west along row 0, 1 north
    seconds, pred = dijkstra(base.seconds, indices=int(nodes[1]), return_predecessors=True)
    assert path_metres(base, seconds, pred, nodes[:1])[0] == pytest.approx(tables.metres[1, 0] - 10)
