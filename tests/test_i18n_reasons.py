"""The engine's reasons, diagnostics and fixes said in Chinese: every wording the engine uses, with a
real example (from the engine's own functions where they are plain, else as its f-strings write it),
its parts joined, values kept, and anything unknown left in English."""

from __future__ import annotations

import re

import pytest

from wasteopt.i18n import CATALOGUE
from wasteopt.i18n_reasons import ENGINE, coded_text, engine_text, pattern_of
from wasteopt.solve.collection import reachability as reach
from wasteopt.solve.collection.routing import NO_STATION_CAPACITY, TIME_RAN_OUT

H = 3600

EXAMPLES: list[tuple[str, str]] = [
    # previous.py: re-planning from an earlier plan
    ("12 of 40 rooms served by both plans changed truck against the previous plan (2 rooms new, 0 no longer served, "
     "stability 5 yuan per room moved)",
     "两个方案都收运的 40 个收集房中，有 12 个相对先前方案换了车（新增 2 个，不再收运 0 个，稳定性权重每换车一个收集房 5 元）"),
    # routing.py: rooms left out
    ("fleet too small: all 5 trucks are in use; about 2 more trucks (e.g. small) would serve the 7 rooms left (or longer shifts)",
     "车辆不足：全部 5 辆车都已在用；大约再增加 2 辆车（如 small）即可收运剩下的 7 个收集房（或延长班次）"),
    ("fleet too small: every truck small enough for their lanes is in use (mini, tiny); about 1 more truck (e.g. mini) would "
     "serve the 3 rooms left (or longer shifts)",
     "车辆不足：能通过其道路的车辆都已在用（mini, tiny）；大约再增加 1 辆车（如 mini）即可收运剩下的 3 个收集房（或延长班次）"),
    ("fleet too small: the only truck is in use; about 1 more truck (e.g. small) would serve the 1 room left (or longer shifts); "
     "daily limits reached: max_kg_per_day on 1 of 1 trucks, max_trips on 1 of 1 trucks (higher limits or more trucks would serve more)",
     "车辆不足：唯一的一辆车已在用；大约再增加 1 辆车（如 small）即可收运剩下的 1 个收集房（或延长班次）；"
     "已达每日上限：max_kg_per_day：1 辆车中 1 辆，max_trips：1 辆车中 1 辆（提高上限或增加车辆可收运更多）"),
    (NO_STATION_CAPACITY.format(stations="S1, S2, S3"), "中转站能力不足：它可卸料的中转站都已满（S1, S2, S3）"),
    (TIME_RAN_OUT, "在给定时间内未能排入：延长 --time-limit（或增加 --iterations）可能收运到它"),
    (TIME_RAN_OUT + "; daily limits reached: max_stops on 3 of 4 trucks (higher limits or more trucks would serve more)",
     "在给定时间内未能排入：延长 --time-limit（或增加 --iterations）可能收运到它；已达每日上限：max_stops：4 辆车中 3 辆（提高上限或增加车辆可收运更多）"),
    # reachability.py: rooms no truck can ever serve
    (reach.NO_STATION, "没有启用的中转站"),
    (reach.NO_TRUCK, "没有可用的收运车辆"),
    (reach.TOO_HEAVY, "垃圾重量超过所有能到达该处车辆的载重"),
    (reach.TOO_BULKY, "垃圾体积超过所有能到达该处车辆的容积"),
    (reach.NO_SINGLE_VEHICLE, "能到达该处的车辆中没有一辆能同时装下其重量和体积"),
    (reach.narrow(1), "车队中没有车型等级 ≤ 1 的车辆（道路狭窄）"),
    (reach.narrow(0), "车队中没有任何车型等级有道路可达（机耕路、限宽或限重）"),
    (reach.service_too_long(500, 8 * H), "作业需要 500 分钟，长于任何班次（480 分钟）"),
    (reach.hours_outside_shifts(2 * H, 3 * H, [(6 * H, 14 * H)]), "开放时间 02:00–03:00 不在任何班次内（最早班次 06:00–14:00）"),
    (reach.hours_outside_shifts(None, 3 * H, [(6 * H, 14 * H)]), "开放时间 03:00 前 不在任何班次内（最早班次 06:00–14:00）"),
    (reach.hours_outside_shifts(20 * H, None, [(6 * H, 14 * H)]), "开放时间 20:00 起 不在任何班次内（最晚班次 06:00–14:00）"),
    (reach.hours_outside_shifts(2 * H, 22 * H, [(0, H), (25 * H, 26 * H)]),
     "开放时间 02:00–22:00 不在任何班次内（班次 00:00–01:00, 25:00–26:00）"),
    (reach.too_far(30000, 8 * H), "太远：最短往返 车库 → 收集房 → 中转站 → 车库 需 8.4 小时，最长班次为 8.0 小时"),
    (reach.too_far_for_its_shift("big", 30000, 8 * H),
     "太远：每种车型的最短往返 车库 → 收集房 → 中转站 → 车库 都长于其班次（最接近的 big 需 8.4 小时，其班次为 8.0 小时）"),
    (reach.closes_before_arrival(6 * H, 23000), "06:00 关闭，最早的车辆 06:24 才能到达"),
    (reach.stations_closed(60000, "S2", 16 * H), "车辆能卸料时所有中转站都已关闭（最早 16:40 到达 S2，该站 16:00 关闭）"),
    (reach.stations_open_late("S1", 10 * H, 60000, 14 * H),
     "没有中转站开门足够早：等待 S1 在 10:00 开门，车辆 16:40 才能回到车库，晚于班次结束时间 14:00"),
    (reach.hours_leave_no_time(13 * H, None, 52000, 14 * H), "开放时间 13:00 起 不够卸料并返回：车辆最早 14:27 回到车库，而班次 14:00 结束"),
    # engine.py and haul/schedule.py: diagnostics
    ("raise the limits or add trucks", "提高上限或增加车辆"),
    ("the scenario has no haul fleet: the plan ends at the stations", "场景中没有转运车队：方案止于中转站"),
    ("the scenario has no haul_fleet: the plan stops at the stations", "场景中没有 haul_fleet：方案止于中转站"),
    ("waste is unloaded at the stations but the scenario has no plant, so nothing can be hauled", "垃圾已卸到中转站，但场景中没有处理厂，无法转运"),
    ("add a treatment plant (plants)", "添加处理厂（plants）"),
    ("plant P1 would receive 120.5 t, its daily capacity is 100 t", "处理厂 P1 将接收 120.5 吨，而其每日处理能力为 100 吨"),
    ("raise P1's capacity to 120.5 t/day or send waste elsewhere", "将 P1 的处理能力提高到 120.5 吨/天，或把垃圾送往别处"),
    ("haul schedule not proven optimal in the time limit: 3 trucks (the fewest trucks), 120.5 km; km at most 4.2% above the bound "
     "(115.4 km)", "转运计划在时限内未被证明最优：3 辆车（最少车辆数），120.5 公里；里程最多高于下界 4.2%（115.4 公里）"),
    ("haul schedule not proven optimal in the time limit: 3 trucks (at least 2 trucks needed), 120.5 km",
     "转运计划在时限内未被证明最优：3 辆车（至少需要 2 辆车），120.5 公里"),
    # haul/diagnose.py
    ("the full haul was found only by the search that may leave containers behind; not proven optimal",
     "完整的转运计划只由允许滞留箱体的搜索找到；未被证明最优"),
    ("the haul model gave no answer within the time limit (UNKNOWN)", "转运模型在时限内没有给出结果（UNKNOWN）"),
    ("give the solve more time", "给求解更多时间"),
    ("container 3 at S1 is full at 10:30:00; the earliest it can reach plant P1 is 18:10:00, after the plant closes at 17:00:00",
     "S1 的 3 号箱体于 10:30:00 装满；它最早 18:10:00 才能到达处理厂 P1，晚于处理厂关闭时间 17:00:00"),
    ("plant P1 must stay open until 18:10", "处理厂 P1 须营业到 18:10"),
    ("container 2 at S1 is full at 09:00:00; a hook-lift truck hauling it is home at 15:00:00 at the earliest, after the shift ends "
     "at 14:00:00", "S1 的 2 号箱体于 09:00:00 装满；转运它的勾臂车最早 15:00:00 回到车库，晚于班次结束时间 14:00:00"),
    ("hook-lift trucks (hook) must work until 15:00", "勾臂车（hook）须工作到 15:00"),
    ("S1 holds 2 containers and needs container 3 at 09:00:00, but container 1 can be swapped out at 10:00:00 at the earliest",
     "S1 可存放 2 个箱体，09:00:00 需要 3 号箱体，但 1 号箱体最早 10:00:00 才能换走"),
    ("1 more container slot at S1", "S1 增加 1 个箱位"),
    ("1 hook-lift truck cannot haul every container; the first container left behind is 4 at S2, full at 11:00:00",
     "1 辆勾臂车无法转运全部箱体；第一个滞留的箱体是 S2 的 4 号，11:00:00 装满"),
    ("2 hook-lift trucks cannot haul every container (with the fixes above)", "2 辆勾臂车无法转运全部箱体（即使采用上述建议）"),
    ("2 hook-lift trucks cannot haul every container in time; 3 can; the first container left behind is 4 at S2, full at 11:00:00",
     "2 辆勾臂车无法按时转运全部箱体；3 辆可以；第一个滞留的箱体是 S2 的 4 号，11:00:00 装满"),
    ("1 hook-lift truck cannot haul every container in time (with the fixes above); 2 can",
     "1 辆勾臂车无法按时转运全部箱体（即使采用上述建议）；2 辆可以"),
    ("more hook-lift trucks (how many: not found within the time limit)", "增加勾臂车（数量：在时限内未求出）"),
    ("needs 1 more hook-lift truck", "需要再增加 1 辆勾臂车"),
    ("needs 2 to 3 more hook-lift trucks, or with the current trucks: 1 more container slot at S1, 2 more container slots at S2",
     "需要再增加 2 到 3 辆勾臂车，或保持现有车辆：S1 增加 1 个箱位，S2 增加 2 个箱位"),
    ("containers 3, 4 at S1 (12.5 t) cannot be hauled today under the current limits; the first is full at 12:00:00",
     "S1 的 3, 4 号箱体（12.5 吨）在现有条件下今天无法转运；第一个于 12:00:00 装满"),
    ("see the other haul diagnostics for the fix", "解决办法见其他转运诊断"),
]


