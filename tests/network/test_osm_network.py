"""RoadNetwork: travel on the road graph on demand gives the build's tables, computing each source once."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from tests.network.osm_xml import scenario_yaml
from tests.network.test_osm_build import PLACES, track_district
from wasteopt.network import network_for
from wasteopt.network.osm_build import build_network
from wasteopt.network.osm_files import NO_ROUTE_M, read_roads
from wasteopt.network.osm_network import RoadNetwork
from wasteopt.network.osm_profile import RoadProfile
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
