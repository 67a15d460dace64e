"""The HTML report: self-contained, one map path per route, every section fed from the plan."""

from __future__ import annotations

import re

from tests.report.conftest import break_plan, solved
from wasteopt.plan.models import Diagnostic, LowerBound
from wasteopt.report.html import render_report

NETWORK_PATTERNS = [r"https?://", r"\bsrc\s*=", r"<link\b", r"@import", r"url\(", r"\bfetch\(", r"XMLHttpRequest",
                    r"\bimport\(", r"WebSocket", r"EventSource", r"sendBeacon", r"<iframe", r"<img", r"//[a-z0-9.-]+\.[a-z]{2,}/"]


def _report(**changes: object) -> str:
    scenario, plan = solved()
    return render_report(scenario, plan.model_copy(update=changes) if changes else plan)


def test_report_makes_no_network_request() -> None:
    page = _report()
    for pattern in NETWORK_PATTERNS:
        assert not re.search(pattern, page, re.IGNORECASE), pattern
    assert page.count("<style>") == 1 and page.count("<script>") == 1


def test_utf8_and_a_cjk_font_stack() -> None:
    scenario, _ = solved()
    page = _report()
    assert '<meta charset="utf-8">' in page
    assert '"Noto Sans CJK SC","Microsoft YaHei","PingFang SC","WenQuanYi Micro Hei",sans-serif' in page
    for place in [*scenario.rooms, *scenario.stations, *scenario.garages, *scenario.plants]:
        assert place.name in page


def test_one_map_path_per_route_in_its_own_colour() -> None:
    _, plan = solved()
    page = _report()
    paths = re.findall(r'<path class="route" data-vehicle="([^"]+)" stroke="(#[0-9a-f]{6})"', page)
    assert [v for v, _ in paths] == [r.vehicle for r in plan.routes]
    assert len({c for _, c in paths}) == len(paths)
    unload_legs = re.findall(r'<path class="unload" data-of="([^"]+)"[^>]*d="([^"]+)"', page)
    for route in plan.routes:
        d = next(d for v, d in unload_legs if v == route.vehicle)
        assert d.count("M") == sum(1 for s in route.stops if s.kind == "station")


def test_rooms_stations_garages_plants_on_the_map() -> None:
    scenario, plan = solved()
    page = _report()
    assert len(re.findall(r'<circle class="room"', page)) == len(scenario.rooms)
    station_users = dict(re.findall(r'data-station="(S\d)" data-vehicles="([^"]*)"', page))
    for sid, users in station_users.items():
        expected = [r.vehicle for r in plan.routes if any(s.id == sid for s in r.stops)]
        assert users.split() == expected
    assert 'class="mk station candidate"' in page
    assert page.count('class="mk garage"') == 1 and page.count('class="mk plant"') == 1


def test_kpi_cards_show_the_plan_figures() -> None:
    _, plan = solved()
    page = _report()
    cards = dict(re.findall(r'data-kpi="([a-z-]+)"[^>]*>.*?<div class="card-value">([^<]*)</div>', page))
    assert cards["trucks"] == str(len(plan.routes))
    assert cards["km"] == f"{plan.kpis['distance_km']:,.1f}"
    assert cards["cost"] == f"{plan.kpis['cost']:,.0f}"
    assert re.fullmatch(r"≤ \d+\.\d\d ×", cards["bound"])
    page = _report(lower_bound=LowerBound())
    assert dict(re.findall(r'data-kpi="([a-z-]+)"[^>]*>.*?<div class="card-value">([^<]*)</div>', page))["bound"] == "—"


def test_route_table_and_timeline_have_a_row_per_truck() -> None:
    _, plan = solved()
    page = _report()
    table = page[page.index('id="route-table"'):]
    table = table[:table.index("</table>")]
    assert re.findall(r'<tr data-select="([^"]+)"', table) == [r.vehicle for r in plan.routes]
    assert len(re.findall(r'class="tl-row" data-select=', page)) == len(plan.routes)


def test_haul_shown_when_present() -> None:
    _, plan = solved()
    assert plan.haul
    page = _report()
    assert 'id="haul-table"' in page
    assert page.count('<path class="haul"') == len({(t.station, t.plant) for t in plan.haul})
    assert 'id="haul-table"' not in _report(haul=[])