@pytest.mark.parametrize(("english", "chinese"), EXAMPLES)
def test_each_wording_is_said_in_chinese_and_english_stays(english: str, chinese: str) -> None:
    assert engine_text(english, "zh") == chinese
    assert engine_text(english, "en") == english


def test_every_wording_has_an_example() -> None:
    """A wording added to the catalogue without an example here fails (parts count when used inside one)."""
    keys = [key for key in CATALOGUE if key.startswith("engine.")]
    anywhere = {key: re.compile(pattern_of(CATALOGUE[key][0]).pattern.removesuffix(r"(?=; |\Z)")) for key in keys}
    unused = [key for key in keys if not any(anywhere[key].search(english) for english, _ in EXAMPLES)]
    assert unused == []


def test_unknown_messages_stay_english() -> None:
    for message in ("the moon is in the way", "fleet too small: all 5 trucks are in use; the moon is in the way",
                    "fleet too small:", "daily limits reached: (higher limits or more trucks would serve more)"):
        assert engine_text(message, "zh") == message
    assert engine_text(None, "zh") == engine_text("", "zh") == ""


def test_values_that_are_no_wording_are_kept() -> None:
    """Ids are values, never translated, even when one reads like a wording."""
    assert engine_text("plant station would receive 1 t, its daily capacity is 0.5 t", "zh") == \
        "处理厂 station 将接收 1 吨，而其每日处理能力为 0.5 吨"
    assert engine_text("opening hours 02:00–03:00, from 04:00 lie outside every shift (shifts x)", "zh") == \
        "开放时间 02:00–03:00, from 04:00 不在任何班次内（班次 x）"


def test_coded_findings_keep_their_code() -> None:
    assert coded_text("haul-fleet: 1 hook-lift truck cannot haul every container", "zh") == "haul-fleet: 1 辆勾臂车无法转运全部箱体"
    assert coded_text("haul-fleet: 1 hook-lift truck cannot haul every container", "en") == \
        "haul-fleet: 1 hook-lift truck cannot haul every container"
    assert coded_text("no code here", "zh") == "no code here"


def test_the_phrasebook_is_built_most_specific_first() -> None:
    literals = [wording.literal for wording in ENGINE.parts]
    assert literals == sorted(literals, reverse=True)
