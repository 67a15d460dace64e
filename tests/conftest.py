"""Shared fixtures: the shipped Zhangdian scenario solved once per test session (small budget)."""

from __future__ import annotations

from pathlib import Path

import pytest

import wasteopt
from wasteopt.plan.models import Plan
from wasteopt.scenario.models import Scenario

ROOT = Path(__file__).resolve().parents[1]
ZHANGDIAN = ROOT / "scenarios" / "zhangdian" / "scenario.yaml"


@pytest.fixture(scope="session")
def zhangdian() -> tuple[Scenario, Plan]:
    """The shipped scenario and a plan for it from a short, reproducible search (100 iterations)."""
    scenario = wasteopt.load_scenario(str(ZHANGDIAN))
    return scenario, wasteopt.solve(scenario, iterations=100, seed=1)
