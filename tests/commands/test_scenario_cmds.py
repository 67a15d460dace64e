"""``wasteopt template`` and what ``wasteopt check`` says about inputs a county office has: the
encoding or sheet each file was read in, cost fields left empty, the haul shift assumed."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tests.scenario.conftest import ROOMS_CSV, SCENARIO_YAML, run_check, write_scenario
from wasteopt.cli import main


def test_template_writes_an_empty_scenario_that_checks(tmp_path: Path) -> None:
    out = tmp_path / "新区县"
    result = CliRunner().invoke(main, ["template", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"wrote {out}: scenario.yaml, rooms.xlsx, rooms.csv, stations.xlsx, stations.csv, README.txt",
        f"fill in the tables, then: wasteopt check {out / 'scenario.yaml'}",
    ]
    checked = run_check(str(out / "scenario.yaml"))
    assert checked.exit_code == 0, checked.output
    assert checked.stdout.splitlines()[0] == "我的区县: 0 rooms, 0 stations (+0 candidate sites), 1 plant, 1 garage"
    assert f"    {out}/rooms.xlsx: Excel, sheet 收集房" in checked.stdout.splitlines()


def test_template_keeps_existing_files_unless_forced(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["template", "--out", str(tmp_path)]).exit_code == 0
    (tmp_path / "scenario.yaml").write_text("name: filled in\n", encoding="utf-8")
    result = runner.invoke(main, ["template", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'scenario.yaml'}: cannot write: exists (use --force to replace the template files)"]
    assert (tmp_path / "scenario.yaml").read_text(encoding="utf-8") == "name: filled in\n"
    assert runner.invoke(main, ["template", "--out", str(tmp_path), "--force"]).exit_code == 0
    assert (tmp_path / "scenario.yaml").read_text(encoding="utf-8").startswith("# wasteopt 场景模板")


def test_check_states_each_files_encoding_and_leaves_the_files_alone(tmp_path: Path) -> None:
    write_scenario(tmp_path)
    rooms, scenario = ROOMS_CSV.encode("gbk"), SCENARIO_YAML.encode("gb18030")
    (tmp_path / "rooms.csv").write_bytes(rooms)
    (tmp_path / "scenario.yaml").write_bytes(scenario)
    (tmp_path / "stations.csv").write_bytes(b"\xef\xbb\xbf" + (tmp_path / "stations.csv").read_bytes())
    result = run_check(str(tmp_path / "scenario.yaml"))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    at = lines.index("  files read")
    assert lines[at + 1:at + 4] == [f"    {tmp_path}/scenario.yaml: GB18030 (GBK)", f"    {tmp_path}/rooms.csv: GB18030 (GBK)",
                                    f"    {tmp_path}/stations.csv: UTF-8 (BOM)"]
    assert "  towns 1, villages 2" in lines  # the Chinese names were read as such
    assert ((tmp_path / "rooms.csv").read_bytes(), (tmp_path / "scenario.yaml").read_bytes()) == (rooms, scenario)


def test_check_warns_about_empty_costs_and_states_the_haul_shift(tmp_path: Path) -> None:
    result = run_check(str(write_scenario(tmp_path)))  # the tiny scenario gives no costs and no haul shift
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "  haul fleet 1 hook-lift truck; hook: 1 × 9 t containers, shift 06:00–14:00 "\
           "(the default: shift_start and shift_end not given)" in lines
    assert [line for line in lines if "not given, taken as 0" in line] == [
        f"warning: {what} {vid}: fixed_cost, cost_per_km, cost_per_hour, co2_kg_per_km not given, taken as 0 "
        "(the plan will show no cost and no CO₂ for these trucks)"
        for what, vid in (("vehicle type", "small"), ("vehicle type", "compactor"), ("haul truck type", "hook"))]
