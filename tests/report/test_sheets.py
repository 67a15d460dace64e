"""Driver sheets: one CSV and one printable page per truck, stops in the plan's order."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from tests.report.conftest import break_plan, solved
from wasteopt.report.sheets import COLUMNS, sheet_filename, write_sheets


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_every_truck_gets_csv_and_html_and_an_index(tmp_path: Path) -> None:
    scenario, plan = solved()
    written = write_sheets(scenario, plan, tmp_path)
    stems = [sheet_filename(r.vehicle) for r in plan.routes]
    assert sorted(p.name for p in written) == sorted([*(f"{s}.csv" for s in stems), *(f"{s}.html" for s in stems), "index.html",
                                                      "print.html"])
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    for stem in stems:
        assert f'href="{stem}.html"' in index and f'href="{stem}.csv"' in index
    assert 'href="print.html"' in index
    assert not list(tmp_path.glob(".*.tmp"))


def test_csv_stop_order_and_values_equal_the_plan(tmp_path: Path) -> None:
    scenario, plan = solved()
    write_sheets(scenario, plan, tmp_path)
    rooms = {r.id: r for r in scenario.rooms}
    for route in plan.routes:
        rows = _rows(tmp_path / f"{sheet_filename(route.vehicle)}.csv")
        assert [(r["kind"], r["id"]) for r in rows] == [(s.kind, s.id) for s in route.stops]
        assert [int(r["seq"]) for r in rows] == list(range(len(route.stops)))
        for row, stop in zip(rows, route.stops):
            assert (row["arrive"] or None, row["depart"] or None) == (stop.arrive, stop.depart)
            assert float(row["load_after_kg"]) == stop.load_kg
            if stop.kind == "room":
                assert float(row["expected_kg"]) == stop.collected_kg == rooms[stop.id].waste_kg_per_day
                assert (row["name"], row["village"]) == (rooms[stop.id].name, rooms[stop.id].village)
            if stop.kind == "station":
                assert float(row["unloaded_kg"]) == stop.unloaded_kg
        # each room's "unload at" is the next station on the route
        for k, stop in enumerate(route.stops):
            if stop.kind == "room":
                assert rows[k]["unload_at"] == next(s.id for s in route.stops[k:] if s.kind == "station")
        assert rows[-1]["kind"] == "garage" and rows[-1]["arrive"] == route.stops[-1].arrive


def test_printable_page_lists_stops_in_plan_order_with_return_time(tmp_path: Path) -> None:
    scenario, plan = solved()
    write_sheets(scenario, plan, tmp_path)
    for route in plan.routes:
        page = (tmp_path / f"{sheet_filename(route.vehicle)}.html").read_text(encoding="utf-8")
        assert [int(s) for s in re.findall(r'data-seq="(\d+)"', page)] == list(range(1, len(route.stops)))
        assert "@media print" in page and '<meta charset="utf-8">' in page
        assert f"Return <b>{route.stops[-1].arrive[:5]}</b>" in page
        for stop in route.stops:
            if stop.kind == "room":
                assert next(r.name for r in scenario.rooms if r.id == stop.id) in page


def test_file_names_are_safe() -> None:
    assert sheet_filename("T/01 北") == "T_01__"
    assert sheet_filename("small-G01-03") == "small-G01-03"


def test_breaks_are_rows_in_stop_order_with_times_and_place(tmp_path: Path) -> None:
    scenario, plan = break_plan()
    write_sheets(scenario, plan, tmp_path)
    first, second = plan.routes
    rows = _rows(tmp_path / f"{sheet_filename(first.vehicle)}.csv")
    assert list(rows[0]) == COLUMNS
    assert [(r["kind"], r["id"]) for r in rows] == [(s.kind, s.id) for s in first.stops]
    breaks = [r for r in rows if r["kind"] == "break"]
    assert [(r["seq"], r["trip"], r["arrive"], r["depart"], r["at"], r["load_after_kg"], r["name"]) for r in breaks] == [
        ("2", "1", "06:20:00", "06:35:00", "en route R01 → R02", "240", ""),
        ("5", "", "07:10:00", "08:10:00", "S1", "0", ""),
    ]
    assert all(r["at"] == "" for r in rows if r["kind"] != "break")
    page = (tmp_path / f"{sheet_filename(first.vehicle)}.html").read_text(encoding="utf-8")
    assert [int(s) for s in re.findall(r'data-seq="(\d+)"', page)] == list(range(1, len(first.stops)))
    shown = re.findall(r'<tr class="break" data-seq="(\d+)">.*?<td>(\d\d:\d\d)</td><td colspan="3">(.*?)</td>', page)
    assert shown == [
        ("2", "06:20", "BREAK 06:20–06:35 (15 min), en route R01 → R02"),
        ("5", "07:10", 'BREAK 07:10–08:10 (60 min), at <b>南定中转站</b> <span class="id">S1</span>'),
    ]
    assert "Breaks <b>06:20–06:35 (15 min), 07:10–08:10 (60 min)</b>" in page
    assert "2 rooms" in page  # a break is not a room
    page = (tmp_path / f"{sheet_filename(second.vehicle)}.html").read_text(encoding="utf-8")
    room = next(r for r in scenario.rooms if r.id == "R03")
    assert re.search(r'data-seq="1">.*?R03.*?data-seq="2">.*?BREAK 06:15–06:30 \(15 min\), at <b>'
                     + room.name + r'</b> <span class="id">R03</span>.*?data-seq="3">.*?BREAK 07:00–08:00 \(60 min\), at '
                     r'<b>[^<]+</b> <span class="id">R05</span>.*?data-seq="4"', page)


def test_a_sheet_without_breaks_has_no_break_rows(tmp_path: Path) -> None:
    scenario, plan = break_plan()
    route = plan.routes[0]
    plain = route.model_copy(update={"stops": [s for s in route.stops if s.kind != "break"]})
    write_sheets(scenario, plan.model_copy(update={"routes": [plain]}), tmp_path)
    page = (tmp_path / f"{sheet_filename(route.vehicle)}.html").read_text(encoding="utf-8")
    assert "BREAK" not in page and "Break" not in page
