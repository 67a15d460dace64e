"""An empty ``.xlsx`` table for ``wasteopt template``: a sheet to fill, and a sheet that explains it.

The first sheet (named in Chinese, e.g. 收集房) holds only the column names in row 1 — exactly what
the loader reads, so nothing but data may go below — with each header cell's Chinese name, unit and
meaning as a cell comment; ids and clock columns are formatted as text, so ``001`` keeps its zeros
and ``06:30`` is read as typed. The second sheet, "说明 (help)", lists every column in Chinese and
English with its unit, whether it is required, and what an empty cell means.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import BaseModel

from wasteopt.scenario.field_help import HelpRow, help_rows
from wasteopt.scenario.field_kinds import CLOCK, TEXT, field_kinds
from wasteopt.scenario.field_names_zh import SECTION_NAMES

HELP_SHEET = "说明 (help)"
HELP_HEADER = ("列名 column", "中文名称 name", "说明", "meaning", "单位 unit", "填写 fill in", "默认 default (empty cell)")
HELP_NOTE = ("第 1 行的列名不要修改，不要加第二行表头；空单元格 = 未填写（用默认值）。"
             "Keep the column names of row 1 and add no second header row; an empty cell = not given (the default).")
_BOLD = Font(bold=True)


def template_workbook(section: str, model: type[BaseModel]) -> bytes:
    """The ``.xlsx`` bytes of an empty ``section`` table (record model ``model``) with its help sheet."""
    workbook = Workbook()
    rows = help_rows(section, model)
    _data_sheet(workbook, SECTION_NAMES[section], rows, field_kinds(model))
    _help_sheet(workbook.create_sheet(HELP_SHEET), rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _data_sheet(workbook: Workbook, title: str, rows: list[HelpRow], kinds: dict[str, str]) -> None:
    sheet = workbook.active
    sheet.title = title
    for position, row in enumerate(rows, start=1):
        cell = sheet.cell(row=1, column=position, value=row.column)
        cell.font = _BOLD
        unit = f" [{row.unit}]" if row.unit else ""
        cell.comment = Comment(f"{row.name_zh}{unit}\n{row.meaning_zh}\n{row.meaning_en}\n{row.need}", "wasteopt",
                               width=320, height=140)
        letter = get_column_letter(position)
        sheet.column_dimensions[letter].width = max(12, len(row.column) + 2)
        if kinds[row.column] in (CLOCK, TEXT):
            sheet.column_dimensions[letter].number_format = "@"
    sheet.freeze_panes = "A2"


def _help_sheet(sheet: Worksheet, rows: list[HelpRow]) -> None:
    sheet.append(HELP_HEADER)
    for cell in sheet[1]:
        cell.font = _BOLD
    for row in rows:
        sheet.append([row.column, row.name_zh, row.meaning_zh, row.meaning_en, row.unit,
                      row.need, row.default])
    sheet.append([])
    sheet.append([HELP_NOTE])
    for letter, width in zip("ABCDEFG", (20, 16, 50, 50, 22, 14, 24)):
        sheet.column_dimensions[letter].width = width
        for cell in sheet[letter][:len(rows) + 1]:
            cell.alignment = Alignment(wrap_text=letter in "CD", vertical="top")
