"""Read and validate the list sections of a scenario (rooms, stations, ...), one record at a time.

Each section is either written inline in ``scenario.yaml`` or given as a relative path to a CSV table.
Records are validated one by one so that every bad record is reported (with its own line) and the
good ones can still be cross-checked; each record keeps an :class:`Origin` saying where it came from.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from wasteopt.scenario.csv_table import read_table
from wasteopt.scenario.errors import Problem
from wasteopt.scenario.messages import describe, field_label
from wasteopt.scenario.models import Garage, HaulTruckType, Plant, Room, Station, VehicleType
from wasteopt.scenario.yaml_source import YamlDocument

SECTIONS: dict[str, type[BaseModel]] = {
    "rooms": Room,
    "stations": Station,
    "plants": Plant,
    "garages": Garage,
    "fleet": VehicleType,
    "haul_fleet": HaulTruckType,
}
"""The list sections of a scenario and the model of one record of each."""


@dataclass(frozen=True)
class Origin:
    """Where one record was written: file, line, and (inline YAML) its label and per-field lines."""

    file: str
    line: int
    prefix: str = ""
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    def problem(self, name: str, message: str) -> Problem:
        """A problem with field ``name`` of this record."""
        label = f"{self.prefix}.{name}" if self.prefix and name else self.prefix or name or "record"
        return Problem(self.file, self.field_lines.get(name.split(".")[0], self.line), label, message)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class Section:
    """The valid records of one section with their origins, and whether any record was rejected."""

    records: list[tuple[Any, Origin]] = field(default_factory=list)
    complete: bool = True
    file: str | None = None
    """The CSV table's display name when the section came from one."""


def read_section(
    name: str, value: Any, document: YamlDocument, yaml_display: str, base: Path, base_display: str
) -> tuple[Section, list[Problem]]:
    """Read section ``name`` whose YAML value is ``value`` (a list of records or a CSV path)."""
    model = SECTIONS[name]
    line = document.line_of((name,))
    if isinstance(value, str):
        return _from_csv(model, base / value, _join(base_display, value))
    if isinstance(value, list):
        section, problems = Section(), []
        field_lines: dict[str, dict[str, int]] = {}
        for key, key_line in document.lines.items():
            if len(key) == 3 and key[0] == name:
                field_lines.setdefault(key[1], {})[key[2]] = key_line
        for index, raw in enumerate(value):
            lines = field_lines.get(str(index), {})
            origin = Origin(yaml_display, document.line_of((name, index)), f"{name}[{index}]", lines)
            problems += _validate(model, raw, origin, section)
        return section, problems
    kind = "nothing" if value is None else type(value).__name__
    problem = Problem(yaml_display, line, name, f"must be a list of records or the path of a CSV file, got {kind}")
    return Section(complete=False), [problem]


def _from_csv(model: type[BaseModel], path: Path, display: str) -> tuple[Section, list[Problem]]:
    table, problems = read_table(path, display, model)
    section = Section(complete=not problems, file=display)
    for line, cells in table.rows:
        problems += _validate(model, cells, Origin(display, line), section, table.missing_columns, csv=True)
    return section, problems


def _validate(
    model: type[BaseModel],
    raw: Any,
    origin: Origin,
    section: Section,
    skip_missing: frozenset[str] = frozenset(),
    csv: bool = False,
) -> list[Problem]:
    """Validate one record into ``section``; on failure mark the section incomplete and explain why."""
    try:
        record = model.model_validate(coerce_numbers(model, raw) if isinstance(raw, dict) else raw)
    except ValidationError as error:
        section.complete = False
        fields = set(model.model_fields)
        problems = []
        for detail in error.errors():
            if detail["type"] == "missing" and detail["loc"] and detail["loc"][0] in skip_missing:
                continue
            message = describe(detail, empty_cell=csv)
            problems.append(origin.problem(field_label(detail["loc"], message, fields), message))
        return problems
    section.records.append((record, origin))
    return []


def coerce_numbers(model: type[BaseModel], raw: dict[str, Any]) -> dict[str, Any]:
    """Turn number-like text in float fields into floats, so that ``nan`` / ``inf`` written as text
    meet the model's finiteness check instead of slipping through as strings."""
    numeric = _float_fields(model)
    out = dict(raw)
    for key, value in raw.items():
        if key in numeric and isinstance(value, str):
            try:
                out[key] = float(value)
            except ValueError:
                pass
    return out


_FLOAT_FIELDS: dict[type[BaseModel], frozenset[str]] = {}


def _float_fields(model: type[BaseModel]) -> frozenset[str]:
    if model not in _FLOAT_FIELDS:
        _FLOAT_FIELDS[model] = frozenset(name for name, info in model.model_fields.items() if _has_float(info.annotation))
    return _FLOAT_FIELDS[model]


def _has_float(annotation: Any) -> bool:
    if annotation is float:
        return True
    return any(_has_float(arg) for arg in typing.get_args(annotation))


def _join(base_display: str, relative: str) -> str:
    """How to show a table next to ``scenario.yaml``: as the user would type its path."""
    if not base_display or base_display == ".":
        return relative
    return f"{base_display.rstrip('/')}/{relative}"
