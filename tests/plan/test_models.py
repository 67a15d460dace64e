"""The plan file: a plan survives save → load unchanged (Chinese text, times past midnight, extra
fields the contract allows), the JSON has the contract's core shape, and writing is atomic, with
ordinary permissions, and an error names the file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from pydantic import ValidationError

from wasteopt.files import write_atomic
from wasteopt.plan.models import (
    Diagnostic,
    HaulTrip,
    LowerBound,
    Plan,
    Route,
    Stop,
    Unserved,
    clock_seconds,
    clock_text,
    load_plan,
    save_plan,
)


@pytest.fixture
def plan() -> Plan:
    """A small plan using every part of the model."""
    stops = [
        Stop(kind="garage", id="G01", depart="06:00:00"),
        Stop(kind="room", id="R0001", arrive="06:12:30", depart="06:14:00", load_kg=120.5, collected_kg=120.5, load_m3=0.4),
        Stop(kind="station", id="S03", arrive="23:50:00", depart="24:05:00", unloaded_kg=120.5, load_kg=0),
        Stop(kind="garage", id="G01", arrive="25:10:00"),
    ]
    route = Route(vehicle="small-01", vehicle_type="small", garage="G01", distance_km=84.2, duration_h=19.1667,
                  cost=912.5, stops=stops, unload_trips=1, co2_kg=20.1)
    return Plan(
        scenario="张店",
        routes=[route],
        haul=[HaulTrip(truck="hook-01", station="S03", plant="P1", depart="09:00:00", arrive="09:35:00",
                       payload_kg=9800, container=1)],
        unserved=[Unserved(id="R0456", reason="unreachable within any shift / 班次内无法到达")],
        kpis={"distance_km": 84.2, "vehicles_used": 1, "cost": 912.5, "station_load_kg": {"S03": 120.5}},
        lower_bound=LowerBound(distance_km=60.0, method="assignment relaxation"),
        diagnostics=[Diagnostic(code="haul-short", message="两辆勾臂车不够", subject="S03", fix="add a truck")],
        solver={"engine": "pyvrp", "seed": 1},
        variant=["new-site"],
    )


def test_round_trip_is_exact(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "out" / "plan.json"
    save_plan(plan, path)
    assert load_plan(path) == plan


def test_file_keeps_chinese_and_contract_keys(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    save_plan(plan, path)
    text = path.read_text(encoding="utf-8")
    assert "张店" in text and "两辆勾臂车不够" in text
    data = json.loads(text)
    assert {"scenario", "routes", "haul", "unserved", "kpis", "lower_bound"} <= data.keys()
    assert set(data["routes"][0]) >= {"vehicle", "vehicle_type", "garage", "distance_km", "duration_h", "cost", "stops"}
    assert data["routes"][0]["stops"][-1] == {
        "kind": "garage", "id": "G01", "at": None, "arrive": "25:10:00", "depart": None, "load_kg": 0.0,
        "collected_kg": None, "unloaded_kg": None, "load_m3": None,
    }


def test_save_replaces_atomically_and_leaves_no_temporary_file(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_text("old", encoding="utf-8")
    save_plan(plan, path)
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]
    assert load_plan(path) == plan


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_files_get_the_permissions_the_umask_gives(plan: Plan, tmp_path: Path, umask: int, mode: int) -> None:
    previous = os.umask(umask)
    try:
        save_plan(plan, tmp_path / "plan.json")
        write_atomic(tmp_path / "plot.png", b"\x89PNG")
    finally:
        os.umask(previous)
    assert (tmp_path / "plan.json").stat().st_mode & 0o777 == mode
    assert (tmp_path / "plot.png").stat().st_mode & 0o777 == mode
    assert (tmp_path / "plot.png").read_bytes() == b"\x89PNG"


def test_text_is_written_as_given(tmp_path: Path) -> None:
    write_atomic(tmp_path / "stops.csv", "\ufeffid,name\nR01,北沟村\n")
    assert (tmp_path / "stops.csv").read_bytes() == "\ufeffid,name\nR01,北沟村\n".encode("utf-8")


def test_a_write_error_names_the_target_and_leaves_nothing_behind(plan: Plan, tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("", encoding="utf-8")
    with pytest.raises(OSError) as caught:
        save_plan(plan, tmp_path / "taken" / "plan.json")
    assert caught.value.filename == str(tmp_path / "taken" / "plan.json")
    (tmp_path / "plan.json").mkdir()
    with pytest.raises(OSError) as caught:
        save_plan(plan, tmp_path / "plan.json")
    assert caught.value.filename == str(tmp_path / "plan.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json", "taken"]


def test_contract_example_loads() -> None:
    example = {
        "scenario": "zhangdian",
        "routes": [{"vehicle": "T01", "vehicle_type": "compactor-5t", "garage": "G01", "distance_km": 84.2,
                    "duration_h": 7.6, "cost": 912.5, "stops": [
                        {"kind": "garage", "id": "G01", "depart": "06:00:00", "load_kg": 0},
                        {"kind": "room", "id": "R0001", "arrive": "06:12:30", "depart": "06:14:00", "load_kg": 120},
                        {"kind": "station", "id": "S03", "arrive": "08:02:10", "depart": "08:17:10",
                         "unloaded_kg": 2480, "load_kg": 0},
                        {"kind": "garage", "id": "G01", "arrive": "13:40:00", "load_kg": 0}]}],
        "haul": [{"truck": "H01", "station": "S03", "plant": "P1", "depart": "09:00:00", "arrive": "09:35:00",
                  "payload_kg": 9800}],
        "unserved": [{"id": "R0456", "reason": "unreachable within any shift"}],
        "kpis": {"distance_km": 0, "vehicles_used": 0, "cost": 0, "station_load_kg": {"S03": 0}},
        "lower_bound": {"distance_km": 0, "method": "..."},
    }
    plan = Plan.model_validate(example)
    assert plan.routes[0].stops[2].unloaded_kg == 2480
    assert Plan.model_validate(plan.model_dump(mode="json")) == plan


def test_unknown_field_is_an_error() -> None:
    with pytest.raises(ValidationError, match="routs"):
        Plan.model_validate({"scenario": "x", "routs": []})


def test_clock_helpers_round_trip_past_midnight() -> None:
    assert clock_seconds("25:10:00") == 25 * 3600 + 600
    assert clock_text(25 * 3600 + 600) == "25:10:00"
    assert clock_text(clock_seconds("06:12:30")) == "06:12:30"
