"""`wasteopt plan`: the plan file (ordinary permissions), exit statuses, reproducibility, outputs
checked before planning, Ctrl-C keeps the best plan, the engine's own violations come first."""

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

import wasteopt
from wasteopt.cli import main
from wasteopt.commands.solve_cmds import interrupt_on_ctrl_c
from wasteopt.network import network_for
from wasteopt.plan import models
from wasteopt.plan.models import Plan, load_plan
from wasteopt.plan.validate import validate
from wasteopt.scenario.generate import generate
from wasteopt.scenario.loader import load_scenario
from wasteopt.scenario.writer import save_scenario
from wasteopt.solve.focus import trucks_to_keep

from tests.solve.scenarios import three_villages


@pytest.fixture(scope="module")
def small_scenario(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 40-room district of the Zhangdian recipe, written as files."""
    directory = tmp_path_factory.mktemp("small")
    return save_scenario(generate("zhangdian", rooms=40, stations=3, seed=7), directory)


@pytest.fixture(scope="module")
def small_plan(small_scenario: Path) -> Plan:
    """The engine's plan of the small district (as `run_plan` makes it), for commands given a fake solver."""
    return wasteopt.solve(load_scenario(small_scenario), iterations=150, seed=3)


def run_plan(scenario: Path, out: Path, *extra: str):
    return CliRunner().invoke(main, ["plan", str(scenario), "--iterations", "150", "--seed", "3", "--out", str(out), *extra])


@pytest.fixture
def umask_022():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_plan_writes_a_valid_plan_and_a_summary(small_scenario: Path, tmp_path: Path, umask_022: None) -> None:
    result = run_plan(small_scenario, tmp_path)
    assert result.exit_code == 0, result.output
    plan = load_plan(tmp_path / "plan.json")
    assert validate(load_scenario(small_scenario), plan) == []
    assert result.output.startswith(f"plan for {plan.scenario}\n")  # no warning before the figures
    assert "rooms → stations" in result.output
    assert "rooms served: 40, unserved: 0" in result.output
    assert not list(tmp_path.glob(".plan.json.*"))  # no temporary file left behind
    assert (tmp_path / "plan.json").stat().st_mode & 0o777 == 0o644


def never_solve(*args: object, **kwargs: object) -> Plan:
    raise AssertionError("planned although the output cannot be written")


def test_unwritable_output_is_refused_before_planning(small_scenario: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wasteopt, "solve", never_solve)
    (tmp_path / "taken").write_text("", encoding="utf-8")
    result = run_plan(small_scenario, tmp_path / "taken" / "out")
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 'taken' / 'out' / 'plan.json'}: cannot write: {tmp_path / 'taken'} is a file, not a folder\n"
    (tmp_path / "out" / "plan.json").mkdir(parents=True)
    result = run_plan(small_scenario, tmp_path / "out")
    assert (result.exit_code, result.stderr) == (2, f"{tmp_path / 'out' / 'plan.json'}: cannot write: Is a directory\n")


def test_unwritable_output_is_refused_before_the_scenario_is_read(tmp_path: Path) -> None:
    (tmp_path / "plan.json").mkdir()
    result = run_plan(tmp_path / "missing.yaml", tmp_path)
    assert (result.exit_code, result.stderr) == (2, f"{tmp_path / 'plan.json'}: cannot write: Is a directory\n")


def test_a_write_error_after_planning_is_one_line_and_the_summary_is_still_shown(
        small_scenario: Path, small_plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(path: object, data: object) -> None:
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(wasteopt, "solve", lambda *a, **k: small_plan.model_copy(deep=True))
    monkeypatch.setattr(models, "write_atomic", disk_full)
    result = run_plan(small_scenario, tmp_path)
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 'plan.json'}: cannot write: No space left on device\n"
    assert "rooms served: 40, unserved: 0" in result.stdout and "plan written" not in result.stdout


