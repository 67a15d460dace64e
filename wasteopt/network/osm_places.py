"""The places of a scenario as a road build needs them: id, lat/lon, the line each was written on,
and the fleet's vehicle classes.

The build reads the place and fleet sections itself, record by record as the loader does
(:func:`wasteopt.scenario.sections.read_section`, inline YAML or a table), rather than loading the
whole scenario: a scenario that already points at the build's ``matrix.npz`` would otherwise be
refused for the very places the build is about to add. Each place keeps where it was written
(``rooms.csv:17``), so a warning about a place far from any road names the line to fix.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from wasteopt.scenario.checks import LOCATION_SECTIONS
from wasteopt.scenario.errors import Problem, ScenarioError
from wasteopt.scenario.sections import read_section
from wasteopt.scenario.yaml_source import read_yaml


@dataclass
class ScenarioPlaces:
    """Places in scenario order (rooms, stations, plants, garages), where each was written, the rooms'
    ids and the vehicle classes of the collection fleet."""

    places: list[tuple[str, float, float]] = field(default_factory=list)
    origins: dict[str, str] = field(default_factory=dict)
    rooms: list[str] = field(default_factory=list)
    classes: list[int] = field(default_factory=list)


def scenario_places(path: str | Path) -> ScenarioPlaces:
    """Read the places and fleet classes of ``scenario.yaml``; raises :class:`ScenarioError` with every
    problem (a bad record, a place in x/y: OpenStreetMap needs lat/lon, a repeated id)."""
    display = str(path)
    document, problems = read_yaml(Path(path), display)
    if document is None:
        raise ScenarioError(problems)
    if not isinstance(document.data, dict):
        raise ScenarioError([Problem(display, 1, "yaml", "must be a mapping of sections (name:, rooms:, stations:, ...)")])
    out = ScenarioPlaces()
    for name in (*LOCATION_SECTIONS, "fleet"):
        if name not in document.data:
            continue
        section, found = read_section(name, document.data[name], document, display, Path(path).parent, os.path.dirname(display))
        problems += found
        for record, origin in section.records:
            if name == "fleet":
                out.classes.append(record.vehicle_class)
            elif not record.is_geographic:
                problems.append(origin.problem("x", "OpenStreetMap roads need places in lat/lon, not x/y"))
            elif record.id in out.origins:
                problems.append(origin.problem("id", f"duplicate place id '{record.id}' (first at {out.origins[record.id]})"))
            else:
                out.places.append((record.id, float(record.lat), float(record.lon)))
                out.origins[record.id] = str(origin)
                if name == "rooms":
                    out.rooms.append(record.id)
    if problems:
        raise ScenarioError(problems)
    return out
