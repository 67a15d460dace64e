"""``wasteopt validate`` on a whole chain (collection and haul): exit status 0 valid and complete,
1 a rule or a figure wrong, 3 valid but incomplete (even when the plan's diagnostics explain the
shortfall), 2 unreadable. Uses the hand-checked one-station day and its KPIs
(tests/plan/test_validate_kpis.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.plan.test_validate_haul import TRIP_1
from tests.plan.test_validate_kpis import chain_plan
from wasteopt.cli import main
from wasteopt.plan.models import Diagnostic, LowerBound, Plan, save_plan
from wasteopt.scenario.writer import save_scenario

SUMMARY_2_TRIPS = "1 route, 3 rooms served, 0 unserved, 0.00 km, collection cost 0.00, 2 haul trips"


@pytest.fixture
def run(tmp_path: Path) -> Callable[[Plan], Result]:
    """Write the one-station scenario and ``plan``; run ``wasteopt validate`` on them."""
    sc, _ = chain_plan()
    scenario_path = save_scenario(sc, tmp_path / "scenario")

    def invoke(plan: Plan) -> Result:
        save_plan(plan, tmp_path / "plan.json")
        return CliRunner().invoke(main, ["validate", str(scenario_path), str(tmp_path / "plan.json")])

    return invoke


def test_valid_and_complete_exits_0(run: Callable[[Plan], Result]) -> None:
    result = run(chain_plan()[1])
    assert (result.exit_code, result.output) == (0, f"plan is valid: {SUMMARY_2_TRIPS}\n")


def test_a_tampered_figure_exits_1(run: Callable[[Plan], Result]) -> None:
    plan = chain_plan()[1]
    plan.kpis.update(cost=1000.0, cost_per_tonne=12.06)
    result = run(plan.model_copy(update={"lower_bound": LowerBound(distance_km=5000.0)}))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "kpi-cost: kpis: cost 1000, recomputed 590.83",
        "kpi-cost-per-tonne: kpis: cost_per_tonne 12.06, recomputed 34.75",
        "bound-distance: lower_bound: distance_km 5000 is above the plan's own 0.000 km (recomputed): no bound exceeds a feasible plan",
        "3 violations",
    ]


def test_waste_left_at_the_station_with_haul_error_diagnostics_exits_3(run: Callable[[Plan], Result]) -> None:
    sc, plan = chain_plan()
    errors = [
        Diagnostic(level="error", code="haul-plant-closed", subject="S1", message="the plant closes before container 2 is full"),
        Diagnostic(level="error", code="haul-left-behind", subject="S1", message="7 t stay at S1"),
    ]
    # Only container 1 hauled: the truck goes home after it (its drive home now counts on that trip,
    # home 11:25). No KPIs stated: only the shortfall is left to find.
    trip = TRIP_1.model_copy(update={"distance_km": 36.0, "back": "11:25:00"})
    plan = plan.model_copy(update={"haul": [trip], "diagnostics": errors, "kpis": {}})
    result = run(plan)
    assert result.exit_code == 3, result.output
    assert result.output == (
        "plan is valid but incomplete: 7,000 kg left at S1 "
        "(1 route, 3 rooms served, 0 unserved, 0.00 km, collection cost 0.00, 1 haul trip)\n"
    )


def test_an_unreadable_plan_exits_2(run: Callable[[Plan], Result], tmp_path: Path) -> None:
    sc, _ = chain_plan()
    scenario_path = save_scenario(sc, tmp_path / "other")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(scenario_path), str(tmp_path / "broken.json")])
    assert result.exit_code == 2
    assert result.output == f"{tmp_path / 'broken.json'}:1: not valid JSON: Expecting property name enclosed in double quotes\n"
