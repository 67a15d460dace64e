"""The ``report``, ``sheets`` and ``export`` commands: files written, and bad input is one line, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.report.conftest import solved
from wasteopt.cli import main
from wasteopt.plan.models import save_plan
from wasteopt.report.sheets import sheet_filename
from wasteopt.scenario.writer import save_scenario


@pytest.fixture
def files(tmp_path: Path) -> tuple[str, str]:
    """(plan.json, scenario.yaml) of the tiny scenario's engine plan, on disk."""
    scenario, plan = solved()
    save_plan(plan, tmp_path / "plan.json")
    return str(tmp_path / "plan.json"), str(save_scenario(scenario, tmp_path / "scenario"))


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_report_with_comparison_and_pngs(files: tuple[str, str], tmp_path: Path) -> None:
    plan, scenario = files
    comparison = tmp_path / "comparison.json"
    comparison.write_text(json.dumps({"base": {"name": "base", "kpis": {"cost": 1.0}}, "variants": []}), encoding="utf-8")
    out = tmp_path / "r" / "report.html"
    result = run("report", plan, "--scenario", scenario, "-o", str(out), "--comparison", str(comparison), "--png", str(tmp_path / "png"))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith(f"wrote {out} (")
    page = out.read_text(encoding="utf-8")
    assert 'id="comparison-table"' in page and "南定中转站" in page
    assert sorted(p.name for p in (tmp_path / "png").iterdir()) == ["fleet_timeline.png", "station_utilisation.png"]


def test_sheets_for_every_truck(files: tuple[str, str], tmp_path: Path) -> None:
    plan, scenario = files
    result = run("sheets", plan, "--scenario", scenario, "-o", str(tmp_path / "sheets"))
    assert result.exit_code == 0, result.output
    for route in solved()[1].routes:
        assert (tmp_path / "sheets" / f"{sheet_filename(route.vehicle)}.csv").exists()
        assert (tmp_path / "sheets" / f"{sheet_filename(route.vehicle)}.html").exists()
    assert (tmp_path / "sheets" / "index.html").exists()


def test_export_geojson_and_csv(files: tuple[str, str], tmp_path: Path) -> None:
    plan, scenario = files
    result = run("export", plan, "--scenario", scenario, "--format", "geojson", "-o", str(tmp_path / "plan.geojson"))
    assert result.exit_code == 0, result.output
    doc = json.loads((tmp_path / "plan.geojson").read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    assert result.output == f"wrote {tmp_path / 'plan.geojson'}: 13 places, {sum(1 for f in doc['features'] if f['geometry']['type'] == 'LineString')} trip lines\n"
    result = run("export", plan, "--scenario", scenario, "--format", "csv", "-o", str(tmp_path / "stops.csv"))
    assert result.exit_code == 0, result.output
    stops = sum(len(r.stops) for r in solved()[1].routes)
    assert len((tmp_path / "stops.csv").read_text(encoding="utf-8-sig").splitlines()) == stops + 1


def test_geojson_of_a_projected_scenario_is_refused(tmp_path: Path) -> None:
    scenario, plan = solved(projected=True)
    save_plan(plan, tmp_path / "plan.json")
    yaml = save_scenario(scenario, tmp_path / "sc")
    result = run("export", str(tmp_path / "plan.json"), "--scenario", str(yaml), "--format", "geojson", "-o", str(tmp_path / "x.geojson"))
    assert result.exit_code == 2
    assert result.stderr == (f"{yaml}: coordinates: scenario 'tiny' gives x/y coordinates; GeoJSON needs WGS84 lat/lon "
                             "(RFC 7946), so give the places as lat/lon to export them\n")
    assert not (tmp_path / "x.geojson").exists()


def test_missing_plan_is_one_line(files: tuple[str, str], tmp_path: Path) -> None:
    _, scenario = files
    missing = str(tmp_path / "nope.json")
    for command in (["report", "-o", str(tmp_path / "r.html")], ["sheets", "-o", str(tmp_path / "s")],
                    ["export", "--format", "csv", "-o", str(tmp_path / "s.csv")]):
        result = run(command[0], missing, "--scenario", scenario, *command[1:])
        assert result.exit_code == 2
        assert result.stderr == f"{missing}: cannot read the plan: No such file or directory\n"


def test_broken_plan_json_names_the_line(files: tuple[str, str], tmp_path: Path) -> None:
    _, scenario = files
    broken = tmp_path / "broken.json"
    broken.write_text('{\n "scenario": "tiny",\n "routes": [\n', encoding="utf-8")
    result = run("report", str(broken), "--scenario", scenario, "-o", str(tmp_path / "r.html"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{broken}:4: not valid JSON:") and result.stderr.count("\n") == 1
    assert not (tmp_path / "r.html").exists()


def test_plan_of_another_scenario_is_refused(files: tuple[str, str], tmp_path: Path) -> None:
    plan_path, scenario = files
    data = json.loads(Path(plan_path).read_text(encoding="utf-8"))
    data["routes"][0]["stops"][1]["id"] = "R404"
    other = tmp_path / "other.json"
    other.write_text(json.dumps(data), encoding="utf-8")
    result = run("sheets", str(other), "--scenario", scenario, "-o", str(tmp_path / "s"))
    assert result.exit_code == 2
    assert result.stderr == f"{other}: routes[0].stops[1].id: room 'R404' is not in scenario 'tiny'\n"
    assert not (tmp_path / "s").exists()


def test_broken_comparison_names_the_line(files: tuple[str, str], tmp_path: Path) -> None:
    plan, scenario = files
    bad = tmp_path / "comparison.json"
    bad.write_text('{"base": \n', encoding="utf-8")
    result = run("report", plan, "--scenario", scenario, "-o", str(tmp_path / "r.html"), "--comparison", str(bad))
    assert result.exit_code == 2
    assert result.stderr == f"{bad}:2: comparison: not valid JSON: Expecting value\n"
