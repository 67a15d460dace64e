"""What ``wasteopt plan`` says about a plan, without solving: the exit status in its order of
precedence, and the warnings the summary puts first (interrupted search, the engine's own violations)."""

from __future__ import annotations

import pytest

from tests.report.conftest import tiny_scenario
from wasteopt.commands.solve_cmds import exit_status
from wasteopt.plan.models import Diagnostic, Plan, Unserved
from wasteopt.plan.summary import summary_lines, warning_lines

VIOLATION = "station-hours: S01: compactor-01 unloads at 10:20:00; the station closes at 10:00:00"


def plan_with(*, interrupted: bool = False, violations: list[str] | None = None, unserved: bool = False,
              error: bool = False) -> Plan:
    solver: dict[str, object] = {"engine": "pyvrp", "interrupted": interrupted}
    if violations is not None:
        solver["violations"] = violations
    return Plan(
        scenario="tiny",
        unserved=[Unserved(id="R01", reason="no station capacity left within reach")] if unserved else [],
        diagnostics=[Diagnostic(level="error", code="haul-left-behind", message="2 containers stay at S01")] if error else [],
        solver=solver,
    )


@pytest.mark.parametrize(("plan", "status"), [
    (plan_with(), 0),
    (plan_with(violations=[]), 0),
    (plan_with(unserved=True), 3),
    (plan_with(error=True), 3),
    (plan_with(violations=[VIOLATION], unserved=True, error=True), 1),
    (plan_with(interrupted=True, violations=[VIOLATION], unserved=True), 130),
    (plan_with(interrupted=True), 130),
])
def test_exit_status_precedence(plan: Plan, status: int) -> None:
    assert exit_status(plan) == status


def test_a_plain_plan_has_no_warnings_and_the_summary_starts_with_the_table() -> None:
    plan = plan_with()
    assert warning_lines(plan) == []
    assert summary_lines(tiny_scenario(), plan)[0] == "plan for tiny"


def test_interrupted_comes_first() -> None:
    lines = summary_lines(tiny_scenario(), plan_with(interrupted=True))
    assert lines[0] == "INTERRUPTED (Ctrl-C): the search was stopped early; this plan is the best found so far"
    assert lines[1] == "plan for tiny"


def test_violations_are_listed_before_the_figures() -> None:
    other = "room-once: R03: served twice (compactor-01, compactor-02)"
    lines = summary_lines(tiny_scenario(), plan_with(violations=[VIOLATION, other]))
    assert lines[:4] == [
        "the engine's own check found 2 violations — this is a bug, please report it:",
        f"  {VIOLATION}",
        f"  {other}",
        "plan for tiny",
    ]


def test_interrupted_and_one_violation() -> None:
    lines = warning_lines(plan_with(interrupted=True, violations=[VIOLATION]))
    assert lines == [
        "INTERRUPTED (Ctrl-C): the search was stopped early; this plan is the best found so far",
        "the engine's own check found 1 violation — this is a bug, please report it:",
        f"  {VIOLATION}",
    ]


def test_many_violations_are_cut_short() -> None:
    lines = warning_lines(plan_with(violations=[f"rule: R{k:02d}: wrong" for k in range(25)]))
    assert len(lines) == 1 + 20 + 1
    assert lines[-1] == "  ... and 5 more (run `wasteopt validate` on the plan)"
