"""Leg geometry along the roads: from the stored trees, or by Dijkstra when a build kept none."""

from __future__ import annotations

from pathlib import Path

from tests.network.osm_xml import scenario_yaml
from tests.network.test_osm_build import PLACES, track_district
from wasteopt.network.osm_build import build_network
from wasteopt.network.osm_files import read_roads
from wasteopt.network.osm_paths import RoadPaths, road_paths_for
from wasteopt.network.osm_profile import RoadProfile
from wasteopt.scenario.loader import load_scenario


def scenario_on_roads(tmp_path: Path, full: bool = True):
    where = {pid: (lat, lon) for pid, lat, lon in PLACES}
    text = scenario_yaml({p: where[p] for p in ("FARM", "LANE", "TOP")}, {"MID": where["MID"]}, {"G": where["G"]},
                         classes=(1, 2), matrix="roads/matrix.npz")
    (tmp_path / "scenario.yaml").write_text(text)
    places = [(pid, *where[pid]) for pid in ("FARM", "LANE", "TOP", "MID", "G")]
    build_network(places, track_district(tmp_path), RoadProfile(), tmp_path / "roads", [1, 2])
    return load_scenario(tmp_path / "scenario.yaml")


def rounded(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    return [(round(lat, 5), round(lon, 5)) for lat, lon in points]


def test_legs_follow_the_class_roads(tmp_path: Path) -> None:
    scenario = scenario_on_roads(tmp_path)
    paths = road_paths_for(scenario)
    assert paths is not None
    leg = rounded(paths.leg("G", "TOP", "class2-01"))
    assert leg[0] == (0.0, 0.0) and leg[-1] == (0.002, 0.002)
    assert (0.002, 0.0) in leg and (0.001, 0.0) in leg  # up the west road, then east along row 2
    farm = rounded(paths.leg("G", "FARM", "class1-01"))
    assert (0.001, 0.002) in farm and farm[-1] == (0.001, 0.003)  # the lane's end, then the track
    assert paths.leg("G", "FARM", "class2-01") == [(0.0, 0.0), (0.001, 0.003)]  # no route for class 2: straight
    whole = paths.path(["G", "MID", "G"], "class1-01")
    assert whole[0] == whole[-1] == (0.0, 0.0) and len(whole) == 2 * len(paths.leg("G", "MID")) - 1
    without_trees = RoadPaths(scenario, read_roads(tmp_path / "roads" / "roads.npz"))
    without_trees._roads.trees.clear()  # a build without tables: the same legs by Dijkstra
    assert without_trees.leg("G", "TOP", "class2-01") == paths.leg("G", "TOP", "class2-01")


def test_no_roads_no_paths(tmp_path: Path) -> None:
    (tmp_path / "scenario.yaml").write_text(scenario_yaml({"R1": (0.0, 0.0)}, {"S1": (0.0, 0.001)}, {"G1": (0.0, 0.002)}))
    assert road_paths_for(load_scenario(tmp_path / "scenario.yaml")) is None


def test_a_build_too_big_for_trees_draws_the_same_legs(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with_trees = road_paths_for(scenario_on_roads(tmp_path / "a"))
    monkeypatch.setattr("wasteopt.network.osm_build.TREE_ENTRIES", 0)
    scenario = scenario_on_roads(tmp_path / "b")
    without = road_paths_for(scenario)
    assert with_trees is not None and without is not None and without._roads.trees == {}
    assert without.vehicle_class("class2-01") == 2
    for a, b in (("G", "TOP"), ("TOP", "FARM"), ("MID", "LANE"), ("FARM", "G")):
        for vehicle in ("class1-01", "class2-01"):
            assert without.leg(a, b, vehicle) == with_trees.leg(a, b, vehicle)
    monkeypatch.setattr("wasteopt.network.osm_paths.PATH_STRETCH", 0.0)
    monkeypatch.setattr("wasteopt.network.osm_paths.PATH_SLACK_S", 0.0)  # no radius: traced again without a limit
    fresh = road_paths_for(scenario)
    assert fresh is not None and fresh.leg("G", "TOP", "class1-01") == with_trees.leg("G", "TOP", "class1-01")
