"""A scenario's problems said in Chinese: the frame ``FILE:LINE: field:`` stays, the common messages
(field checks of the loader, cross-checks of :mod:`wasteopt.scenario.checks`) are said in Chinese,
the others stay English; ``check --lang zh`` says them so, and English is as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import wasteopt
from tests.scenario.conftest import ROOMS_CSV, SCENARIO_YAML, write_scenario
from wasteopt.cli import main
from wasteopt.i18n import ENV
from wasteopt.scenario.errors import Problem, ScenarioError
from wasteopt.scenario.messages import message_text, problem_in, problems_in

FIELDS_YAML = (SCENARIO_YAML
               .replace("    garage: G1\n    capacity_kg: 1500", "    garage: G1\n    capacity_kg: 1500\n    colour: red")
               .replace("    count: 1\n    garage: G1\n    capacity_kg: 3000", "    count: lots\n    garage: G1\n    capacity_kg: -5")
               .replace("    open: 06:00\n    close: 22:00", "    open: 6h\n    close: 25:61")
               .replace("    open: [C1]", "    open: [C9]"))
FIELDS_ROOMS = ROOMS_CSV.replace("id,name", "id,nmae").replace(",120,5,", ",,5,").replace("80.5,4,1", "abc,4,1")

FIELDS_EN = [
    "scenario.yaml:13: plants[0].open: expected a clock time like '06:30', got '6h'",
    "scenario.yaml:14: plants[0].close: not a valid clock time: '25:61'",
    "scenario.yaml:25: fleet[0].colour: unknown field",
    "scenario.yaml:28: fleet[1].count: must be a whole number, got 'lots'",
    "scenario.yaml:30: fleet[1].capacity_kg: must be greater than 0, got -5",
    "scenario.yaml:39: variants.more.open[0]: unknown station 'C9'",
    "rooms.csv:1: nmae: unknown column (did you mean 'name'?)",
    "rooms.csv:2: waste_kg_per_day: required, but the cell is empty",
    "rooms.csv:3: waste_kg_per_day: must be a number, got 'abc'",
]
FIELDS_ZH = [
    "scenario.yaml:13: plants[0].open: 应为时刻，如 '06:30'，实际为 '6h'",
    "scenario.yaml:14: plants[0].close: 不是有效的时刻：'25:61'",
    "scenario.yaml:25: fleet[0].colour: 未知字段",
    "scenario.yaml:28: fleet[1].count: 必须是整数，实际为 'lots'",
    "scenario.yaml:30: fleet[1].capacity_kg: 必须 > 0，实际为 -5",
    "scenario.yaml:39: variants.more.open[0]: 未知的中转站 'C9'",
    "rooms.csv:1: nmae: 未知列（是否应为 'name'？）",
    "rooms.csv:2: waste_kg_per_day: 必填，但单元格为空",
    "rooms.csv:3: waste_kg_per_day: 必须是数字，实际为 'abc'",
]

CROSS_YAML = (SCENARIO_YAML
              .replace("    garage: G1\n    capacity_kg: 1500", "    garage: G7\n    capacity_kg: 1500")
              .replace("    open: [C1]", "    open: [S1]\n    close: [S8]\n    fleet: {ghost: 2}\n    haul_fleet: {phantom: 1}")
              .replace("  - id: hook\n", "  - id: small\n")
              .replace("    lat: 36.75\n", ""))
CROSS_ROOMS = ROOMS_CSV.replace("R3,石桥村1号收集房", "R1,石桥村1号收集房").replace("80.5,4,1", "80.5,-4,1")

CROSS_ZH = [
    "scenario.yaml:10: plants[0].lat: lat and lon must be given together",  # not a common one: English
    "scenario.yaml:22: fleet[0].garage: 未知的车库 'G7'",
    "scenario.yaml:31: haul_fleet[0].id: 车型编号 'small' 重复（首次出现在 scenario.yaml:20）",
    "scenario.yaml:37: variants.more.open[0]: 中转站 'S1' 不是候选站址（状态 existing）",
    "scenario.yaml:38: variants.more.close[0]: 未知的中转站 'S8'",
    "scenario.yaml:39: variants.more.fleet.ghost: 未知的车型 'ghost'",
    "scenario.yaml:40: variants.more.haul_fleet.phantom: 未知的转运车型 'phantom'",
    "rooms.csv:3: service_min: 必须 ≥ 0，实际为 -4",
    "rooms.csv:4: id: 地点编号 'R1' 重复（首次出现在 rooms.csv:2）",
]


def _problems(lang: str) -> list[str]:
    with pytest.raises(ScenarioError) as raised, problems_in(lang):
        wasteopt.load_scenario("scenario.yaml")
    return [str(p) for p in raised.value.problems]


def test_field_problems_in_chinese_keep_their_frame(in_tmp: Path) -> None:
    write_scenario(in_tmp, FIELDS_YAML, FIELDS_ROOMS)
    assert _problems("en") == FIELDS_EN
    assert _problems("zh") == FIELDS_ZH


def test_cross_check_problems_in_chinese(in_tmp: Path) -> None:
    write_scenario(in_tmp, CROSS_YAML, CROSS_ROOMS)
    assert _problems("zh") == CROSS_ZH
    assert _problems("en")[2] == "scenario.yaml:31: haul_fleet[0].id: duplicate vehicle type id 'small' (first at scenario.yaml:20)"


def test_duplicate_places_and_the_rest_of_the_common_messages() -> None:
    said = {
        "duplicate place id 'R1' (first at rooms.csv:2)": "地点编号 'R1' 重复（首次出现在 rooms.csv:2）",
        "required, but missing": "必填，但缺失",
        "required column is missing": "缺少必填列",
        "unknown column": "未知列",
        "must be at most 90, got 91": "必须 ≤ 90，实际为 91",
        "must be less than 10, got 12": "必须 < 10，实际为 12",
        "must be between -90 and 90, got 100": "必须在 -90 到 90 之间，实际为 100",
        "must be a finite number (not NaN or infinity)": "必须是有限数值（不能是 NaN 或无穷大）",
        "expected a clock time like '06:30'": "应为时刻，如 '06:30'",
        "a clock time cannot be negative": "时刻不能为负",
        "must not be empty": "不能为空",
        "no such file": "文件不存在",
        "no collection vehicles (no vehicle types, or every count is 0)": "没有收运车辆（没有车型，或每种车型数量都为 0）",
        "room R2 admits vehicle class 1 at most, but the smallest vehicle is class 2":
            "收集房 R2 最多允许车型等级 1，但最小的车辆为等级 2",
        "room R1 has 5000 kg a day, more than any vehicle carries (largest capacity 3000 kg)":
            "收集房 R1 每天 5000 公斤，超过任何车辆的载重（最大载重 3000 公斤）",
        "room R1 has 9 m³ a day, more than any vehicle that can reach it holds (largest capacity 6 m³)":
            "收集房 R1 每天 9 立方米，超过任何能到达该处的车辆的容积（最大容积 6 立方米）",
        "room 'R9' is not in scenario 'tiny'": "收集房 'R9' 不在场景 'tiny' 中",
        "break place 'X' is not in scenario 'tiny'": "休息地点 'X' 不在场景 'tiny' 中",
    }
    assert {english: message_text(english, "zh") for english in said} == said
    assert all(message_text(english, "en") == english for english in said)
    for other in ("has no name", "column appears twice", "lat and lon must be given together"):
        assert message_text(other, "zh") == other


def test_a_problem_keeps_its_place() -> None:
    problem = Problem("rooms.xlsx", 17, "waste_kg_per_day", "must be a number, got 'x'", cell="收集房!G17")
    assert str(problem_in(problem, "zh")) == "rooms.xlsx:收集房!G17: waste_kg_per_day: 必须是数字，实际为 'x'"
    assert problem_in(problem, "en") is problem


def _check(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    base = {ENV: "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8"}
    return CliRunner(env={**base, **(env or {})}).invoke(main, ["check", "scenario.yaml", *args])


def test_check_says_the_problems_in_the_language_asked(in_tmp: Path) -> None:
    write_scenario(in_tmp, FIELDS_YAML, FIELDS_ROOMS)
    english, chinese = _check(), _check("--lang", "zh")
    assert (english.exit_code, chinese.exit_code) == (2, 2)
    assert english.stderr.splitlines() == FIELDS_EN
    assert chinese.stderr.splitlines() == FIELDS_ZH
    assert _check(env={ENV: "zh"}).stderr.splitlines() == FIELDS_ZH
    assert _check(env={"LANG": "zh_CN.UTF-8"}).stderr.splitlines() == FIELDS_ZH


def test_check_of_a_good_scenario_in_chinese(in_tmp: Path) -> None:
    write_scenario(in_tmp, SCENARIO_YAML.replace("name: tiny\n", "name: tiny\nlanguage: zh\n"))
    result = _check()
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "tiny：3 个收集房，1 个中转站（另有 1 个候选站址），1 个处理厂，1 个车库"
    assert "  读取的文件" in lines and "    scenario.yaml：UTF-8" in lines
    assert lines[-1] == "警告：转运车型 hook：未填 fixed_cost, cost_per_km, cost_per_hour, co2_kg_per_km，按 0 计（方案将不显示这些车辆的成本和 CO₂）"
    assert _check("--lang", "en").stdout.splitlines()[0] == "tiny: 3 rooms, 1 station (+1 candidate site), 1 plant, 1 garage"
