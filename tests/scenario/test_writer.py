"""save_scenario: files that load back to the same model, in both coordinate systems."""

from __future__ import annotations

from pathlib import Path

from wasteopt.scenario.loader import load_scenario
from wasteopt.scenario.models import (
    Garage, HaulTruckType, MatrixSource, Plant, Room, Scenario, Station, Travel, Variant, VehicleType,
)
from wasteopt.scenario.writer import save_scenario


def projected_scenario() -> Scenario:
    """Every optional field used at least once, x/y coordinates, Chinese text, odd floats."""
    return Scenario(
        name="投影坐标", description="CGCS2000 / 3-degree zone, metres",
        travel=Travel(model="manhattan", circuity=1.1, speed_kmh=27.5),
        rooms=[
            Room(id="R1", name="西营村1号收集房", town="沣水镇", village="西营村", x=501234.125, y=4071234.5,
                 waste_kg_per_day=0.1 + 0.2, volume_m3_per_day=1.25, service_min=3.5, tw_open=7 * 3600,
                 tw_close=9 * 3600 + 1800, max_vehicle_class=1),
            Room(id="R2", name='带,逗号和"引号"的名字', x=502000.0, y=4072000.0, waste_kg_per_day=1e-7),
            Room(id="R3", name=" 前后有空格 ", x=503000.0, y=4070000.0, waste_kg_per_day=250.0),
        ],
        stations=[
            Station(id="S1", name="中转站", x=500000.0, y=4070000.0, capacity_t_per_day=12.5, open=5 * 3600,
                    close=20 * 3600 + 30, unload_min=9.0, container_slots=5, swap_min=12.0),
            Station(id="C1", x=504000.0, y=4073000.0, capacity_t_per_day=30.0, status="candidate",
                    build_cost=4_500_000.0, lifetime_years=17.5),
        ],
        plants=[Plant(id="P1", x=510000.0, y=4075000.0, open=6 * 3600, close=26 * 3600, capacity_t_per_day=90.0)],
        garages=[Garage(id="G1", name="车库", x=500500.0, y=4070500.0)],
        fleet=[VehicleType(id="small", count=3, garage="G1", capacity_kg=1500.0, capacity_m3=6.0, vehicle_class=1,
                           shift_start=6 * 3600, shift_end=14 * 3600, fixed_cost=300.0, cost_per_km=2.5,
                           cost_per_hour=45.0, speed_kmh=33.3, co2_kg_per_km=0.35)],
        haul_fleet=[HaulTruckType(id="hook", count=2, garage="G1", container_payload_t=9.5)],
        variants={"open-C1": Variant(description="新站", open=["C1"], fleet={"small": 4}),
                  "close-S1": Variant(close=["S1"], haul_fleet={"hook": 1})},
    )


def test_round_trip_projected_with_every_field(tmp_path: Path) -> None:
    scenario = projected_scenario()
    path = save_scenario(scenario, tmp_path)
    assert load_scenario(path) == scenario


def test_writes_tables_and_inline_sections(tmp_path: Path) -> None:
    save_scenario(projected_scenario(), tmp_path)
    text = (tmp_path / "scenario.yaml").read_text(encoding="utf-8")
    assert "rooms: rooms.csv" in text and "stations: stations.csv" in text
    assert "name: 投影坐标" in text  # UTF-8, not \u escapes
    header = (tmp_path / "rooms.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",")[:2] == ["id", "name"]
    assert "lat" not in header.split(",")  # columns empty in every row are left out


def test_matrix_file_written_relative(tmp_path: Path) -> None:
    matrix = tmp_path / "shared" / "m.csv"
    scenario = projected_scenario().model_copy(
        update={"travel": Travel(model="matrix", matrix=MatrixSource(file=str(matrix)))})
    save_scenario(scenario, tmp_path / "scenario")
    assert "file: ../shared/m.csv" in (tmp_path / "scenario" / "scenario.yaml").read_text(encoding="utf-8")


def test_empty_sections_round_trip(tmp_path: Path) -> None:
    scenario = projected_scenario().model_copy(update={"rooms": [], "plants": [], "haul_fleet": [], "variants": {}})
    assert load_scenario(save_scenario(scenario, tmp_path)) == scenario
