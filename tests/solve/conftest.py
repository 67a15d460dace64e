"""Fixtures shared by the engine's tests."""

from __future__ import annotations

import pytest

import wasteopt
from wasteopt.plan.models import Plan
from wasteopt.scenario.models import Scenario

from tests.solve.scenarios import three_villages


@pytest.fixture(scope="session")
def district() -> tuple[Scenario, Plan]:
    """Three villages of 12 rooms, three stations with room to spare, trucks of 2 t, and its plan
    (120 iterations, seed 2): several routes, each village's its own."""
    scenario = three_villages()
    plan = wasteopt.solve(scenario, iterations=120, seed=2)
    assert plan.unserved == [] and len(plan.routes) >= 3
    return scenario, plan
