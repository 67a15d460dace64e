"""The ``report``, ``sheets`` and ``export`` commands: files written (with ordinary permissions), and
bad input or an unwritable output is one line, exit 2 — outputs are checked before the inputs are read."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.report.conftest import solved
from wasteopt.cli import main
from wasteopt.commands import outputs
from wasteopt.plan.models import save_plan
from wasteopt.report import sheets
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


@pytest.fixture
def umask_022():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_written_files_have_ordinary_permissions(files: tuple[str, str], tmp_path: Path, umask_022: None) -> None:
    plan, scenario = files
    assert run("report", plan, "--scenario", scenario, "-o", str(tmp_path / "r" / "report.html"),
               "--png", str(tmp_path / "png")).exit_code == 0
    assert run("sheets", plan, "--scenario", scenario, "-o", str(tmp_path / "sheets")).exit_code == 0
    assert run("export", plan, "--scenario", scenario, "--format", "csv", "-o", str(tmp_path / "x" / "stops.csv")).exit_code == 0
    assert run("export", plan, "--scenario", scenario, "--format", "geojson", "-o", str(tmp_path / "x" / "plan.geojson")).exit_code == 0
    written = [p for folder in ("r", "png", "sheets", "x") for p in (tmp_path / folder).iterdir()]
    assert len(written) == 1 + 2 + (2 * len(solved()[1].routes) + 2) + 2  # sheets: per truck CSV and HTML, index, print
    assert {p.name: p.stat().st_mode & 0o777 for p in written} == {p.name: 0o644 for p in written}


def test_unwritable_outputs_are_refused_before_the_plan_is_read(files: tuple[str, str], tmp_path: Path) -> None:
    _, scenario = files
    missing = str(tmp_path / "nope.json")  # would be reported if the inputs were read first
    (tmp_path / "taken").write_text("", encoding="utf-8")
    taken = tmp_path / "taken"
    cases = [
        (["report", "-o", str(taken / "r.html")], f"{taken / 'r.html'}: cannot write: {taken} is a file, not a folder"),
        (["report", "-o", str(tmp_path / "r.html"), "--png", str(taken / "png")],
         f"{taken / 'png' / 'station_utilisation.png'}: cannot write: {taken} is a file, not a folder"),
        (["sheets", "-o", str(taken / "sheets")], f"{taken / 'sheets'}: cannot write: {taken} is a file, not a folder"),
        (["export", "--format", "csv", "-o", str(taken / "stops.csv")],
         f"{taken / 'stops.csv'}: cannot write: {taken} is a file, not a folder"),
    ]
    for command, message in cases:
        result = run(command[0], missing, "--scenario", scenario, *command[1:])
        assert (result.exit_code, result.stderr) == (2, message + "\n"), command
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json", "scenario", "taken"]


def test_a_folder_that_refuses_files_is_one_line(files: tuple[str, str], tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    plan, scenario = files

    def denied(**kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied", str(kwargs["dir"]))

    monkeypatch.setattr(outputs.tempfile, "mkstemp", denied)
    result = run("report", plan, "--scenario", scenario, "-o", str(tmp_path / "ro" / "report.html"))
    assert (result.exit_code, result.stderr) == (2, f"{tmp_path / 'ro' / 'report.html'}: cannot write: Permission denied\n")
    assert not (tmp_path / "ro").exists()


def test_a_write_error_is_one_line_naming_the_file(files: tuple[str, str], tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    plan, scenario = files

    def disk_full(path: object, data: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(sheets, "write_atomic", disk_full)
    result = run("sheets", plan, "--scenario", scenario, "-o", str(tmp_path / "s"))
    first = sheet_filename(solved()[1].routes[0].vehicle)
    assert (result.exit_code, result.stderr) == (2, f"{tmp_path / 's' / first}.csv: cannot write: No space left on device\n")


def test_report_of_a_site_study_shows_its_candidates_and_ranking(files: tuple[str, str], tmp_path: Path) -> None:
    _, scenario = files
    study = tmp_path / "site"
    result = run("site", scenario, "--open", "1", "--top", "1", "--iterations", "100", "--seeds", "2", "--workers", "1",
                 "--out", str(study), "--quiet")
    assert result.exit_code in (0, 3), result.output
    data = json.loads((study / "site.json").read_text(encoding="utf-8"))
    choice = data["choices"][0]
    out = tmp_path / "report.html"
    result = run("report", str(study / "base" / "plan.json"), "--scenario", scenario, "-o", str(out),
                 "--comparison", str(study / "site.json"))
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert 'id="site-map"' in page and 'id="site-table"' in page and 'data-site="S9"' in page
    assert f'<tr data-choice="{choice["name"]}">' in page
    low, high = choice["saving_interval"]["low"], choice["saving_interval"]["high"]
    assert f"[{low:,.2f}, {high:,.2f}]" in page
