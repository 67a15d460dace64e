"""What ``wasteopt check`` says about a scenario: the fleet lines name breaks and daily limits where set,
the haul shift assumed, the files read; warnings about cost fields left empty; all of it in Chinese too."""

from __future__ import annotations

from wasteopt.scenario.input_files import InputFile
from wasteopt.scenario.models import Break, Garage, HaulTruckType, Room, Scenario, Station, VehicleType
from wasteopt.scenario.summary import (
    breaks_text,
    cost_warning,
    limits_text,
    shift_text,
    summary_lines,
    unservable_warnings,
    warnings,
)
from wasteopt.solve.collection.reachability import TOO_HEAVY, narrow


def _scenario(*fleet: VehicleType) -> Scenario:
    return Scenario(
        name="small", rooms=[Room(id="R1", lat=36.8, lon=118.0, waste_kg_per_day=100)],
        stations=[Station(id="S1", lat=36.81, lon=118.01, capacity_t_per_day=10)],
        garages=[Garage(id="G1", lat=36.8, lon=118.02)], fleet=list(fleet),
    )


def _truck(**more: object) -> VehicleType:
    return VehicleType(id="small", count=2, garage="G1", capacity_kg=1500, **more)  # type: ignore[arg-type]


def test_fleet_line_names_breaks_and_limits_where_set() -> None:
    limited = _truck(breaks=[Break(duration_min=15, earliest="09:00", latest="09:00"),
                             Break(duration_min=60, earliest="11:00", latest="13:00")],
                     max_trips=4, max_kg_per_day=6000, max_stops=120, max_km_per_day=200, max_duty_hours=9)
    plain = VehicleType(id="big", count=1, garage="G1", capacity_kg=3000, vehicle_class=2)
    lines = summary_lines(_scenario(limited, plain))
    assert "    small: 2 × 1500 kg, class 1, garage G1; break 15 min starting 09:00, break 60 min starting 11:00–13:00; "\
           "≤ 4 trips, ≤ 6,000 kg/day, ≤ 120 rooms/day, ≤ 200 km/day, ≤ 9 h duty" in lines
    assert "    big: 1 × 3000 kg, class 2, garage G1" in lines


def test_only_what_is_set_is_named() -> None:
    assert breaks_text(_truck()) == limits_text(_truck()) == ""
    assert limits_text(_truck(max_trips=1, max_kg_per_day=7500.5)) == "≤ 1 trip, ≤ 7,500.5 kg/day"
    assert limits_text(_truck(max_stops=1, max_duty_hours=8.5)) == "≤ 1 room/day, ≤ 8.5 h duty"
    assert breaks_text(_truck(breaks=[Break(duration_min=7.5, earliest="10:30:30", latest="26:00")])) == \
        "break 7.5 min starting 10:30:30–26:00"
    line = next(k for k in summary_lines(_scenario(_truck(max_km_per_day=120))) if k.startswith("    small"))
    assert line == "    small: 2 × 1500 kg, class 1, garage G1; ≤ 120 km/day"


def _haul(**more: object) -> HaulTruckType:
    return HaulTruckType(**{"id": "hook", "count": 1, "garage": "G1", "container_payload_t": 9, **more})  # type: ignore[arg-type]


COSTS = dict(fixed_cost=300, cost_per_km=2, cost_per_hour=45, co2_kg_per_km=0.3)


def test_cost_fields_left_empty_are_warned_about_given_zeros_are_not() -> None:
    assert cost_warning("vehicle type", _truck(**COSTS)) == ""
    assert cost_warning("vehicle type", _truck(fixed_cost=0, cost_per_km=0, cost_per_hour=0, co2_kg_per_km=0)) == ""
    assert cost_warning("haul truck type", _haul()) == (
        "haul truck type hook: fixed_cost, cost_per_km, cost_per_hour, co2_kg_per_km not given, taken as 0 "
        "(the plan will show no cost and no CO₂ for these trucks)")
    assert cost_warning("vehicle type", _truck(fixed_cost=300, co2_kg_per_km=0.3)) == (
        "vehicle type small: cost_per_km, cost_per_hour not given, taken as 0 (the plan's cost leaves them out for these trucks)")
    assert cost_warning("vehicle type", _truck(fixed_cost=300, cost_per_km=2, cost_per_hour=45)) == (
        "vehicle type small: co2_kg_per_km not given, taken as 0 (the plan will show no CO₂ for these trucks)")
    scenario = _scenario(_truck(**COSTS)).model_copy(update={"haul_fleet": [_haul(**COSTS), _haul(id="bare")]})
    assert [w for w in warnings(scenario) if "not given" in w] == [
        "haul truck type bare: fixed_cost, cost_per_km, cost_per_hour, co2_kg_per_km not given, taken as 0 "
        "(the plan will show no cost and no CO₂ for these trucks)"]


