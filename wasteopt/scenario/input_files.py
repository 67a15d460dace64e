"""The files a scenario was read from and how each was read, so ``check`` can say it.

A county office's tables come in several encodings and formats; stating ``rooms.csv: GB18030 (GBK)``
or ``stations.xlsx: sheet 中转站`` lets a manager see that the file they meant was read the way they
meant (a GBK file read as such, the right sheet of a workbook).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InputFile:
    """One input file as shown to the user, and how it was read (an encoding, or a workbook's sheet)."""

    file: str
    read_as: str

    def __str__(self) -> str:
        return f"{self.file}: {self.read_as}"


def sheet_read_as(sheet: str) -> str:
    """How a workbook table was read: ``Excel, sheet 收集房``."""
    return f"Excel, sheet {sheet}"
