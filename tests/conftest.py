"""Shared fixtures: the shipped Zhangdian scenario solved once per test session (small budget), and
every plan the engine makes in a test checked: a violation its own validator found fails the test."""

from __future__ import annotations

from pathlib import Path

import importlib

import pytest

import wasteopt
from wasteopt.plan.models import Plan
from wasteopt.scenario.models import Scenario

engine = importlib.import_module("wasteopt.solve.engine")  # ``wasteopt.solve`` is also a function's name

ROOT = Path(__file__).resolve().parents[1]
ZHANGDIAN = ROOT / "scenarios" / "zhangdian" / "scenario.yaml"


@pytest.fixture(scope="session")
def zhangdian() -> tuple[Scenario, Plan]:
    """The shipped scenario and a plan for it from a short, reproducible search (100 iterations)."""
    scenario = wasteopt.load_scenario(str(ZHANGDIAN))
    return scenario, wasteopt.solve(scenario, iterations=100, seed=1)


@pytest.fixture(autouse=True, scope="session")
def engine_violations_fail_the_test():
    """Any plan the engine returns in this process with violations of its own check is a failure,
    whatever the test asserts (plans made in subprocesses are judged by their exit status, 1)."""
    plan_day = engine._plan

    def checked(*args, **kwargs) -> Plan:
        plan = plan_day(*args, **kwargs)
        assert not plan.solver.get("violations"), plan.solver["violations"][:5]
        return plan

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine, "_plan", checked)
        yield


@pytest.fixture(autouse=True)
def _english_output(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests read English output: a Chinese machine (LANG=zh_CN, WASTEOPT_LANG=zh) must not change it."""
    monkeypatch.setenv("WASTEOPT_LANG", "en")
