"""CLI commands about the road network: ``network build`` (an OpenStreetMap extract → travel files).

``wasteopt network build SCENARIO --osm FILE --out DIR`` reads the extract, snaps the scenario's
places to its roads and writes ``DIR/matrix.npz`` (the ordinary matrix-file format, which the
scenario then names as ``travel: {model: matrix, matrix: {file: DIR/matrix.npz}}``), a table per
vehicle class, and ``DIR/roads.npz`` for drawing legs along the roads. A place farther than the
profile's ``max_snap_m`` from any road is a warning naming its file and line; places with no route
to the rest are an error naming them (exit status 2). Districts the engine splits into regions
(more rooms than its decomposition threshold) get no places × places table, only the road graph
and the legs between every place and the stations, plants and garages; the scenario then names it
as ``travel: {model: roads, roads: DIR/roads.npz}`` and travel is computed on demand.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from wasteopt.commands.common import EXIT_BAD_INPUT, reports_bad_input
from wasteopt.commands.outputs import check_writable
from wasteopt.network.osm_build import BuildResult, Disconnected, build_network
from wasteopt.network.osm_files import MATRIX, ROADS, class_file
from wasteopt.network.osm_places import scenario_places
from wasteopt.network.osm_profile import load_profile
from wasteopt.network.osm_read import OsmUnavailable
from wasteopt.network.osm_snap import NoRoads
from wasteopt.solve.decompose.coordinate import DECOMPOSE_ABOVE

OSM_SUFFIXES = (".osm.pbf", ".pbf", ".osm", ".osm.bz2", ".osm.gz", ".o5m")


@click.group("network")
def network_group() -> None:
    """Road networks: travel distances and times from an OpenStreetMap extract, offline."""


@network_group.command("build")
@click.argument("scenario", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--osm", "osm", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="OpenStreetMap extract: .osm.pbf or .osm (XML).")
@click.option("--profile", "profile_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="YAML road profile overriding the defaults (speeds, max_snap_m, vehicle classes).")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for matrix.npz, the per-class tables, roads.npz and build.json.")
@click.option("--on-demand", is_flag=True,
              help=f"Write no places × places table, only the road graph (automatic above {DECOMPOSE_ABOVE} rooms).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes for the shortest-path searches of large builds (default: all cores).")
@reports_bad_input
def build_command(scenario: Path, osm: Path, profile_path: Path | None, out: Path, on_demand: bool,
                  workers: int | None) -> None:
    """Road travel for SCENARIO's places from the extract --osm, written to --out."""
    check_writable(folders=[out])
    if not osm.is_file():
        _refuse(f"{osm}: no such file")
    if not str(osm).lower().endswith(OSM_SUFFIXES):
        _refuse(f"{osm}: not an OpenStreetMap file (.osm.pbf or .osm)")
    profile = load_profile(profile_path)
    read = scenario_places(scenario)
    full = not on_demand and len(read.rooms) <= DECOMPOSE_ABOVE
    try:
        rooms = set(read.rooms)
        hubs = [pid for pid, _, _ in read.places if pid not in rooms]
        result = build_network(read.places, osm, profile, out, read.classes, full, hubs, workers or os.cpu_count() or 1)
    except Disconnected as error:
        for pid in error.ids:
            click.echo(f"{read.origins.get(pid, scenario)}: {pid}: no road route to the rest of the district "
                       "(an island, a road cut off, or one-way only)", err=True)
        sys.exit(EXIT_BAD_INPUT)
    except OsmUnavailable as error:
        _refuse(str(error))
    except NoRoads as error:
        _refuse(f"{osm}: {error}")
    except (RuntimeError, OSError) as error:  # pyosmium: an unreadable file
        _refuse(f"{osm}: cannot read: {error}")
    for line in _summary(result, osm, len(read.places)):
        click.echo(line)
    for pid in result.far:
        click.echo(f"warning: {read.origins.get(pid, scenario)}: {pid} is {result.snap_m[pid]:,.0f} m from the nearest "
                   f"road (max_snap_m {profile.max_snap_m:g}): check its lat/lon, or the extract covers too little")


def _summary(result: BuildResult, osm: Path, places: int) -> list[str]:
    """What the build did, where the files are, and how the scenario uses them."""
    lines = [f"reused {result.out}: same extract, profile, places and classes" if result.reused else
             f"roads: {result.nodes:,} nodes, {result.edges:,} one-way edges from {osm}, {result.joined_edges:,} "
             f"after joining road pieces ({result.seconds:.1f} s)"]
    farthest = max(result.snap_m.items(), key=lambda kv: kv[1], default=None)
    if farthest is not None:
        lines.append(f"places: {places} snapped to the roads, farthest {farthest[1]:,.0f} m ({farthest[0]})")
    if not result.full:
        lines.append(f"{'kept' if result.reused else 'wrote'} {result.out / ROADS} (the road graph; no table: travel is computed on demand)")
        lines.append(f"use it in the scenario: travel: {{model: roads, roads: {result.out / ROADS}}}")
        return lines
    classes = result.classes
    lines.append(f"{'kept' if result.reused else 'wrote'} {result.out / MATRIX} (vehicle class {classes[0]}), "
                 + ", ".join(str(result.out / class_file(k)) for k in classes) + f", {result.out / ROADS}")
    for pid, limit in sorted(result.road_limits.items()):
        said = f"class {limit} at most" if limit is not None else "no class of the fleet"
        lines.append(f"roads: {pid} is reached by {said} (tracks, maxwidth or maxweight)")
    lines.append(f"use it in the scenario: travel: {{model: matrix, matrix: {{file: {result.out / MATRIX}}}}}")
    return lines


def _refuse(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(EXIT_BAD_INPUT)


COMMANDS: list[click.Command] = [network_group]
