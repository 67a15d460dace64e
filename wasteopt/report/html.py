"""The offline report: one self-contained ``report.html`` from a scenario and its plan.

Everything is in the file (styles, script, the map as SVG, the data as markup): it opens on an
office PC with no network, makes no request of any kind, and prints on A4 (every table row, the
charts, a page per section: see the print rules in :mod:`wasteopt.report.assets`). Each part of the
page is built by its own module (cards, map, charts, tables, panels); this one lays them out, in
English or Chinese (``lang``, texts from :mod:`wasteopt.i18n`).
"""

from __future__ import annotations

import functools
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from wasteopt.i18n import text
from wasteopt.plan.models import Plan
from wasteopt.report.assets import CSS, JS
from wasteopt.report.cards import kpi_cards
from wasteopt.report.charts import station_bars, timeline
from wasteopt.report.colors import route_colours
from wasteopt.report.fmt import esc, num
from wasteopt.report.mapsvg import map_svg
from wasteopt.report.panels import comparison as comparison_table
from wasteopt.report.panels import diagnostics
from wasteopt.report.sites import is_site_result, site_panel
from wasteopt.report.summary import summarise
from wasteopt.report.tables import haul_table, route_table, unserved_table
from wasteopt.scenario.models import Scenario

LEGEND_SYMBOLS = [
    ('<circle cx="17" cy="8" r="3" fill="#1f77b4" stroke="#fff"/>', "room"),
    ('<circle cx="17" cy="8" r="4" fill="#fff" stroke="#c0262d" stroke-width="2"/>', "unserved"),
    ('<circle cx="17" cy="8" r="7" fill="#2e9d62" stroke="#0f3d2b"/>', "station"),
    ('<circle cx="17" cy="8" r="6" fill="#fff" stroke="#8a949e" stroke-dasharray="3 2"/>', "candidate"),
    ('<rect x="11" y="2" width="12" height="12" fill="#1d2733"/>', "garage"),
    ('<path d="M17 0L25 8L17 16L9 8Z" fill="#6b4a2b"/>', "plant"),
    ('<path d="M2 8H32" stroke="#1f77b4" stroke-width="2.2"/>', "collecting"),
    ('<path d="M2 8H32" stroke="#1f77b4" stroke-width="2" stroke-dasharray="7 5"/>', "unload"),
    ('<path d="M2 8H32" stroke="#6b4a2b" stroke-width="3" stroke-dasharray="2 5" stroke-linecap="round"/>', "haul"),
]
"""The map legend: each symbol's SVG and its label (``legend.<key>`` in the catalogue)."""

SCRIPT_WORDS = {"station": "report.js_station", "truck": "report.js_truck", "noTrucks": "report.js_no_trucks",
                "hint": "report.js_hint"}
"""Words the page's script shows (the selection line), handed to it as ``data-t-*`` attributes of ``<body>``."""


def render_report(scenario: Scenario, plan: Plan, comparison: Any = None, lang: str = "en") -> str:
    """The whole report page as one HTML string (``comparison``: the parsed ``comparison.json``, or a
    ``site.json``: then the candidate sites' map and ranking), in English or Chinese (``lang``)."""
    colours = dict(zip([r.vehicle for r in plan.routes], route_colours(len(plan.routes))))
    summary = summarise(plan, scenario)
    tr = functools.partial(text, lang=lang)
    sections = [
        kpi_cards(scenario, plan, summary, lang),
        _map_section(scenario, plan, colours, lang),
        '<div class="grid2">'
        + _section(tr("report.stations"), station_bars(scenario, plan, lang), "stations")
        + _section(tr("report.timeline"), timeline(scenario, plan, colours, lang), "timeline")
        + "</div>",
        _section(tr("report.routes"), f'<div class="table-scroll">{route_table(plan, colours, scenario, lang)}</div>', "routes"),
    ]
    if plan.haul:
        sections.append(_section(tr("report.haul"), f'<div class="table-scroll">{haul_table(scenario, plan, lang)}</div>', "haul"))
    if plan.diagnostics:
        sections.append(_section(tr("report.diagnostics"), diagnostics(plan, lang), "diagnostics"))
    if plan.unserved:
        sections.append(_section(tr("report.unserved", n=len(plan.unserved)),
                                 f'<div class="table-scroll">{unserved_table(scenario, plan, lang)}</div>', "unserved"))
    if is_site_result(comparison):
        sections.append(_section(tr("report.sites"), site_panel(scenario, comparison, lang), "sites"))
    elif comparison is not None:
        sections.append(_section(tr("report.comparison"), comparison_table(comparison, lang), "comparison"))
    return _page(scenario, plan, "\n".join(sections), lang)


