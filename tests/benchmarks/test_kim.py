"""benchmarks/kim.py: reading Kim, Kim & Sahoo's instances and writing them as scenarios (no solving).

The instances are read from ``../shared/kim`` beside the repository; the tests that need them are
skipped where that folder is absent.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

import wasteopt
from wasteopt.network.travel import TravelNetwork

ROOT = Path(__file__).resolve().parents[2]
BENCHMARKS = ROOT / "benchmarks"


def _load_script():
    if str(BENCHMARKS) not in sys.path:  # the script imports its sibling ``_common``
        sys.path.insert(0, str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location("kim_benchmark", BENCHMARKS / "kim.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


kim = _load_script()
needs_files = pytest.mark.skipif(not kim.KIM_DIR.is_dir(), reason=f"{kim.KIM_DIR} not present")
HOUR = 3600


@pytest.fixture(scope="module")
def i102():
    return kim.read_instance(kim.instance_path(102, kim.KIM_DIR))


@needs_files
def test_reads_102(i102):
    assert (i102.capacity_yd3, i102.daily_yd3, i102.max_stops, i102.lunch_s, i102.speed_mph) == (280, 400, 500, 3600, 40)
    assert (len(i102.stops), len(i102.facilities)) == (99, 2)
    depot = i102.depot
    assert (depot.id, depot.x_ft, depot.y_ft, depot.early_s, depot.late_s, depot.line) == ("0", 1215029, 3461398, 4 * HOUR, 15 * HOUR, 7)
    assert [(f.id, f.service_s, f.early_s, f.late_s) for f in i102.facilities] == [("1", 1600, 0, 24 * HOUR), ("2", 1600, 0, 24 * HOUR)]
    # "3   1208344.00   3469904.00  0700 2400 180    12.00 1" on line 10
    first = i102.stops[0]
    assert (first.id, first.x_ft, first.y_ft, first.early_s, first.late_s, first.service_s, first.load_yd3, first.line) == (
        "3", 1208344, 3469904, 7 * HOUR, 24 * HOUR, 180, 12, 10)
    assert i102.stops[-1].id == "101"  # the last line has no line end
    assert i102.total_load_yd3 == pytest.approx(897)
    assert i102.oddities == []


@needs_files
def test_every_instance_reads_with_the_readmes_counts_and_best_results():
    readme = (kim.KIM_DIR / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d+) \| (\d+) \| (\d+) \| ([^|]+) \|", readme, flags=re.M)
    assert [int(r[0]) for r in rows] == kim.INSTANCES
    for number, stops, facilities, best in rows:
        inst = kim.read_instance(kim.instance_path(int(number), kim.KIM_DIR))
        assert (len(inst.stops), len(inst.facilities)) == (int(stops), int(facilities)), number
        published = [(int(v), float(m)) for v, m in re.findall(r"(\d+) / ([\d.]+)", best)]
        assert kim.BEST[int(number)] == published, number


@needs_files
def test_the_written_scenario_loads_with_the_rules(i102, tmp_path):
    scenario = wasteopt.load_scenario(str(kim.write_instance(i102, tmp_path / "102")))
    assert scenario.travel.model == "manhattan" and scenario.travel.circuity == 1.0
    assert scenario.travel.speed_kmh == pytest.approx(40 * 1.609344)
    assert not scenario.plants and not scenario.haul_fleet
    (truck,) = scenario.fleet
    assert (truck.garage, truck.shift_start, truck.shift_end) == ("D0", 4 * HOUR, 15 * HOUR)
    assert truck.capacity_kg == 280_000 and truck.max_kg_per_day == 400_000 and truck.max_stops == 500
    assert [(b.duration_min, b.earliest, b.latest) for b in truck.breaks] == [(60, 11 * HOUR, 12 * HOUR)]
    assert truck.fixed_cost == 10_000 and truck.cost_per_km == 1 and truck.cost_per_hour == 0
    assert truck.count == 2 * 3 + 5
    rooms = {r.id: r for r in scenario.rooms}
    assert len(rooms) == 99
    assert (rooms["S3"].tw_open, rooms["S3"].tw_close, rooms["S3"].service_min, rooms["S3"].waste_kg_per_day) == (
        7 * HOUR, 24 * HOUR, 3.0, 12_000)
    assert (rooms["S5"].tw_open, rooms["S5"].tw_close) == (0, 7 * HOUR)
    assert [(s.id, s.open, s.close, s.unload_min) for s in scenario.stations] == [
        ("F1", 0, 24 * HOUR, pytest.approx(1600 / 60)), ("F2", 0, 24 * HOUR, pytest.approx(1600 / 60))]
    assert all(s.capacity_t_per_day > 897 for s in scenario.stations)
    network = TravelNetwork(scenario)
    # S3 (1208344, 3469904) → S4 (1214253, 3472668): 5909 + 2764 = 8673 ft = 2643.53 m
    assert network.distance_m(["S3"], ["S4"])[0, 0] == 2644
    # benchmark.html's example: depot → facility 1 is 15387 ft, 262.3 s at 40 mph
    assert network.leg("D0", "F1", truck.speed_kmh) == (4690, 262)


def write(tmp_path: Path, text: str, name: str = "9_stop.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode())
    return path


HEAD = ("280.0 \t\t// vehicle capacity\r\n400\t//\tdaily\t\t\r\n500\t// stops\r\n3600\t// lunch\r\n40\t// mph\r\n"
        "Stop_ID\tX(feet)\tY(feet)\tEarly\tLate\tService\tLoad\tType\r\n")


def test_tabs_empty_cells_and_odd_minutes(tmp_path):
    rows = ("0\t100\t200\t\t400\t1500\t0\t9999\t0\t\t\t\r\n"
            "1\t300\t200\t0\t2400\t60\t9999\t2\r\n"
            "7   -100.5   50.25  0775 1575 90    3.5 1\t\t")
    inst = kim.read_instance(write(tmp_path, HEAD + rows))
    assert inst.depot.early_s == 4 * HOUR and inst.facilities[0].late_s == 24 * HOUR
    (stop,) = inst.stops
    assert (stop.x_ft, stop.y_ft, stop.early_s, stop.late_s, stop.load_yd3, stop.line) == (-100.5, 50.25, 8 * HOUR + 15 * 60, 16 * HOUR + 15 * 60, 3.5, 9)
    assert len(inst.oddities) == 2 and "0775" in inst.oddities[0]


@needs_files
def test_a_truncated_file_names_the_file_and_line(tmp_path):
    lines = kim.instance_path(102, kim.KIM_DIR).read_bytes().split(b"\r\n")
    cut = write(tmp_path, b"\r\n".join(lines[:20]).decode() + "\r\n21   1381044.00   3453", "102_stop.txt")
    with pytest.raises(kim.KimFormatError, match=re.escape(f"{cut}:21: row has 3 values, expected 8")):
        kim.read_instance(cut)
    header_only = write(tmp_path, b"\r\n".join(lines[:3]).decode(), "102b_stop.txt")
    with pytest.raises(kim.KimFormatError, match=re.escape(f"{header_only}:3: file ends after 3 of the 5 header values")):
        kim.read_instance(header_only)
    no_facility = write(tmp_path, b"\r\n".join(lines[:7]).decode() + "\r\n", "102c_stop.txt")
    with pytest.raises(kim.KimFormatError, match=re.escape(f"{no_facility}:8: no disposal facility")):
        kim.read_instance(no_facility)


def test_bad_values_name_the_line(tmp_path):
    cases = {
        "0 1 2 0400 1500 0 9999 0\n1 1 2 0000 2400 60 9999 2\n3 1 2 0900 0800 60 4 1\n": ":9: latest start 0800 is before earliest start 0900",
        "0 1 2 0400 1500 0 9999 0\n1 1 2 0000 2500 60 9999 2\n": ":8: time 2500 is after 24:00",
        "0 1 2 0400 1500 0 9999 0\n1 1 2 0000 2400 60 9999 5\n": ":8: type: 5 is none of",
        "0 1 2 0400 1500 0 9999 0\n0 1 2 0000 2400 60 9999 2\n": ":8: id 0 given twice (first on line 7)",
        "0 1 2 0400 1500 0 9999 0\n1 1 y 0000 2400 60 9999 2\n": ":8: Y: not a number: 'y'",
    }
    for index, (rows, message) in enumerate(cases.items()):
        path = write(tmp_path, HEAD + rows, f"{index}_stop.txt")
        with pytest.raises(kim.KimFormatError, match=re.escape(f"{path}{message}")):
            kim.read_instance(path)


def test_delta_at_the_same_vehicle_count_and_the_report():
    record = {"instance": 1351, "stops": 1347, "facilities": 3, "limit_s": 60.0, "iterations": None, "seed": 1,
              "plan_exit": 0, "validate_exit": 1, "violations": {"break": 2}, "vehicles": 8, "trips": 20,
              "miles": 869.5, "served": 1347, "wall_s": 61.0}
    assert kim.delta(record) == ("7 / 1011.9 · 8 / 828.1", "+5.0 %")
    assert kim.delta({**record, "vehicles": 9})[1] == "-"
    text = kim.report([record])
    assert "| 1351 | 1347 | 3 | 60 s | 1 | 8 | 20 | 869.5 | 1347 / 1347 | 0 | 1 | break 2 | 7 / 1011.9 · 8 / 828.1 | +5.0 % | 61.0 |" in text
