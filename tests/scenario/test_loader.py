"""Loading scenario.yaml with its CSV tables: values, defaults, paths, BOMs, and the files round trip."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.scenario.conftest import ROOMS_CSV, SCENARIO_YAML, write_scenario
from wasteopt.scenario.errors import ScenarioError
from wasteopt.scenario.loader import load_scenario
from wasteopt.scenario.writer import save_scenario


def test_loads_values_and_defaults(tmp_path: Path) -> None:
    scenario = load_scenario(write_scenario(tmp_path))
    assert [r.id for r in scenario.rooms] == ["R1", "R2", "R3"]
    first, second = scenario.rooms[0], scenario.rooms[1]
    assert first.name == "柳家庄村1号收集房" and first.town == "南定镇"
    assert first.waste_kg_per_day == 120.0 and first.max_vehicle_class is None  # empty cell = not given
    assert second.max_vehicle_class == 1
    assert first.tw_open is None and first.volume_m3_per_day is None
    station = scenario.stations[0]
    assert (station.open, station.close) == (5 * 3600, 20 * 3600)
    assert station.container_slots == 4  # column absent: the model's default
    candidate = scenario.stations[1]
    assert candidate.status == "candidate" and candidate.build_cost == 4_000_000
    assert scenario.plants[0].close == 22 * 3600  # 22:00 unquoted is a clock time, not base-60 1320
    assert scenario.fleet[0].vehicle_ids() == ["small-01", "small-02"]
    assert scenario.variants["more"].open == ["C1"]
    assert scenario.description == "三个收集房的小场景"


def test_unquoted_clock_times_in_yaml_are_clock_times(tmp_path: Path) -> None:
    text = SCENARIO_YAML.replace("vehicle_class: 2", "vehicle_class: 2\n    shift_start: 6:30\n    shift_end: 14:00")
    scenario = load_scenario(write_scenario(tmp_path, yaml_text=text))
    assert (scenario.fleet[1].shift_start, scenario.fleet[1].shift_end) == (6 * 3600 + 1800, 14 * 3600)


def test_excel_bom_is_accepted(tmp_path: Path) -> None:
    path = write_scenario(tmp_path)
    (tmp_path / "rooms.csv").write_bytes(b"\xef\xbb\xbf" + ROOMS_CSV.replace("\n", "\r\n").encode("utf-8"))
    scenario = load_scenario(path)
    assert scenario.rooms[0].id == "R1" and scenario.rooms[2].name == "石桥村1号收集房"


def test_sections_may_be_inline(tmp_path: Path) -> None:
    text = SCENARIO_YAML.replace("rooms: rooms.csv", (
        "rooms:\n  - {id: A, name: 东庄村1号收集房, lat: 36.8, lon: 118.0, waste_kg_per_day: 50, tw_open: 07:00,"
        " tw_close: 09:00}"))
    scenario = load_scenario(write_scenario(tmp_path, yaml_text=text))
    assert [(r.id, r.tw_open, r.tw_close) for r in scenario.rooms] == [("A", 7 * 3600, 9 * 3600)]


def test_matrix_path_is_absolute_in_model_and_relative_in_files(tmp_path: Path) -> None:
    text = SCENARIO_YAML.replace("model: haversine", "model: matrix\n  matrix: {file: data/m.npz}")
    path = write_scenario(tmp_path / "in", yaml_text=text)
    ids = ["R1", "R2", "R3", "S1", "C1", "P1", "G1"]
    (tmp_path / "in" / "data").mkdir()
    np.savez(tmp_path / "in" / "data" / "m.npz", ids=np.array(ids), distance_km=np.ones((7, 7)) - np.eye(7))
    scenario = load_scenario(path)
    assert scenario.travel.matrix is not None
    assert scenario.travel.matrix.file == str((tmp_path / "in" / "data" / "m.npz").resolve())
    out = tmp_path / "out" / "deeper"
    save_scenario(scenario, out)
    assert "file: ../../in/data/m.npz" in (out / "scenario.yaml").read_text(encoding="utf-8")
    assert load_scenario(out / "scenario.yaml") == scenario


def test_matrix_must_cover_every_place(tmp_path: Path) -> None:
    text = SCENARIO_YAML.replace("model: haversine", "model: matrix\n  matrix: {file: m.npz}")
    path = write_scenario(tmp_path, yaml_text=text)
    np.savez(tmp_path / "m.npz", ids=np.array(["R1", "R2"]), distance_km=np.zeros((2, 2)))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path}/m.npz: ids: 5 places of the scenario are not in the matrix: R3, S1, C1, P1, G1"]


def test_round_trip_files_model_files_model(tmp_path: Path) -> None:
    scenario = load_scenario(write_scenario(tmp_path / "a"))
    save_scenario(scenario, tmp_path / "b")
    again = load_scenario(tmp_path / "b" / "scenario.yaml")
    assert again == scenario
    save_scenario(again, tmp_path / "c")
    for name in ("scenario.yaml", "rooms.csv", "stations.csv"):
        assert (tmp_path / "b" / name).read_bytes() == (tmp_path / "c" / name).read_bytes()
    assert "柳家庄村1号收集房" in (tmp_path / "b" / "rooms.csv").read_text(encoding="utf-8")


def test_load_raises_with_every_problem(tmp_path: Path) -> None:
    path = write_scenario(tmp_path, rooms=ROOMS_CSV.replace("80.5", "-1").replace("36.79", "91"))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert [(p.line, p.field) for p in caught.value.problems] == [(3, "waste_kg_per_day"), (4, "lat")]


def test_roads_path_is_absolute_in_model_and_relative_in_files(tmp_path: Path) -> None:
    text = SCENARIO_YAML.replace("model: haversine", "model: roads\n  roads: data/roads.npz")
    path = write_scenario(tmp_path / "in", yaml_text=text)
    (tmp_path / "in" / "data").mkdir()
    np.savez(tmp_path / "in" / "data" / "roads.npz", place_ids=np.array(["R1", "R2", "R3", "S1", "C1", "P1", "G1"]))
    scenario = load_scenario(path)
    assert scenario.travel.roads == str((tmp_path / "in" / "data" / "roads.npz").resolve())
    out = tmp_path / "out" / "deeper"
    save_scenario(scenario, out)
    assert "roads: ../../in/data/roads.npz" in (out / "scenario.yaml").read_text(encoding="utf-8")
    assert load_scenario(out / "scenario.yaml") == scenario


def test_a_road_file_missing_foreign_or_short_of_places_is_named(tmp_path: Path) -> None:
    text = SCENARIO_YAML.replace("model: haversine", "model: roads\n  roads: roads.npz")
    path = write_scenario(tmp_path, yaml_text=text)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path}/roads.npz: travel.roads: no such file (run: wasteopt network build SCENARIO --osm FILE --out DIR)"]
    np.savez(tmp_path / "roads.npz", ids=np.array(["R1"]))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path}/roads.npz: travel.roads: not a road file written by 'wasteopt network build' (roads.npz)"]
    np.savez(tmp_path / "roads.npz", place_ids=np.array(["R1", "R2"]))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path}/roads.npz: ids: 5 places of the scenario are not on the roads: R3, S1, C1, P1, G1 "
        "(build again: wasteopt network build)"]


def test_roads_go_with_model_roads_only(tmp_path: Path) -> None:
    for travel, message in (("model: roads", "model 'roads' needs roads: the roads.npz file 'wasteopt network build' wrote"),
                            ("model: haversine\n  roads: roads.npz", "roads: is read with model 'roads' only (the model is 'haversine')")):
        path = write_scenario(tmp_path, yaml_text=SCENARIO_YAML.replace("model: haversine", travel))
        with pytest.raises(ScenarioError) as caught:
            load_scenario(path)
        assert [p.message for p in caught.value.problems] == [message], caught.value.problems
