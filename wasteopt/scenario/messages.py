"""Plain-language messages for pydantic validation errors (``must be a number, got 'abc'``), and the
common input problems said in Chinese.

The loader words every problem in English (it runs before the language is known: the scenario's
``language:`` is one of its fields). A command shows them in its language with :func:`problems_in`:
the frame ``FILE:LINE: field: message`` stays, and the common messages (unknown field or column,
missing values, not a number, not a clock time, out of range, unknown or duplicate ids; the
``input.*`` keys of :mod:`wasteopt.i18n`) are said in Chinese; the others stay English.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pydantic_core import ErrorDetails

from wasteopt.i18n_reasons import Phrasebook, wordings
from wasteopt.scenario.errors import Problem, ScenarioError

INPUT = Phrasebook([w for w in wordings("input.") if not w.key.startswith("input.part.")], wordings("input.part."))
"""The common input problems, recognised by their English wording."""

_VALUE_ERROR_PREFIXES = ("Value error, ", "Assertion failed, ")
_COORDINATE_RANGES = {"lat": (-90, 90), "lon": (-180, 180)}


def describe(error: ErrorDetails, *, empty_cell: bool = False) -> str:
    """One short message for one pydantic error; ``empty_cell`` words a missing value as a CSV cell."""
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    field = str(error["loc"][-1]) if error["loc"] else ""
    got = f", got {_show(value)}"
    if kind == "missing":
        return "required, but the cell is empty" if empty_cell else "required, but missing"
    if kind == "extra_forbidden":
        return "unknown field"
    if kind in ("float_parsing", "float_type"):
        return f"must be a number{got}"
    if kind in ("int_parsing", "int_type", "int_from_float", "int_parsing_size"):
        return f"must be a whole number{got}"
    if kind in ("string_type",):
        return f"must be text{got}"
    if kind == "string_pattern_mismatch":
        return f"must be a non-empty id without spaces or commas{got}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"must be at most {ctx.get('max_length')} characters long"
    if kind in ("greater_than_equal", "less_than_equal") and field in _COORDINATE_RANGES:
        low, high = _COORDINATE_RANGES[field]
        return f"must be between {low} and {high}{got}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        if isinstance(value, float) and not math.isfinite(value) or _is_nan_text(value):
            return "must be a finite number (not NaN or infinity)"
        bound = next(iter(ctx.values()))
        words = {"greater_than": "greater than", "greater_than_equal": "at least",
                 "less_than": "less than", "less_than_equal": "at most"}[kind]
        return f"must be {words} {_show(bound)}{got}"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected')}{got}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"must be a mapping of field: value{got}"
    if kind in ("list_type", "tuple_type"):
        return f"must be a list{got}"
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"must be a date like 2026-03-31{got}"
    if kind == "bool_parsing" or kind == "bool_type":
        return f"must be true or false{got}"
    message = error["msg"]
    for prefix in _VALUE_ERROR_PREFIXES:
        if message.startswith(prefix):
            return message[len(prefix):]
    return message


def _is_nan_text(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return not math.isfinite(float(value))
    except ValueError:
        return False


def _show(value: Any) -> str:
    """A value as the user wrote it: numbers bare, text quoted, long values cut."""
    if isinstance(value, bool) or value is None:
        return str(value).lower() if value is not None else "nothing"
    if isinstance(value, float):
        return f"{value:g}" if value == value and math.isfinite(value) and abs(value) < 1e15 else str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        try:
            float(value)
            return value
        except ValueError:
            text = value if len(value) <= 40 else value[:37] + "..."
            return repr(text)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def field_label(loc: tuple[Any, ...], message: str, fields: set[str] | None = None) -> str:
    """``fleet[0].capacity_kg``-style label for a location; a whole-record error names the field its
    message starts with (``tw_close is before tw_open`` → ``tw_close``)."""
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif part == "[key]":
            parts.append(" (key)")
        else:
            parts.append(("." if parts else "") + str(part))
    label = "".join(parts)
    first = message.split(" ", 1)[0].strip(",")
    if fields and first in fields:
        return f"{label}.{first}" if label else first
    if not label:
        return "lat/lon" if "lat" in message else "x/y" if "x/y" in message or "x and y" in message else ""
    return label


def message_text(message: str, lang: str) -> str:
    """An input problem's message in ``lang`` (a common one in Chinese; any other as written)."""
    return INPUT.say(message, lang)


def problem_in(problem: Problem, lang: str) -> Problem:
    """``problem`` with its message in ``lang``; where it is stays as it is."""
    said = message_text(problem.message, lang)
    return problem if said == problem.message else dataclasses.replace(problem, message=said)


@contextmanager
def problems_in(lang: str) -> Iterator[None]:
    """Raise the :class:`ScenarioError` of the block with its problems in ``lang``."""
    try:
        yield
    except ScenarioError as error:
        if lang == "en":
            raise
        raise ScenarioError([problem_in(problem, lang) for problem in error.problems]) from error
