"""The library API works without the CLI: load_scenario → solve → validate."""

from __future__ import annotations

from pathlib import Path

import wasteopt
import wasteopt.solve.engine  # noqa: F401  importing the subpackage must not hide wasteopt.solve
from wasteopt.scenario.generate import generate
from wasteopt.scenario.writer import save_scenario


def test_load_solve_validate(tmp_path: Path) -> None:
    path = save_scenario(generate("zhangdian", rooms=25, stations=2, seed=3), tmp_path)
    scenario = wasteopt.load_scenario(str(path))
    assert callable(wasteopt.solve)
    plan = wasteopt.solve(scenario, iterations=100, seed=2)
    assert wasteopt.validate(scenario, plan) == []
    assert plan.kpis["rooms_served"] == 25
    assert 0 < plan.lower_bound.distance_km <= plan.kpis["distance_km"]
