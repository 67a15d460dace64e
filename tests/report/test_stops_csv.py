"""The stops CSV holds exactly the plan's stops and values."""

from __future__ import annotations

import csv
import io

from tests.report.conftest import break_plan, solved
from wasteopt.report.stops_csv import COLUMNS, stops_csv


def _float_or_none(text: str) -> float | None:
    return float(text) if text else None


def test_csv_rows_equal_plan_stops() -> None:
    scenario, plan = solved()
    text = stops_csv(scenario, plan)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert list(rows[0]) == COLUMNS
    expected = [(r.vehicle, seq, s) for r in plan.routes for seq, s in enumerate(r.stops)]
    assert len(rows) == len(expected)
    names = {p.id: p.name for p in [*scenario.rooms, *scenario.stations, *scenario.garages]}
    for row, (vehicle, seq, stop) in zip(rows, expected):
        assert (row["vehicle"], int(row["seq"]), row["kind"], row["id"]) == (vehicle, seq, stop.kind, stop.id)
        assert row["name"] == names[stop.id]
        assert (row["arrive"] or None, row["depart"] or None) == (stop.arrive, stop.depart)
        assert float(row["load_kg"]) == stop.load_kg
        assert _float_or_none(row["collected_kg"]) == stop.collected_kg
        assert _float_or_none(row["unloaded_kg"]) == stop.unloaded_kg


def test_breaks_are_rows_with_start_end_and_place() -> None:
    scenario, plan = break_plan()
    rows = list(csv.DictReader(io.StringIO(stops_csv(scenario, plan).lstrip("\ufeff"))))
    assert [(r["vehicle"], int(r["seq"]), r["kind"], r["id"]) for r in rows] == [
        (route.vehicle, seq, s.kind, s.id) for route in plan.routes for seq, s in enumerate(route.stops)]
    breaks = [(r["vehicle"], r["id"], r["arrive"], r["depart"], r["at"], r["load_kg"], r["name"], r["collected_kg"])
              for r in rows if r["kind"] == "break"]
    assert breaks == [
        ("c1t-01", "break-1", "06:20:00", "06:35:00", "", "240", "", ""),
        ("c1t-01", "break-2", "07:10:00", "08:10:00", "S1", "0", "", ""),
        ("c1t-02", "break-1", "06:15:00", "06:30:00", "R03", "320", "", ""),
        ("c1t-02", "break-2", "07:00:00", "08:00:00", "R05", "320", "", ""),
    ]
    assert all(r["at"] == "" for r in rows if r["kind"] != "break")
