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
