"""Tables as one Excel workbook (``.xlsx``, openpyxl): a sheet per table, header row in bold and frozen,
numbers stored as numbers, each sheet set to print on A4 one page wide.

Knows nothing of plans: :mod:`wasteopt.report.sheets` hands it the driver sheets' tables.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

WORKBOOK = "sheets.xlsx"
"""The file name of the driver sheets' workbook."""

MAX_TITLE = 31
"""Excel's longest sheet name."""

FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
"""Characters Excel refuses in a sheet name."""


@dataclass(frozen=True)
class Table:
    """One sheet: its wished-for name, the header, and the rows (str, int, float or None cells)."""

    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[object]]


def sheet_titles(wished: Sequence[str]) -> list[str]:
    """Names Excel takes for ``wished``: forbidden characters replaced, at most 31 characters, no two
    the same (Excel ignores case), a taken name getting ``~2``, ``~3`` … at its end."""
    taken: set[str] = set()
    titles = []
    for name in wished:
        base = FORBIDDEN.sub("_", name).strip("'") or "sheet"
        title, k = base[:MAX_TITLE], 1
        while title.lower() in taken:
            k += 1
            title = base[: MAX_TITLE - len(f"~{k}")] + f"~{k}"
        taken.add(title.lower())
        titles.append(title)
    return titles


def workbook_bytes(tables: Sequence[Table]) -> bytes:
    """The ``.xlsx`` file holding ``tables``, one sheet each, in order."""
    book = Workbook()
    book.remove(book.active)
    for table, title in zip(tables, sheet_titles([t.title for t in tables])):
        sheet = book.create_sheet(title)
        sheet.append(list(table.header))
        for row in table.rows:
            sheet.append(list(row))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for column, cells in enumerate(sheet.iter_cols(values_only=True), start=1):
            longest = max((_width(value) for value in cells), default=4)
            sheet.column_dimensions[get_column_letter(column)].width = min(max(longest + 2, 6), 40)
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_title_rows = "1:1"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _width(value: object) -> int:
    """Columns a cell's text takes: Chinese characters count two."""
    shown = "" if value is None else str(value)
    return sum(2 if ord(c) > 0x2E7F else 1 for c in shown)
