"""Where a list section's table is: the value of ``rooms:`` in ``scenario.yaml`` when it is no list.

Two spellings, one meaning each:

- ``rooms: rooms.csv`` / ``rooms: rooms.xlsx`` — a path relative to ``scenario.yaml``; a path ending
  in ``.xlsx`` (or ``.xlsm``) is a workbook, read from its first sheet, anything else a CSV table;
- ``rooms: {file: rooms.xlsx, sheet: 收集房}`` — a workbook's sheet by name.

``rooms.xlsx#收集房`` is not a syntax (``#`` may be part of a file name); when no such file exists
but the part before ``#`` does, the message shows the mapping to write instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
_KEYS = ("file", "sheet")


@dataclass(frozen=True)
class TableRef:
    """A table file: its path, how to show it (as the user would type it), the path as written in
    ``scenario.yaml``, and the sheet if named."""

    path: Path
    display: str
    given: str
    sheet: str | None = None

    @property
    def is_workbook(self) -> bool:
        """Whether the path names an ``.xlsx`` workbook (else a CSV table)."""
        return self.path.suffix.lower() in WORKBOOK_SUFFIXES


def table_ref(value: Any, base: Path, base_display: str) -> TableRef | str:
    """The table ``value`` points to (a path, or a ``{file, sheet}`` mapping), or what is wrong with it."""
    if isinstance(value, str):
        return _ref(value, None, base, base_display)
    if not isinstance(value, dict):
        kind = "nothing" if value is None else type(value).__name__
        return f"must be a list of records, the path of a CSV or .xlsx table, or {{file: ..., sheet: ...}}, got {kind}"
    unknown = [str(key) for key in value if key not in _KEYS]
    if unknown:
        return f"unknown key {unknown[0]!r} in a table reference (write {{file: rooms.xlsx, sheet: 收集房}})"
    file, sheet = value.get("file"), value.get("sheet")
    if not isinstance(file, str) or not file:
        return "a table reference needs file: (the path of a CSV or .xlsx table)"
    if sheet is not None and not isinstance(sheet, (str, int)):
        return "sheet must be the name of a sheet of the workbook"
    ref = _ref(file, None if sheet is None else str(sheet), base, base_display)
    if isinstance(ref, TableRef) and ref.sheet is not None and not ref.is_workbook:
        return f"sheet is only for .xlsx workbooks, and {file} is read as a CSV table"
    return ref


def hash_hint(ref: TableRef) -> str:
    """For ``rooms.xlsx#收集房`` that does not exist while ``rooms.xlsx`` does: how to name the sheet."""
    if ref.path.exists() or "#" not in ref.path.name:
        return ""
    stem, _, sheet = ref.path.name.rpartition("#")
    if not (ref.path.parent / stem).exists():
        return ""
    file = ref.given.rpartition("#")[0]
    return f"; to read sheet {sheet!r} of {stem} write {{file: {file}, sheet: {sheet}}}"


def _ref(relative: str, sheet: str | None, base: Path, base_display: str) -> TableRef:
    return TableRef(base / relative, _join(base_display, relative), relative, sheet)


def _join(base_display: str, relative: str) -> str:
    """How to show a table next to ``scenario.yaml``: as the user would type its path."""
    if not base_display or base_display == ".":
        return relative
    return f"{base_display.rstrip('/')}/{relative}"
