"""RoadNetwork: travel on the road graph on demand gives the build's tables, computing each source once."""

from __future__ import annotations

from pathlib import Path

import numpy as np

import wasteopt
from tests.network.osm_xml import STEP_M, scenario_yaml
from tests.network.test_osm_build import PLACES, track_district
from wasteopt.network import network_for
from wasteopt.network.osm_build import build_network
from wasteopt.network.osm_files import NO_ROUTE_M, read_roads
from wasteopt.network.nearest import nearest
from wasteopt.network.osm_network import RoadNetwork
from wasteopt.network.osm_profile import RoadProfile
from wasteopt.plan.validate import validate
from wasteopt.scenario.loader import load_scenario


def test_on_demand_rows_match_the_table(tmp_path: Path) -> None:
    where = {pid: (lat, lon) for pid, lat, lon in PLACES}
    text = scenario_yaml({p: where[p] for p in ("FARM", "LANE", "TOP")}, {"MID": where["MID"]}, {"G": where["G"]},
                         classes=(1, 2), matrix="roads/matrix.npz")
    (tmp_path / "scenario.yaml").write_text(text)
    places = [(pid, *where[pid]) for pid in ("FARM", "LANE", "TOP", "MID", "G")]
    osm = track_district(tmp_path)
    build_network(places, osm, RoadProfile(), tmp_path / "roads", [1, 2])
    scenario = load_scenario(tmp_path / "scenario.yaml")
    ids = list(scenario.locations())
    table = network_for(scenario)
    roads = read_roads(tmp_path / "roads" / "roads.npz")
    on_demand = RoadNetwork(scenario, roads, vehicle_class=1, cache_rows=2)
    assert not on_demand.is_geometric
    assert np.array_equal(on_demand.distance_m(ids, ids), table.distance_m(ids, ids))
    assert np.abs(on_demand.duration_s(ids, ids) - table.duration_s(ids, ids)).max() <= 1  # float32 rows
    assert on_demand.dijkstra_runs == 5
    on_demand.distance_m(["G"], ids)
    assert on_demand.dijkstra_runs == 5  # kept (all sources of one call stay, whatever the cache size)
    path = ["G", "FARM", "MID", "G"]
    assert np.array_equal(on_demand.legs_m(path), table.legs_m(path))
    assert on_demand.leg("G", "TOP") == table.leg("G", "TOP")
    large = RoadNetwork(scenario, roads, vehicle_class=2)
    assert large.distance_m(["G"], ["FARM"])[0, 0] >= NO_ROUTE_M


def test_an_on_demand_build_reads_hub_legs_and_searches_only_from_rooms(tmp_path: Path, monkeypatch) -> None:
    where = {pid: (lat, lon) for pid, lat, lon in PLACES}
    text = scenario_yaml({p: where[p] for p in ("FARM", "LANE", "TOP")}, {"MID": where["MID"]}, {"G": where["G"]},
                         classes=(1, 2), matrix="full/matrix.npz")
    (tmp_path / "scenario.yaml").write_text(text)
    places = [(pid, *where[pid]) for pid in ("FARM", "LANE", "TOP", "MID", "G")]
    osm = track_district(tmp_path)
    build_network(places, osm, RoadProfile(), tmp_path / "full", [1, 2])
    build_network(places, osm, RoadProfile(), tmp_path / "lazy", [1, 2], full=False, hubs=["MID", "G"])
    scenario = load_scenario(tmp_path / "scenario.yaml")
    ids = list(scenario.locations())
    roads = read_roads(tmp_path / "lazy" / "roads.npz")
    assert sorted(roads.hubs) == [1, 2] and roads.hubs[1].from_s.shape == (2, 5) and roads.hubs[1].to_m.shape == (5, 2)
    for k in (1, 2):
        exact = RoadNetwork(scenario, read_roads(tmp_path / "full" / "roads.npz"), vehicle_class=k)
        lazy = RoadNetwork(scenario, roads, vehicle_class=k)
        assert np.array_equal(lazy.distance_m(["MID", "G"], ids), exact.distance_m(["MID", "G"], ids))
        assert np.array_equal(lazy.distance_m(ids, ["MID", "G"]), exact.distance_m(ids, ["MID", "G"]))
        assert lazy.dijkstra_runs == 0  # every leg from or to a hub is in the hub tables
        assert np.array_equal(lazy.distance_m(ids, ids), exact.distance_m(ids, ids))
        # one run per room (class 2 reaches neither FARM nor LANE: their roads are cut off for it, so
        # no second search without a limit)
        assert lazy.dijkstra_runs == 3
    origins, destinations = ["FARM", "TOP"], ["LANE", "TOP", "FARM"]
    want = table_of(tmp_path, scenario, origins, destinations)
    lazy = RoadNetwork(scenario, roads, vehicle_class=1)
    assert np.array_equal(lazy.distance_m(origins, destinations), want)
    assert lazy.dijkstra_runs == 2  # limited by way of the hubs: never too short
    monkeypatch.setattr("wasteopt.network.osm_network.LIMIT_SLACK_S", 0.0)
    monkeypatch.setattr("wasteopt.network.osm_network.LIMIT_STRETCH", 0.1)  # far too short: searched again, still exact
    no_hubs = RoadNetwork(scenario, read_roads(tmp_path / "full" / "roads.npz"), vehicle_class=1)
    assert np.array_equal(no_hubs.distance_m(origins, destinations), want)
    assert no_hubs.dijkstra_runs == 4  # two limited runs, two again without a limit


