"""Chinese names, meanings and units of every column of the scenario's tables (字段中文说明).

The column names themselves stay the model's English field names (they are what the loader reads);
these words go beside them, in the template's help sheet and ``README.txt``, so a county office can
fill the tables without reading English. The English meaning comes from the models' field
descriptions (``wasteopt schema``); a test checks that every field of every list section has words
here, so a new field cannot be left unexplained.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ZhField:
    """A column in Chinese: its name, what it means, and its unit (Chinese and symbol; ``""`` for none)."""

    name: str
    meaning: str
    unit: str = ""


SECTION_NAMES: dict[str, str] = {
    "rooms": "收集房",
    "stations": "中转站",
    "plants": "处理厂",
    "garages": "车库",
    "fleet": "收集车",
    "haul_fleet": "勾臂车",
}
"""Each list section in Chinese (also the sheet names of the template workbooks)."""

_CLOCK = "时:分 HH:MM"
_MINUTES = "分钟 min"

COMMON: dict[str, ZhField] = {
    "id": ZhField("编号", "唯一编号，不含空格和逗号（如 R0001）；所有地点（收集房、中转站、处理厂、车库）的编号互不相同"),
    "name": ZhField("名称", "显示名称（中文照原样保留）"),
    "lat": ZhField("纬度", "WGS84 纬度；与经度一起填写，或改填投影坐标 x/y（全场景统一一种）", "度 °"),
    "lon": ZhField("经度", "WGS84 经度；与纬度一起填写", "度 °"),
    "x": ZhField("投影坐标 x（东）", "投影坐标东向值（如 CGCS2000 / UTM）；与 y 一起填写，代替经纬度", "米 m"),
    "y": ZhField("投影坐标 y（北）", "投影坐标北向值；与 x 一起填写", "米 m"),
    "town": ZhField("镇/街道", "所属镇或街道"),
    "village": ZhField("村/社区", "所属村或社区"),
    "waste_kg_per_day": ZhField("日垃圾量", "每天需清运的垃圾重量", "千克/天 kg/day"),
    "volume_m3_per_day": ZhField("日垃圾体积", "每天的垃圾体积（可不填）", "立方米/天 m³/day"),
    "service_min": ZhField("清运用时", "清空一个收集房所需时间", _MINUTES),
    "tw_open": ZhField("最早清运时间", "收集房最早可以清运的时间；空 = 不限", _CLOCK),
    "tw_close": ZhField("最晚开始清运时间", "最晚必须开始清运的时间；空 = 不限", _CLOCK),
    "max_vehicle_class": ZhField("可通行最大车型", "道路（窄巷）能通行的最大车型等级；空 = 不限", "级 class"),
    "capacity_t_per_day": ZhField("日处理能力", "每天最多接收的垃圾量", "吨/天 t/day"),
    "open": ZhField("开放时间", "开始接收卸料的时间", _CLOCK),
    "close": ZhField("关闭时间", "最晚开始卸料的时间", _CLOCK),
    "unload_min": ZhField("卸料用时", "一辆收集车卸料所需时间", _MINUTES),
    "status": ZhField("状态", "existing = 现有站（今天使用）；candidate = 候选站址（只有方案 variant 开启时才使用）"),
    "build_cost": ZhField("建设费用", "候选站址的建设费用", "元 yuan"),
    "lifetime_years": ZhField("使用年限", "候选站址的使用年限", "年 years"),
    "container_slots": ZhField("箱位数", "站内可放的集装箱数（满箱加正在装的箱）", "个 containers"),
    "swap_min": ZhField("换箱用时", "勾臂车换一个集装箱所需时间", _MINUTES),
    "shift_start": ZhField("出车时间", "离开车库的时间", _CLOCK),
    "shift_end": ZhField("收车时间", "最晚回到车库的时间", _CLOCK),
    "fixed_cost": ZhField("每车每日固定费用", "每辆出车的车每天的固定费用；空 = 0", "元/车/天 yuan/truck/day"),
    "cost_per_km": ZhField("每公里费用", "每行驶一公里的费用；空 = 0", "元/公里 yuan/km"),
    "cost_per_hour": ZhField("每小时费用", "在岗每小时的费用（司机工资、怠速油耗）；空 = 0", "元/小时 yuan/h"),
    "speed_kmh": ZhField("平均车速", "该车型的平均车速；空 = 用出行模型（travel）的车速", "公里/小时 km/h"),
    "co2_kg_per_km": ZhField("碳排放系数", "每公里排放的二氧化碳；空 = 0", "千克CO₂/公里 kg CO₂/km"),
    "count": ZhField("车辆数", "该车型可用的车辆数", "辆 trucks"),
    "garage": ZhField("所属车库", "车辆出发和返回的车库编号（garages 中的 id）"),
    "capacity_kg": ZhField("载重", "每趟最多装载的垃圾重量", "千克 kg"),
    "capacity_m3": ZhField("容积", "每趟最多装载的垃圾体积（可不填）", "立方米 m³"),
    "vehicle_class": ZhField("车型等级", "车辆大小等级；收集房的可通行最大车型低于它时，这种车进不去", "级 class"),
    "breaks": ZhField("司机休息", "每班的休息，如午休 [{duration_min: 60, earliest: \"11:00\", latest: \"13:00\"}]（只能在 YAML 中填写）"),
    "max_trips": ZhField("每日最多趟数", "每天最多卸料次数（含最后一次）；空 = 不限", "趟 trips"),
    "max_kg_per_day": ZhField("每日最多收运量", "每天所有趟合计最多收运的垃圾；空 = 不限", "千克 kg"),
    "max_stops": ZhField("每日最多收集房数", "每天最多清运的收集房数；空 = 不限", "个 rooms"),
    "max_km_per_day": ZhField("每日最多里程", "每天最多行驶里程；空 = 不限", "公里 km"),
    "max_duty_hours": ZhField("每日最长在岗时间", "从离开车库到回来最多的小时数（含休息）；空 = 不限", "小时 h"),
    "container_payload_t": ZhField("每箱载重", "一个集装箱装的垃圾量", "吨 t"),
}
"""Columns that mean the same in every section they appear in."""

BY_SECTION: dict[str, dict[str, ZhField]] = {
    "plants": {
        "open": ZhField("接收开始时间", "处理厂开始接收的时间", _CLOCK),
        "close": ZhField("接收结束时间", "处理厂停止接收的时间", _CLOCK),
        "capacity_t_per_day": ZhField("日接收能力", "处理厂每天最多接收的垃圾量；空 = 不限", "吨/天 t/day"),
        "unload_min": ZhField("卸箱用时", "倾倒一个集装箱所需时间", _MINUTES),
    },
    "haul_fleet": {
        "count": ZhField("勾臂车数", "该车型可用的勾臂车数", "辆 trucks"),
    },
}
"""Columns whose meaning depends on the section (a plant's hours are for containers, not trucks)."""


def zh_field(section: str, name: str) -> ZhField:
    """The Chinese words for column ``name`` of ``section``; ``KeyError`` for an unknown column."""
    return BY_SECTION.get(section, {}).get(name) or COMMON[name]
