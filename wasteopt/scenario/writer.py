"""Write a scenario as ``scenario.yaml`` plus CSV tables, so that loading the files gives it back exactly.

Rooms and stations go to ``rooms.csv`` and ``stations.csv`` (they are spreadsheets in real life); the
short sections stay inline in the YAML. Floats are written with Python's shortest round-trip repr,
clock times as ``HH:MM``; columns that are empty in every row are left out. The matrix and road file
paths are written relative to the directory, as a user would write them. Files are replaced atomically.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter

from wasteopt.files import write_atomic
from wasteopt.scenario.models import Room, Scenario, Station
from wasteopt.scenario.yaml_source import IMPLICIT_RESOLVERS



class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]  # libyaml when present
    """Safe dumper that also quotes every string our loader would read as a number (``0E0``)."""


_Dumper.yaml_implicit_resolvers = {
    first: list(yaml.SafeDumper.yaml_implicit_resolvers.get(first, []))
    + [r for r in IMPLICIT_RESOLVERS.get(first, []) if r not in yaml.SafeDumper.yaml_implicit_resolvers.get(first, [])]
    for first in {*yaml.SafeDumper.yaml_implicit_resolvers, *IMPLICIT_RESOLVERS}
}
_DUMPER = _Dumper

TABLES: dict[str, type] = {"rooms": Room, "stations": Station}
"""Sections written as CSV tables (the others are written inline)."""


def save_scenario(scenario: Scenario, directory: str | Path) -> Path:
    """Write ``directory/scenario.yaml`` and its tables; returns the YAML path."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    for name, model in TABLES.items():
        write_atomic(directory / f"{name}.csv", table_csv(getattr(scenario, name), model))
    target = directory / "scenario.yaml"
    write_atomic(target, scenario_yaml(scenario, directory))
    return target


def scenario_yaml(scenario: Scenario, directory: Path) -> str:
    """The text of ``scenario.yaml``: the top level inline, tables by relative path."""
    data = scenario.model_dump(mode="json", exclude_none=True, exclude=set(TABLES))
    ordered: dict[str, Any] = {key: data[key] for key in ("name", "description", "planning", "travel") if key in data}
    matrix = ordered.get("travel", {}).get("matrix")
    if matrix is not None:
        matrix["file"] = Path(os.path.relpath(matrix["file"], os.path.abspath(directory))).as_posix()
    if ordered.get("travel", {}).get("roads"):
        ordered["travel"]["roads"] = Path(os.path.relpath(ordered["travel"]["roads"], os.path.abspath(directory))).as_posix()
    ordered.update({name: f"{name}.csv" for name in TABLES})
    ordered.update({key: _id_first(value) for key, value in data.items() if key not in ordered})
    body = yaml.dump(ordered, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=100)
    return "# wasteopt scenario (format: `wasteopt schema`); rooms and stations are CSV tables beside this file.\n" + body


def table_csv(records: list[Any], model: type) -> str:
    """CSV text of ``records``: one column per model field (in model order) that is set (not empty) in some row."""
    rows = TypeAdapter(list[model]).dump_python(records, mode="json")
    columns = [name for name in _field_order(model) if any(row[name] not in (None, []) for row in rows)]
    if not rows:
        columns = [name for name, info in model.model_fields.items() if info.is_required()]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([row[name] for name in columns] for row in rows)  # csv writes None as "", floats by repr
    return buffer.getvalue()


def _field_order(model: type) -> list[str]:
    """Model fields with ``id`` and ``name`` first, as a person reads a table."""
    first = [name for name in ("id", "name") if name in model.model_fields]
    return first + [name for name in model.model_fields if name not in first]


def _id_first(value: Any) -> Any:
    """Inline records with ``id`` and ``name`` first, recursively; a record's empty lists (no breaks)
    are left out, as its empty fields are."""
    if isinstance(value, list):
        return [_id_first(item) for item in value]
    if isinstance(value, dict) and "id" in value:
        first = {key: value[key] for key in ("id", "name") if key in value}
        rest = {key: item for key, item in value.items() if key not in first and item != []}
        return {**first, **{key: _id_first(item) for key, item in rest.items()}}
    return value
