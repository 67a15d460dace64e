"""`wasteopt plan`: the plan file, exit statuses, reproducibility, Ctrl-C keeps the best plan."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from wasteopt.cli import main
from wasteopt.plan.models import load_plan
from wasteopt.plan.validate import validate
from wasteopt.scenario.generate import generate
from wasteopt.scenario.loader import load_scenario
from wasteopt.scenario.writer import save_scenario


@pytest.fixture(scope="module")
def small_scenario(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 40-room district of the Zhangdian recipe, written as files."""
    directory = tmp_path_factory.mktemp("small")
    return save_scenario(generate("zhangdian", rooms=40, stations=3, seed=7), directory)


def run_plan(scenario: Path, out: Path, *extra: str):
    return CliRunner().invoke(main, ["plan", str(scenario), "--iterations", "150", "--seed", "3", "--out", str(out), *extra])


def test_plan_writes_a_valid_plan_and_a_summary(small_scenario: Path, tmp_path: Path) -> None:
    result = run_plan(small_scenario, tmp_path)
    assert result.exit_code == 0, result.output
    plan = load_plan(tmp_path / "plan.json")
    assert validate(load_scenario(small_scenario), plan) == []
    assert "rooms → stations" in result.output
    assert "rooms served: 40, unserved: 0" in result.output
    assert not list(tmp_path.glob(".plan.json.*"))  # no temporary file left behind


def test_same_seed_and_iterations_give_the_identical_plan(small_scenario: Path, tmp_path: Path) -> None:
    assert run_plan(small_scenario, tmp_path / "a", "--quiet").exit_code == 0
    assert run_plan(small_scenario, tmp_path / "b", "--quiet").exit_code == 0
    first = json.loads((tmp_path / "a" / "plan.json").read_text(encoding="utf-8"))
    second = json.loads((tmp_path / "b" / "plan.json").read_text(encoding="utf-8"))
    first.pop("solver"), second.pop("solver")
    assert first == second


def test_too_small_a_fleet_exits_3_and_still_writes_the_plan(tmp_path: Path) -> None:
    scenario = generate("zhangdian", rooms=60, stations=3, seed=7)
    only_one = scenario.model_copy(
        update={"fleet": [scenario.fleet[0].model_copy(update={"count": 1, "shift_end": scenario.fleet[0].shift_start + 3600})]}
    )
    path = save_scenario(only_one, tmp_path / "scenario")
    result = run_plan(path, tmp_path / "out")
    assert result.exit_code == 3, result.output
    plan = load_plan(tmp_path / "out" / "plan.json")
    assert plan.unserved and all(item.reason for item in plan.unserved)
    assert validate(load_scenario(path), plan) == []


def test_bad_input_exits_2_without_writing(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["plan", str(tmp_path / "missing.yaml"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "missing.yaml" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out" / "plan.json").exists()


def test_ctrl_c_stops_the_search_and_writes_the_best_plan(small_scenario: Path, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "wasteopt.cli", "plan", str(small_scenario), "--time-limit", "600", "--out", str(tmp_path), "--quiet"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    time.sleep(8)  # long enough to be searching; not a timing assertion
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr.decode()
    plan = load_plan(tmp_path / "plan.json")
    assert plan.solver["interrupted"] is True
    assert validate(load_scenario(small_scenario), plan) == []
