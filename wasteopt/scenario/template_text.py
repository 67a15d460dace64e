"""The text files of ``wasteopt template``: a commented ``scenario.yaml`` and a bilingual ``README.txt``.

The YAML points to the rooms and stations workbooks and holds the short sections (plants, garages,
the two fleets) inline, as examples to replace: each field carries a comment with its Chinese name,
unit and English meaning, and the optional fields not in the example are listed commented out. The
README explains every column of every section in Chinese and English (as the workbooks' help
sheets do for theirs). Both are built from :func:`wasteopt.scenario.field_help.help_rows`, so they
follow the models.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from wasteopt.scenario.field_help import HelpRow, help_rows
from wasteopt.scenario.field_names_zh import SECTION_NAMES
from wasteopt.scenario.sections import SECTIONS

TABLE_SECTIONS = ("rooms", "stations")
"""Sections the template gives as tables (workbook and CSV); the others are inline YAML examples."""

SECTION_EN = {
    "rooms": "collection rooms",
    "stations": "transfer stations",
    "plants": "treatment plants",
    "garages": "garages",
    "fleet": "collection trucks",
    "haul_fleet": "hook-lift trucks",
}

EXAMPLES: dict[str, list[dict[str, Any]]] = {
    "plants": [{"id": "P1", "name": "生活垃圾焚烧发电厂", "lat": 36.76, "lon": 118.15, "open": "06:00",
                "close": "22:00", "capacity_t_per_day": 100}],
    "garages": [{"id": "G1", "name": "环卫车库", "lat": 36.80, "lon": 118.07}],
    "fleet": [{"id": "small", "name": "小型收集车（1.5吨）", "count": 5, "garage": "G1", "capacity_kg": 1500,
               "vehicle_class": 1, "shift_start": "06:00", "shift_end": "14:00", "fixed_cost": 300,
               "cost_per_km": 2, "cost_per_hour": 45, "co2_kg_per_km": 0.3}],
    "haul_fleet": [{"id": "hooklift", "name": "勾臂车（9吨箱）", "count": 2, "garage": "G1", "container_payload_t": 9,
                    "shift_start": "06:00", "shift_end": "20:00", "fixed_cost": 500, "cost_per_km": 4,
                    "cost_per_hour": 60, "co2_kg_per_km": 0.8}],
}
"""The inline sections' example records (values of the shipped Zhangdian scenario's kind)."""

_NOT_LISTED = frozenset({"x", "y"})
"""Optional fields not listed commented out in the YAML examples (projected coordinates: see the top)."""

_HEAD = """\
# wasteopt 场景模板 scenario template (wasteopt template)
#
# 1. 在 rooms.xlsx（收集房）和 stations.xlsx（中转站）的第一个工作表中从第 2 行起每行填写一处；
#    第 1 行是列名，不要修改。各列的含义、单位见工作簿中的“说明 (help)”工作表和 README.txt。
#    Fill the first sheet of rooms.xlsx and stations.xlsx from row 2, one place a row; keep the
#    column names in row 1. Each column's meaning and unit: the "说明 (help)" sheet and README.txt.
# 2. 下面的处理厂、车库、收集车、勾臂车是示例，请改成本地的实际数据（费用留空按 0 计）。
#    The plants, garages and fleets below are examples: replace them with yours (an empty cost counts as 0).
# 3. 检查 check:  wasteopt check scenario.yaml
#
# 表格也可以用 CSV（UTF-8 或 GBK 均可）: rooms: rooms.csv
#   指定工作表 a named sheet: rooms: {file: rooms.xlsx, sheet: 收集房}
# Tables may be CSV too (UTF-8 or GBK). 空单元格 = 未填写（用默认值）; an empty cell = not given (the default).
# 地点用经纬度 lat/lon（WGS84），或投影坐标 x/y（米，此时 travel.model 改为 euclidean），全场景统一一种。
# Places in lat/lon (WGS84), or x/y in metres (then travel.model: euclidean), one system for all.
# 时间写作 "06:30"（25:30 = 次日 01:30）。 Clock times as "06:30" (25:30 is the next morning).
"""

_TOP = [
    ("name", '"我的区县"', "场景名称 scenario name"),
    ("description", '""', "说明 description"),
]

_TRAVEL = [
    ("model", "haversine", "距离模型 haversine（经纬度 lat/lon）/ euclidean, manhattan（x/y）"),
    ("circuity", "1.3", "绕行系数：道路距离 ÷ 直线距离 road / straight-line distance"),
    ("speed_kmh", "30", "平均车速 average speed, km/h（车型未填 speed_kmh 时 where a type gives none）"),
]

_COMMENTED_EXAMPLES = {"breaks": '[{duration_min: 60, earliest: "11:00", latest: "13:00"}]'}
"""Example values shown in the commented-out optional fields (the form is the hard part of a list)."""

_COMMENT_AT = 40


def template_yaml() -> str:
    """The text of the template's ``scenario.yaml``; it loads as it is (with empty tables)."""
    lines = [_HEAD.rstrip("\n"), ""]
    lines += [_commented(f"{key}: {value}", note) for key, value, note in _TOP]
    lines.append("travel:")
    lines += [_commented(f"  {key}: {value}", note) for key, value, note in _TRAVEL]
    for section in TABLE_SECTIONS:
        lines.append(_commented(f"{section}: {section}.xlsx", f"{SECTION_NAMES[section]} {SECTION_EN[section]}"))
    for section, records in EXAMPLES.items():
        lines += ["", f"# {SECTION_NAMES[section]} {SECTION_EN[section]}（示例，请替换 example: replace it）", f"{section}:"]
        rows = {row.column: row for row in help_rows(section, SECTIONS[section], with_yaml_only=True)}
        for record in records:
            lines += _record_lines(record, rows)
    return "\n".join(lines) + "\n"


