"""Every bad input of the scenario format: exit status 2, one exact line per problem, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scenario.conftest import ROOMS_CSV as R
from tests.scenario.conftest import SCENARIO_YAML as Y
from tests.scenario.conftest import STATIONS_CSV as S
from tests.scenario.conftest import run_check, write_scenario

CASES = {
    "malformed yaml": (
        dict(yaml_text=Y.replace("rooms: rooms.csv", "rooms: [rooms.csv")),
        ["scenario.yaml:8: yaml: not valid YAML: did not find expected ',' or ']' (while parsing a flow sequence)"],
    ),
    "repeated yaml key": (
        dict(yaml_text=Y.replace("name: tiny\n", "name: tiny\nname: again\n")),
        ["scenario.yaml:2: name: given twice (first on line 1)"],
    ),
    "csv row too short": (
        dict(rooms=R.replace("36.81,118.06,80.5,4,1", "36.81,118.06,80.5,4")),
        ["rooms.csv:3: row: has 8 cells, the header has 9"],
    ),
    "csv row too long": (
        dict(rooms=R.replace("R3,", "R3,x,")),
        ["rooms.csv:4: row: has 10 cells, the header has 9"],
    ),
    "missing csv file": (
        dict(yaml_text=Y.replace("rooms: rooms.csv", "rooms: roomz.csv")),
        ["roomz.csv: file: no such file"],
    ),
    "unknown yaml field": (
        dict(yaml_text=Y.replace("capacity_kg: 3000", "capacty_kg: 3000")),
        ["scenario.yaml:26: fleet[1].capacity_kg: required, but missing",
         "scenario.yaml:29: fleet[1].capacty_kg: unknown field"],
    ),
    "unknown top-level key": (
        dict(yaml_text=Y.replace("travel:", "travle:")),
        ["scenario.yaml:3: travle: unknown field"],
    ),
    "unknown csv column": (
        dict(rooms=R.replace("service_min", "service_mn")),
        ["rooms.csv:1: service_mn: unknown column (did you mean 'service_min'?)"],
    ),
    "missing csv column": (
        dict(rooms=R.replace("waste_kg_per_day", "waste")),
        ["rooms.csv:1: waste: unknown column", "rooms.csv:1: waste_kg_per_day: required column is missing"],
    ),
    "empty required cell": (
        dict(rooms=R.replace(",120,5,", ",,5,")),
        ["rooms.csv:2: waste_kg_per_day: required, but the cell is empty"],
    ),
    "wrong type in csv": (
        dict(rooms=R.replace("80.5", "abc")),
        ["rooms.csv:3: waste_kg_per_day: must be a number, got 'abc'"],
    ),
    "wrong type in yaml": (
        dict(yaml_text=Y.replace("count: 2", "count: two")),
        ["scenario.yaml:22: fleet[0].count: must be a whole number, got 'two'"],
    ),
    "nan": (
        dict(rooms=R.replace("200", "NaN")),
        ["rooms.csv:4: waste_kg_per_day: must be a finite number (not NaN or infinity)"],
    ),
    "infinity in yaml": (
        dict(yaml_text=Y.replace("capacity_kg: 1500", "capacity_kg: .inf")),
        ["scenario.yaml:24: fleet[0].capacity_kg: must be a finite number (not NaN or infinity)"],
    ),
    "negative": (
        dict(rooms=R.replace(",120,5,", ",-3,5,")),
        ["rooms.csv:2: waste_kg_per_day: must be at least 0, got -3"],
    ),
    "zero capacity": (
        dict(stations=S.replace(",10,05:00", ",0,05:00", 1)),
        ["stations.csv:2: capacity_t_per_day: must be greater than 0, got 0"],
    ),
    "latitude out of range": (
        dict(rooms=R.replace("36.79", "95")),
        ["rooms.csv:4: lat: must be between -90 and 90, got 95"],
    ),
    "longitude out of range": (
        dict(yaml_text=Y.replace("lon: 118.05", "lon: 218.05")),
        ["scenario.yaml:19: garages[0].lon: must be between -180 and 180, got 218.05"],
    ),
    "duplicate id across tables": (
        dict(stations=S.replace("S1,", "R1,")),
        ["stations.csv:2: id: duplicate place id 'R1' (first at rooms.csv:2)"],
    ),
    "duplicate vehicle type": (
        dict(yaml_text=Y.replace("id: compactor", "id: small")),
        ["scenario.yaml:26: fleet[1].id: duplicate vehicle type id 'small' (first at scenario.yaml:21)"],
    ),
    "unknown garage": (
        dict(yaml_text=Y.replace("garage: G1\n    capacity_kg: 1500", "garage: G9\n    capacity_kg: 1500")),
        ["scenario.yaml:23: fleet[0].garage: unknown garage 'G9'"],
    ),
    "unknown garage of haul trucks": (
        dict(yaml_text=Y.replace("garage: G1\n    container", "garage: G2\n    container")),
        ["scenario.yaml:34: haul_fleet[0].garage: unknown garage 'G2'"],
    ),
    "variant references": (
        dict(yaml_text=Y.replace("open: [C1]", "open: [C9, S1]\n    close: [S7]\n    fleet: {big: 3}")),
        ["scenario.yaml:38: variants.more.open[0]: unknown station 'C9'",
         "scenario.yaml:38: variants.more.open[1]: station 'S1' is not a candidate site (status existing)",
         "scenario.yaml:39: variants.more.close[0]: unknown station 'S7'",
         "scenario.yaml:40: variants.more.fleet.big: unknown vehicle type 'big'"],
    ),
    "empty fleet": (
        dict(yaml_text=Y.replace("count: 2", "count: 0").replace("count: 1\n    garage: G1\n    capacity_kg",
                                                                 "count: 0\n    garage: G1\n    capacity_kg")),
        ["scenario.yaml:20: fleet: no collection vehicles (no vehicle types, or every count is 0)"],
    ),
    "no fleet section": (
        dict(yaml_text=Y.replace("fleet:\n  - id: small", "fleets:\n  - id: small")),
        ["scenario.yaml:1: fleet: required, but missing", "scenario.yaml:20: fleets: unknown field"],
    ),
    "station hours end before they start": (
        dict(stations=S.replace("05:00,20:00", "05:00,04:00", 1)),
        ["stations.csv:2: close: close is not after open"],
    ),
    "plant hours end before they start": (
        dict(yaml_text=Y.replace("open: 06:00\n    close: 22:00", "open: 23:00\n    close: 22:00")),
        ["scenario.yaml:14: plants[0].close: close is not after open"],
    ),
    "shift ends before it starts": (
        dict(yaml_text=Y.replace("vehicle_class: 2", "vehicle_class: 2\n    shift_start: 14:00\n    shift_end: 6:00")),
        ["scenario.yaml:32: fleet[1].shift_end: shift_end is not after shift_start"],
    ),
    "bad clock time": (
        dict(stations=S.replace("05:00,20:00", "5am,20:00", 1)),
        ["stations.csv:2: open: expected a clock time like '06:30', got '5am'"],
    ),
    "room heavier than every vehicle": (
        dict(rooms=R.replace("200,6,", "3500,6,").replace("80.5,4,1", "1600,4,1")),
        ["rooms.csv:3: waste_kg_per_day: room R2 has 1600 kg a day, more than any vehicle that can reach it "
         "carries (largest capacity 1500 kg)",
         "rooms.csv:4: waste_kg_per_day: room R3 has 3500 kg a day, more than any vehicle carries "
         "(largest capacity 3000 kg)"],
    ),
    "room too narrow for every vehicle": (
        dict(yaml_text=Y.replace("vehicle_class: 1", "vehicle_class: 2")),
        ["rooms.csv:3: max_vehicle_class: room R2 admits vehicle class 1 at most, but the smallest vehicle is class 2"],
    ),
    "mixed coordinate systems": (
        dict(yaml_text=Y.replace("  - id: G1\n    lat: 36.80\n    lon: 118.05", "  - id: G1\n    x: 1000\n    y: 2000")),
        ["scenario.yaml:17: garages[0].x/y: this place uses x/y but rooms.csv:2 uses lat/lon; "
         "give every place in one coordinate system"],
    ),
    "travel model needs other coordinates": (
        dict(yaml_text=Y.replace("model: haversine", "model: euclidean")),
        ["scenario.yaml:4: travel.model: 'euclidean' needs places in x/y, but they are given in lat/lon (use haversine)"],
    ),
    "bad status": (
        dict(stations=S.replace("existing", "exists")),
        ["stations.csv:2: status: must be one of 'existing' or 'candidate', got 'exists'"],
    ),
    "id with a space": (
        dict(rooms=R.replace("R3,", "R 3,")),
        ["rooms.csv:4: id: must be a non-empty id without spaces or commas, got 'R 3'"],
    ),
    "section of the wrong kind": (
        dict(yaml_text=Y.replace("rooms: rooms.csv", "rooms: 3")),
        ["scenario.yaml:7: rooms: must be a list of records, the path of a CSV or .xlsx table, or {file: ..., sheet: ...}, got int"],
    ),
    "missing matrix file": (
        dict(yaml_text=Y.replace("model: haversine", "model: matrix\n  matrix: {file: m.csv}")),
        ["m.csv: file: no such file"],
    ),
    "top level not a mapping": (
        dict(yaml_text="- just\n- a list\n"),
        ["scenario.yaml:1: yaml: must be a mapping of sections (name:, rooms:, stations:, ...)"],
    ),
    "empty yaml": (
        dict(yaml_text="# nothing here\n"),
        ["scenario.yaml:1: yaml: the file is empty"],
    ),
    "empty csv": (
        dict(stations=""),
        # the stations table is unreadable, so the variant's reference to C1 is not checked (no echo)
        ["stations.csv:1: header: the file is empty (expected a header row of column names)"],
    ),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_bad_input_exits_2_with_exact_messages(case: str, in_tmp: Path) -> None:
    changes, expected = CASES[case]
    write_scenario(in_tmp, **changes)
    result = run_check()
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert result.stderr.splitlines() == expected


def test_all_problems_reported_at_once(in_tmp: Path) -> None:
    rooms = R.replace("80.5", "abc").replace("36.79", "95")
    stations = S.replace("05:00,20:00", "05:00,04:00", 1)
    yaml_text = Y.replace("garage: G1\n    capacity_kg: 1500", "garage: G9\n    capacity_kg: 1500")
    write_scenario(in_tmp, yaml_text=yaml_text, rooms=rooms, stations=stations)
    result = run_check()
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "scenario.yaml:23: fleet[0].garage: unknown garage 'G9'",
        "rooms.csv:3: waste_kg_per_day: must be a number, got 'abc'",
        "rooms.csv:4: lat: must be between -90 and 90, got 95",
        "stations.csv:2: close: close is not after open",
    ]


def test_missing_scenario_file(in_tmp: Path) -> None:
    result = run_check("nowhere.yaml")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == ["nowhere.yaml: file: no such file"]


def test_bad_encoding_names_the_line(in_tmp: Path) -> None:
    """UTF-8 with a GBK name in line 4 is neither encoding: the line where decoding stops is named."""
    write_scenario(in_tmp)
    (in_tmp / "rooms.csv").write_bytes(R.encode("utf-8").replace("石桥村1号".encode("utf-8"), "石桥村1号".encode("gbk")))
    result = run_check()
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        'rooms.csv:4: encoding: neither UTF-8 nor GB18030/GBK (byte 0xc7 at column 6); save the file as UTF-8 (Excel: "CSV UTF-8")']


def test_paths_are_shown_as_given(tmp_path: Path) -> None:
    path = write_scenario(tmp_path / "district", rooms=R.replace("80.5", "abc"))
    result = run_check(str(path))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"{tmp_path}/district/rooms.csv:3: waste_kg_per_day: must be a number, got 'abc'"]