def test_the_engines_own_violations_come_first_and_exit_1(small_scenario: Path, small_plan: Plan, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    found = ["station-hours: S01: small-01 unloads at 10:20:00; the station closes at 10:00:00"]
    plan = small_plan.model_copy(deep=True)
    plan.solver["violations"] = found
    monkeypatch.setattr(wasteopt, "solve", lambda *a, **k: plan)
    result = run_plan(small_scenario, tmp_path)
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines()[:3] == [
        "the engine's own check found 1 violation — this is a bug, please report it:",
        f"  {found[0]}",
        "plan for zhangdian-40",
    ]
    assert load_plan(tmp_path / "plan.json").solver["violations"] == found


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


@pytest.fixture(scope="module")
def start_up_cpu_s() -> float:
    """CPU seconds a child spends on Python's start-up and the CLI's imports (the commands import the
    library and its engines at the top: about 3 s), measured here rather than assumed."""
    probe = [sys.executable, "-c", "import time, wasteopt.cli; print(time.process_time())"]
    return float(subprocess.run(probe, check=True, capture_output=True, text=True).stdout)


def wait_until_planning(process: subprocess.Popen, wall_s: float, cpu_s: float) -> None:
    """Wait until the child has run ``wall_s`` seconds and used ``cpu_s`` seconds of CPU: given
    :func:`start_up_cpu_s` plus a margin, past Python's start-up and the CLI's imports even on a busy
    machine, so Ctrl-C reaches `wasteopt plan` itself. Not a timing assertion."""
    start = time.monotonic()
    while time.monotonic() - start < 120 and process.poll() is None:
        stat = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        cpu = (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
        if cpu >= cpu_s and time.monotonic() - start >= wall_s:
            return
        time.sleep(0.05)


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the child's CPU time from /proc")


@needs_proc
def test_ctrl_c_stops_the_search_and_writes_the_best_plan(small_scenario: Path, tmp_path: Path, start_up_cpu_s: float) -> None:
    command = [sys.executable, "-m", "wasteopt.cli", "plan", str(small_scenario), "--time-limit", "60", "--out", str(tmp_path)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wait_until_planning(process, wall_s=3, cpu_s=start_up_cpu_s + 1.4)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr.decode()
    assert stdout.decode().splitlines()[0] == "INTERRUPTED (Ctrl-C): the search was stopped early; this plan is the best found so far"
    assert stderr.decode().endswith(f"interrupted (Ctrl-C): {tmp_path / 'plan.json'} holds the best plan found so far\n")
    assert "Traceback" not in stderr.decode()
    plan = load_plan(tmp_path / "plan.json")
    assert plan.solver["interrupted"] is True
    assert validate(load_scenario(small_scenario), plan) == []


def test_first_ctrl_c_asks_to_stop_the_second_aborts() -> None:
    previous = signal.getsignal(signal.SIGINT)
    with interrupt_on_ctrl_c() as interrupt:
        os.kill(os.getpid(), signal.SIGINT)
        assert interrupt.wait(5)
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(5)
    assert signal.getsignal(signal.SIGINT) is previous


def test_an_abort_is_one_line_and_exit_130(small_scenario: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def aborted(*args: object, **kwargs: object) -> Plan:
        raise KeyboardInterrupt

    def import_aborted(*args: object, **kwargs: object) -> Plan:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as error:
            raise ImportError("initialization failed") from error  # as a C extension's import reports it

    for solve in (aborted, import_aborted):
        monkeypatch.setattr(wasteopt, "solve", solve)
        result = run_plan(small_scenario, tmp_path)
        assert (result.exit_code, result.stderr) == (130, "interrupted (Ctrl-C): aborted; nothing further was written\n")
        assert not (tmp_path / "plan.json").exists()


@needs_proc
def test_ctrl_c_twice_aborts_with_one_line(small_scenario: Path, tmp_path: Path, start_up_cpu_s: float) -> None:
    command = [sys.executable, "-m", "wasteopt.cli", "plan", str(small_scenario), "--time-limit", "60", "--out", str(tmp_path)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wait_until_planning(process, wall_s=0, cpu_s=start_up_cpu_s + 0.6)  # in `plan`, most likely loading or starting
    process.send_signal(signal.SIGINT)
    time.sleep(0.02)  # two signals at once would count as one
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr.decode()
    assert stderr.decode() == "interrupted (Ctrl-C): aborted; nothing further was written\n"


@needs_proc
def test_ctrl_c_while_the_commands_load_is_one_line(small_scenario: Path, tmp_path: Path, start_up_cpu_s: float) -> None:
    """Ctrl-C (once or twice) while the CLI imports the engines is the abort line and 130, no traceback."""
    command = [sys.executable, "-m", "wasteopt.cli", "plan", str(small_scenario), "--time-limit", "60", "--out", str(tmp_path)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wait_until_planning(process, wall_s=0, cpu_s=0.5 * start_up_cpu_s)  # past click, inside the loading of the engines
    process.send_signal(signal.SIGINT)
    time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr.decode()
    assert stderr.decode() == "interrupted (Ctrl-C): aborted; nothing further was written\n"
    assert not (tmp_path / "plan.json").exists()


def test_plan_from_an_earlier_plan_reports_rooms_that_changed_truck(small_scenario: Path, tmp_path: Path) -> None:
    first = run_plan(small_scenario, tmp_path / "yesterday")
    assert first.exit_code == 0, first.output
    result = run_plan(small_scenario, tmp_path / "today", "--from", str(tmp_path / "yesterday" / "plan.json"),
                      "--stability", "1000")
    assert result.exit_code == 0, result.output
    plan = load_plan(tmp_path / "today" / "plan.json")
    assert validate(load_scenario(small_scenario), plan) == []
    kept = plan.solver["from"]
    assert kept["changed_truck"] == 0 and kept["same_truck"] == 40 and kept["stability"] == 1000
    assert "re-planned from an earlier plan: 0 of 40 rooms changed truck, 40 kept their truck" in result.output
    assert any(d.code == "rooms-changed-truck" for d in plan.diagnostics)


@pytest.mark.parametrize("content, expected", [
    ("{not json", "plan.json:1: --from: not valid JSON"),
    ('{"routes": []}', "--from: scenario: Field required"),
    (None, "--from: cannot read the plan"),
])
def test_a_bad_from_file_is_one_line_and_exit_2(small_scenario: Path, tmp_path: Path, content: str | None,
                                               expected: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wasteopt, "solve", never_solve)
    previous = tmp_path / "plan.json"
    if content is not None:
        previous.write_text(content)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["plan", str(small_scenario), "--from", "plan.json", "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [result.output.strip()] and expected in result.output
    assert "Traceback" not in result.output and not (tmp_path / "out" / "plan.json").exists()


def test_a_from_plan_of_another_district_is_refused(small_scenario: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    other = Plan(scenario="elsewhere", routes=[])
    models.save_plan(other, tmp_path / "other.json")
    monkeypatch.setattr(wasteopt, "solve", never_solve)
    result = CliRunner().invoke(main, ["plan", str(small_scenario), "--from", str(tmp_path / "other.json"),
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "serves none of the rooms" in result.output


def test_replan_near_a_station_keeps_every_other_route(tmp_path: Path) -> None:
    path = save_scenario(three_villages(), tmp_path / "villages")
    first = run_plan(path, tmp_path / "yesterday")
    assert first.exit_code == 0, first.output
    previous = load_plan(tmp_path / "yesterday" / "plan.json")
    scenario = load_scenario(path)
    keep = trucks_to_keep(scenario, network_for(scenario), previous, {"S1"})
    assert keep and len(keep) < len(previous.routes)  # village A's trucks move, the others stay
    result = run_plan(path, tmp_path / "today", "--from", str(tmp_path / "yesterday" / "plan.json"),
                      "--replan-near", "S1")
    assert result.exit_code == 0, result.output
    plan = load_plan(tmp_path / "today" / "plan.json")
    assert validate(scenario, plan) == [] and plan.unserved == []
    stops = {r.vehicle: [(s.kind, s.id) for s in r.stops] for r in plan.routes}
    assert all(stops[r.vehicle] == [(s.kind, s.id) for s in r.stops] for r in previous.routes if r.vehicle in keep)


@pytest.mark.parametrize("extra, expected", [
    (["--replan-near", "S01"], "--replan-near: needs --from"),
    (["--from", "PLAN", "--replan-near", "S99"], "--replan-near: unknown station id 'S99'"),
    (["--from", "PLAN", "--replan-near", " , "], "--replan-near: names no station"),
])
def test_bad_replan_near_is_one_line_and_exit_2(small_scenario: Path, small_plan: Plan, tmp_path: Path, extra: list[str],
                                                expected: str, monkeypatch: pytest.MonkeyPatch) -> None:
    models.save_plan(small_plan, tmp_path / "plan.json")
    monkeypatch.setattr(wasteopt, "solve", never_solve)
    extra = [str(tmp_path / "plan.json") if arg == "PLAN" else arg for arg in extra]
    result = CliRunner().invoke(main, ["plan", str(small_scenario), *extra, "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and expected in result.output
    assert result.output.strip().splitlines() == [result.output.strip()] and not (tmp_path / "out" / "plan.json").exists()
