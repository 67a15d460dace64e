"""A build end to end: per-class tables where a track is closed to the larger class, the cache, the
on-demand build without tables, and an island refused."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.network.osm_xml import STEP_M, grid_nodes, write_osm
from wasteopt.network.osm_build import Disconnected, build_network
from wasteopt.network.osm_files import NO_ROUTE_M, read_class_tables, read_roads, road_max_class
from wasteopt.network.osm_profile import RoadProfile

TRACK_DISTRICT = [
    ([1, 2, 3, 4, 5], {"highway": "unclassified"}),  # the village road along row 0
    ([201, 202, 203, 204, 205], {"highway": "unclassified"}),  # and along row 2
    ([1, 101, 201], {"highway": "unclassified"}),
    ([5, 105, 205], {"highway": "unclassified"}),
    ([101, 102], {"highway": "residential"}),
    ([102, 103], {"highway": "residential", "maxwidth": "2.2"}),  # a narrow lane on to node 103
    ([3, 103], {"highway": "track"}),  # a track up from the road to 103
    ([103, 104], {"highway": "track"}),  # and on to the farm at 104
]
PLACES = [("G", 0.0, 0.0), ("FARM", 0.001, 0.003), ("LANE", 0.001, 0.002), ("TOP", 0.002, 0.002), ("MID", 0.001, 0.001)]
"""G at node 1, FARM at 104 (tracks only), LANE at 103 (tracks or the narrow lane), TOP at 203, MID at 102."""


def track_district(tmp_path: Path) -> Path:
    return write_osm(tmp_path / "t.osm", grid_nodes(3, 5), TRACK_DISTRICT)


def test_a_track_is_closed_to_the_larger_class(tmp_path: Path) -> None:
    result = build_network(PLACES, track_district(tmp_path), RoadProfile(), tmp_path / "out", [2, 1])
    assert result.classes == [1, 2] and not result.reused
    tables = read_class_tables(tmp_path / "out" / "matrix.npz")
    small, large = tables[1], tables[2]
    g, farm, lane, top, mid = range(5)
    # class 1 (2.0 m, tracks allowed): to the farm by 101 → 102 → 103 (the lane) and the track, 4 steps
    assert small.table.distance_m(["G"], ["FARM", "LANE", "TOP"]).tolist() == [[round(4 * STEP_M), round(3 * STEP_M), round(4 * STEP_M)]]
    assert small.reachable.all()
    # class 2 (2.5 m, no tracks): neither the farm nor the lane's end; the rest as for class 1
    assert not large.reachable[[g, lane, top, mid], farm].any() and not large.reachable[farm, [g, lane, top, mid]].any()
    assert not large.reachable[g, lane] and not large.reachable[lane, g]
    assert large.table.distance_m(["G"], ["TOP", "MID"]).tolist() == [[round(4 * STEP_M), round(2 * STEP_M)]]
    assert large.table.distance_m(["G"], ["FARM"])[0, 0] == NO_ROUTE_M
    assert road_max_class(tmp_path / "out" / "matrix.npz") == {"FARM": 1, "LANE": 1}
    assert result.road_limits == {"FARM": 1, "LANE": 1}
    roads = read_roads(tmp_path / "out" / "roads.npz")
    assert sorted(roads.trees) == [1, 2]


def test_the_same_inputs_reuse_the_build_and_a_change_rebuilds(tmp_path: Path) -> None:
    osm = track_district(tmp_path)
    build_network(PLACES, osm, RoadProfile(), tmp_path / "out", [1])
    assert build_network(PLACES, osm, RoadProfile(), tmp_path / "out", [1]).reused
    assert not build_network(PLACES[:3], osm, RoadProfile(), tmp_path / "out", [1]).reused
    assert not build_network(PLACES[:3], osm, RoadProfile(max_snap_m=50), tmp_path / "out", [1]).reused
    osm.write_text(osm.read_text().replace('"track"', '"service"'))
    assert not build_network(PLACES[:3], osm, RoadProfile(max_snap_m=50), tmp_path / "out", [1]).reused


def test_on_demand_build_writes_the_graph_only(tmp_path: Path) -> None:
    result = build_network(PLACES, track_district(tmp_path), RoadProfile(), tmp_path / "out", [1], full=False)
    assert not result.full and not (tmp_path / "out" / "matrix.npz").exists()
    roads = read_roads(tmp_path / "out" / "roads.npz")
    assert roads.trees == {} and roads.node_of("TOP") == int(np.argmin(np.hypot(roads.graph.lat - 0.002, roads.graph.lon - 0.002)))


def test_places_with_no_route_are_named(tmp_path: Path) -> None:
    nodes = {**grid_nodes(1, 3), 901: (0.0, 0.03), 902: (0.001, 0.03)}
    osm = write_osm(tmp_path / "i.osm", nodes, [([1, 2, 3], {"highway": "residential"}), ([901, 902], {"highway": "service"})])
    with pytest.raises(Disconnected) as caught:
        build_network([("A", 0.0, 0.0), ("B", 0.0, 0.002), ("C", 0.001, 0.03)], osm, RoadProfile(), tmp_path / "out", [1])
    assert caught.value.ids == ["C"]


def test_worker_processes_give_the_same_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    osm = track_district(tmp_path)
    build_network(PLACES, osm, RoadProfile(), tmp_path / "one", [1, 2])
    monkeypatch.setattr("wasteopt.network.osm_tables.PARALLEL_CELLS", 0)  # split even this small job
    build_network(PLACES, osm, RoadProfile(), tmp_path / "two", [1, 2], workers=2)
    one, two = read_class_tables(tmp_path / "one" / "matrix.npz"), read_class_tables(tmp_path / "two" / "matrix.npz")
    for k in (1, 2):
        assert np.array_equal(one[k].table.distance, two[k].table.distance)
        assert np.array_equal(one[k].table.duration, two[k].table.duration)
    trees_one, trees_two = read_roads(tmp_path / "one" / "roads.npz").trees, read_roads(tmp_path / "two" / "roads.npz").trees
    assert np.array_equal(trees_one[1].node, trees_two[1].node) and np.array_equal(trees_one[1].ptr, trees_two[1].ptr)


def test_a_new_build_leaves_no_file_of_the_earlier_one(tmp_path: Path) -> None:
    osm = track_district(tmp_path)
    build_network(PLACES, osm, RoadProfile(), tmp_path / "out", [1, 2])
    (tmp_path / "out" / "notes.txt").write_text("mine")
    build_network(PLACES, osm, RoadProfile(), tmp_path / "out", [1], full=False)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["build.json", "notes.txt", "roads.npz"]