def test_diagnostics_and_unserved_only_when_present() -> None:
    assert 'id="diagnostics"' not in _report()
    page = _report(diagnostics=[Diagnostic(level="warning", code="haul-short", message="车不够", fix="add a truck")])
    assert 'id="diagnostics"' in page and "车不够" in page and "Fix: add a truck" in page
    scenario, plan = solved(shift_end=6 * 3600 + 2400)
    assert plan.unserved
    page = render_report(scenario, plan)
    assert 'id="unserved-table"' in page
    assert page.count('class="room unserved"') == len(plan.unserved)


def test_comparison_side_by_side() -> None:
    scenario, plan = solved()
    comparison = {
        "base": {"name": "base", "variant": [], "kpis": {"trucks": 2, "distance_km": 40.5, "cost": 900.0, "unserved": 0}},
        "variants": [{"name": "open-S9", "variant": ["open-S9"], "kpis": {"trucks": 2, "distance_km": 35.0, "cost": 850.0,
                      "unserved": 0}, "delta": {"trucks": 0, "distance_km": -5.5, "cost": -50.0, "unserved": 0},
                      "opened": ["S9"], "build_cost": 1200000.0, "payback_years": 65.75}],
    }
    page = render_report(scenario, plan, comparison)
    table = page[page.index('id="comparison-table"'):]
    assert "<th>base</th>" in table and "open-S9" in table and "opens S9" in table
    assert '<div class="delta better">-50</div>' in table
    assert "1,200,000" in table and "65.8" in table


def test_projected_scenario_is_drawn_north_up() -> None:
    scenario, plan = solved(projected=True)
    page = render_report(scenario, plan)
    assert len(re.findall(r'<path class="route" data-vehicle=', page)) == len(plan.routes) > 0
    dots = {rid: (float(x), float(y)) for rid, x, y in re.findall(r'data-room="(R\d+)" cx="([\d.]+)" cy="([\d.]+)"', page)}
    rooms = {r.id: r for r in scenario.rooms}
    north = max(rooms, key=lambda rid: rooms[rid].y)
    east = max(rooms, key=lambda rid: rooms[rid].x)
    assert dots[north][1] == min(y for _, y in dots.values())
    assert dots[east][0] == max(x for x, _ in dots.values())


def test_breaks_in_the_timeline_map_and_route_table() -> None:
    scenario, plan = break_plan()
    page = render_report(scenario, plan)
    bars = re.findall(r'<rect class="seg break" [^>]+><title>([^<]+)</title></rect>', page)
    assert bars == ["break 06:20–06:35 (15 min), en route R01 → R02", "break 07:10–08:10 (60 min), at S1",
                    "break 06:15–06:30 (15 min), at R03", "break 07:00–08:00 (60 min), at R05"]
    assert re.search(r'<span><svg class="key seg break"[^>]*><rect [^>]*fill="#7e57c2"/></svg>driver break</span>', page)
    assert ".seg.break{fill:var(--break)}" in page
    # the map joins the places either side of a break, and its tooltip counts the breaks
    routes = {v: (d, title) for v, d, title in re.findall(
        r'<path class="route" data-vehicle="([^"]+)" stroke="#[0-9a-f]{6}" d="([^"]+)"><title>([^<]*)', page)}
    d, title = routes["c1t-01"]
    assert (d.count("M"), d.count("L")) == (2, 3)  # G1 → R01 → R02, then S1 → G1: no leg to or from a break
    assert title.endswith("· 2 breaks, 75 min")
    unload_legs = re.findall(r'<path class="unload" data-of="([^"]+)"[^>]*d="([^"]+)"', page)
    assert [d.count("M") for _, d in unload_legs] == [1, 1]
    assert re.findall(r'class="room" data-of="([^"]+)" data-room="(R\d+)"', page) == [
        ("c1t-01", "R01"), ("c1t-01", "R02"), ("c1t-02", "R03"), ("c1t-02", "R05")]
    table = page[page.index('id="route-table"'):]
    assert "Breaks" in table[:table.index("</thead>")] and "2 · 75 min" in table
