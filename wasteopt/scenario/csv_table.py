"""Read one CSV table of a scenario (``rooms.csv``, ``stations.csv``, ...) into rows of raw cells.

Column names are the model's field names, so a manager can fill a template in a spreadsheet. Problems
with the table itself (unknown or missing columns, rows with the wrong number of cells, bad encoding)
are found here, each with its line (the header is line 1); the values are checked later by the model.
An empty cell means "not given" (the field's default, or an error if the field is required). The
encoding (UTF-8, with or without BOM, or GB18030/GBK) is detected and kept, so ``check`` can say it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pydantic import BaseModel

from wasteopt.scenario.errors import Problem
from wasteopt.scenario.header import check_header, missing_required
from wasteopt.scenario.text_file import read_text

TEXT_FIELDS = frozenset({"name", "town", "village", "description"})
"""Free-text columns kept exactly as written (other cells are stripped of surrounding blanks)."""


@dataclass
class CsvTable:
    """The rows of a table (line number, cells given), the required columns it lacks, and the
    encoding the file was read in (empty when it could not be read)."""

    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    missing_columns: frozenset[str] = frozenset()
    encoding: str = ""


def read_table(path: Path, display: str, model: type[BaseModel]) -> tuple[CsvTable, list[Problem]]:
    """Read ``path`` as a table of ``model`` records; problems name ``display`` and the line."""
    hint = f"rename it {PurePosixPath(display).with_suffix('.xlsx').name} and give that name in scenario.yaml (a path ending in .xlsx is read as a workbook)"
    source, problems = read_text(path, display, workbook_hint=hint)
    if source is None:
        return CsvTable(), problems
    reader = csv.reader(io.StringIO(source.text, newline=""))
    table = CsvTable(encoding=source.encoding)
    try:
        header = next(reader, None)
        if header is None or not any(cell.strip() for cell in header):
            return table, [Problem(display, 1, "header", "the file is empty (expected a header row of column names)")]
        columns, issues = check_header([cell.strip() for cell in header], model)
        problems = [Problem(display, 1, issue.label, issue.message) for issue in issues]
        table.missing_columns = missing_required(columns, model)
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
