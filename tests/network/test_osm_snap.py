"""Snapping places to the roads: nearest usable node, cut-off bits, and a disconnected island."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.network.osm_xml import STEP_M, grid_nodes, write_osm
from wasteopt.network.osm_graph import build_graph
from wasteopt.network.osm_profile import RoadProfile
from wasteopt.network.osm_read import read_ways
from wasteopt.network.osm_snap import snap_places

MAINLAND = [([1, 2, 3], {"highway": "residential"}), ([101, 102, 103], {"highway": "residential"}),
            ([1, 101], {"highway": "residential"}), ([3, 103], {"highway": "residential"})]
ISLAND = {901: (0.0, 0.02), 902: (0.001, 0.02)}
"""Two nodes 2 km east of the mainland, joined by a road of their own (a ferry is no truck road)."""
YARD = {801: (0.0005, 0.0045)}
"""A farm yard road off the mainland's east edge, joined to nothing."""


def test_island_places_are_not_connected_and_yard_places_move_to_the_main_roads(tmp_path: Path) -> None:
    nodes = {**grid_nodes(2, 3), **ISLAND, **YARD, 802: (0.0005, 0.005)}
    ways = [*MAINLAND, ([901, 902], {"highway": "unclassified"}), ([801, 802], {"highway": "service"}),
            ([3, 901], {"route": "ferry"})]
    profile = RoadProfile()
    graph = build_graph(read_ways(write_osm(tmp_path / "i.osm", nodes, ways), profile), profile)
    lat = np.array([0.0, 0.001, 0.0, 0.0005, 0.00051])
    lon = np.array([0.0, 0.002, 0.02, 0.0045, 0.0040])
    snapped = snap_places(graph, graph.for_class(1), lat, lon, max_snap_m=500)
    assert snapped.connected.tolist() == [True, True, False, True, True]
    assert snapped.metres[:3] == pytest.approx([0, 0, 0], abs=1e-6)
    yard = snapped.node[3]  # nearest node is the yard's, 3 steps × 0.5 east of the mainland: moved to the main roads
    assert (graph.lat[yard], graph.lon[yard]) == (pytest.approx(0.0005), pytest.approx(0.002))
    assert snapped.metres[3] == pytest.approx(2.5 * STEP_M, rel=1e-3)
