"""The least travel over the fleet's classes (for lower bounds): the elementwise minimum, and the
network itself where every class drives on it."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from tests.network.osm_xml import grid_nodes, scenario_yaml, write_osm
from tests.solve.road_cases import SHORTCUT_DISTRICT, SHORTCUT_PLACES
from wasteopt.network import network_for
from wasteopt.network.osm_build import build_network
from wasteopt.network.osm_profile import RoadProfile
from wasteopt.network.shortest import ShortestOf, shortest_network
from wasteopt.scenario.loader import load_scenario


def test_the_least_over_the_classes(tmp_path: Path) -> None:
    osm = write_osm(tmp_path / "shortcut.osm", grid_nodes(3, 9), SHORTCUT_DISTRICT)
    build_network(SHORTCUT_PLACES, osm, RoadProfile(), tmp_path / "roads", [1, 2])
    where = {pid: (lat, lon) for pid, lat, lon in SHORTCUT_PLACES}
    (tmp_path / "scenario.yaml").write_text(scenario_yaml({"R": where["R"]}, {"S": where["S"]}, {"G": where["G"]},
                                                          classes=(1, 2), matrix="roads/matrix.npz"))
    network = network_for(load_scenario(tmp_path / "scenario.yaml"))
    ids = ["R", "S", "G"]
    small, large = network.for_class(1), network.for_class(2)
    assert not np.array_equal(small.distance_m(ids, ids), large.distance_m(ids, ids))
    least = shortest_network(network, [2, 1, 2])
    assert isinstance(least, ShortestOf) and not least.is_geometric
    assert np.array_equal(least.distance_m(ids, ids), np.minimum(small.distance_m(ids, ids), large.distance_m(ids, ids)))
    assert np.array_equal(least.duration_s(ids, ids), np.minimum(small.duration_s(ids, ids), large.duration_s(ids, ids)))
    assert np.array_equal(least.legs_m(["G", "R", "S", "G"]), small.legs_m(["G", "R", "S", "G"]))
    assert shortest_network(network, [2]) is large and shortest_network(network, [1]) is network


def test_a_network_the_same_for_every_class_is_its_own_least(tmp_path: Path) -> None:
    (tmp_path / "plain.yaml").write_text(scenario_yaml({"R1": (0.0, 0.0)}, {"S1": (0.0, 0.001)}, {"G1": (0.0, 0.002)}))
    network = network_for(load_scenario(tmp_path / "plain.yaml"))
    assert shortest_network(network, [1, 2, 3]) is network
