"""CLI commands of the report area: ``report`` (offline HTML, optional PNGs), ``sheets`` (driver
sheets), ``export`` (GeoJSON or a CSV of stops). Thin: check the outputs can be written, read the
inputs, call ``wasteopt.report``, write atomically, say what was written. Unreadable inputs and
unwritable outputs are one line each and exit status 2.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from wasteopt.commands.common import reports_bad_input
from wasteopt.commands.outputs import check_writable, writing
from wasteopt.commands.plan_cmds import load_scenario_and_plan
from wasteopt.files import write_atomic
from wasteopt.plan.models import Plan
from wasteopt.report.checks import plan_problems
from wasteopt.report.geojson import NotGeographic, plan_geojson
from wasteopt.report.html import render_report
from wasteopt.report.png import PLOTS, PlotsUnavailable, write_pngs
from wasteopt.report.sheets import sheet_filename, write_sheets
from wasteopt.report.stops_csv import stops_csv
from wasteopt.scenario.errors import Problem, ScenarioError
from wasteopt.scenario.models import Scenario


def load_inputs(plan_path: str, scenario_path: str) -> tuple[Scenario, Plan]:
    """The scenario (with the plan's variants applied) and the plan. A scenario problem or a plan id
    the scenario lacks is a ScenarioError; an unreadable plan file is one line on stderr, exit 2."""
    scenario, plan = load_scenario_and_plan(scenario_path, plan_path)
    problems = plan_problems(scenario, plan, plan_path)
    if problems:
        raise ScenarioError(problems)
    return scenario, plan


def read_comparison(path: str) -> Any:
    """The parsed ``comparison.json`` (shape checked loosely by the report itself)."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ScenarioError([Problem(path, None, "comparison", f"cannot read: {getattr(error, 'strerror', None) or error}")]) from None
    except json.JSONDecodeError as error:
        raise ScenarioError([Problem(path, error.lineno, "comparison", f"not valid JSON: {error.msg}")]) from None


def _size(path: Path) -> str:
    return f"{path.stat().st_size / 1024:,.0f} kB"


@click.command("report")
@click.argument("plan_path", metavar="PLAN", type=click.Path(dir_okay=False))
@click.option("--scenario", "scenario_path", required=True, type=click.Path(dir_okay=False), help="The plan's scenario.yaml.")
@click.option("-o", "--out", "out_path", default="report.html", show_default=True, type=click.Path(dir_okay=False),
              help="HTML file to write.")
@click.option("--comparison", "comparison_path", type=click.Path(dir_okay=False),
              help="comparison.json from `wasteopt compare`: show the variants side by side.")
@click.option("--png", "png_dir", type=click.Path(file_okay=False), help="Also write PNG plots into this folder.")
@reports_bad_input
def report_command(plan_path: str, scenario_path: str, out_path: str, comparison_path: str | None, png_dir: str | None) -> None:
    """Write one self-contained HTML report of PLAN (map, KPIs, station loads, timelines, tables).

    The file needs no network: open it on any PC, offline."""
    check_writable(files=[out_path, *((Path(png_dir) / name for name in PLOTS) if png_dir else ())])
    scenario, plan = load_inputs(plan_path, scenario_path)
    comparison = read_comparison(comparison_path) if comparison_path else None
    page = render_report(scenario, plan, comparison)
    with writing(out_path):
        write_atomic(out_path, page)
    click.echo(f"wrote {out_path} ({_size(Path(out_path))})")
    if png_dir:
        try:
            with writing(png_dir):
                for path in write_pngs(scenario, plan, png_dir):
                    click.echo(f"wrote {path}")
        except PlotsUnavailable as error:
            raise ScenarioError([Problem(png_dir, None, "png", str(error))]) from None


@click.command("sheets")
@click.argument("plan_path", metavar="PLAN", type=click.Path(dir_okay=False))
@click.option("--scenario", "scenario_path", required=True, type=click.Path(dir_okay=False), help="The plan's scenario.yaml.")
@click.option("-o", "--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder for the sheets.")
@reports_bad_input
def sheets_command(plan_path: str, scenario_path: str, out_dir: str) -> None:
    """Write a driver sheet per truck of PLAN: OUT/<truck>.csv, OUT/<truck>.html (printable), OUT/index.html."""
    check_writable(folders=[out_dir], files=[Path(out_dir) / "index.html"])
    scenario, plan = load_inputs(plan_path, scenario_path)
    stems = [sheet_filename(route.vehicle) for route in plan.routes]
    check_writable(files=[Path(out_dir) / f"{stem}.{ext}" for stem in stems for ext in ("csv", "html")])
    with writing(out_dir):
        write_sheets(scenario, plan, out_dir)
    click.echo(f"wrote sheets for {len(plan.routes)} trucks to {out_dir} (open {Path(out_dir) / 'index.html'})")


@click.command("export")
@click.argument("plan_path", metavar="PLAN", type=click.Path(dir_okay=False))
@click.option("--scenario", "scenario_path", required=True, type=click.Path(dir_okay=False), help="The plan's scenario.yaml.")
@click.option("--format", "fmt", required=True, type=click.Choice(["geojson", "csv"]),
              help="geojson: places and trips for GIS (RFC 7946); csv: every stop, for spreadsheets.")
@click.option("-o", "--out", "out_path", required=True, type=click.Path(dir_okay=False), help="File to write.")
@reports_bad_input
def export_command(plan_path: str, scenario_path: str, fmt: str, out_path: str) -> None:
    """Export PLAN as GeoJSON (rooms, stations, garages, plants, one line per trip) or as a CSV of stops."""
    check_writable(files=[out_path])
    scenario, plan = load_inputs(plan_path, scenario_path)
    if fmt == "geojson":
        try:
            collection = plan_geojson(scenario, plan)
        except NotGeographic as error:
            raise ScenarioError([Problem(scenario_path, None, "coordinates", str(error))]) from None
        with writing(out_path):
            write_atomic(out_path, json.dumps(collection, ensure_ascii=False) + "\n")
        lines = sum(1 for f in collection["features"] if f["geometry"]["type"] == "LineString")
        click.echo(f"wrote {out_path}: {len(collection['features']) - lines} places, {lines} trip lines")
    else:
        with writing(out_path):
            write_atomic(out_path, stops_csv(scenario, plan))
        click.echo(f"wrote {out_path}: {sum(len(r.stops) for r in plan.routes)} stops")


COMMANDS: list[click.Command] = [report_command, sheets_command, export_command]
