"""Every column of every list section has Chinese words and an English meaning, for the template."""

from __future__ import annotations

from wasteopt.scenario.field_help import columns, help_rows
from wasteopt.scenario.field_names_zh import BY_SECTION, COMMON, SECTION_NAMES, zh_field
from wasteopt.scenario.models import Room, Station
from wasteopt.scenario.sections import SECTIONS


def test_every_field_of_every_section_is_explained_in_both_languages() -> None:
    assert set(SECTION_NAMES) == set(SECTIONS)
    for section, model in SECTIONS.items():
        for row in help_rows(section, model, with_yaml_only=True):
            assert row.name_zh and row.meaning_zh, (section, row.column)
            assert row.meaning_en, f"{section}.{row.column} has no description in the model (wasteopt schema)"
    used = {name for model in SECTIONS.values() for name in model.model_fields}
    assert set(COMMON) <= used, "words for fields that no longer exist"
    for section, fields in BY_SECTION.items():
        assert set(fields) <= set(SECTIONS[section].model_fields)


def test_section_specific_words_win() -> None:
    assert zh_field("plants", "open").name == "接收开始时间"
    assert zh_field("stations", "open").name == "开放时间"


def test_help_rows_give_units_defaults_and_what_to_fill() -> None:
    rows = {row.column: row for row in help_rows("stations", Station)}
    assert (rows["id"].need, rows["capacity_t_per_day"].unit) == ("必填 required", "吨/天 t/day")
    assert (rows["open"].default, rows["close"].default, rows["status"].default) == ("00:00", "24:00", "existing")
    assert rows["lat"].need == "经纬度或 x/y 二选一 lat/lon or x/y"
    assert rows["build_cost"].need == "可不填 optional" and rows["unload_min"].need == "默认 default 10"
    assert columns(Room)[:6] == ["id", "name", "town", "village", "lat", "lon"]
    assert "breaks" not in columns(SECTIONS["fleet"])
