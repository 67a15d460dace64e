"""Read one CSV table of a scenario (``rooms.csv``, ``stations.csv``, ...) into rows of raw cells.

Column names are the model's field names, so a manager can fill a template in a spreadsheet. Problems
with the table itself (unknown or missing columns, rows with the wrong number of cells, bad encoding)
are found here, each with its line (the header is line 1); the values are checked later by the model.
An empty cell means "not given" (the field's default, or an error if the field is required).
"""

from __future__ import annotations

import csv
import difflib
import io
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from wasteopt.scenario.errors import Problem
from wasteopt.scenario.text_file import read_text

TEXT_FIELDS = frozenset({"name", "town", "village", "description"})
"""Free-text columns kept exactly as written (other cells are stripped of surrounding blanks)."""


@dataclass
class CsvTable:
    """The rows of a table (line number, cells given) and the required columns it lacks."""

    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    missing_columns: frozenset[str] = frozenset()


def read_table(path: Path, display: str, model: type[BaseModel]) -> tuple[CsvTable, list[Problem]]:
    """Read ``path`` as a table of ``model`` records; problems name ``display`` and the line."""
    text, problems = read_text(path, display)
    if text is None:
        return CsvTable(), problems
    reader = csv.reader(io.StringIO(text, newline=""))
    table = CsvTable()
    try:
        header = next(reader, None)
        if header is None or not any(cell.strip() for cell in header):
            return table, [Problem(display, 1, "header", "the file is empty (expected a header row of column names)")]
        columns, problems = _check_header([cell.strip() for cell in header], display, model)
        table.missing_columns = frozenset(
            name for name, info in model.model_fields.items() if info.is_required() and name not in columns
        )
        problems += [Problem(display, 1, name, "required column is missing") for name in sorted(table.missing_columns)]
        line = reader.line_num
        for cells in reader:
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(columns):
                problems.append(Problem(display, start, "row", f"has {len(cells)} cells, the header has {len(columns)}"))
                continue
            table.rows.append((start, _cells(columns, cells)))
    except csv.Error as error:
        problems.append(Problem(display, reader.line_num, "csv", f"not valid CSV: {error}"))
    return table, problems


def _check_header(names: list[str], display: str, model: type[BaseModel]) -> tuple[list[str | None], list[Problem]]:
    """Columns to keep by position (``None`` = skip) and problems with unknown / repeated / unnamed ones."""
    known = list(model.model_fields)
    columns: list[str | None] = []
    problems: list[Problem] = []
    for position, name in enumerate(names, start=1):
        shown = name if name.isprintable() and ":" not in name else repr(name)  # keeps FILE:LINE: field: parseable
        if not name:
            problems.append(Problem(display, 1, f"column {position}", "has no name"))
            columns.append(None)
        elif name in columns:
            problems.append(Problem(display, 1, shown, "column appears twice"))
            columns.append(None)
        elif name not in known:
            guess = difflib.get_close_matches(name, known, n=1)
            hint = f" (did you mean '{guess[0]}'?)" if guess else ""
            problems.append(Problem(display, 1, shown, f"unknown column{hint}"))
            columns.append(None)
        else:
            columns.append(name)
    return columns, problems


def _cells(columns: list[str | None], cells: list[str]) -> dict[str, str]:
    """The non-empty cells of a row by column name (text columns verbatim, others stripped)."""
    row: dict[str, str] = {}
    for name, cell in zip(columns, cells):
        if name is None:
            continue
        value = cell if name in TEXT_FIELDS else cell.strip()
        if value != "":
            row[name] = value
    return row
