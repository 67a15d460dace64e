"""Chinese or English for what wasteopt prints and writes for people: one catalogue, both side by side.

:func:`text` looks a key up and fills in its values (``text("cli.written", "zh", path="out/plan.json")``);
numbers are formatted by the caller or by the template's format spec, the same in both languages.
:func:`choose_language` decides the language of a command: ``--lang``, else ``WASTEOPT_LANG``, else the
scenario's ``language:`` field, else the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG`` starting with
``zh``), else English. Rule codes, field names in exports and the engine's own messages (reasons,
diagnostics) are not translated.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

LANGUAGES = ("en", "zh")
"""The languages every key has, English first."""

ENV = "WASTEOPT_LANG"
"""The environment variable that sets the language when ``--lang`` is not given."""

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
"""The locale's variables in POSIX order: the first one set decides."""

CATALOGUE: dict[str, tuple[str, str]] = {
    # --- the plan's terminal summary (wasteopt plan) ---
    "summary.interrupted": ("INTERRUPTED (Ctrl-C): the search was stopped early; this plan is the best found so far",
                            "已中断（Ctrl-C）：搜索提前停止，此方案是目前找到的最好方案"),
    "summary.engine_violations": ("the engine's own check found {n} violation{s} — this is a bug, please report it:",
                                  "引擎自检发现 {n} 处违规——这是程序错误，请报告："),
    "summary.more_violations": ("  ... and {n} more (run `wasteopt validate` on the plan)",
                                "  ……另有 {n} 处（对方案运行 `wasteopt validate` 查看）"),
    "summary.title": ("plan for {scenario}", "{scenario} 的收运方案"),
    "summary.variant": (" (variant {variant})", "（变体 {variant}）"),
    "summary.step": ("step", "环节"),
    "summary.tonnes": ("tonnes", "吨"),
    "summary.vehicles": ("vehicles", "车辆"),
    "summary.km": ("km", "公里"),
    "summary.hours": ("hours", "小时"),
    "summary.cost": ("cost", "成本"),
    "summary.collection": ("rooms → stations", "收集房 → 中转站"),
    "summary.haul": ("stations → plant", "中转站 → 处理厂"),
    "summary.chain": ("whole chain", "全链条"),
    "summary.cost_per_tonne": ("cost per tonne: {value:.2f} yuan", "吨均成本：{value:.2f} 元"),
    "summary.co2": ("CO₂ estimate: {value:.0f} kg", "CO₂ 估算：{value:.0f} kg"),
    "summary.unload_trips": ("unload trips: {n}", "卸料趟数：{n}"),
    "summary.station": ("station", "中转站"),
    "summary.capacity": ("capacity", "处理能力"),
    "summary.use": ("use", "负荷率"),
    "summary.bound": ("lower bound: {km:.1f} km, {cost:.2f} yuan — {statement}", "下界：{km:.1f} 公里，{cost:.2f} 元——{statement}"),
    "summary.bound_km": ("lower bound: {km:.1f} km — {statement}", "下界：{km:.1f} 公里——{statement}"),
    "summary.served": ("rooms served: {served}, unserved: {unserved}", "已收运收集房：{served}，未收运：{unserved}"),
    "summary.unserved_room": ("  unserved {id}: {reason}", "  未收运 {id}：{reason}"),
    "summary.more_unserved": ("  ... and {n} more (see plan.json)", "  ……另有 {n} 个（见 plan.json）"),
    "summary.fix": (" — fix: {fix}", "——建议：{fix}"),
    "summary.diagnostic": ("{level}: {message}{fix}", "{level}：{message}{fix}"),
    "level.error": ("error", "错误"),
    "level.warning": ("warning", "警告"),
    "level.info": ("info", "提示"),
    # --- the one wording of the lower bound: CLI, report card, plan.json (lower_bound.ratio) ---
    "bound.cost": ("collection cost ≤ {ratio} × the lower bound", "收运成本 ≤ 下界的 {ratio} 倍"),
    "bound.km": ("collection km ≤ {ratio} × the lower bound", "收运里程 ≤ 下界的 {ratio} 倍"),
    "bound.value": ("≤ {ratio} ×", "≤ {ratio} 倍"),
    "bound.none": ("no bound in plan", "方案中无下界"),
    # --- command messages ---
    "cli.progress": ("best cost", "最优成本"),
    "cli.searching": ("searching…", "搜索中…"),
    "cli.plan_written": ("plan written to {path}", "方案已写入 {path}"),
    "cli.interrupted": ("interrupted (Ctrl-C): {path} holds the best plan found so far",
                        "已中断（Ctrl-C）：{path} 保存了目前找到的最好方案"),
    "cli.violations": ("{n} violation{s}", "{n} 处违规"),
    "cli.valid": ("plan is valid: {summary}", "方案有效：{summary}"),
    "cli.valid_incomplete": ("plan is valid but incomplete: {undone} ({summary})", "方案有效但不完整：{undone}（{summary}）"),
    "cli.plan_summary": ("{routes} route{routes_s}, {served} room{served_s} served, {unserved} unserved, {km:.2f} km, "
                         "collection cost {cost:.2f}, {haul} haul trip{haul_s}",
                         "{routes} 条线路，收运 {served} 个收集房，未收运 {unserved} 个，{km:.2f} 公里，收运成本 {cost:.2f}，转运 {haul} 趟"),
    "cli.wrote_report": ("wrote {path} ({size})", "已写入 {path}（{size}）"),
    "cli.wrote_png": ("wrote {path}", "已写入 {path}"),
    "cli.wrote_sheets": ("wrote sheets for {n} trucks to {folder} (open {index})", "已为 {n} 辆车写出司机路线单到 {folder}（打开 {index}）"),
    "cli.wrote_geojson": ("wrote {path}: {places} places, {lines} trip lines", "已写入 {path}：{places} 个地点，{lines} 条行程线"),
    "cli.wrote_stops": ("wrote {path}: {n} stops", "已写入 {path}：{n} 个停靠点"),
    "cli.study_written": ("plans and {file} written to {folder}", "各方案和 {file} 已写入 {folder}"),
    "cli.planned": ("  planned {name}", "  已规划 {name}"),
    "cli.study_violations": ("violations found in the plans of {named} — this is a bug, please report it "
                             "(the plans are written; `wasteopt validate` lists the violations)",
                             "以下方案发现违规：{named}——这是程序错误，请报告（方案已写出；`wasteopt validate` 列出违规）"),
    "cli.lang_help": ("Language of what is printed and written: zh or en (default: $WASTEOPT_LANG, else the "
                      "scenario's language:, else the locale, else en).",
                      "输出语言：zh 或 en（默认：$WASTEOPT_LANG，其次场景的 language:，其次系统区域设置，最后 en）。"),
    # --- the HTML report ---
    "report.title": ("Collection plan · {name}", "收运方案 · {name}"),
    "report.variant": (" · variant {variant}", " · 变体 {variant}"),
    "report.footer": ("Made by wasteopt {version}{made}. This file is self-contained and works offline.",
                      "由 wasteopt {version} 生成{made}。本文件自带全部内容，可离线打开。"),
    "report.seed": ("seed {value}", "随机种子 {value}"),
    "report.iterations": ("{value} iterations", "迭代 {value} 次"),
    "report.time_limit": ("time limit {value} s", "时限 {value} 秒"),
    "report.elapsed": ("solved in {value} s", "用时 {value} 秒"),
    "report.stations": ("Station loads", "中转站负荷"),
    "report.timeline": ("Each truck's day", "车辆作业时间线"),
    "report.routes": ("Routes", "线路"),
    "report.haul": ("Haul to the plant", "转运至处理厂"),
    "report.diagnostics": ("Diagnostics", "诊断"),
    "report.unserved": ("Unserved rooms ({n})", "未收运收集房（{n}）"),
    "report.comparison": ("What-if comparison", "方案比较"),
    "report.map_label": ("map of routes", "线路地图"),
    "report.legend": ("Legend", "图例"),
    "report.trucks": ("Trucks ({n})", "车辆（{n}）"),
    "report.click": ("click to highlight", "点击高亮"),
    "report.truck_item": ("{rooms} rooms · {km} km", "{rooms} 个收集房 · {km} 公里"),
    "report.zoom_in": ("zoom in", "放大"),
    "report.zoom_out": ("zoom out", "缩小"),
    "report.zoom_fit": ("whole district", "全区"),
    "report.js_station": ("Station", "中转站"),
    "report.js_truck": ("Truck", "车辆"),
    "report.js_no_trucks": ("no trucks", "无车辆"),
    "report.js_hint": ("Click a truck or a station to highlight it", "点击车辆或中转站以高亮显示"),
    "legend.room": ("collection room (truck's colour)", "收集房（所属车辆颜色）"),
    "legend.unserved": ("room left unserved", "未收运的收集房"),
    "legend.station": ("transfer station, size = tonnes today; amber ≥ 85 %, red over capacity",
                       "中转站，大小 = 当日吨数；橙色 ≥ 85 %，红色超出能力"),
    "legend.candidate": ("candidate site (not open)", "候选站址（未启用）"),
    "legend.garage": ("garage", "车库"),
    "legend.plant": ("treatment plant", "处理厂"),
    "legend.collecting": ("collecting", "收运"),
    "legend.unload": ("to a station to unload", "前往中转站卸料"),
    "legend.haul": ("container haul to the plant", "箱体转运至处理厂"),
    # KPI cards
    "card.trucks": ("Trucks", "车辆"),
    "card.trucks_note": ("of {n} available", "共 {n} 辆可用"),
    "card.km": ("Distance", "里程"),
    "card.km_note": ("km", "公里"),
    "card.hours": ("Hours", "工时"),
    "card.hours_note": ("truck hours on duty", "车辆在岗小时"),
    "card.tonnes": ("Collected", "收运量"),
    "card.tonnes_note": ("t · {served}", "吨 · {served}"),
    "card.rooms": ("{n} rooms", "{n} 个收集房"),
    "card.unserved": (" · {n} unserved", " · {n} 个未收运"),
    "card.cost": ("Cost", "成本"),
    "card.cost_note": ("yuan per day", "元/天"),
    "card.cost_per_tonne": ("Cost per tonne", "吨均成本"),
    "card.cost_per_tonne_note": ("yuan / t", "元/吨"),
    "card.bound": ("Lower bound", "下界"),
    "card.bound_hint": ("lower bound: {figures}; {method}", "下界：{figures}；{method}"),
    "card.bound_figures": ("{km} km, {cost} yuan", "{km} 公里，{cost} 元"),
    "card.bound_figures_km": ("{km} km", "{km} 公里"),
    # tables
    "col.truck": ("Truck", "车辆"),
    "col.type": ("Type", "车型"),
    "col.garage": ("Garage", "车库"),
    "col.rooms": ("Rooms", "收集房"),
    "col.unloads": ("Unloads", "卸料"),
    "col.collected_t": ("Collected t", "收运吨"),
    "col.km": ("km", "公里"),
    "col.hours": ("Hours", "小时"),
    "col.leaves": ("Leaves", "出车"),
    "col.back": ("Back", "回库"),
    "col.cost": ("Cost", "成本"),
    "col.breaks": ("Breaks", "休息"),
    "col.limits": ("Daily limits", "每日上限"),
    "col.station": ("Station", "中转站"),
    "col.plant": ("Plant", "处理厂"),
    "col.departs": ("Departs", "出发"),
    "col.arrives": ("Arrives", "到达"),
    "col.payload_t": ("Payload t", "载重吨"),
    "col.room": ("Room", "收集房"),
    "col.name": ("Name", "名称"),
    "col.village": ("Village", "村"),
    "col.kg_day": ("kg/day", "公斤/天"),
    "col.reason": ("Reason", "原因"),
    "limit.trips": ("trips", "趟"),
    "limit.kg": ("kg", "公斤"),
    "limit.rooms": ("rooms", "收集房"),
    "limit.km": ("km", "公里"),
    "limit.h": ("h", "小时"),
    "limit.over": ("over the daily limit", "超过每日上限"),
    "table.breaks": ("{n} · {minutes} min", "{n} · {minutes} 分钟"),
    # charts
    "chart.bar": ("{load} / {capacity} t · {share} %", "{load} / {capacity} 吨 · {share} %"),
    "chart.no_stations": ("No station receives waste in this plan.", "本方案没有中转站接收垃圾。"),
    "chart.no_times": ("The plan has no stop times.", "方案中没有停靠时间。"),
    "segment.driving": ("driving", "行驶"),
    "segment.collecting": ("collecting", "收运"),
    "segment.unloading": ("unloading", "卸料"),
    "segment.waiting": ("waiting", "等待"),
    "segment.break": ("driver break", "司机休息"),
    "segment.break_short": ("break", "休息"),
    "segment.shift": ("shift", "班次"),
    "segment.break_after": (" ({minutes} min), {where}", "（{minutes} 分钟），{where}"),
    # driver breaks, as every output words them
    "break.at": ("at {place}", "在 {place}"),
    "break.en_route": ("en route {before} → {after}", "途中 {before} → {after}"),
    "break.span": ("{times} ({minutes} min)", "{times}（{minutes} 分钟）"),
    "break.text": ("BREAK {span}, {where}", "休息 {span}，{where}"),
    "break.text_untimed": ("BREAK, {where}", "休息，{where}"),
    "break.row_at": ("BREAK {span}, at {place}", "休息 {span}，在 {place}"),
    "break.row_at_untimed": ("BREAK, at {place}", "休息，在 {place}"),
    "break.separator": (", ", "，"),
    "break.no_time": ("time not set", "未定时间"),
    # map tooltips
    "map.route": ("{vehicle} · {rooms} rooms · {unloads} unloads · {km} km", "{vehicle} · {rooms} 个收集房 · 卸料 {unloads} 次 · {km} 公里"),
    "map.route_breaks": (" · {n} break{s}, {minutes} min", " · 休息 {n} 次，{minutes} 分钟"),
    "map.room_kg": ("{kg} kg/day", "{kg} 公斤/天"),
    "map.room_by": ("{vehicle} at {time}", "{vehicle} {time} 到达"),
    "map.unserved": ("UNSERVED: {reason}", "未收运：{reason}"),
    "map.not_routed": ("not in any route", "不在任何线路中"),
    "map.candidate": ("(candidate site, not open)", "（候选站址，未启用）"),
    "map.station_load": ("{load} t of {capacity} t ({share} %)", "{load} 吨 / {capacity} 吨（{share} %）"),
    "map.station_trucks": ("trucks: {trucks}", "车辆：{trucks}"),
    "map.none": ("none", "无"),
    "map.garage": ("(garage)", "（车库）"),
    "map.plant": ("(treatment plant)", "（处理厂）"),
    "map.haul": ("haul {station} → {plant}: {n} containers, {t} t", "转运 {station} → {plant}：{n} 箱，{t} 吨"),
    # panels
    "panel.fix": ("Fix: {fix}", "建议：{fix}"),
    "panel.no_comparison": ("The comparison file has no base and variants.", "比较文件中没有基准方案和变体。"),
    "panel.base": ("base", "基准"),
    "panel.variant": ("variant {n}", "变体 {n}"),
    "panel.opens": ("opens {sites}", "新建 {sites}"),
    "figure.trucks": ("Trucks", "车辆"),
    "figure.distance_km": ("Distance km", "里程（公里）"),
    "figure.collection_km": ("Collection km", "收运里程（公里）"),
    "figure.vehicle_hours": ("Truck hours", "车辆工时"),
    "figure.unload_trips": ("Unload trips", "卸料趟数"),
    "figure.haul_trips": ("Haul trips", "转运趟数"),
    "figure.cost": ("Cost (yuan/day)", "成本（元/天）"),
    "figure.unserved": ("Unserved rooms", "未收运收集房"),
    "figure.build_cost": ("Build cost (yuan)", "建设成本（元）"),
    "figure.payback_years": ("Payback (years)", "回收期（年）"),
    # driver sheets
    "sheet.title": ("Driver sheet", "司机路线单"),
    "sheet.index_title": ("Driver sheets", "司机路线单"),
    "sheet.print_all": ("Print every truck's sheet (one page each)", "打印全部车辆路线单（每车一页）"),
    "sheet.type": ("Type", "车型"),
    "sheet.garage": ("Garage", "车库"),
    "sheet.leave": ("Leave", "出车"),
    "sheet.return": ("Return", "回库"),
    "sheet.rooms": ("{n} rooms", "{n} 个收集房"),
    "sheet.kg": ("{kg} kg", "{kg} 公斤"),
    "sheet.km": ("{km} km", "{km} 公里"),
    "sheet.break": ("Break", "休息"),
    "sheet.breaks": ("Breaks", "休息"),
    "sheet.arrive": ("Arrive", "到达"),
    "sheet.place": ("Room / station", "收集房 / 中转站"),
    "sheet.village": ("Village", "村"),
    "sheet.expected": ("Expected kg", "预计公斤"),
    "sheet.load_after": ("Load after", "车上载重"),
    "sheet.trip": ("Trip {n} → {where} · {kg} kg", "第 {n} 趟 → {where} · {kg} 公斤"),
    "sheet.unload_at": ("unload at {id} {name}", "到 {id} {name} 卸料"),
    "sheet.return_to": ("Return → {where}", "回库 → {where}"),
    "sheet.unload_row": ("UNLOAD at {place} · leave {time}", "卸料 {place} · {time} 离开"),
    "sheet.home": ("Back at the garage {garage}", "回到车库 {garage}"),
    "sheet.foot": ("Return to {garage} by {time}. Stops in the planned order; unload when the sheet says so.",
                   "{time} 前回到 {garage}。按计划顺序停靠；按路线单指示卸料。"),
    "sheet.shift": ("Shift", "班次"),
    "sheet.spreadsheet": ("Spreadsheet", "表格"),
    "sheet.summary": ("Summary", "汇总"),
    "sheet.kind.garage": ("garage", "车库"),
    "sheet.kind.room": ("room", "收集房"),
    "sheet.kind.station": ("station", "中转站"),
    "sheet.kind.break": ("break", "休息"),
    # driver sheet columns (CSV header, workbook header)
    "column.seq": ("seq", "序号"),
    "column.trip": ("trip", "趟次"),
    "column.kind": ("kind", "类型"),
    "column.id": ("id", "编号"),
    "column.name": ("name", "名称"),
    "column.town": ("town", "镇"),
    "column.village": ("village", "村"),
    "column.arrive": ("arrive", "到达"),
    "column.depart": ("depart", "离开"),
    "column.expected_kg": ("expected_kg", "预计公斤"),
    "column.unloaded_kg": ("unloaded_kg", "卸料公斤"),
    "column.load_after_kg": ("load_after_kg", "车上载重公斤"),
    "column.unload_at": ("unload_at", "卸料站"),
    "column.at": ("at", "休息地点"),
    "column.truck": ("truck", "车辆"),
    "column.type": ("type", "车型"),
    "column.garage": ("garage", "车库"),
    "column.rooms": ("rooms", "收集房数"),
    "column.unloads": ("unloads", "卸料次数"),
    "column.kg": ("kg", "公斤"),
    "column.km": ("km", "公里"),
    "column.leave": ("leave", "出车"),
    "column.return": ("return", "回库"),
}
"""Every key with its English and Chinese text, in that order (a test checks both are there and take
the same values)."""


