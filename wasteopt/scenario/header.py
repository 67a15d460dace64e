"""The header row of a table (CSV or an ``.xlsx`` sheet): which columns are fields of the record model.

Column names are the model's field names, exactly (a typo gets a "did you mean" hint); a column
given twice or a required field without a column is an error. Both table readers use this, each
placing the issues in its own way (a CSV line, a sheet cell).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from pydantic import BaseModel


@dataclass(frozen=True)
class HeaderIssue:
    """A problem with the header cell at ``position`` (0-based): the label to show, and what is wrong."""

    position: int
    label: str
    message: str


def check_header(
    names: list[str], model: type[BaseModel], allow_unnamed: bool = False
) -> tuple[list[str | None], list[HeaderIssue]]:
    """The field of each column by position (``None`` = skip it) and the issues with unknown,
    repeated and (unless ``allow_unnamed``) unnamed columns."""
    known = list(model.model_fields)
    columns: list[str | None] = []
    issues: list[HeaderIssue] = []
    for position, name in enumerate(names):
        if not name:
            if not allow_unnamed:
                issues.append(HeaderIssue(position, f"column {position + 1}", "has no name"))
            columns.append(None)
        elif name in columns:
            issues.append(HeaderIssue(position, shown(name), "column appears twice"))
            columns.append(None)
        elif name not in known:
            guess = difflib.get_close_matches(name, known, n=1)
            hint = f" (did you mean '{guess[0]}'?)" if guess else ""
            issues.append(HeaderIssue(position, shown(name), f"unknown column{hint}"))
            columns.append(None)
        else:
            columns.append(name)
    return columns, issues


def missing_required(columns: list[str | None], model: type[BaseModel]) -> frozenset[str]:
    """Required fields of ``model`` that no column holds."""
    return frozenset(name for name, info in model.model_fields.items() if info.is_required() and name not in columns)


def shown(name: str) -> str:
    """A column name as a message label: quoted when it would break ``FILE:LINE: field:`` parsing."""
    return name if name.isprintable() and ":" not in name else repr(name)
