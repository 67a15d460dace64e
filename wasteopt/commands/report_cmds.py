"""CLI commands of the report area: ``report`` (offline HTML, optional PNGs), ``sheets`` (driver
sheets), ``export`` (GeoJSON or a CSV of stops). Thin: check the outputs can be written, read the
inputs, call ``wasteopt.report``, write atomically, say what was written. Unreadable inputs and
unwritable outputs are one line each and exit status 2. What they write and say is in the language
of ``--lang`` (:func:`wasteopt.i18n.choose_language`), and so are the common problems of a scenario
that does not load (:func:`wasteopt.scenario.messages.problems_in`); exports keep their field names.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from wasteopt.commands.common import lang_option, reports_bad_input
from wasteopt.commands.outputs import check_writable, writing
from wasteopt.commands.plan_cmds import load_scenario_and_plan
from wasteopt.files import write_atomic
from wasteopt.i18n import choose_language, text
from wasteopt.plan.models import Plan
from wasteopt.report.checks import plan_problems
from wasteopt.report.geojson import NotGeographic, plan_geojson
from wasteopt.report.html import render_report
from wasteopt.report.png import PLOTS, PlotsUnavailable, write_pngs
from wasteopt.report.sheets import FORMATS, sheet_files, write_sheets
from wasteopt.report.stops_csv import stops_csv
from wasteopt.scenario.errors import Problem, ScenarioError
from wasteopt.scenario.messages import problems_in
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
    """The parsed ``comparison.json`` or ``site.json`` (shape checked loosely by the report itself)."""
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
              help="comparison.json from `wasteopt compare` (the variants side by side) or site.json from "
                   "`wasteopt site` (the candidate sites on a map, coloured by saving, and their ranking).")
@click.option("--png", "png_dir", type=click.Path(file_okay=False), help="Also write PNG plots into this folder.")
@lang_option
@reports_bad_input
def report_command(plan_path: str, scenario_path: str, out_path: str, comparison_path: str | None, png_dir: str | None,
                   lang: str | None) -> None:
    """Write one self-contained HTML report of PLAN (map, KPIs, station loads, timelines, tables).

    The file needs no network: open it on any PC, offline. It prints on A4: every table row, the
    charts, a page per section."""
    check_writable(files=[out_path, *((Path(png_dir) / name for name in PLOTS) if png_dir else ())])
    with problems_in(choose_language(lang)):
        scenario, plan = load_inputs(plan_path, scenario_path)
    lang = choose_language(lang, scenario)
    comparison = read_comparison(comparison_path) if comparison_path else None
    page = render_report(scenario, plan, comparison, lang)
    with writing(out_path):
        write_atomic(out_path, page)
    click.echo(text("cli.wrote_report", lang, path=out_path, size=_size(Path(out_path))))
    if png_dir:
        try:
            with writing(png_dir):
                for path in write_pngs(scenario, plan, png_dir):
                    click.echo(text("cli.wrote_png", lang, path=path))
        except PlotsUnavailable as error:
            raise ScenarioError([Problem(png_dir, None, "png", str(error))]) from None


@click.command("sheets")
@click.argument("plan_path", metavar="PLAN", type=click.Path(dir_okay=False))
@click.option("--scenario", "scenario_path", required=True, type=click.Path(dir_okay=False), help="The plan's scenario.yaml.")
@click.option("-o", "--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder for the sheets.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True,
              help="The spreadsheet: a CSV per truck, or one workbook OUT/sheets.xlsx (a summary sheet, a sheet per truck).")
@lang_option
@reports_bad_input
def sheets_command(plan_path: str, scenario_path: str, out_dir: str, fmt: str, lang: str | None) -> None:
    """Write a driver sheet per truck of PLAN: OUT/<truck>.csv (or, with --format xlsx, one workbook
    OUT/sheets.xlsx), OUT/<truck>.html (printable), OUT/index.html and OUT/print.html (every truck,
    a page each)."""
    check_writable(folders=[out_dir], files=[Path(out_dir) / "index.html"])
    with problems_in(choose_language(lang)):
        scenario, plan = load_inputs(plan_path, scenario_path)
    lang = choose_language(lang, scenario)
    check_writable(files=[Path(out_dir) / name for name in sheet_files(plan, fmt)])
    with writing(out_dir):
        write_sheets(scenario, plan, out_dir, lang, fmt)
    click.echo(text("cli.wrote_sheets", lang, n=len(plan.routes), folder=out_dir, index=Path(out_dir) / "index.html"))


@click.command("export")
@click.argument("plan_path", metavar="PLAN", type=click.Path(dir_okay=False))
@click.option("--scenario", "scenario_path", required=True, type=click.Path(dir_okay=False), help="The plan's scenario.yaml.")
@click.option("--format", "fmt", required=True, type=click.Choice(["geojson", "csv"]),
              help="geojson: places and trips for GIS (RFC 7946); csv: every stop, for spreadsheets.")
@click.option("-o", "--out", "out_path", required=True, type=click.Path(dir_okay=False), help="File to write.")
@lang_option
@reports_bad_input
def export_command(plan_path: str, scenario_path: str, fmt: str, out_path: str, lang: str | None) -> None:
    """Export PLAN as GeoJSON (rooms, stations, garages, plants, one line per trip) or as a CSV of stops
    (field names as headers, whatever the language)."""
    check_writable(files=[out_path])
    with problems_in(choose_language(lang)):
        scenario, plan = load_inputs(plan_path, scenario_path)
    lang = choose_language(lang, scenario)
    if fmt == "geojson":
        try:
            collection = plan_geojson(scenario, plan)
        except NotGeographic as error:
            raise ScenarioError([Problem(scenario_path, None, "coordinates", str(error))]) from None
        with writing(out_path):
            write_atomic(out_path, json.dumps(collection, ensure_ascii=False) + "\n")
        lines = sum(1 for f in collection["features"] if f["geometry"]["type"] == "LineString")
        click.echo(text("cli.wrote_geojson", lang, path=out_path, places=len(collection["features"]) - lines, lines=lines))
    else:
        with writing(out_path):
            write_atomic(out_path, stops_csv(scenario, plan))
        click.echo(text("cli.wrote_stops", lang, path=out_path, n=sum(len(r.stops) for r in plan.routes)))


COMMANDS: list[click.Command] = [report_command, sheets_command, export_command]
