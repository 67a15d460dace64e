"""``wasteopt network build``: files written, the cache, warnings naming lines, islands refused, and a
district across a river planned on its roads (the route crosses at the bridge)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from tests.network.osm_xml import STEP_M, grid_nodes, scenario_yaml, write_osm
from wasteopt.cli import main
from wasteopt.network.osm_files import read_roads
from wasteopt.plan.models import load_plan
from wasteopt.report.mapsvg import map_svg
from wasteopt.scenario.loader import load_scenario
from wasteopt.scenario.matrix_file import read_matrix_arrays

BANK_ROWS, WEST, EAST = 5, (0, 1, 2), (5, 6, 7)
"""Two banks of streets, columns 0–2 and 5–7, rows 0–4; the river runs between columns 2 and 5."""


def river_district(tmp_path: Path) -> Path:
    """Streets on both banks and one bridge, on the top row; garage and station on the west bank at
    the bottom, three rooms on the east bank at the bottom (straight across the river from them)."""
    nodes = grid_nodes(BANK_ROWS, 8)
    ways = []
    for bank in (WEST, EAST):
        for r in range(BANK_ROWS):
            ways.append(([r * 100 + c + 1 for c in bank], {"highway": "residential"}))
        for c in bank:
            ways.append(([r * 100 + c + 1 for r in range(BANK_ROWS)], {"highway": "residential"}))
    ways.append(([403, 404, 405, 406], {"highway": "tertiary", "bridge": "yes"}))
    nodes = {k: v for k, v in nodes.items() if (k - 1) % 100 in (*WEST, 3, 4, *EAST) and ((k - 1) % 100 not in (3, 4) or k > 400)}
    write_osm(tmp_path / "river.osm", nodes, ways)
    rooms = {"R1": (0.0, 0.005), "R2": (0.0, 0.006), "R3": (0.001, 0.007)}
    (tmp_path / "scenario.yaml").write_text(
        scenario_yaml(rooms, {"S1": (0.0, 0.001)}, {"G1": (0.0, 0.0)}), encoding="utf-8")
    return tmp_path / "scenario.yaml"


def build(tmp_path: Path, scenario: Path, osm: str = "river.osm", *extra: str):
    return CliRunner().invoke(main, ["network", "build", str(scenario), "--osm", str(tmp_path / osm),
                                     "--out", str(tmp_path / "roads"), *extra])


def test_build_writes_the_matrix_and_reuses_it(tmp_path: Path) -> None:
    scenario = river_district(tmp_path)
    result = build(tmp_path, scenario)
    assert result.exit_code == 0, result.output
    out = tmp_path / "roads"
    assert result.stdout.splitlines()[1] == "places: 5 snapped to the roads, farthest 0 m (R1)"
    assert result.stdout.splitlines()[-1] == f"use it in the scenario: travel: {{model: matrix, matrix: {{file: {out / 'matrix.npz'}}}}}"
    arrays = read_matrix_arrays(out / "matrix.npz")
    assert arrays.ids == ["R1", "R2", "R3", "S1", "G1"]
    s1, r1 = arrays.ids.index("S1"), arrays.ids.index("R1")
    # the station to R1: 4 steps up the west bank, 1 east, the bridge (3), 4 down the east bank
    assert arrays.distance_m[s1, r1] == round(12 * STEP_M)
    stamp = (out / "matrix.npz").stat().st_mtime_ns
    again = build(tmp_path, scenario)
    assert again.exit_code == 0 and again.stdout.startswith(f"reused {out}: same extract")
    assert (out / "matrix.npz").stat().st_mtime_ns == stamp
    assert json.loads((out / "build.json").read_text())["classes"] == [1]


def test_a_place_far_from_the_roads_is_a_warning_naming_its_line(tmp_path: Path) -> None:
    scenario = river_district(tmp_path)
    text = scenario.read_text().replace("lat: 0.001\n    lon: 0.007", "lat: 0.009\n    lon: 0.007")
    scenario.write_text(text)
    line = text.splitlines().index("  - id: R3") + 1
    result = build(tmp_path, scenario)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        f"warning: {scenario}:{line}: R3 is 556 m from the nearest road (max_snap_m 500): check its lat/lon, "
        "or the extract covers too little")


def test_an_island_is_refused_naming_its_places(tmp_path: Path) -> None:
    nodes = {**grid_nodes(2, 3), 901: (0.0, 0.03), 902: (0.001, 0.03)}
    ways = [([1, 2, 3], {"highway": "residential"}), ([101, 102, 103], {"highway": "residential"}),
            ([1, 101], {"highway": "residential"}), ([901, 902], {"highway": "unclassified"})]
    write_osm(tmp_path / "island.osm", nodes, ways)
    scenario = tmp_path / "scenario.yaml"
    text = scenario_yaml({"R1": (0.001, 0.002), "R2": (0.0, 0.03), "R3": (0.001, 0.03)}, {"S1": (0.0, 0.0)}, {"G1": (0.0, 0.001)})
    scenario.write_text(text)
    lines = text.splitlines()
    result = build(tmp_path, scenario, "island.osm")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{scenario}:{lines.index(f'  - id: {pid}') + 1}: {pid}: no road route to the rest of the district "
        "(an island, a road cut off, or one-way only)" for pid in ("R2", "R3")]
    assert not (tmp_path / "roads" / "matrix.npz").exists()


def test_bad_inputs_are_one_line_and_status_2(tmp_path: Path) -> None:
    scenario = river_district(tmp_path)
    assert build(tmp_path, scenario, "missing.osm").stderr == f"{tmp_path / 'missing.osm'}: no such file\n"
    (tmp_path / "bad.osm").write_text("not xml")
    bad = build(tmp_path, scenario, "bad.osm")
    assert bad.exit_code == 2 and bad.stderr.startswith(f"{tmp_path / 'bad.osm'}: cannot read: ")
    write_osm(tmp_path / "paths.osm", grid_nodes(1, 2), [([1, 2], {"highway": "footway"})])
    only_paths = build(tmp_path, scenario, "paths.osm")
    assert only_paths.exit_code == 2 and only_paths.stderr == f"{tmp_path / 'paths.osm'}: the extract has no road a truck may use\n"
    (tmp_path / "profile.yaml").write_text("max_snap_m: -3\n")
    result = build(tmp_path, scenario, "river.osm", "--profile", str(tmp_path / "profile.yaml"))
    assert result.exit_code == 2 and result.stderr.startswith(f"{tmp_path / 'profile.yaml'}: max_snap_m: ")


def test_a_plan_on_the_roads_crosses_the_river_at_the_bridge(tmp_path: Path) -> None:
    scenario = river_district(tmp_path)
    assert build(tmp_path, scenario).exit_code == 0
    text = scenario.read_text().replace("  model: haversine\n", "  model: matrix\n  matrix:\n    file: roads/matrix.npz\n")
    scenario.write_text(text)
    planned = CliRunner().invoke(main, ["plan", str(scenario), "--iterations", "50", "--seed", "1", "--out", str(tmp_path)])
    assert planned.exit_code == 0, planned.output
    plan = load_plan(tmp_path / "plan.json")
    (route,) = plan.routes
    ids = [s.id for s in route.stops if s.kind != "break"]
    arrays = read_matrix_arrays(tmp_path / "roads" / "matrix.npz")
    index = {pid: k for k, pid in enumerate(arrays.ids)}
    road_m = sum(arrays.distance_m[index[a], index[b]] for a, b in zip(ids[:-1], ids[1:]))
    assert route.distance_km == pytest.approx(road_m / 1000, abs=0.002)
    # G1 → rooms → S1 → G1 crosses the river twice, each time by the bridge: 2 × 12 steps at least
    assert road_m >= 24 * STEP_M - 1
    assert_exported_legs_cross_at_the_bridge(tmp_path, scenario)
    roads = read_roads(tmp_path / "roads" / "roads.npz")
    assert np.isclose(roads.graph.lat[roads.node_of("R1")], 0.0)
    svg = map_svg(load_scenario(scenario), plan, {route.vehicle: "#123456"})
    drawn = re.search(r'<path class="route" data-vehicle="[^"]+" stroke="#123456" d="([^"]+)"', svg)
    assert drawn is not None and drawn.group(1).count("L") > len(ids)  # the legs bend along the streets
    report = CliRunner().invoke(main, ["report", str(tmp_path / "plan.json"), "--scenario", str(scenario),
                                       "-o", str(tmp_path / "report.html")])
    assert report.exit_code == 0, report.output


def test_an_on_demand_build_is_planned_with_model_roads_across_the_bridge(tmp_path: Path) -> None:
    scenario = river_district(tmp_path)
    result = build(tmp_path, scenario, "river.osm", "--on-demand")
    assert result.exit_code == 0, result.output
    roads = tmp_path / "roads" / "roads.npz"
    assert result.stdout.splitlines()[-1] == f"use it in the scenario: travel: {{model: roads, roads: {roads}}}"
    assert not (tmp_path / "roads" / "matrix.npz").exists()
    scenario.write_text(scenario.read_text().replace("  model: haversine\n", "  model: roads\n  roads: roads/roads.npz\n"))
    planned = CliRunner().invoke(main, ["plan", str(scenario), "--iterations", "50", "--seed", "1", "--out", str(tmp_path)])
    assert planned.exit_code == 0, planned.output
    checked = CliRunner().invoke(main, ["validate", str(scenario), str(tmp_path / "plan.json")])
    assert checked.exit_code == 0, checked.output
    plan = load_plan(tmp_path / "plan.json")
    (route,) = plan.routes
    ids = [s.id for s in route.stops if s.kind != "break"]
    assert ids[0] == "G1" and ids[-2:] == ["S1", "G1"] and sorted(ids[1:-2]) == ["R1", "R2", "R3"]
    # the same legs as the build's full table (a build of the same places without --on-demand)
    full = CliRunner().invoke(main, ["network", "build", str(scenario), "--osm", str(tmp_path / "river.osm"), "--out", str(tmp_path / "full")])
    assert full.exit_code == 0, full.output
    arrays = read_matrix_arrays(tmp_path / "full" / "matrix.npz")
    index = {pid: k for k, pid in enumerate(arrays.ids)}
    road_m = sum(arrays.distance_m[index[a], index[b]] for a, b in zip(ids[:-1], ids[1:]))
    assert route.distance_km == pytest.approx(road_m / 1000, abs=1e-3) and road_m >= 24 * STEP_M - 1  # twice over the bridge
    assert_exported_legs_cross_at_the_bridge(tmp_path, scenario)


def assert_exported_legs_cross_at_the_bridge(tmp_path: Path, scenario: Path) -> None:
    """The plan's GeoJSON export draws every leg across the river on the bridge's row only."""
    exported = tmp_path / "plan.geojson"
    done = CliRunner().invoke(main, ["export", str(tmp_path / "plan.json"), "--scenario", str(scenario), "--format", "geojson",
                                     "-o", str(exported)])
    assert done.exit_code == 0, done.output
    lines = [f for f in json.loads(exported.read_text())["features"] if f["geometry"]["type"] == "LineString"]
    crossings = [(lon, lat) for f in lines for lon, lat in f["geometry"]["coordinates"] if 0.002 < lon < 0.005]
    assert crossings and all(lat == pytest.approx(0.004) for _, lat in crossings)
