"""The road graph: long segments split, one edge per direction allowed, class bits from the tags."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.network.osm_xml import STEP_M, write_osm
from wasteopt.network.osm_graph import build_graph
from wasteopt.network.osm_profile import RoadProfile, VehicleClass
from wasteopt.network.osm_read import read_ways


def test_split_directions_and_class_bits(tmp_path: Path) -> None:
    nodes = {1: (0.0, 0.0), 2: (0.0, 0.003), 3: (0.001, 0.003)}
    ways = [([1, 2], {"highway": "residential", "oneway": "yes"}), ([2, 3], {"highway": "track"})]
    profile = RoadProfile(split_m=150)
    _hgv_closes_heavy_classes(tmp_path, nodes)
    graph = build_graph(read_ways(write_osm(tmp_path / "g.osm", nodes, ways), profile), profile)
    assert graph.nodes == 3 + 2  # 333.6 m cut into 3 pieces of 111.2 m (two inner nodes); 111.2 m stays whole
    assert len(graph.tail) == 3 + 2  # three one-way pieces, the track both ways
    assert graph.length_m.sum() == pytest.approx(5 * STEP_M, rel=1e-6)
    assert np.allclose(graph.lon[3:], [0.001, 0.002])
    small, large = graph.class_bit(1), graph.class_bit(2)
    track = graph.length_m == graph.length_m  # every edge
    track[:3] = False
    assert ((graph.classes & small) != 0).all()
    assert ((graph.classes & large) != 0).tolist() == (~track).tolist()
    assert graph.class_bit(9) == graph.class_bit(3)  # above the largest listed class: the largest
    seconds = graph.for_class(1).seconds
    assert seconds.nnz == 5 and seconds[0, 3] == pytest.approx(STEP_M / (20 / 3.6)) and seconds[3, 0] == 0


def _hgv_closes_heavy_classes(tmp_path: Path, nodes: dict[int, tuple[float, float]]) -> None:
    light = VehicleClass(width_m=1.8, weight_t=3.0)
    profile = RoadProfile(vehicle_classes={1: light, **{k: v for k, v in RoadProfile().vehicle_classes.items() if k > 1}})
    osm = write_osm(tmp_path / "h.osm", nodes, [([1, 2], {"highway": "residential", "hgv": "no"})])
    graph = build_graph(read_ways(osm, profile), profile)
    assert [bool(graph.classes[0] & graph.class_bit(k)) for k in (1, 2, 3)] == [True, False, False]  # 3 t is no HGV
