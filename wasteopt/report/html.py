"""The offline report: one self-contained ``report.html`` from a scenario and its plan.

Everything is in the file (styles, script, the map as SVG, the data as markup): it opens on an
office PC with no network, makes no request of any kind, and prints. Each part of the page is built
by its own module (cards, map, charts, tables, panels); this one lays them out.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Any

from wasteopt.plan.models import Plan
from wasteopt.report.assets import CSS, JS
from wasteopt.report.cards import kpi_cards
from wasteopt.report.charts import station_bars, timeline
from wasteopt.report.colors import route_colours
from wasteopt.report.fmt import esc, num
from wasteopt.report.mapsvg import map_svg
from wasteopt.report.panels import comparison as comparison_table
from wasteopt.report.panels import diagnostics
from wasteopt.report.summary import summarise
from wasteopt.report.tables import haul_table, route_table, unserved_table
from wasteopt.scenario.models import Scenario

LEGEND_SYMBOLS = """
<div class="symbols">
<svg viewBox="0 0 34 16"><circle cx="17" cy="8" r="3" fill="#1f77b4" stroke="#fff"/></svg><span>collection room (truck's colour)</span>
<svg viewBox="0 0 34 16"><circle cx="17" cy="8" r="4" fill="#fff" stroke="#c0262d" stroke-width="2"/></svg><span>room left unserved</span>
<svg viewBox="0 0 34 16"><circle cx="17" cy="8" r="7" fill="#2e9d62" stroke="#0f3d2b"/></svg><span>transfer station, size = tonnes today; amber ≥ 85 %, red over capacity</span>
<svg viewBox="0 0 34 16"><circle cx="17" cy="8" r="6" fill="#fff" stroke="#8a949e" stroke-dasharray="3 2"/></svg><span>candidate site (not open)</span>
<svg viewBox="0 0 34 16"><rect x="11" y="2" width="12" height="12" fill="#1d2733"/></svg><span>garage</span>
<svg viewBox="0 0 34 16"><path d="M17 0L25 8L17 16L9 8Z" fill="#6b4a2b"/></svg><span>treatment plant</span>
<svg viewBox="0 0 34 16"><path d="M2 8H32" stroke="#1f77b4" stroke-width="2.2"/></svg><span>collecting</span>
<svg viewBox="0 0 34 16"><path d="M2 8H32" stroke="#1f77b4" stroke-width="2" stroke-dasharray="7 5"/></svg><span>to a station to unload</span>
<svg viewBox="0 0 34 16"><path d="M2 8H32" stroke="#6b4a2b" stroke-width="3" stroke-dasharray="2 5" stroke-linecap="round"/></svg><span>container haul to the plant</span>
</div>"""


def render_report(scenario: Scenario, plan: Plan, comparison: Any = None) -> str:
    """The whole report page as one HTML string (``comparison``: the parsed ``comparison.json``)."""
    colours = dict(zip([r.vehicle for r in plan.routes], route_colours(len(plan.routes))))
    summary = summarise(plan, scenario)
    sections = [
        kpi_cards(scenario, plan, summary),
        _map_section(scenario, plan, colours),
        '<div class="grid2">'
        + _section("Station loads", "中转站负荷", station_bars(scenario, plan), "stations")
        + _section("Each truck's day", "车辆作业时间线", timeline(scenario, plan, colours), "timeline")
        + "</div>",
        _section("Routes", "线路", f'<div class="table-scroll">{route_table(plan, colours, scenario)}</div>', "routes"),
    ]
    if plan.haul:
        sections.append(_section("Haul to the plant", "转运", f'<div class="table-scroll">{haul_table(scenario, plan)}</div>', "haul"))
    if plan.diagnostics:
        sections.append(_section("Diagnostics", "诊断", diagnostics(plan), "diagnostics"))
    if plan.unserved:
        sections.append(_section(f"Unserved rooms ({len(plan.unserved)})", "未收运",
                                 f'<div class="table-scroll">{unserved_table(scenario, plan)}</div>', "unserved"))
    if comparison is not None:
        sections.append(_section("What-if comparison", "方案比较", comparison_table(comparison), "comparison"))
    return _page(scenario, plan, "\n".join(sections))


def _section(title: str, zh: str, body: str, key: str) -> str:
    return f'<section class="panel" id="{key}"><h2>{esc(title)}<span class="zh">{esc(zh)}</span></h2>{body}</section>'


def _map_section(scenario: Scenario, plan: Plan, colours: dict[str, str]) -> str:
    trucks = []
    for route in plan.routes:
        rooms = sum(1 for s in route.stops if s.kind == "room")
        trucks.append(f'<div class="truck-item" data-select="{esc(route.vehicle)}"><i class="swatch" '
                      f'style="background:{colours[route.vehicle]}"></i>{esc(route.vehicle)}'
                      f'<small>{rooms} rooms · {num(route.distance_km, 0)} km</small></div>')
    tools = ('<div class="map-tools"><button id="zoom-in" title="zoom in">+</button>'
             '<button id="zoom-out" title="zoom out">−</button><button id="zoom-fit" title="whole district">⤢</button></div>')
    return (
        '<section class="map-wrap" id="map"><div class="map-box">' + map_svg(scenario, plan, colours) + tools
        + '<div class="map-hint" id="selection"></div><div class="scale" id="scale-bar"><span></span><i></i></div></div>'
        + '<aside class="legend"><h3>Legend <span class="zh muted">图例</span></h3>' + LEGEND_SYMBOLS
        + f'<h3>Trucks ({len(plan.routes)}) <span class="muted small">click to highlight</span></h3>'
        + f'<div class="truck-list">{"".join(trucks)}</div></aside></section>'
    )


def _page(scenario: Scenario, plan: Plan, body: str) -> str:
    day = f" · {scenario.planning.day.isoformat()}" if scenario.planning.day else ""
    variant = f" · variant {' + '.join(plan.variant)}" if plan.variant else ""
    solver = plan.solver
    shown = {"engine": "{}", "seed": "seed {}", "iterations": "{} iterations", "time_limit_s": "time limit {} s",
             "elapsed_s": "solved in {} s"}
    made = ", ".join(form.format(solver[k]) for k, form in shown.items() if solver.get(k) is not None)
    title = f"Collection plan · {scenario.name}"
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<style>{CSS}</style>
</head>
<body>
<header><h1>{esc(title)}<span class="zh"> 收运方案</span></h1><span class="meta">{esc(scenario.description)}{esc(day)}{esc(variant)}</span></header>
<main>
{body}
</main>
<footer>Made by wasteopt {esc(_version())}{esc(' · ' + made if made else '')}. This file is self-contained and works offline.</footer>
<script>{JS}</script>
</body>
</html>
"""


def _version() -> str:
    try:
        return version("wasteopt")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "dev"
