"""CLI commands about scenarios: ``check`` (validate and summarise), ``schema``, ``generate``,
``template`` (an empty scenario to fill in).

``check`` also runs the solve layer's reachability screen, so a manager learns before any planning
which rooms no truck can ever serve, and why (the scenario layer may not import the solver); it
states how each input file was read (encoding, or workbook sheet). ``check`` speaks the language of
``--lang`` (:func:`wasteopt.i18n.choose_language`: else ``WASTEOPT_LANG``, the scenario's
``language:``, the locale); a scenario that does not load is reported in the language chosen without
it (the common problems in Chinese: :func:`wasteopt.scenario.messages.problems_in`).
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from wasteopt.commands.common import UnwritableOutput, lang_option, reports_bad_input
from wasteopt.i18n import choose_language, text
from wasteopt.network import network_for
from wasteopt.scenario.generate import DEFAULT_SEED, PRESETS, generate
from wasteopt.scenario.loader import load_with_files
from wasteopt.scenario.messages import problems_in
from wasteopt.scenario.models import Scenario
from wasteopt.scenario.summary import summary_lines, unservable_warnings, warnings
from wasteopt.scenario.template import existing_files, write_template
from wasteopt.scenario.writer import save_scenario
from wasteopt.solve.collection.reachability import unservable_rooms


@click.command("check")
@click.argument("scenario", type=click.Path(dir_okay=False, path_type=Path))
@lang_option
@reports_bad_input
def check(scenario: Path, lang: str | None) -> None:
    """Validate SCENARIO (scenario.yaml) and print a summary; exit 2 listing every problem."""
    with problems_in(choose_language(lang)):
        loaded, files = load_with_files(scenario)
    lang = choose_language(lang, loaded)
    for line in summary_lines(loaded, files, lang):
        click.echo(line)
    for warning in warnings(loaded, lang) + unservable_warnings(never_served(loaded), lang=lang):
        click.echo(text("check.warning", lang, warning=warning))


def never_served(scenario: Scenario) -> dict[str, str]:
    """Rooms no truck can serve whatever the plan (room id → reason), with today's stations and the
    trucks in service. Nothing when no station is in use: the summary warns about that already."""
    if not scenario.active_stations:
        return {}
    types = [vt for vt in scenario.fleet if vt.count > 0]
    return unservable_rooms(scenario, network_for(scenario), scenario.rooms, scenario.active_stations, types)


@click.command("schema")
def schema() -> None:
    """Print the JSON Schema of the scenario format."""
    click.echo(json.dumps(Scenario.model_json_schema(), indent=2, ensure_ascii=False))


@click.command("generate")
@click.argument("preset", type=click.Choice(sorted(PRESETS)), default="zhangdian")
@click.option("--rooms", type=click.IntRange(min=1), default=None, help="Collection rooms (default: the preset's).")
@click.option("--stations", type=click.IntRange(min=1), default=None,
              help="Existing transfer stations (default: the preset's, scaled with --rooms).")
@click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True, help="Random seed; same seed, same files.")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Directory to write scenario.yaml and its CSV tables to.")
def generate_cmd(preset: str, rooms: int | None, stations: int | None, seed: int, out: Path) -> None:
    """Write a synthetic scenario following PRESET (default zhangdian) to --out."""
    scenario = generate(preset, rooms=rooms, stations=stations, seed=seed)
    path = save_scenario(scenario, out)
    click.echo(f"wrote {path}: {len(scenario.rooms)} rooms, {len(scenario.active_stations)} stations "
               f"(+{len(scenario.stations) - len(scenario.active_stations)} candidate sites)")


@click.command("template")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Directory to write the template to (created if missing).")
@click.option("--force", is_flag=True, help="Replace template files already in --out.")
@reports_bad_input
def template(out: Path, force: bool) -> None:
    """Write an empty scenario to fill in: scenario.yaml, rooms/stations as .xlsx and CSV, README.txt
    (every column explained in Chinese and English). Existing files are kept unless --force."""
    if not force:
        present = existing_files(out)
        if present:
            raise UnwritableOutput(str(present[0]), "exists (use --force to replace the template files)")
    try:
        written = write_template(out)
    except OSError as error:
        raise UnwritableOutput(str(error.filename or out), error.strerror or str(error)) from error
    click.echo(f"wrote {out}: " + ", ".join(path.name for path in written))
    click.echo(f"fill in the tables, then: wasteopt check {out / 'scenario.yaml'}")


COMMANDS: list[click.Command] = [check, schema, generate_cmd, template]
