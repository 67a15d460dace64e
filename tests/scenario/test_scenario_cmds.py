"""The scenario commands: ``check`` (shipped scenario, warnings), ``schema``, ``generate``."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tests.scenario.conftest import STATIONS_CSV, run_check, write_scenario
from wasteopt.cli import main

SHIPPED = Path(__file__).resolve().parents[2] / "scenarios" / "zhangdian" / "scenario.yaml"


def test_check_shipped_scenario() -> None:
    result = run_check(str(SHIPPED))
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert first == "zhangdian: 940 rooms, 13 stations (+10 candidate sites), 1 plant, 3 garages"
    assert "  towns 12, villages 148" in result.stdout
    assert "  waste 82.9 t/day" in result.stdout
    assert "  station capacity 119.0 t/day at existing stations, 253.0 t/day at candidate sites" in result.stdout
    assert "warning" not in result.stdout


def test_check_warns_when_station_capacity_is_short(tmp_path: Path) -> None:
    path = write_scenario(tmp_path, stations=STATIONS_CSV.replace(",10,05:00", ",0.2,05:00", 1))
    result = run_check(str(path))
    assert result.exit_code == 0
    assert "warning: existing station capacity 0.2 t/day is below the daily waste 0.4 t" in result.stdout.splitlines()


ROOMS_HEADER = "id,name,town,village,lat,lon,waste_kg_per_day,service_min,tw_open,tw_close,max_vehicle_class\n"


def test_check_warns_about_rooms_no_truck_can_ever_serve(tmp_path: Path) -> None:
    rooms = ROOMS_HEADER + (
        "R1,柳家庄村1号收集房,南定镇,柳家庄村,36.80,118.06,120,5,,,\n"
        "FAR,远村收集房,南定镇,远村,50.30,118.05,100,5,,,\n"  # 13.5° north: 1,501 km, 1,951 km by road
        "NIGHT,夜村收集房,南定镇,夜村,36.81,118.06,100,5,02:00,03:00,\n"
        "SLOW,慢村收集房,南定镇,慢村,36.79,118.04,100,900,,,\n"
    )
    result = run_check(str(write_scenario(tmp_path, rooms=rooms)))
    assert result.exit_code == 0, result.output
    # FAR: 2 × 1,951 km at 30 km/h + 5 min emptying + 10 min unloading = 130.35 h
    assert [line for line in result.stdout.splitlines() if line.startswith("warning: room")] == [
        "warning: room FAR can never be served: too far: the shortest round trip garage → room → station → garage "
        "takes 130.4 h, the longest shift is 8.0 h",
        "warning: room NIGHT can never be served: opening hours 02:00–03:00 lie outside every shift (earliest 06:00–14:00)",
        "warning: room SLOW can never be served: service takes 900 min, longer than any shift (480 min)",
    ]


def test_check_lists_twenty_rooms_that_can_never_be_served_and_counts_the_rest(tmp_path: Path) -> None:
    rooms = ROOMS_HEADER + "".join(f"N{k:02d},夜村{k}号收集房,南定镇,夜村,36.81,118.06,10,5,22:00,23:00,\n" for k in range(25))
    result = run_check(str(write_scenario(tmp_path, rooms=rooms)))
    warned = [line for line in result.stdout.splitlines() if line.startswith("warning: room") or "more room" in line]
    assert warned[0] == "warning: room N00 can never be served: opening hours 22:00–23:00 lie outside every shift (latest 06:00–14:00)"
    assert [line.split()[2] for line in warned[:20]] == [f"N{k:02d}" for k in range(20)]
    assert warned[20:] == ["warning: 5 more rooms can never be served (20 listed above)"]


def test_schema_is_json_schema_of_the_scenario() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "Scenario"
    assert {"rooms", "stations", "garages", "fleet"} <= set(schema["required"])
    assert schema["$defs"]["Room"]["additionalProperties"] is False


def test_generate_twice_gives_identical_files(tmp_path: Path) -> None:
    runner = CliRunner()
    for name in ("a", "b"):
        result = runner.invoke(main, ["generate", "zhangdian", "--rooms", "120", "--stations", "3", "--seed", "5",
                                      "--out", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote {tmp_path / 'b' / 'scenario.yaml'}: 120 rooms, 3 stations")
    for table in ("scenario.yaml", "rooms.csv", "stations.csv"):
        assert (tmp_path / "a" / table).read_bytes() == (tmp_path / "b" / table).read_bytes()
    assert run_check(str(tmp_path / "a" / "scenario.yaml")).exit_code == 0


def test_generate_rejects_bad_options(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["generate", "--rooms", "0", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "Invalid value for '--rooms'" in result.stderr
    result = CliRunner().invoke(main, ["generate", "atlantis", "--out", str(tmp_path)])
    assert result.exit_code == 2
