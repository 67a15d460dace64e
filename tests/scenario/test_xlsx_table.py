"""Tables as ``.xlsx`` sheets: they load as the same table in CSV does, and every problem names its
cell (``rooms.xlsx:Sheet!B17: field: message``). The workbooks are written by the tests."""

from __future__ import annotations

import datetime
import zipfile
from pathlib import Path

import pytest

from tests.scenario.conftest import ROOMS_CSV, SCENARIO_YAML, STATIONS_CSV, csv_rows, run_check, write_scenario, write_workbook
from wasteopt.scenario.loader import load_scenario, load_with_files
from wasteopt.scenario.models import Room
from wasteopt.scenario.xlsx_table import cell_address, read_sheet

XLSX_YAML = SCENARIO_YAML.replace("rooms: rooms.csv", "rooms: rooms.xlsx")
ROWS = csv_rows(ROOMS_CSV)  # id,name,town,village,lat,lon,waste_kg_per_day,service_min,max_vehicle_class: A..I


def _rooms(directory: Path, rows: list[list[object]] = ROWS, title: str = "收集房", **more: object) -> Path:
    write_scenario(directory, yaml_text=str(more.pop("yaml_text", XLSX_YAML)))
    write_workbook(directory / "rooms.xlsx", rows, title, **more)  # type: ignore[arg-type]
    return directory / "scenario.yaml"


def _errors(rows: list[list[object]], in_tmp: Path, title: str = "收集房") -> list[str]:
    _rooms(in_tmp, rows, title)
    result = run_check()
    assert result.exit_code == 2, result.output
    return result.stderr.splitlines()


def test_a_sheet_loads_as_the_same_table_in_csv(tmp_path: Path) -> None:
    from_csv = load_scenario(write_scenario(tmp_path / "csv"))
    scenario, files = load_with_files(_rooms(tmp_path / "xlsx"))
    assert scenario == from_csv
    assert [str(f) for f in files][1] == f"{tmp_path}/xlsx/rooms.xlsx: Excel, sheet 收集房"


def test_first_sheet_or_the_sheet_named(tmp_path: Path) -> None:
    other = [["id", "waste_kg_per_day", "lat", "lon"], ["X1", 5, 36.8, 118.0]]
    path = _rooms(tmp_path, other, "别的", more={"房间": ROWS})
    assert [r.id for r in load_scenario(path).rooms] == ["X1"]
    (tmp_path / "scenario.yaml").write_text(SCENARIO_YAML.replace("rooms: rooms.csv", "rooms: {file: rooms.xlsx, sheet: 房间}"),
                                            encoding="utf-8")
    assert [r.id for r in load_scenario(path).rooms] == ["R1", "R2", "R3"]


def test_excel_times_ids_as_numbers_and_empty_cells(tmp_path: Path) -> None:
    header = ["id", "name", "lat", "lon", "waste_kg_per_day", "tw_open", "tw_close", "service_min"]
    rows = [header,
            [1001, "一号", 36.80, 118.06, 120, datetime.time(6, 30), 0.5, None],
            ["R2", "二号", 36.81, 118.06, "80.5", "07:00", None, " "],
            [None, None, None, None, None, None, None, None],  # an empty row is skipped
            ["R3", "三号", 36.79, 118.04, 200, datetime.timedelta(hours=25), None, 6]]
    rooms = load_scenario(_rooms(tmp_path, rows)).rooms
    assert [(r.id, r.tw_open, r.tw_close, r.service_min, r.waste_kg_per_day) for r in rooms] == [
        ("1001", 6 * 3600 + 1800, 12 * 3600, 5.0, 120.0),
        ("R2", 7 * 3600, None, 5.0, 80.5),
        ("R3", 25 * 3600, None, 6.0, 200.0),
    ]


