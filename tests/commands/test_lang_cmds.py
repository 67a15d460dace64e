"""``--lang zh|en`` on the commands, its defaults (``WASTEOPT_LANG``, the scenario's ``language:``, the
locale), the bound stated in ``plan.json``, ``sheets --format xlsx``, what validate finds undone and
the engine's reasons and diagnostics in Chinese (``plan.json`` keeps them English). No solve: ``plan``
is given a hand-built plan, the others read hand-written plans."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from openpyxl import load_workbook

import wasteopt
from tests.plan.test_validate import BASE_PLAN, make_scenario
from tests.report.conftest import many_trucks_plan
from wasteopt.cli import main
from wasteopt.i18n import ENV
from wasteopt.plan.models import Diagnostic, Plan, Unserved, save_plan
from wasteopt.plan.summary import with_bound_ratio
from wasteopt.plan.validate import Shortfall
from wasteopt.scenario.writer import save_scenario
from wasteopt.solve.collection.routing import TIME_RAN_OUT


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    """The command with a neutral environment (no WASTEOPT_LANG, an English locale) unless ``env`` says otherwise."""
    base = {ENV: "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8"}
    return CliRunner(env={**base, **(env or {})}).invoke(main, list(args))


@pytest.fixture
def validated(tmp_path: Path) -> tuple[str, str]:
    """(scenario.yaml, plan.json) of the hand-checked validator plan: valid, one room left unserved."""
    scenario = save_scenario(make_scenario(), tmp_path / "scenario")
    save_plan(Plan.model_validate(BASE_PLAN), tmp_path / "plan.json")
    return str(scenario), str(tmp_path / "plan.json")


INCOMPLETE_EN = ("plan is valid but incomplete: 1 room unserved (2 routes, 4 rooms served, 1 unserved, 12.00 km, "
                 "collection cost 264.83, 0 haul trips)\n")
INCOMPLETE_ZH = ("方案有效但不完整：1 个收集房未收运（2 条线路，收运 4 个收集房，未收运 1 个，12.00 公里，收运成本 264.83，"
                 "转运 0 趟）\n")


def test_validate_speaks_the_language_asked(validated: tuple[str, str]) -> None:
    scenario, plan = validated
    assert (run("validate", scenario, plan).output, run("validate", scenario, plan).exit_code) == (INCOMPLETE_EN, 3)
    assert run("validate", scenario, plan, "--lang", "zh").output == INCOMPLETE_ZH
    assert run("validate", scenario, plan, env={ENV: "zh"}).output == INCOMPLETE_ZH
    assert run("validate", scenario, plan, env={"LANG": "zh_CN.UTF-8"}).output == INCOMPLETE_ZH
    assert run("validate", scenario, plan, "--lang", "en", env={ENV: "zh"}).output == INCOMPLETE_EN
    assert run("validate", scenario, plan, "--lang", "fr").exit_code == 2  # click refuses it


def test_validate_keeps_rule_codes_in_chinese(validated: tuple[str, str], tmp_path: Path) -> None:
    scenario, _ = validated
    data = copy.deepcopy(BASE_PLAN)
    data["kpis"]["cost"] = 1000.0
    save_plan(Plan.model_validate(data), tmp_path / "bad.json")
    result = run("validate", scenario, str(tmp_path / "bad.json"), "--lang", "zh")
    assert result.exit_code == 1
    assert result.output.splitlines() == ["kpi-cost: kpis: cost 1000, recomputed 264.83", "1 处违规"]


def test_the_scenarios_language_is_the_default(tmp_path: Path) -> None:
    scenario = save_scenario(make_scenario().model_copy(update={"language": "zh"}), tmp_path / "sc")
    save_plan(Plan.model_validate(BASE_PLAN), tmp_path / "plan.json")
    assert run("validate", str(scenario), str(tmp_path / "plan.json")).output == INCOMPLETE_ZH
    assert run("validate", str(scenario), str(tmp_path / "plan.json"), env={ENV: "en"}).output == INCOMPLETE_EN


@pytest.fixture
def hand_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Plan]:
    """The many-trucks scenario on disk, and ``wasteopt.solve`` made to return its hand-built plan
    (stating its bound ratio, as the engine's plans do)."""
    scenario, plan = many_trucks_plan(4)
    plan = with_bound_ratio(plan)
    monkeypatch.setattr(wasteopt, "solve", lambda *a, **k: plan.model_copy(deep=True))
    return str(save_scenario(scenario, tmp_path / "sc")), plan


def test_plan_in_chinese_states_the_bound_as_plan_json_does(hand_plan: tuple[str, Plan], tmp_path: Path) -> None:
    scenario, _ = hand_plan
    result = run("plan", scenario, "--iterations", "1", "--out", str(tmp_path / "out"), "--lang", "zh")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "tiny 的收运方案"
    assert "下界：36.0 公里，440.00 元——收运成本 ≤ 下界的 1.37 倍" in lines
    assert lines[-1] == f"方案已写入 {tmp_path / 'out' / 'plan.json'}"
    written = json.loads((tmp_path / "out" / "plan.json").read_text(encoding="utf-8"))
    assert written["lower_bound"]["ratio"] == 1.37
    english = run("plan", scenario, "--iterations", "1", "--out", str(tmp_path / "en")).output.splitlines()
    assert "lower bound: 36.0 km, 440.00 yuan — collection cost ≤ 1.37 × the lower bound" in english
    assert english[-1] == f"plan written to {tmp_path / 'en' / 'plan.json'}"


def test_report_sheets_and_export_in_chinese(hand_plan: tuple[str, Plan], tmp_path: Path) -> None:
    scenario, plan = hand_plan
    save_plan(plan, tmp_path / "plan.json")
    plan_path = str(tmp_path / "plan.json")
    result = run("report", plan_path, "--scenario", scenario, "-o", str(tmp_path / "r.html"), "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"已写入 {tmp_path / 'r.html'}（")
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "收运成本 ≤ 下界的 1.37 倍" in page and "车辆作业时间线" in page
    result = run("sheets", plan_path, "--scenario", scenario, "-o", str(tmp_path / "s"), "--format", "xlsx", env={ENV: "zh"})
    assert result.exit_code == 0, result.output
    assert result.output == f"已为 4 辆车写出司机路线单到 {tmp_path / 's'}（打开 {tmp_path / 's' / 'index.html'}）\n"
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == sorted(
        ["sheets.xlsx", "index.html", "print.html", *(f"{r.vehicle}.html" for r in plan.routes)])
    book = load_workbook(tmp_path / "s" / "sheets.xlsx")
    assert book.sheetnames == ["汇总", *(r.vehicle for r in plan.routes)]
    assert book[plan.routes[0].vehicle]["A1"].value == "序号"
    result = run("export", plan_path, "--scenario", scenario, "--format", "csv", "-o", str(tmp_path / "stops.csv"), "--lang", "zh")
    assert result.output == f"已写入 {tmp_path / 'stops.csv'}：{sum(len(r.stops) for r in plan.routes)} 个停靠点\n"
    assert (tmp_path / "stops.csv").read_text(encoding="utf-8-sig").startswith("vehicle,")  # field names stay


def test_unwritable_workbook_is_refused_before_reading(hand_plan: tuple[str, Plan], tmp_path: Path) -> None:
    scenario, plan = hand_plan
    save_plan(plan, tmp_path / "plan.json")
    (tmp_path / "s" / "sheets.xlsx").mkdir(parents=True)
    result = run("sheets", str(tmp_path / "plan.json"), "--scenario", scenario, "-o", str(tmp_path / "s"), "--format", "xlsx")
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 's' / 'sheets.xlsx'}: cannot write: Is a directory\n"


def test_what_is_left_undone_in_chinese() -> None:
    undone = Shortfall(["R5", "R6"], {"S03": 9120, "S05": 12000})
    assert str(undone) == "2 rooms unserved; 9,120 kg left at S03, 12,000 kg at S05"
    assert undone.words("zh") == f"{undone:zh}" == "2 个收集房未收运；S03 滞留 9,120 公斤，S05 12,000 公斤"
    assert undone.reasons("zh") == ["2 个收集房未收运", "S03 滞留 9,120 公斤", "S05 滞留 12,000 公斤"]
    assert f"{undone}" == str(undone) and f"{undone:en}" == str(undone)
    assert Shortfall().words("zh") == "没有未完成的工作"
    assert f"{Shortfall([], {'S1': 1000}):zh}" == "S1 滞留 1,000 公斤"


STORAGE = ("S1 holds 2 containers and needs container 3 at 09:00:00, but container 1 can be swapped out at 10:00:00 "
           "at the earliest")


def test_the_engines_reasons_and_diagnostics_are_said_in_chinese(hand_plan: tuple[str, Plan], tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    scenario, plan = hand_plan
    room = next(s.id for s in plan.routes[0].stops if s.kind == "room")
    plan = plan.model_copy(update={
        "unserved": [Unserved(id=room, reason=TIME_RAN_OUT)],
        "diagnostics": [Diagnostic(level="error", code="haul-storage", subject="S1", message=STORAGE, fix="1 more container slot at S1")]})
    monkeypatch.setattr(wasteopt, "solve", lambda *a, **k: plan.model_copy(deep=True))
    result = run("plan", scenario, "--iterations", "1", "--out", str(tmp_path / "out"), "--lang", "zh")
    assert result.exit_code == 3, result.output
    lines = result.output.splitlines()
    assert f"  未收运 {room}：在给定时间内未能排入：延长 --time-limit（或增加 --iterations）可能收运到它" in lines
    assert "错误：S1 可存放 2 个箱体，09:00:00 需要 3 号箱体，但 1 号箱体最早 10:00:00 才能换走——建议：S1 增加 1 个箱位" in lines
    written = json.loads((tmp_path / "out" / "plan.json").read_text(encoding="utf-8"))
    assert written["unserved"][0]["reason"] == TIME_RAN_OUT and written["diagnostics"][0]["message"] == STORAGE
    english = run("plan", scenario, "--iterations", "1", "--out", str(tmp_path / "en")).output.splitlines()
    assert f"  unserved {room}: {TIME_RAN_OUT}" in english
    assert f"error: {STORAGE} — fix: 1 more container slot at S1" in english
    result = run("report", str(tmp_path / "out" / "plan.json"), "--scenario", scenario, "-o", str(tmp_path / "r.html"), "--lang", "zh")
    assert result.exit_code == 0, result.output
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "在给定时间内未能排入" in page and "S1 可存放 2 个箱体" in page and "建议：S1 增加 1 个箱位" in page
    assert TIME_RAN_OUT not in page and STORAGE not in page
