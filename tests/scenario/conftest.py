"""A tiny valid scenario written as files (YAML + CSV), for tests that load or corrupt it; and
``.xlsx`` workbooks written on the spot (no binary fixtures are kept)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner, Result

from wasteopt.cli import main

SCENARIO_YAML = """\
name: tiny
description: 三个收集房的小场景
travel:
  model: haversine
  circuity: 1.3
  speed_kmh: 30
rooms: rooms.csv
stations: stations.csv
plants:
  - id: P1
    lat: 36.75
    lon: 118.10
    open: 06:00
    close: 22:00
    capacity_t_per_day: 50
garages:
  - id: G1
    lat: 36.80
    lon: 118.05
fleet:
  - id: small
    count: 2
    garage: G1
    capacity_kg: 1500
    vehicle_class: 1
  - id: compactor
    count: 1
    garage: G1
    capacity_kg: 3000
    vehicle_class: 2
haul_fleet:
  - id: hook
    count: 1
    garage: G1
    container_payload_t: 9
variants:
  more:
    open: [C1]
"""

ROOMS_CSV = """\
id,name,town,village,lat,lon,waste_kg_per_day,service_min,max_vehicle_class
R1,柳家庄村1号收集房,南定镇,柳家庄村,36.80,118.06,120,5,
R2,柳家庄村2号收集房,南定镇,柳家庄村,36.81,118.06,80.5,4,1
R3,石桥村1号收集房,南定镇,石桥村,36.79,118.04,200,6,
"""

STATIONS_CSV = """\
id,name,lat,lon,capacity_t_per_day,open,close,unload_min,status,build_cost,lifetime_years
S1,南定镇压缩中转站,36.80,118.05,10,05:00,20:00,10,existing,,
C1,候选站址,36.82,118.07,25,05:00,20:00,10,candidate,4000000,20
"""


def write_scenario(directory: Path, yaml_text: str = SCENARIO_YAML, rooms: str = ROOMS_CSV,
                   stations: str = STATIONS_CSV) -> Path:
    """Write the tiny scenario (optionally with one file replaced) and return the YAML path."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "scenario.yaml").write_text(yaml_text, encoding="utf-8")
    (directory / "rooms.csv").write_text(rooms, encoding="utf-8")
    (directory / "stations.csv").write_text(stations, encoding="utf-8")
    return directory / "scenario.yaml"


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work inside ``tmp_path`` so messages show short relative file names."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_check(path: str = "scenario.yaml") -> Result:
    """``wasteopt check PATH`` through click's test runner."""
    return CliRunner().invoke(main, ["check", path])


def write_workbook(path: Path, rows: Sequence[Sequence[Any]], title: str = "Sheet1",
                   more: dict[str, Sequence[Sequence[Any]]] | None = None) -> Path:
    """Write an ``.xlsx`` with ``rows`` in its first sheet named ``title`` (and sheets ``more`` after)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    for name, extra in (more or {}).items():
        other = workbook.create_sheet(name)
        for row in extra:
            other.append(list(row))
    workbook.save(path)
    return path


def csv_rows(text: str) -> list[list[Any]]:
    """A CSV text as rows of cells, numbers as numbers and empty cells as ``None`` (as Excel holds them)."""
    rows: list[list[Any]] = []
    for cells in csv.reader(io.StringIO(text)):
        rows.append([_typed(cell) for cell in cells])
    return rows


def _typed(cell: str) -> Any:
    if cell == "":
        return None
    try:
        number = float(cell)
    except ValueError:
        return cell
    return int(number) if number.is_integer() and "." not in cell else number
