"""Read and validate the list sections of a scenario (rooms, stations, ...), one record at a time.

Each section is either written inline in ``scenario.yaml`` or given as a table: a relative path to
a CSV table or an ``.xlsx`` workbook, or ``{file: ..., sheet: ...}`` (see :mod:`wasteopt.scenario.table_ref`).
Records are validated one by one so that every bad record is reported (with its own line, or cell)
and the good ones can still be cross-checked; each record keeps an :class:`Origin` saying where it
came from.
"""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from wasteopt.scenario.csv_table import read_table
from wasteopt.scenario.errors import Problem
from wasteopt.scenario.input_files import InputFile, sheet_read_as
from wasteopt.scenario.messages import describe, field_label
from wasteopt.scenario.models import Garage, HaulTruckType, Plant, Room, Station, VehicleType
from wasteopt.scenario.table_ref import TableRef, hash_hint, table_ref
from wasteopt.scenario.xlsx_table import read_sheet
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
    """Where one record was written: file, line, (inline YAML) its label and per-field lines, and
    (a workbook) the row's first cell and each field's cell."""

    file: str
    line: int
    prefix: str = ""
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    cell: str = ""
    field_cells: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def problem(self, name: str, message: str) -> Problem:
        """A problem with field ``name`` of this record (in a sheet, ``lat/lon`` is placed at ``lat``'s cell)."""
        label = f"{self.prefix}.{name}" if self.prefix and name else self.prefix or name or "record"
        line = self.field_lines.get(name.split(".")[0], self.line)
        return Problem(self.file, line, label, message, self.field_cells.get(re.split(r"[./]", name)[0], self.cell))

    def __str__(self) -> str:
        return f"{self.file}:{self.cell or self.line}"


@dataclass
class Section:
    """The valid records of one section with their origins, and whether any record was rejected."""

    records: list[tuple[Any, Origin]] = field(default_factory=list)
    complete: bool = True
    source: InputFile | None = None
    """The table the section came from and how it was read (``None`` inline or when unreadable)."""


def read_section(
    name: str, value: Any, document: YamlDocument, yaml_display: str, base: Path, base_display: str
) -> tuple[Section, list[Problem]]:
    """Read section ``name`` whose YAML value is ``value`` (a list of records, or a table)."""
    model = SECTIONS[name]
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
    ref = table_ref(value, base, base_display)
    if isinstance(ref, str):
        return Section(complete=False), [Problem(yaml_display, document.line_of((name,)), name, ref)]
    section, problems = _from_workbook(model, ref) if ref.is_workbook else _from_csv(model, ref)
    hint = hash_hint(ref)
    if hint:
        problems = [Problem(p.file, p.line, p.field, p.message + hint, p.cell) if p.message == "no such file" else p
                    for p in problems]
    return section, problems


def _from_csv(model: type[BaseModel], ref: TableRef) -> tuple[Section, list[Problem]]:
    table, problems = read_table(ref.path, ref.display, model)
    source = InputFile(ref.display, table.encoding) if table.encoding else None
    section = Section(complete=not problems, source=source)
    for line, cells in table.rows:
        problems += _validate(model, cells, Origin(ref.display, line), section, table.missing_columns, csv=True)
    return section, problems


def _from_workbook(model: type[BaseModel], ref: TableRef) -> tuple[Section, list[Problem]]:
    table, problems = read_sheet(ref.path, ref.display, model, ref.sheet)
    source = InputFile(ref.display, sheet_read_as(table.sheet)) if table.sheet else None
    section = Section(complete=not problems, source=source)
    refused: dict[int | None, set[str]] = {}  # row → fields whose cell was refused in the sheet already
    for problem in problems:
        if problem.cell:
            refused.setdefault(problem.line, set()).add(problem.field)
    for row in table.rows:
        origin = Origin(ref.display, row.row, cell=row.first_cell, field_cells=row.cells)
        bad = frozenset(refused.get(row.row, ()))
        problems += _validate(model, row.values, origin, section, table.missing_columns | bad, csv=True, keep=not bad)
    return section, problems


def _validate(
    model: type[BaseModel],
    raw: Any,
    origin: Origin,
    section: Section,
    skip_missing: frozenset[str] = frozenset(),
    csv: bool = False,
    keep: bool = True,
) -> list[Problem]:
    """Validate one record into ``section`` (unless ``keep`` is false: a row already known bad); on
    failure mark the section incomplete and explain why."""
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
    if keep:
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
