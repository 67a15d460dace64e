"""What each column of a scenario table means, in Chinese and English, for the template.

One :class:`HelpRow` per field of a list section: the column name (the field name, what the loader
reads), its Chinese name and meaning (:mod:`wasteopt.scenario.field_names_zh`), its English meaning
(the model's field description, as ``wasteopt schema`` shows it), unit, whether it is required, and
the default an empty cell stands for.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from wasteopt.scenario.field_kinds import CLOCK, field_kinds
from wasteopt.scenario.field_names_zh import zh_field
from wasteopt.scenario.models import format_clock

FIRST_COLUMNS = ("id", "name", "town", "village")
"""Columns a person looks for first; the others follow in the model's order."""

YAML_ONLY = frozenset({"breaks"})
"""Fields that are lists of records, so they cannot be a table column."""

COORDINATES = frozenset({"lat", "lon", "x", "y"})
"""Optional one by one, but a place needs lat/lon or x/y."""


@dataclass(frozen=True)
class HelpRow:
    """One column explained."""

    column: str
    name_zh: str
    meaning_zh: str
    meaning_en: str
    unit: str
    required: bool
    default: str
    """What an empty cell means: the default value, or ``""`` for "not given" (no limit, optional)."""
    need: str
    """Whether to fill it, in both languages: required, one of two coordinate pairs, the default, optional."""


def columns(model: type[BaseModel]) -> list[str]:
    """The table columns of ``model`` in reading order (``id``, ``name``, ... first; list fields left out)."""
    fields = [name for name in model.model_fields if name not in YAML_ONLY]
    return [name for name in FIRST_COLUMNS if name in fields] + [name for name in fields if name not in FIRST_COLUMNS]


def help_rows(section: str, model: type[BaseModel], with_yaml_only: bool = False) -> list[HelpRow]:
    """Every column of ``section`` (record model ``model``) explained, in :func:`columns` order
    (``with_yaml_only``: list fields too, for sections written in YAML)."""
    kinds = field_kinds(model)
    names = columns(model) + ([name for name in model.model_fields if name in YAML_ONLY] if with_yaml_only else [])
    rows = []
    for name in names:
        info = model.model_fields[name]
        words = zh_field(section, name)
        default = _default(info, kinds[name] == CLOCK)
        rows.append(HelpRow(name, words.name, words.meaning, info.description or "", words.unit,
                            info.is_required(), default, _need(name, info.is_required(), default)))
    return rows


def _need(name: str, required: bool, default: str) -> str:
    if required:
        return "必填 required"
    if name in COORDINATES:
        return "经纬度或 x/y 二选一 lat/lon or x/y"
    return f"默认 default {default}" if default else "可不填 optional"


def _default(info: FieldInfo, clock: bool) -> str:
    """The default as a person would type it (``06:00``, ``5``, ``existing``); ``""`` for none."""
    value = info.default
    if info.is_required() or value is PydanticUndefined or value is None or value in ((), [], ""):
        return ""
    if clock:
        text = format_clock(value)
        return text[:-3] if text.endswith(":00") else text
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