def test_problems_name_the_cell(in_tmp: Path) -> None:
    rows = [list(row) for row in ROWS]
    rows[2][6] = "abc"  # G3: waste of R2
    rows[3][6] = None   # G4: waste of R3, required
    rows[1][4] = 95     # E2: latitude out of range
    assert _errors(rows, in_tmp) == [
        "rooms.xlsx:收集房!E2: lat: must be between -90 and 90, got 95",
        "rooms.xlsx:收集房!G3: waste_kg_per_day: must be a number, got 'abc'",
        "rooms.xlsx:收集房!G4: waste_kg_per_day: required, but the cell is empty",
    ]


def test_header_problems_name_the_header_cells(in_tmp: Path) -> None:
    rows = [list(row) for row in ROWS]
    rows[0][7] = "service_mn"        # H1
    rows[0][6] = "waste"             # G1: so waste_kg_per_day is missing
    rows[0].append("town")           # J1: twice
    rows[1].append("南定镇")
    assert _errors(rows, in_tmp) == [
        "rooms.xlsx:收集房!G1: waste: unknown column",
        "rooms.xlsx:收集房!H1: service_mn: unknown column (did you mean 'service_min'?)",
        "rooms.xlsx:收集房!J1: town: column appears twice",
        "rooms.xlsx:收集房!K1: waste_kg_per_day: required column is missing",  # where it would go
    ]


def test_a_whole_record_problem_names_its_field_cell(in_tmp: Path) -> None:
    rows = [["id", "lat", "lon", "waste_kg_per_day", "tw_open", "tw_close"],
            ["R1", 36.8, None, 10, "09:00", "08:00"],
            ["R2", 36.8, 118.0, 10, "09:00", "08:00"]]
    assert _errors(rows, in_tmp) == [
        "rooms.xlsx:收集房!B2: lat: lat and lon must be given together",
        "rooms.xlsx:收集房!F3: tw_close: tw_close is before tw_open",
    ]


def test_values_without_a_column_and_bad_clock_cells(in_tmp: Path) -> None:
    rows = [["id", "lat", "lon", "waste_kg_per_day", None, "tw_open"],
            ["R1", 36.8, 118.0, 10, "note", 630],
            ["R2", 36.8, 118.0, 10, None, datetime.datetime(2026, 3, 1, 6, 30)]]
    assert _errors(rows, in_tmp) == [
        "rooms.xlsx:收集房!E2: column E: has a value but no column name in row 1",
        "rooms.xlsx:收集房!F2: tw_open: a number in a clock column is a fraction of a day (0.25 = 06:00), got 630; "
        "write the time as 06:30 or format the cell as a time",
        "rooms.xlsx:收集房!F3: tw_open: is a date (2026-03-01 06:30), not a clock time; "
        "write the time as 06:30 or format the cell as a time",
    ]


def test_duplicate_ids_point_at_the_first_cell(in_tmp: Path) -> None:
    rows = [list(row) for row in ROWS]
    rows[3][0] = "R1"
    assert _errors(rows, in_tmp) == ["rooms.xlsx:收集房!A4: id: duplicate place id 'R1' (first at rooms.xlsx:收集房!A2)"]


def test_sheet_names_are_quoted_as_excel_does(in_tmp: Path) -> None:
    rows = [list(row) for row in ROWS]
    rows[2][6] = "abc"
    assert _errors(rows, in_tmp, title="my rooms") == ["rooms.xlsx:'my rooms'!G3: waste_kg_per_day: must be a number, got 'abc'"]
    assert cell_address("It's", 28, 3) == "'It''s'!AB3"
    assert cell_address("2026", 1, 1) == "'2026'!A1"


def test_empty_sheet_and_unknown_sheet(in_tmp: Path) -> None:
    assert _errors([], in_tmp) == ["rooms.xlsx:收集房!A1: header: the sheet is empty (expected the column names in row 1)"]
    (in_tmp / "scenario.yaml").write_text(SCENARIO_YAML.replace("rooms: rooms.csv", "rooms: {file: rooms.xlsx, sheet: 房间}"),
                                          encoding="utf-8")
    result = run_check()
    assert result.stderr.splitlines() == ["rooms.xlsx: sheet: no sheet named '房间' (sheets: 收集房)"]


