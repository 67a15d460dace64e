"""Per-class travel for a scenario on a road build: one network per class, and rooms only smaller
classes reach (narrow lanes that follow from the roads)."""

from __future__ import annotations

from pathlib import Path

from tests.network.osm_xml import STEP_M, scenario_yaml
from tests.network.test_osm_build import PLACES, track_district
from wasteopt.network import network_for
from wasteopt.network.osm_build import build_network
from wasteopt.network.osm_classes import class_networks, road_class_limits, vehicle_class_limit
from wasteopt.network.osm_files import NO_ROUTE_M
from wasteopt.network.osm_profile import RoadProfile
from wasteopt.scenario.loader import load_scenario
from wasteopt.scenario.models import Room


def test_each_class_gets_its_own_network_and_tracks_make_narrow_lane_rooms(tmp_path: Path) -> None:
    where = {pid: (lat, lon) for pid, lat, lon in PLACES}
    rooms = {pid: where[pid] for pid in ("FARM", "LANE", "TOP")}
    text = scenario_yaml(rooms, {"MID": where["MID"]}, {"G": where["G"]}, classes=(1, 2), matrix="roads/matrix.npz")
    (tmp_path / "scenario.yaml").write_text(text)
    places = [(pid, *where[pid]) for pid in ("FARM", "LANE", "TOP", "MID", "G")]
    build_network(places, track_district(tmp_path), RoadProfile(), tmp_path / "roads", [1, 2])
    scenario = load_scenario(tmp_path / "scenario.yaml")
    networks = class_networks(scenario)
    assert sorted(networks) == [1, 2]
    assert networks[1].distance_m(["G"], ["FARM"])[0, 0] == round(4 * STEP_M)
    assert networks[2].distance_m(["G"], ["FARM"])[0, 0] == NO_ROUTE_M
    assert network_for(scenario).distance_m(["G"], ["FARM"])[0, 0] == round(4 * STEP_M)  # the smallest class's
    limits = road_class_limits(scenario)
    assert limits == {"FARM": 1, "LANE": 1}
    assert vehicle_class_limit(scenario, "FARM", limits) == 1 and vehicle_class_limit(scenario, "TOP", limits) is None
    narrow = scenario.model_copy(update={"rooms": [Room(id="FARM", lat=0.001, lon=0.003, waste_kg_per_day=1, max_vehicle_class=2)]})
    assert vehicle_class_limit(narrow, "FARM", limits) == 1


def test_other_travel_models_have_no_classes(tmp_path: Path) -> None:
    text = scenario_yaml({"R1": (0.0, 0.0)}, {"S1": (0.0, 0.001)}, {"G1": (0.0, 0.002)})
    (tmp_path / "scenario.yaml").write_text(text)
    scenario = load_scenario(tmp_path / "scenario.yaml")
    assert class_networks(scenario) == {} and road_class_limits(scenario) == {}


def test_the_scenario_network_knows_each_class(tmp_path: Path) -> None:
    where = {pid: (lat, lon) for pid, lat, lon in PLACES}
    rooms = {pid: where[pid] for pid in ("FARM", "LANE", "TOP")}
    (tmp_path / "scenario.yaml").write_text(
        scenario_yaml(rooms, {"MID": where["MID"]}, {"G": where["G"]}, classes=(1, 2), matrix="roads/matrix.npz"))
    places = [(pid, *where[pid]) for pid in ("FARM", "LANE", "TOP", "MID", "G")]
    build_network(places, track_district(tmp_path), RoadProfile(), tmp_path / "roads", [1, 2])
    network = network_for(load_scenario(tmp_path / "scenario.yaml"))
    assert network.distance_m(["G"], ["FARM"])[0, 0] == round(4 * STEP_M)
    assert network.for_class(2).distance_m(["G"], ["FARM"])[0, 0] == NO_ROUTE_M
    assert network.for_class(7) is network.for_class(2) and network.for_class(1).distance_m(["G"], ["FARM"])[0, 0] == round(4 * STEP_M)
    plain = scenario_yaml({"R1": (0.0, 0.0)}, {"S1": (0.0, 0.001)}, {"G1": (0.0, 0.002)})
    (tmp_path / "plain.yaml").write_text(plain)
    geometric = network_for(load_scenario(tmp_path / "plain.yaml"))
    assert geometric.for_class(2) is geometric