def _section(title: str, body: str, key: str) -> str:
    return f'<section class="panel" id="{key}"><h2>{esc(title)}</h2>{body}</section>'


def _map_section(scenario: Scenario, plan: Plan, colours: dict[str, str], lang: str) -> str:
    trucks = []
    for route in plan.routes:
        rooms = sum(1 for s in route.stops if s.kind == "room")
        about = text("report.truck_item", lang, rooms=rooms, km=num(route.distance_km, 0))
        trucks.append(f'<div class="truck-item" data-select="{esc(route.vehicle)}"><i class="swatch" '
                      f'style="background:{colours[route.vehicle]}"></i>{esc(route.vehicle)}'
                      f'<small>{esc(about)}</small></div>')
    tools = "".join(f'<button id="zoom-{key}" title="{esc(text(f"report.zoom_{key}", lang))}">{face}</button>'
                    for key, face in (("in", "+"), ("out", "−"), ("fit", "⤢")))
    symbols = "".join(f'<svg viewBox="0 0 34 16">{svg}</svg><span>{esc(text(f"legend.{key}", lang))}</span>'
                      for svg, key in LEGEND_SYMBOLS)
    return (
        '<section class="map-wrap" id="map"><div class="map-box">' + map_svg(scenario, plan, colours, lang)
        + f'<div class="map-tools">{tools}</div>'
        + '<div class="map-hint" id="selection"></div><div class="scale" id="scale-bar"><span></span><i></i></div></div>'
        + f'<aside class="legend"><h3>{esc(text("report.legend", lang))}</h3><div class="symbols">{symbols}</div>'
        + f'<h3>{esc(text("report.trucks", lang, n=len(plan.routes)))} <span class="muted small">'
        + f'{esc(text("report.click", lang))}</span></h3>'
        + f'<div class="truck-list">{"".join(trucks)}</div></aside></section>'
    )


def _page(scenario: Scenario, plan: Plan, body: str, lang: str) -> str:
    day = f" · {scenario.planning.day.isoformat()}" if scenario.planning.day else ""
    variant = text("report.variant", lang, variant=" + ".join(plan.variant)) if plan.variant else ""
    solver = plan.solver
    shown = {"engine": None, "seed": "report.seed", "iterations": "report.iterations", "time_limit_s": "report.time_limit",
             "elapsed_s": "report.elapsed"}
    made = ", ".join(str(solver[k]) if key is None else text(key, lang, value=solver[k])
                     for k, key in shown.items() if solver.get(k) is not None)
    title = text("report.title", lang, name=scenario.name)
    words = "".join(f' data-t-{_dashed(name)}="{esc(text(key, lang))}"' for name, key in SCRIPT_WORDS.items())
    footer = text("report.footer", lang, version=_version(), made=" · " + made if made else "")
    return f"""<!DOCTYPE html>
<html lang="{"zh-CN" if lang == "zh" else "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<style>{CSS}</style>
</head>
<body{words}>
<header><h1>{esc(title)}</h1><span class="meta">{esc(scenario.description)}{esc(day)}{esc(variant)}</span></header>
<main>
{body}
</main>
<footer>{esc(footer)}</footer>
<script>{JS}</script>
</body>
</html>
"""


def _dashed(name: str) -> str:
    """``noTrucks`` → ``no-trucks`` (the attribute whose ``dataset`` name is ``tNoTrucks``)."""
    return "".join(f"-{c.lower()}" if c.isupper() else c for c in name)


def _version() -> str:
    try:
        return version("wasteopt")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "dev"
