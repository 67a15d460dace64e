"""compare(): base and variants planned with one budget, validated, set side by side."""

from __future__ import annotations

import json

import pytest

from wasteopt.plan.models import load_plan
from wasteopt.plan.validate import validate
from wasteopt.scenario.errors import ScenarioError
from wasteopt.whatif.compare import compare, save_comparison
from wasteopt.whatif.kpis import payback_years
from wasteopt.whatif.tables import comparison_table
from wasteopt.scenario.models import Variant

from tests.solve.scenarios import three_villages

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
    # the difference is paired with the base re-planned beside the variant (on the same routes)
    assert closed.compared_with is not None and closed.compared_with.name == "base"
    assert closed.delta["cost"] == pytest.approx(closed.mean["cost"] - closed.compared_with.mean["cost"], abs=0.01)
    assert closed.payback_years is None  # nothing built
    assert len(closed.runs) == 3 and closed.seeds == [1, 2, 3] and closed.baseline == "base"
    for run in (*closed.runs, *result.base.runs):
        assert run["violations"] == [] and run["unserved"] == 0


def test_the_runs_name_the_seeds_replanned_on_a_wider_part(pool):
    # short shifts: the trucks near S1 alone need one more to take its rooms elsewhere (tests/whatif/test_study.py)
    result = compare(three_villages(), ["close:S1"], executor=pool, iterations=120, seed=4, seeds=2)
    data = result.to_json()["variants"][0]
    assert [run["wider_catchment"] for run in data["runs"]] == ["taken", "taken"]
    assert all(run["wider_catchment"] in ("taken", "tried") for run in data["baseline_runs"])
    assert all(run["violations"] == 0 and run["unserved"] == 0 for run in data["runs"])
    assert "close:S1, seed(s) 4, 5: re-planned again on a wider part" in comparison_table(result)


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
    saving = -east.difference["cost"]["mean"]
    assert saving > 0 and east.verdict == "cheaper" and east.difference["cost"]["high"] < 0
    assert saving == pytest.approx(east.compared_with.mean["cost"] - east.mean["cost"], abs=0.01)
    assert east.opened == ["C1"] and east.build_cost == 500_000 and east.baseline == "base"
    assert east.payback_years == payback_years(500_000, saving, far_village.planning.discount_rate)
    assert east.within_life is (east.payback_years <= 20)
    assert result.variants[1].plan.variant == ["east", "more-trucks"]
    for outcome in result.outcomes:
        assert validate(outcome.scenario, outcome.plan) == []

    save_comparison(result, tmp_path)
    data = json.loads((tmp_path / "comparison.json").read_text())
    assert data["base"]["name"] == "base" and data["base"]["kpis"]["cost"] == result.base.kpis["cost"]
    assert [v["name"] for v in data["variants"]] == ["east", "east+more-trucks", "more-trucks"]
    assert data["variants"][0]["payback_years"] == east.payback_years
    assert data["variants"][0]["delta"]["cost"] == pytest.approx(-saving, abs=0.01)
    assert data["variants"][0]["verdict"] == "cheaper" and data["seeds"] == [1, 2, 3] and data["warm_start"]
    assert data["variants"][0]["difference"]["cost"]["low"] <= -saving <= data["variants"][0]["difference"]["cost"]["high"]
    assert [r["seed"] for r in data["variants"][0]["runs"]] == [1, 2, 3]
    assert load_plan(tmp_path / "east+more-trucks" / "plan.json").variant == ["east", "more-trucks"]

    table = comparison_table(result).splitlines()
    assert table[0].split() == ["base", "east", "east+more-trucks", "more-trucks"]
    assert table[7].split()[:3] == ["cost/day", f"{result.base.mean['cost']:.2f}", f"{east.mean['cost']:.2f}"]
    assert any(line.startswith("C1 t (util)") and line.split()[3] == "-" for line in table)
    assert any(line.split()[:3] == ["payback", "years", "-"] for line in table)
    east_line = next(line for line in table if line.startswith("east ") and line.rstrip().endswith("cheaper"))
    assert east_line.split()[1] == "base"


def test_a_combined_variant_pays_back_against_the_same_variant_without_the_opening(far_village, pool):
    result = compare(far_village, ["east+more-trucks"], executor=pool, **BUDGET)
    combined, alone = result.variants
    assert alone.name == "more-trucks" and alone.added and not combined.added
    assert combined.baseline == "more-trucks" and combined.opened == ["C1"]
    saving = -combined.difference["cost"]["mean"]
    assert saving == pytest.approx(alone.mean["cost"] - combined.mean["cost"], abs=0.01)
    assert combined.payback_years == payback_years(500_000, saving, far_village.planning.discount_rate)
    assert "more-trucks: planned as the baseline of a combined variant" in comparison_table(result)


def test_a_variant_that_changes_nothing_differs_by_exactly_nothing_with_the_warm_start(far_village, pool):
    same = far_village.model_copy(update={"variants": {"same": Variant(fleet={"V": 3})}})
    result = compare(same, ["same"], executor=pool, **BUDGET)
    nothing = result.variants[0]
    assert nothing.difference["cost"]["per_seed"] == [0.0, 0.0, 0.0]
    assert nothing.verdict == "no-difference"
    assert "no difference we can measure at this budget" in comparison_table(result)


def test_a_payback_beyond_the_stations_life_is_flagged(far_village, pool):
    stations = [s.model_copy(update={"build_cost": 5e7, "lifetime_years": 10}) if s.id == "C1" else s
                for s in far_village.stations]
    dear = far_village.model_copy(update={"stations": stations})
    result = compare(dear, ["east"], executor=pool, seeds=2, **BUDGET)
    east = result.variants[0]
    assert east.within_life is False and east.lifetime_years == 10
    assert "east: does not pay back within its life (10 years)" in comparison_table(result)


def test_cold_plans_start_from_scratch(two_stations, pool):
    result = compare(two_stations, ["s2-closed"], executor=pool, seeds=2, warm=False, **BUDGET)
    assert result.base_runs is not None and not result.base_runs.warm
    assert result.variants[0].compared_with.runs == result.base.runs  # the base's first plans themselves
    assert all("from" not in o.plan.solver for o in result.outcomes)
    assert "each plan planned from scratch (no warm start)" in comparison_table(result)


def test_unknown_variant_fails_before_anything_is_solved(two_stations):
    with pytest.raises(ScenarioError) as caught:
        compare(two_stations, ["s2-closed", "s9-closed"], source="x.yaml", **BUDGET)
    assert str(caught.value).startswith("x.yaml: variant: unknown variant 's9-closed'")


def test_a_stability_weight_keeps_the_base_routes_where_the_change_allows(two_stations, pool):
    result = compare(two_stations, ["s2-closed"], executor=pool, seeds=2, stability=1e6, **BUDGET)
    for outcome in result.outcomes:
        assert all(run["violations"] == [] for run in outcome.runs)
    # nothing moves off its truck that the closure does not force: the base re-plan keeps every room
    replanned_base = result.variants[0].compared_with.plan.solver["from"]
    assert replanned_base["changed_truck"] == 0 and replanned_base["stability"] == 1e6
