"""The stops CSV holds exactly the plan's stops and values."""

from __future__ import annotations

import csv
import io

from tests.report.conftest import solved
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
