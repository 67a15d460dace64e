"""The empty scenario of ``wasteopt template``: it loads as written, and once rows are filled in — in
the workbooks or in the CSV tables — it is a scenario."""

from __future__ import annotations

import datetime
from pathlib import Path

import openpyxl

from wasteopt.scenario.field_help import columns
from wasteopt.scenario.loader import load_scenario, load_with_files
from wasteopt.scenario.models import Room, Station
from wasteopt.scenario.sections import SECTIONS
from wasteopt.scenario.summary import warnings
from wasteopt.scenario.template import existing_files, template_files, write_template
from wasteopt.scenario.template_text import readme_text
from wasteopt.scenario.template_xlsx import HELP_SHEET


def _append(path: Path, rows: list[dict[str, object]]) -> None:
    """Fill rows into the first sheet of a template workbook, by column name, as a manager would."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    for row in rows:
        sheet.append([row.get(name) for name in header])
    workbook.save(path)


ROOMS = [
    {"id": "R1", "name": "柳家庄村1号收集房", "town": "南定镇", "village": "柳家庄村", "lat": 36.80, "lon": 118.06,
     "waste_kg_per_day": 120, "tw_open": datetime.time(6, 30), "tw_close": "11:00"},
    {"id": "R2", "name": "石桥村1号收集房", "lat": 36.79, "lon": 118.04, "waste_kg_per_day": 80.5},
]
STATIONS = [{"id": "S1", "name": "南定镇压缩中转站", "lat": 36.80, "lon": 118.05, "capacity_t_per_day": 10,
             "open": datetime.time(5), "close": datetime.time(20)}]


def test_the_template_loads_as_written(tmp_path: Path) -> None:
    written = write_template(tmp_path)
    assert sorted(p.name for p in written) == ["README.txt", "rooms.csv", "rooms.xlsx", "scenario.yaml",
                                              "stations.csv", "stations.xlsx"]
    scenario, files = load_with_files(tmp_path / "scenario.yaml")
    assert (scenario.rooms, scenario.stations) == ([], [])
    assert [f.read_as for f in files] == ["UTF-8", "Excel, sheet 收集房", "Excel, sheet 中转站"]
    assert not any("not given" in w for w in warnings(scenario))  # the examples carry their costs


def test_filled_workbooks_load(tmp_path: Path) -> None:
    write_template(tmp_path)
    _append(tmp_path / "rooms.xlsx", ROOMS)
    _append(tmp_path / "stations.xlsx", STATIONS)
    scenario = load_scenario(tmp_path / "scenario.yaml")
    assert [(r.id, r.town, r.tw_open, r.tw_close) for r in scenario.rooms] == [
        ("R1", "南定镇", 6 * 3600 + 1800, 11 * 3600), ("R2", "", None, None)]
    assert [(s.id, s.open, s.close, s.status) for s in scenario.stations] == [("S1", 5 * 3600, 20 * 3600, "existing")]


def test_filled_csv_tables_load(tmp_path: Path) -> None:
    write_template(tmp_path)
    for name, rows in (("rooms", ROOMS), ("stations", STATIONS)):
        path = tmp_path / f"{name}.csv"
        header = path.read_text(encoding="utf-8-sig").strip().split(",")
        lines = [",".join(_csv_cell(row.get(column)) for column in header) for row in rows]
        path.write_bytes(path.read_bytes() + ("\r\n".join(lines) + "\r\n").encode("utf-8"))
    yaml_path = tmp_path / "scenario.yaml"
    yaml_path.write_text(yaml_path.read_text(encoding="utf-8").replace(".xlsx ", ".csv "), encoding="utf-8")
    scenario, files = load_with_files(yaml_path)
    assert [r.id for r in scenario.rooms] == ["R1", "R2"] and scenario.stations[0].close == 20 * 3600
    assert [f.read_as for f in files][1:] == ["UTF-8 (BOM)", "UTF-8 (BOM)"]


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    return str(value)


def test_workbooks_have_the_columns_and_a_help_sheet(tmp_path: Path) -> None:
    write_template(tmp_path)
    for name, model in (("rooms", Room), ("stations", Station)):
        workbook = openpyxl.load_workbook(tmp_path / f"{name}.xlsx")
        data, help_sheet = workbook.worksheets
        assert [cell.value for cell in data[1]] == columns(model) and data.max_row == 1
        assert help_sheet.title == HELP_SHEET
        explained = {row[0]: row for row in help_sheet.iter_rows(min_row=2, values_only=True) if row[0]}
        assert set(columns(model)) <= set(explained)
        assert data["A1"].comment is not None and "编号" in data["A1"].comment.text
    help_rows = {row[0]: row for row in openpyxl.load_workbook(tmp_path / "rooms.xlsx")[HELP_SHEET].iter_rows(values_only=True)}
    assert help_rows["waste_kg_per_day"][1:6] == ("日垃圾量", "每天需清运的垃圾重量", "Waste to collect per day, kg.",
                                                  "千克/天 kg/day", "必填 required")


def test_csv_templates_are_utf8_with_bom_and_a_single_header_row(tmp_path: Path) -> None:
    write_template(tmp_path)
    raw = (tmp_path / "rooms.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig") == ",".join(columns(Room)) + "\r\n"


def test_readme_explains_every_column_of_every_section() -> None:
    text = readme_text()
    for section, model in SECTIONS.items():
        assert f"— {section} (" in text
        for name in model.model_fields:
            assert f"\n  {name} — " in text, (section, name)


def test_existing_files_are_found(tmp_path: Path) -> None:
    assert existing_files(tmp_path) == []
    (tmp_path / "rooms.xlsx").write_bytes(b"filled in")
    assert existing_files(tmp_path) == [tmp_path / "rooms.xlsx"]
    assert set(template_files()) == {"scenario.yaml", "rooms.xlsx", "rooms.csv", "stations.xlsx", "stations.csv", "README.txt"}
