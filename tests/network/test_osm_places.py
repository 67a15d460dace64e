"""The places a build snaps, with the line each was written on, and the fleet's classes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.network.osm_xml import scenario_yaml
from wasteopt.network.osm_places import scenario_places
from wasteopt.scenario.errors import ScenarioError


def test_places_lines_and_classes(tmp_path: Path) -> None:
    text = scenario_yaml({"R1": (0.0, 0.0), "R2": (0.0, 0.001)}, {"S1": (0.001, 0.0)}, {"G1": (0.001, 0.001)}, classes=(2, 1))
    path = tmp_path / "scenario.yaml"
    path.write_text(text.replace("model: haversine", "model: matrix\n  matrix:\n    file: not-built-yet.npz"))
    read = scenario_places(path)  # a matrix file still to be built is no obstacle
    lines = path.read_text().splitlines()
    assert read.places == [("R1", 0.0, 0.0), ("R2", 0.0, 0.001), ("S1", 0.001, 0.0), ("G1", 0.001, 0.001)]
    assert read.origins["R2"] == f"{path}:{lines.index('  - id: R2') + 1}"
    assert read.rooms == ["R1", "R2"] and read.classes == [2, 1]


def test_projected_places_and_repeated_ids_are_refused(tmp_path: Path) -> None:
    text = scenario_yaml({"R1": (0.0, 0.0)}, {"R1": (0.001, 0.0)}, {"G1": (0.001, 0.001)})
    path = tmp_path / "scenario.yaml"
    path.write_text(text.replace("    lat: 0.001\n    lon: 0.001", "    x: 10\n    y: 20"))
    with pytest.raises(ScenarioError) as caught:
        scenario_places(path)
    said = [p.message for p in caught.value.problems]
    assert any("duplicate place id 'R1'" in m for m in said) and any("need places in lat/lon" in m for m in said)