def test_files_that_are_no_workbook(in_tmp: Path) -> None:
    _rooms(in_tmp)
    (in_tmp / "rooms.xlsx").write_text(ROOMS_CSV, encoding="utf-8")  # a CSV named .xlsx
    assert run_check().stderr.splitlines() == [
        "rooms.xlsx: file: is not an Excel workbook but text (a CSV table?); rename it rooms.csv and give that name "
        "in scenario.yaml, or open it in Excel and save it as an Excel workbook (.xlsx)"]
    (in_tmp / "rooms.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    assert run_check().stderr.splitlines() == [
        "rooms.xlsx: file: is an old Excel 97-2003 workbook (.xls), which is not read; "
        "open it in Excel and save it as an Excel workbook (.xlsx)"]
    with zipfile.ZipFile(in_tmp / "rooms.xlsx", "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    [line] = run_check().stderr.splitlines()
    assert line.startswith("rooms.xlsx: file: cannot be read as an Excel workbook (")


def test_a_workbook_given_as_csv_is_named(in_tmp: Path) -> None:
    write_scenario(in_tmp)
    write_workbook(in_tmp / "rooms.csv", ROWS)
    assert run_check().stderr.splitlines() == [
        "rooms.csv: file: is an Excel workbook (.xlsx), not text; rename it rooms.xlsx and give that name in "
        "scenario.yaml (a path ending in .xlsx is read as a workbook)"]


def test_any_list_section_may_be_a_sheet(tmp_path: Path) -> None:
    write_workbook(tmp_path / "stations.xlsx", csv_rows(STATIONS_CSV))
    write_workbook(tmp_path / "fleet.xlsx", [["id", "count", "garage", "capacity_kg", "shift_start", "shift_end"],
                                             ["small", 2, "G1", 1500, datetime.time(6), datetime.time(14)]])
    yaml_text = SCENARIO_YAML.replace("stations: stations.csv", "stations: stations.xlsx")
    fleet = yaml_text.index("fleet:")
    yaml_text = yaml_text[:fleet] + "fleet: fleet.xlsx\n" + yaml_text[yaml_text.index("haul_fleet:"):]
    (tmp_path / "rooms.csv").write_text(ROOMS_CSV, encoding="utf-8")
    (tmp_path / "scenario.yaml").write_text(yaml_text, encoding="utf-8")
    scenario = load_scenario(tmp_path / "scenario.yaml")
    assert [(s.id, s.open, s.close) for s in scenario.stations] == [("S1", 5 * 3600, 20 * 3600), ("C1", 5 * 3600, 20 * 3600)]
    assert [(v.id, v.shift_start, v.shift_end) for v in scenario.fleet] == [("small", 6 * 3600, 14 * 3600)]


def test_read_sheet_keeps_text_fields_verbatim(tmp_path: Path) -> None:
    write_workbook(tmp_path / "r.xlsx", [["id", "name", "lat", "lon", "waste_kg_per_day"], [" R1 ", " 东庄 ", 36.8, 118.0, 5]])
    table, problems = read_sheet(tmp_path / "r.xlsx", "r.xlsx", Room)
    assert problems == [] and table.sheet == "Sheet1"
    assert table.rows[0].values == {"id": "R1", "name": " 东庄 ", "lat": 36.8, "lon": 118.0, "waste_kg_per_day": 5}


@pytest.mark.parametrize("given", ["rooms.xlsx#收集房", "{file: rooms.xlsx#收集房}"])
def test_hash_syntax_is_answered_with_the_mapping(in_tmp: Path, given: str) -> None:
    _rooms(in_tmp, yaml_text=SCENARIO_YAML.replace("rooms: rooms.csv", f"rooms: {given}" if "{" in given else f'rooms: "{given}"'))
    assert run_check().stderr.splitlines() == [
        "rooms.xlsx#收集房: file: no such file; to read sheet '收集房' of rooms.xlsx write {file: rooms.xlsx, sheet: 收集房}"]
