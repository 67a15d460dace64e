"""Reading ways from an OSM file: which roads trucks keep, one-way directions, speeds and limits."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from tests.network.osm_xml import grid_nodes, write_osm
from wasteopt.network.osm_profile import DEFAULT_SPEEDS_KMH, RoadProfile
from wasteopt.network.osm_read import read_ways


def test_one_way_tags_closed_classes_and_limits(tmp_path: Path) -> None:
    nodes = grid_nodes(1, 3)
    ways = [
        ([1, 2], {"highway": "residential", "oneway": "yes"}),
        ([1, 2], {"highway": "residential", "oneway": "-1"}),
        ([1, 2], {"highway": "residential", "oneway": "true"}),
        ([1, 2], {"highway": "residential", "oneway": "1"}),
        ([1, 2], {"highway": "tertiary", "junction": "roundabout"}),
        ([1, 2], {"highway": "motorway"}),
        ([1, 2], {"highway": "motorway", "oneway": "no"}),
        ([2, 3], {"highway": "track", "maxwidth": "2.2", "maxweight": "5 t", "maxspeed": "5", "hgv": "no"}),
        *(([1, 3], {"highway": closed}) for closed in ("footway", "path", "steps", "cycleway", "pedestrian",
                                                       "bridleway", "construction", "proposed")),
        ([1, 3], {"highway": "residential", "access": "private"}),
        ([1, 3], {"building": "yes"}),
    ]
    read = read_ways(write_osm(tmp_path / "t.osm", nodes, ways), RoadProfile())
    assert read.ways == 8  # the closed classes, the private road and the building are left out
    assert read.direction.tolist() == [1, -1, 1, 1, 1, 1, 0, 0]
    assert read.track.tolist() == [False] * 7 + [True]
    assert read.maxwidth_m[-1] == 2.2 and read.maxweight_t[-1] == 5.0 and np.isinf(read.maxwidth_m[:-1]).all()
    assert read.hgv_no.tolist() == [False] * 7 + [True]
    assert read.speed_kmh[-1] == 5.0  # a posted maxspeed below the profile's speed lowers it
    assert read.speed_kmh[0] == DEFAULT_SPEEDS_KMH["residential"]
    assert read.refs[:2].tolist() == [1, 2] and read.lat[2] == 0.0 and read.lon[1] == 0.001