def text(key: str, lang: str, **values: object) -> str:
    """The text of ``key`` in ``lang`` (``en`` or ``zh``; anything else is English) with ``values`` filled in."""
    template = CATALOGUE[key][1 if lang == "zh" else 0]
    return template.format(**values) if values else template


def plural(n: int) -> str:
    """English plural ending for a count: ``""`` for 1, else ``"s"`` (the Chinese texts ignore it)."""
    return "" if n == 1 else "s"


def language_of(value: object) -> str | None:
    """``en`` or ``zh`` for a language tag such as ``zh``, ``zh-CN``, ``zh_CN.UTF-8``, ``en_US``; None otherwise."""
    if not isinstance(value, str):
        return None
    tag = value.strip().lower().replace("-", "_")
    for lang in LANGUAGES:
        if tag == lang or tag.startswith(lang + "_") or tag.startswith(lang + "."):
            return lang
    return None


def choose_language(explicit: str | None = None, scenario: object = None, environ: Mapping[str, str] | None = None) -> str:
    """The language of a command: ``explicit`` (``--lang``), else ``WASTEOPT_LANG``, else the scenario's
    ``language`` field (read with ``getattr``: older scenario models lack it), else the locale (``zh``
    when the first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set starts with ``zh``), else ``en``."""
    env = os.environ if environ is None else environ
    for candidate in (explicit, env.get(ENV), getattr(scenario, "language", None)):
        lang = language_of(candidate)
        if lang is not None:
            return lang
    for variable in LOCALE_VARIABLES:
        value = env.get(variable)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"
