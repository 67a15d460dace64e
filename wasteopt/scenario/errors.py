"""Input problems, reported all at once as ``FILE:LINE: field: message`` (``FILE:Sheet!B17: ...`` in a workbook)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as precisely as the format allows."""

    file: str
    line: int | None
    field: str
    message: str
    cell: str = ""
    """In an ``.xlsx`` table: the cell, ``Sheet!B17`` (shown instead of the line, which is its row)."""

    def __str__(self) -> str:
        where = f"{self.file}:{self.cell}" if self.cell else f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.field}: {self.message}"


class ScenarioError(Exception):
    """The scenario cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
