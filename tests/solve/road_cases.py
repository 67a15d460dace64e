"""Small districts on OpenStreetMap roads for the engine's tests: the extract written by the test,
built with :func:`wasteopt.network.osm_build.build_network`, and the scenario pointing at the
build — its ``matrix.npz`` (model ``matrix``) or its ``roads.npz`` computed on demand (model ``roads``)."""

from __future__ import annotations

from pathlib import Path

from tests.network.osm_xml import grid_nodes, scenario_yaml, write_osm
from tests.network.test_osm_build import PLACES, track_district
from wasteopt.network.osm_build import build_network
from wasteopt.network.osm_profile import RoadProfile
from wasteopt.scenario.loader import load_scenario
from wasteopt.scenario.models import Scenario

MODELS = ("matrix", "roads")
"""The two ways a scenario uses a build."""

SHORTCUT_DISTRICT = [
    ([1, 2, 3, 4, 5, 6, 7, 8, 9], {"highway": "unclassified"}),  # row 0
    ([201, 202, 203, 204, 205, 206, 207, 208, 209], {"highway": "unclassified"}),  # row 2
    ([1, 101, 201], {"highway": "unclassified"}),  # column 0
    ([9, 109, 209], {"highway": "unclassified"}),  # column 8
    ([5, 105, 205], {"highway": "track"}),  # a track straight up the middle: class 1 only
]
"""A 3 × 9 grid of roads round a field with a track across it: G at node 5 (bottom middle), R at
node 205 (top middle), S at node 1 (bottom left). Class 1 drives G → R by the track (2 steps at
10 km/h, quicker than 10 steps round the field at 30 km/h), class 2 round the field; R → S is 6
steps (along the top and down) and S → G 4 steps for both."""
SHORTCUT_PLACES = [("R", 0.002, 0.004), ("S", 0.0, 0.0), ("G", 0.0, 0.004)]


def _scenario(tmp_path: Path, model: str, places: list[tuple[str, float, float]], rooms: list[str], stations: list[str],
              garage: str, osm: Path, counts: dict[int, int] | None = None, plants: list[str] = ()) -> Scenario:
    """Build the roads for ``places`` (classes 1 and 2) and load the scenario on them."""
    where = {pid: (lat, lon) for pid, lat, lon in places}
    build_network(places, osm, RoadProfile(), tmp_path / "roads", [1, 2], full=model == "matrix",
                  hubs=[*stations, *plants, garage])
    ref = {"matrix": "roads/matrix.npz"} if model == "matrix" else {"roads": "roads/roads.npz"}
    text = scenario_yaml({r: where[r] for r in rooms}, {s: where[s] for s in stations}, {garage: where[garage]},
                         classes=(1, 2), counts=counts, cost_per_km=1.0, plants={p: where[p] for p in plants}, **ref)
    (tmp_path / "scenario.yaml").write_text(text, encoding="utf-8")
    return load_scenario(tmp_path / "scenario.yaml")


def track_scenario(tmp_path: Path, model: str, counts: dict[int, int] | None = None) -> Scenario:
    """The track district of the build tests: FARM only by tracks, LANE by tracks or a lane too
    narrow for class 2, TOP by ordinary roads; station MID, garage G; a truck of class 1 and one of
    class 2 (or ``counts``)."""
    order = [PLACES[k] for k in (1, 2, 3, 4, 0)]  # rooms, station, garage
    return _scenario(tmp_path, model, order, ["FARM", "LANE", "TOP"], ["MID"], "G", track_district(tmp_path), counts)


def shortcut_scenario(tmp_path: Path, model: str) -> Scenario:
    """:data:`SHORTCUT_DISTRICT` with only the class-2 truck in service (class 1 is in the fleet,
    with no truck, so the build makes both classes' tables)."""
    osm = write_osm(tmp_path / "shortcut.osm", grid_nodes(3, 9), SHORTCUT_DISTRICT)
    return _scenario(tmp_path, model, SHORTCUT_PLACES, ["R"], ["S"], "G", osm, counts={1: 0, 2: 1})


HAUL_PLACES = [("R", 0.0, 0.008), ("S", 0.0, 0.004), ("P", 0.002, 0.004), ("G", 0.0, 0.0)]
"""On :data:`SHORTCUT_DISTRICT`: the station S at the track's foot (node 5), the plant P at its head
(node 205), the room R and the garage G at the bottom corners (nodes 9 and 1). Class 1 would haul
S → P by the track (2 steps), class 2 goes round the field (10 steps)."""


def haul_scenario(tmp_path: Path, model: str) -> Scenario:
    """:data:`HAUL_PLACES` with a class-1 and a class-2 collection truck and one hook-lift truck."""
    osm = write_osm(tmp_path / "shortcut.osm", grid_nodes(3, 9), SHORTCUT_DISTRICT)
    return _scenario(tmp_path, model, HAUL_PLACES, ["R"], ["S"], "G", osm, plants=["P"])
