"""Read one sheet of an ``.xlsx`` workbook as a table of a scenario (``rooms.xlsx``, ...), as a CSV
table is read: row 1 holds the field names, each further row is one record, an empty cell means
"not given", a row with no value is skipped.

Every problem names its cell the way Excel does, ``rooms.xlsx:收集房!B17: waste_kg_per_day: ...``
(a required column that is missing: the first free cell of the header row, where it would go). A
file that is no workbook (a CSV named ``.xlsx``, an old ``.xls``) is refused saying what it is.
Values are turned into what the model reads by :mod:`wasteopt.scenario.xlsx_values`.
"""

from __future__ import annotations

import datetime
import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import openpyxl
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import BaseModel

from wasteopt.scenario.csv_table import TEXT_FIELDS
from wasteopt.scenario.errors import Problem
from wasteopt.scenario.field_kinds import field_kinds
from wasteopt.scenario.file_kind import TEXT, XLS, XLSX, describe_kind, kind_of
from wasteopt.scenario.header import check_header, missing_required
from wasteopt.scenario.text_file import read_bytes
from wasteopt.scenario.xlsx_values import CellError, convert


@dataclass
class SheetRow:
    """One record's row: its number, the values given by field, and every field's cell (``Sheet!B17``)."""

    row: int
    values: dict[str, Any]
    cells: dict[str, str]
    first_cell: str
    """The row's cell in column A: where a problem of the whole record is shown."""


@dataclass
class SheetTable:
    """The rows of a sheet, the required columns it lacks, and the name of the sheet read."""

    rows: list[SheetRow] = field(default_factory=list)
    missing_columns: frozenset[str] = frozenset()
    sheet: str = ""


def read_sheet(path: Path, display: str, model: type[BaseModel], sheet: str | None = None) -> tuple[SheetTable, list[Problem]]:
    """Read sheet ``sheet`` (default: the first) of workbook ``path`` as a table of ``model`` records."""
    workbook, problems = _open(path, display)
    if workbook is None:
        return SheetTable(), problems
    names = [ws.title for ws in workbook.worksheets]
    if sheet is not None and sheet not in names:
        return SheetTable(), [Problem(display, None, "sheet", f"no sheet named {sheet!r} (sheets: {', '.join(names)})")]
    worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
    return _read(worksheet, display, model, workbook.epoch)


def cell_address(sheet: str, column: int, row: int) -> str:
    """``收集房!B17`` for column 2 (1-based), row 17; the sheet name quoted as Excel does when it holds
    anything but letters, digits and ``_`` (``'说明 (help)'!A1``)."""
    plain = sheet and all(ch.isalnum() or ch == "_" for ch in sheet) and not sheet[0].isdigit()
    shown = sheet if plain else "'" + sheet.replace("'", "''") + "'"
    return f"{shown}!{get_column_letter(column)}{row}"


def _open(path: Path, display: str) -> tuple[Workbook | None, list[Problem]]:
    """The workbook (cached formula results as values), or ``None`` and why it cannot be read."""
    raw, problems = read_bytes(path, display)
    if raw is None:
        return None, problems
    kind = kind_of(raw[:4096])
    if kind != XLSX:
        return None, [Problem(display, None, "file", _not_a_workbook(kind, display))]
    try:
        with warnings.catch_warnings():  # openpyxl warns about Excel features it skips (validation, styles)
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(raw), data_only=True), []
    except Exception as error:  # noqa: BLE001  (a broken archive fails in many ways inside openpyxl)
        return None, [Problem(display, None, "file", f"cannot be read as an Excel workbook ({type(error).__name__}: {error})")]


def _not_a_workbook(kind: str, display: str) -> str:
    """Why a file named ``.xlsx`` is not read as a workbook, and what to do."""
    if kind == TEXT:
        csv_name = PurePosixPath(display).with_suffix(".csv").name
        return (f"is not an Excel workbook but text (a CSV table?); rename it {csv_name} and give that "
                "name in scenario.yaml, or open it in Excel and save it as an Excel workbook (.xlsx)")
    if kind == XLS:
        return f"is {describe_kind(kind)}, which is not read; open it in Excel and save it as an Excel workbook (.xlsx)"
    return f"is {describe_kind(kind)}, not an Excel workbook (.xlsx)"


def _read(ws: Worksheet, display: str, model: type[BaseModel], epoch: datetime.datetime) -> tuple[SheetTable, list[Problem]]:
    table = SheetTable(sheet=ws.title)
    rows = ws.iter_rows(values_only=True)
    names = [_header_name(value) for value in next(rows, ())]
    while names and not names[-1]:
        names.pop()
    if not names:
        return table, [Problem(display, 1, "header", "the sheet is empty (expected the column names in row 1)",
                               cell_address(ws.title, 1, 1))]
    columns, issues = check_header(names, model, allow_unnamed=True)
    problems = [Problem(display, 1, issue.label, issue.message, cell_address(ws.title, issue.position + 1, 1))
                for issue in issues]
    table.missing_columns = missing_required(columns, model)
    free = cell_address(ws.title, len(names) + 1, 1)
    problems += [Problem(display, 1, name, "required column is missing", free) for name in sorted(table.missing_columns)]
    kinds = field_kinds(model)
    for number, values in enumerate(rows, start=2):
        if all(value is None or (isinstance(value, str) and not value.strip()) for value in values):
            continue
        row, found = _row(ws.title, number, values, names, columns, kinds, epoch, display)
        problems += found
        table.rows.append(row)
    return table, problems


def _row(sheet: str, number: int, values: tuple[Any, ...], names: list[str], columns: list[str | None],
         kinds: dict[str, str], epoch: datetime.datetime, display: str) -> tuple[SheetRow, list[Problem]]:
    """One data row: the values given by field, each field's cell, and problems with single cells
    (a value under no column name; a column refused in the header is reported there only)."""
    row = SheetRow(number, {}, {}, cell_address(sheet, 1, number))
    problems: list[Problem] = []
    for position, name in enumerate(columns):
        if name is not None:
            row.cells[name] = cell_address(sheet, position + 1, number)
    for position, value in enumerate(values):
        name = columns[position] if position < len(columns) else None
        address = cell_address(sheet, position + 1, number)
        if name is None:
            unnamed = position >= len(names) or not names[position]
            if unnamed and value is not None and not (isinstance(value, str) and not value.strip()):
                problems.append(Problem(display, number, f"column {get_column_letter(position + 1)}",
                                        "has a value but no column name in row 1", address))
            continue
        if isinstance(value, str) and name not in TEXT_FIELDS:
            value = value.strip()
        try:
            converted = convert(value, kinds[name], epoch)
        except CellError as error:
            problems.append(Problem(display, number, name, str(error), address))
            continue
        if converted is not None:
            row.values[name] = converted
    return row, problems


def _header_name(value: Any) -> str:
    """A header cell as a column name (numbers as text, blanks trimmed; empty for an empty cell)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()