def readme_text() -> str:
    """The template's ``README.txt``: the files, how to fill them, and every column in Chinese and English."""
    lines = [
        "wasteopt 场景模板 scenario template",
        "=" * 40,
        "",
        "文件 Files",
        "  scenario.yaml   场景主文件：距离模型、表格位置，以及处理厂、车库、车队（示例，请替换）",
        "                  the scenario: travel model, where the tables are, plants, garages, fleets (examples: replace)",
        "  rooms.xlsx      收集房表（读第一个工作表）the rooms table (its first sheet is read)",
        "  stations.xlsx   中转站表 the stations table",
        "  rooms.csv, stations.csv",
        "                  同样的表，CSV 格式（UTF-8 带 BOM）；使用时在 scenario.yaml 写 rooms: rooms.csv",
        "                  the same tables as CSV (UTF-8 with BOM); to use them write rooms: rooms.csv in scenario.yaml",
        "",
        "填写 How to fill",
        "  - 第 1 行是列名（字段名），不要修改、不要加第二行表头；从第 2 行起每行一处。",
        "    Row 1 holds the column names: keep them, add no second header row; one place a row from row 2.",
        "  - 空单元格 = 未填写：用默认值，必填列不能空。An empty cell = not given: the default; required columns must be filled.",
        "  - 不用的列可以删除（必填列除外）。Columns you do not use may be deleted (not the required ones).",
        "  - 时间写 06:30，或设为 Excel 时间格式。Clock times as 06:30, or an Excel time.",
        "  - 编号在所有地点中唯一，不含空格和逗号。Ids are unique across all places, without spaces or commas.",
        "  - CSV 可以是 UTF-8（带或不带 BOM）或 GBK（中文 Excel 另存为“CSV（逗号分隔）”）；",
        "    wasteopt check 会列出每个文件按哪种编码读取。",
        "    CSV may be UTF-8 (with or without BOM) or GBK (Chinese Excel's plain CSV); check says which was read.",
        "  - 任何列表（收集房、中转站、处理厂、车库、收集车、勾臂车）都可以写成表格：",
        "    Any list section may be a table:  plants: plants.xlsx  /  fleet: {file: fleet.xlsx, sheet: 收集车}",
        "  - 检查 Check:  wasteopt check scenario.yaml   （错误会指出 文件:工作表!单元格，如 rooms.xlsx:收集房!B17）",
        "",
        "各列说明 Columns",
    ]
    for section, model in SECTIONS.items():
        table = f" ({section}.xlsx / {section}.csv)" if section in TABLE_SECTIONS else " (scenario.yaml)"
        lines += ["", f"{SECTION_NAMES[section]} {SECTION_EN[section]} — {section}{table}"]
        for row in help_rows(section, model, with_yaml_only=True):
            lines += _column_lines(row)
    return "\n".join(lines) + "\n"


def _record_lines(record: dict[str, Any], rows: dict[str, HelpRow]) -> list[str]:
    """One example record as YAML lines, each field with its comment; other fields commented out."""
    lines = []
    for index, (key, value) in enumerate(record.items()):
        prefix = "  - " if index == 0 else "    "
        lines.append(_commented(f"{prefix}{key}: {_scalar(value)}", _note(rows[key])))
    for key, row in rows.items():
        if key not in record and key not in _NOT_LISTED:
            example = _COMMENTED_EXAMPLES.get(key, "")
            lines.append(_commented(f"    # {key}: {example}".rstrip(), _note(row)))
    return lines


def _column_lines(row: HelpRow) -> list[str]:
    """A column in the README: name, Chinese name, unit, required or default; its meaning in both languages."""
    details = [f"[{row.unit}]"] if row.unit else []
    details.append(row.need)
    return [f"  {row.column} — {row.name_zh} {' '.join(details)}", f"      {row.meaning_zh}", f"      {row.meaning_en}"]


def _note(row: HelpRow) -> str:
    unit = f" [{row.unit}]" if row.unit else ""
    return f"{row.name_zh}{unit} {row.meaning_en}".rstrip()


def _commented(text: str, note: str) -> str:
    """``text`` and a ``# note`` lined up in a column (Chinese characters are two columns wide)."""
    return f"{text}{' ' * max(1, _COMMENT_AT - _width(text))}# {note}"


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal or editor: wide (CJK) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _scalar(value: Any) -> str:
    """A value as YAML: text double-quoted (so ``06:00`` stays a time and ``1`` an id), numbers bare."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)