def table_of(tmp_path: Path, scenario, origins: list[str], destinations: list[str]) -> np.ndarray:
    return RoadNetwork(scenario, read_roads(tmp_path / "full" / "roads.npz"), vehicle_class=1).distance_m(origins, destinations)


def test_nearest_on_demand(tmp_path: Path) -> None:
    where = {pid: (lat, lon) for pid, lat, lon in PLACES}
    text = scenario_yaml({p: where[p] for p in ("FARM", "LANE", "TOP")}, {"MID": where["MID"]}, {"G": where["G"]},
                         classes=(1,), matrix="full/matrix.npz")
    (tmp_path / "scenario.yaml").write_text(text)
    places = [(pid, *where[pid]) for pid in ("FARM", "LANE", "TOP", "MID", "G")]
    osm = track_district(tmp_path)
    build_network(places, osm, RoadProfile(), tmp_path / "full", [1])
    build_network(places, osm, RoadProfile(), tmp_path / "lazy", [1], full=False, hubs=["MID", "G"])
    scenario = load_scenario(tmp_path / "scenario.yaml")
    table = network_for(scenario)
    lazy = RoadNetwork.from_file(scenario, tmp_path / "lazy" / "roads.npz")
    rooms = ["FARM", "LANE", "TOP"]
    assert lazy.are_hubs(["MID", "G"]) and not lazy.are_hubs(["MID", "TOP"])
    for destinations in (["MID", "G"], rooms):
        got, want = nearest(lazy, rooms, destinations, 2), nearest(table, rooms, destinations, 2)
        assert np.array_equal(got[1], want[1]) and np.array_equal(got[0], want[0])


def test_the_engine_plans_on_demand_as_on_the_table(tmp_path: Path) -> None:
    where = {pid: (lat, lon) for pid, lat, lon in PLACES}
    text = scenario_yaml({p: where[p] for p in ("LANE", "TOP")}, {"MID": where["MID"]}, {"G": where["G"]},
                         matrix="full/matrix.npz")
    (tmp_path / "scenario.yaml").write_text(text)
    places = [(pid, *where[pid]) for pid in ("LANE", "TOP", "MID", "G")]
    osm = track_district(tmp_path)
    build_network(places, osm, RoadProfile(), tmp_path / "full", [1])
    build_network(places, osm, RoadProfile(), tmp_path / "lazy", [1], full=False, hubs=["MID", "G"])
    scenario = load_scenario(tmp_path / "scenario.yaml")
    lazy = RoadNetwork.from_file(scenario, tmp_path / "lazy" / "roads.npz")
    on_demand = wasteopt.solve(scenario, iterations=30, seed=1, options=wasteopt.SolveOptions(network=lazy))
    on_table = wasteopt.solve(scenario, iterations=30, seed=1)
    assert on_demand.kpis["distance_km"] == on_table.kpis["distance_km"] and on_demand.kpis["cost"] == on_table.kpis["cost"]
    assert validate(scenario, on_demand) == [] and lazy.dijkstra_runs == 2  # one search per room; the rest from hub tables


def test_each_class_is_one_network_of_the_family_and_the_roads_limit_rooms(tmp_path: Path) -> None:
    where = {pid: (lat, lon) for pid, lat, lon in PLACES}
    text = scenario_yaml({p: where[p] for p in ("FARM", "LANE", "TOP")}, {"MID": where["MID"]}, {"G": where["G"]},
                         classes=(1, 2), roads="lazy/roads.npz")
    (tmp_path / "scenario.yaml").write_text(text)
    places = [(pid, *where[pid]) for pid in ("FARM", "LANE", "TOP", "MID", "G")]
    build_network(places, track_district(tmp_path), RoadProfile(), tmp_path / "lazy", [1, 2], full=False, hubs=["MID", "G"])
    scenario = load_scenario(tmp_path / "scenario.yaml")
    network = network_for(scenario)
    assert isinstance(network, RoadNetwork) and network.vehicle_class == 1 and network.on_demand
    assert network.for_class(1) is network and network.for_class(2) is network.for_class(5)  # one network per class, made once
    assert network.for_class(2).vehicle_class == 2 and network.for_class(2).for_class(1) is network
    assert network.distance_m(["G"], ["FARM"])[0, 0] == round(4 * STEP_M)
    assert network.for_class(2).distance_m(["G"], ["FARM"])[0, 0] == NO_ROUTE_M
    # FARM (tracks only) and LANE (a track or a lane too narrow for class 2): class 1 at most
    assert network.road_limits() == {"FARM": 1, "LANE": 1} and network.for_class(2).road_limits() == {"FARM": 1, "LANE": 1}
    again = network_for(scenario)  # another region of the district: the file and each class's graph are read and made once
    assert again is not network and again.for_class(2)._graph is network.for_class(2)._graph