def test_the_haul_shift_assumed_is_stated() -> None:
    assert shift_text(_haul()) == "shift 06:00–14:00 (the default: shift_start and shift_end not given)"
    assert shift_text(_haul(shift_end="20:00")) == "shift 06:00–20:00 (shift_start not given: the default)"
    assert shift_text(_haul(shift_start="05:30", shift_end="20:00")) == "shift 05:30–20:00"
    scenario = _scenario(_truck()).model_copy(update={"haul_fleet": [_haul(shift_start="06:00", shift_end="20:00")]})
    assert "  haul fleet 1 hook-lift truck; hook: 1 × 9 t containers, shift 06:00–20:00" in summary_lines(scenario)


def test_files_read_are_listed() -> None:
    lines = summary_lines(_scenario(_truck()), [InputFile("scenario.yaml", "UTF-8"), InputFile("rooms.csv", "GB18030 (GBK)")])
    assert lines[-3:] == ["  files read", "    scenario.yaml: UTF-8", "    rooms.csv: GB18030 (GBK)"]
    assert "  files read" not in summary_lines(_scenario(_truck()))


def test_check_in_chinese() -> None:
    limited = _truck(breaks=[Break(duration_min=60, earliest="11:00", latest="13:00")], max_trips=1, max_kg_per_day=6000)
    scenario = _scenario(limited).model_copy(update={"haul_fleet": [_haul(shift_start="05:00")]})
    lines = summary_lines(scenario, [InputFile("rooms.xlsx", "Excel, sheet 收集房"), InputFile("stations.csv", "GB18030 (GBK)")], "zh")
    assert lines == [
        "small：1 个收集房，1 个中转站（另有 0 个候选站址），0 个处理厂，1 个车库",
        "  镇 0 个，村 0 个",
        "  垃圾量 0.1 吨/天",
        "  中转站处理能力：现有站 10.0 吨/天",
        "  收运车队 2 辆车，分 1 种车型，每趟共 3.0 吨（全部车辆各跑一趟；每车每班可跑多趟）",
        "    small：2 × 1500 公斤，车型等级 1，车库 G1；休息 60 分钟，11:00–13:00 之间开始；≤ 1 趟，≤ 6,000 公斤/天",
        "  转运车队 1 辆勾臂车；hook：1 × 9 吨箱体，班次 05:00–14:00（未填 shift_end：取默认值）",
        "  读取的文件",
        "    rooms.xlsx：Excel，工作表 收集房",
        "    stations.csv：GB18030 (GBK)",
    ]
    assert warnings(scenario, "zh") == [
        "没有处理厂：无法规划转运至处理厂",
        "车型 small：未填 fixed_cost, cost_per_km, cost_per_hour, co2_kg_per_km，按 0 计（方案将不显示这些车辆的成本和 CO₂）",
        "转运车型 hook：未填 fixed_cost, cost_per_km, cost_per_hour, co2_kg_per_km，按 0 计（方案将不显示这些车辆的成本和 CO₂）",
    ]


def test_warnings_in_chinese_name_what_is_short() -> None:
    scenario = _scenario(_truck(**COSTS)).model_copy(update={"stations": []})
    assert warnings(scenario, "zh") == ["没有现有中转站：除非某个变体启用候选站址，否则车辆无处卸料", "没有处理厂：无法规划转运至处理厂"]
    heavy = _scenario(_truck(**COSTS)).model_copy(update={"rooms": [
        Room(id=f"R{k}", lat=36.8, lon=118.0, waste_kg_per_day=6000) for k in range(3)]})
    assert warnings(heavy, "zh")[0] == "现有中转站处理能力 10.0 吨/天，低于每日垃圾量 18.0 吨"
    assert warnings(heavy, "zh")[2] == "车队每趟共运 3.0 吨：每日垃圾量需要每车跑 4 趟以上"
    assert cost_warning("vehicle type", _truck(fixed_cost=300, co2_kg_per_km=0.3), "zh") == \
        "车型 small：未填 cost_per_km, cost_per_hour，按 0 计（方案成本不计这些项）"
    assert cost_warning("vehicle type", _truck(fixed_cost=300, cost_per_km=2, cost_per_hour=45), "zh") == \
        "车型 small：未填 co2_kg_per_km，按 0 计（方案将不显示这些车辆的 CO₂）"


def test_rooms_never_served_with_the_engines_reason_in_chinese() -> None:
    reasons = {"R1": TOO_HEAVY, "R2": narrow(1), "R3": "a reason no one knows"}
    assert unservable_warnings(reasons, limit=2, lang="zh") == [
        "收集房 R1 永远无法收运：垃圾重量超过所有能到达该处车辆的载重",
        "收集房 R2 永远无法收运：车队中没有车型等级 ≤ 1 的车辆（道路狭窄）",
        "另有 1 个收集房永远无法收运（上面已列出 2 个）",
    ]
    assert unservable_warnings({"R3": "a reason no one knows"}, lang="zh") == ["收集房 R3 永远无法收运：a reason no one knows"]
    assert unservable_warnings(reasons, limit=1) == [
        f"room R1 can never be served: {TOO_HEAVY}", "2 more rooms can never be served (1 listed above)"]
