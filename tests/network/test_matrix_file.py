"""Matrix files (CSV and NPZ): values in metres/seconds, use by the travel network, located errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from wasteopt.network import network_for
from wasteopt.network.matrix_file import read_matrix
from wasteopt.scenario.errors import ScenarioError
from wasteopt.scenario.models import Garage, MatrixSource, Room, Scenario, Station, Travel, VehicleType

CSV = """\
from,to,distance_km,duration_min
A,B,1.5,3
B,A,1.6,3.5
A,C,2.25,4
C,A,2.25,4
B,C,0.75,1.5
C,B,0.8,2
"""


def problems(path: Path) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        read_matrix(path, display=path.name)
    return [str(p) for p in caught.value.problems]


def test_csv_matrix_in_metres_and_seconds(tmp_path: Path) -> None:
    (tmp_path / "m.csv").write_text(CSV, encoding="utf-8")
    table = read_matrix(tmp_path / "m.csv")
    assert table.distance_m(["A", "B", "C"], ["A", "B", "C"]).tolist() == [[0, 1500, 2250], [1600, 0, 750],
                                                                           [2250, 800, 0]]
    assert table.has_durations
    assert table.duration_s(["B"], ["A", "C"]).tolist() == [[210, 90]]


def test_csv_without_durations(tmp_path: Path) -> None:
    text = "\n".join(",".join(line.split(",")[:3]) for line in CSV.splitlines()) + "\n"
    (tmp_path / "m.csv").write_text(text, encoding="utf-8")
    assert not read_matrix(tmp_path / "m.csv").has_durations


def test_npz_matrix(tmp_path: Path) -> None:
    distance = np.array([[0.0, 1.2345], [2.0, 0.0]])
    np.savez(tmp_path / "m.npz", ids=np.array(["X", "Y"]), distance_km=distance, duration_min=distance * 2)
    table = read_matrix(tmp_path / "m.npz")
    assert table.distance_m(["X"], ["Y"]).tolist() == [[1234]]  # 1234.5 m rounds to even
    assert table.duration_s(["Y"], ["X"]).tolist() == [[240]]


def test_network_uses_the_matrix_file(tmp_path: Path) -> None:
    (tmp_path / "m.csv").write_text(CSV, encoding="utf-8")
    scenario = Scenario(
        name="m", travel=Travel(model="matrix", matrix=MatrixSource(file=str(tmp_path / "m.csv"))),
        rooms=[Room(id="A", lat=0.0, lon=0.0, waste_kg_per_day=1.0)],
        stations=[Station(id="B", lat=0.0, lon=1.0, capacity_t_per_day=1.0)],
        garages=[Garage(id="C", lat=1.0, lon=0.0)],
        fleet=[VehicleType(id="v", count=1, garage="C", capacity_kg=10.0)],
    )
    assert network_for(scenario).leg("C", "B") == (800, 120)


def test_csv_problems_name_line_and_column(tmp_path: Path) -> None:
    bad = CSV.replace("A,C,2.25,4", "A,C,-2,4").replace("B,C,0.75,1.5", "B,C,far,1.5").replace("C,B,0.8,2", "A,B,1,1")
    (tmp_path / "m.csv").write_text(bad, encoding="utf-8")
    assert problems(tmp_path / "m.csv") == [
        "m.csv:4: distance_km: must be a finite number ≥ 0, got '-2'",
        "m.csv:6: distance_km: must be a finite number ≥ 0, got 'far'",
        "m.csv:7: to: pair A → B given twice (first on line 2)",
    ]


def test_csv_missing_pairs_and_bad_header(tmp_path: Path) -> None:
    (tmp_path / "m.csv").write_text(CSV.replace("C,B,0.8,2\n", ""), encoding="utf-8")
    assert problems(tmp_path / "m.csv") == ["m.csv: pairs: 1 pairs of ids are missing, e.g. C → B"]
    (tmp_path / "h.csv").write_text("origin,dest,km\nA,B,1\n", encoding="utf-8")
    assert problems(tmp_path / "h.csv") == [
        "h.csv:1: header: must be from,to,distance_km[,duration_min], got origin,dest,km"]


def test_npz_problems(tmp_path: Path) -> None:
    np.savez(tmp_path / "a.npz", ids=np.array(["X", "Y"]), distance_km=np.zeros((3, 3)))
    assert problems(tmp_path / "a.npz") == [
        "a.npz: distance_km: must be a 2×2 array of numbers (one row per id), got shape (3, 3)"]
    np.savez(tmp_path / "b.npz", ids=np.array(["X", "X"]), distance_km=np.full((2, 2), np.nan))
    assert problems(tmp_path / "b.npz") == ["b.npz: ids: ids must be unique", "b.npz: distance_km: must be finite numbers ≥ 0"]
    np.savez(tmp_path / "c.npz", names=np.array(["X"]))
    assert problems(tmp_path / "c.npz") == ["c.npz: ids: array is missing", "c.npz: distance_km: array is missing"]
    (tmp_path / "d.npz").write_bytes(b"not a zip")
    assert problems(tmp_path / "d.npz")[0].startswith("d.npz: file: not a readable NPZ file")
    assert problems(tmp_path / "none.npz") == ["none.npz: file: no such file"]
    assert problems(tmp_path / "none.csv") == ["none.csv: file: no such file"]
