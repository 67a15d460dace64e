"""compare(): base and variants planned with one budget, validated, set side by side."""

from __future__ import annotations

import json

import pytest

from wasteopt.plan.models import load_plan
from wasteopt.plan.validate import validate
from wasteopt.scenario.errors import ScenarioError
from wasteopt.whatif.compare import compare, save_comparison
from wasteopt.whatif.tables import comparison_table

BUDGET = {"iterations": 200, "seed": 1}


def test_closing_a_station_moves_its_rooms_within_capacity(two_stations, pool, tmp_path):
    result = compare(two_stations, ["s2-closed"], executor=pool, **BUDGET)
    closed = result.variants[0]
    assert closed.plan.variant == ["s2-closed"] and result.base.plan.variant == []
    assert validate(closed.scenario, closed.plan) == [] and closed.kpis["violations"] == []
    assert closed.plan.unserved == []
    loads = closed.plan.kpis["station_load_kg"]
    assert "S2" not in loads or loads["S2"] == 0
    assert loads["S1"] <= 3000 and loads["S3"] <= 3000
    assert sum(loads.values()) == pytest.approx(12 * 400)
    assert closed.kpis["station_t"] == {"S1": loads["S1"] / 1000, "S3": loads["S3"] / 1000}
    assert closed.delta["cost"] == pytest.approx(closed.kpis["cost"] - result.base.kpis["cost"], abs=0.01)
    assert closed.payback_years is None  # nothing built


def test_too_little_capacity_is_reported_as_unserved_rooms(two_stations, pool):
    result = compare(two_stations, ["s2-and-s3-closed"], executor=pool, **BUDGET)
    short = result.variants[0]
    assert validate(short.scenario, short.plan) == []
    served_kg = short.plan.kpis["station_load_kg"]["S1"]
    assert served_kg <= 3000
    assert len(short.plan.unserved) >= 5  # 4.8 t of 400 kg rooms, 3 t of room: at least 1.8 t left
    assert short.kpis["unserved"] == len(short.plan.unserved) and result.any_incomplete


def test_opening_a_station_reports_payback_and_writes_files(far_village, pool, tmp_path):
    result = compare(far_village, ["east", "east+more-trucks"], executor=pool, **BUDGET)
    east = result.variants[0]
    saving = result.base.kpis["cost"] - east.kpis["cost"]
    assert saving > 0
    assert east.opened == ["C1"] and east.build_cost == 500_000
    assert east.payback_years == round(500_000 / (saving * 365), 2)
    assert result.variants[1].plan.variant == ["east", "more-trucks"]
    for outcome in result.outcomes:
        assert validate(outcome.scenario, outcome.plan) == []

    save_comparison(result, tmp_path)
    data = json.loads((tmp_path / "comparison.json").read_text())
    assert data["base"]["name"] == "base" and data["base"]["kpis"]["cost"] == result.base.kpis["cost"]
    assert [v["name"] for v in data["variants"]] == ["east", "east+more-trucks"]
    assert data["variants"][0]["payback_years"] == east.payback_years
    assert data["variants"][0]["delta"]["cost"] == pytest.approx(-saving, abs=0.01)
    assert load_plan(tmp_path / "east+more-trucks" / "plan.json").variant == ["east", "more-trucks"]

    table = comparison_table(result).splitlines()
    assert table[0].split() == ["base", "east", "east+more-trucks"]
    assert table[7].split()[:3] == ["cost/day", f"{result.base.kpis['cost']:.2f}", f"{east.kpis['cost']:.2f}"]
    assert any(line.startswith("C1 t (util)") and line.split()[3] == "-" for line in table)
    assert any(line.split()[:3] == ["payback", "years", "-"] for line in table)


def test_unknown_variant_fails_before_anything_is_solved(two_stations):
    with pytest.raises(ScenarioError) as caught:
        compare(two_stations, ["s2-closed", "s9-closed"], source="x.yaml", **BUDGET)
    assert str(caught.value).startswith("x.yaml: variant: unknown variant 's9-closed'")
