"""What kind of value each field of a record model takes, as a table cell would give it.

A spreadsheet cell is typed (a number, a time, text), while the models read clock times as text and
ids as text; the table readers and the template need to know which column is which. Read from the
models' type annotations, so a new clock or text field is recognised without a list to keep.
"""

from __future__ import annotations

import typing
from typing import Any, Literal

from pydantic import BaseModel, BeforeValidator
from pydantic.fields import FieldInfo

from wasteopt.scenario.models import parse_clock

CLOCK = "clock"
"""A clock time (``06:30``; ``ClockTime`` in the models)."""
TEXT = "text"
"""Text: an id, a name, a choice of words (``status``)."""
OTHER = "other"
"""Numbers and anything else."""


def field_kinds(model: type[BaseModel]) -> dict[str, str]:
    """Each field of ``model`` as :data:`CLOCK`, :data:`TEXT` or :data:`OTHER`."""
    return {name: _kind(info) for name, info in model.model_fields.items()}


def _kind(info: FieldInfo) -> str:
    if _is_clock(info.annotation) or any(_is_clock_validator(item) for item in info.metadata):
        return CLOCK
    if _is_text(info.annotation):
        return TEXT
    return OTHER


def _is_clock_validator(item: Any) -> bool:
    return isinstance(item, BeforeValidator) and item.func is parse_clock


def _is_clock(annotation: Any) -> bool:
    """Whether ``annotation`` is (or wraps) the model's clock time type."""
    return any(_is_clock_validator(arg) or _is_clock(arg) for arg in typing.get_args(annotation))


def _is_text(annotation: Any) -> bool:
    """Whether ``annotation`` is (or wraps) text: ``str``, an id, or a choice of words."""
    if annotation is str:
        return True
    if typing.get_origin(annotation) is Literal:
        return any(isinstance(arg, str) for arg in typing.get_args(annotation))
    return any(_is_text(arg) for arg in typing.get_args(annotation) if not isinstance(arg, str))
