"""The report in a real browser (headless Chromium): no console errors, no network requests, one
map path per route, clicking a truck or a station highlights it, pan/zoom and sorting work; and
printed on A4 it shows every route row and the charts, a section a page.

Two plans: the tiny scenario's, and the shipped Zhangdian district's (solved once per session by the
``zhangdian`` fixture in tests/conftest.py); the print test takes a hand-built 17-truck plan (no solve).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.report.browser import POINT_ON, Session, open_page
from tests.report.conftest import many_trucks_plan, solved
from wasteopt.plan.models import Plan
from wasteopt.report.html import render_report



def highlighted(session: Session) -> list[str]:
    return session.page.eval_on_selector_all("#map-svg path.route.highlight", "els => els.map(e => e.dataset.vehicle)")


def view_box(session: Session) -> list[float]:
    return session.page.eval_on_selector("#map-svg", "s => [s.viewBox.baseVal.x, s.viewBox.baseVal.y, s.viewBox.baseVal.width]")


def check_report(session: Session, plan: Plan) -> None:
    """Everything the browser test asserts about a rendered report of ``plan``."""
    page = session.page
    vehicles = [r.vehicle for r in plan.routes]
    assert page.eval_on_selector_all("#map-svg path[data-vehicle]", "els => els.map(e => e.dataset.vehicle)") == vehicles
    assert highlighted(session) == []

    first = vehicles[0]
    point = page.evaluate(POINT_ON, f'path.route[data-vehicle="{first}"]')
    assert point is not None, "no visible point on the first route to click"
    page.mouse.click(*point)
    assert highlighted(session) == [first]
    assert page.eval_on_selector("body", "b => b.classList.contains('has-highlight')")
    assert page.eval_on_selector(f'#route-table tr[data-select="{first}"]', "r => r.classList.contains('highlight')")
    if len(vehicles) > 1:
        other = f'path.route[data-vehicle="{vehicles[1]}"]'
        assert float(page.eval_on_selector(other, "p => getComputedStyle(p).opacity")) < 0.3
        page.click(f'.truck-item[data-select="{vehicles[1]}"]')
        assert highlighted(session) == [vehicles[1]]
        page.click(f'#route-table tr[data-select="{first}"] td:nth-child(4)')
        assert highlighted(session) == [first]

    station = next(s.id for s in plan.routes[0].stops if s.kind == "station")
    users = [r.vehicle for r in plan.routes if any(s.id == station for s in r.stops)]
    page.click(f'#map-svg g.station[data-station="{station}"] circle')
    assert sorted(highlighted(session)) == sorted(users)
    assert page.eval_on_selector(f'#map-svg g.station[data-station="{station}"]', "g => g.classList.contains('highlight')")
    page.keyboard.press("Escape")
    assert highlighted(session) == []
    page.click(f'.bar-row[data-station="{station}"]')
    assert sorted(highlighted(session)) == sorted(users)
    page.keyboard.press("Escape")

    before = view_box(session)
    page.locator("#map-svg").scroll_into_view_if_needed()  # clicking a station's bar may have scrolled the map away
    box = page.locator("#map-svg").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -300)
    page.wait_for_function(f"document.getElementById('map-svg').viewBox.baseVal.width < {before[2]}")
    zoomed = view_box(session)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 120, box["y"] + box["height"] / 2 + 40, steps=5)
    page.mouse.up()
    panned = view_box(session)
    assert panned[0] < zoomed[0] and panned[2] == zoomed[2]
    assert highlighted(session) == [], "a drag is not a click"
    page.click("#zoom-fit")
    assert view_box(session) == before

    page.click('#route-table th:has-text("km")')
    km = page.eval_on_selector_all("#route-table tbody tr", "rows => rows.map(r => parseFloat(r.cells[6].dataset.sort))")
    assert km == sorted(r.distance_km for r in plan.routes)

    assert session.errors == []
    assert session.requests == [session.url]


def render(tmp_path: Path, scenario, plan: Plan) -> Path:
    html = tmp_path / "report.html"
    html.write_text(render_report(scenario, plan), encoding="utf-8")
    return html


def test_report_in_headless_chromium(tmp_path: Path) -> None:
    scenario, plan = solved()
    assert len(plan.routes) == 2 and plan.haul
    with open_page(render(tmp_path, scenario, plan), tmp_path / "profile") as session:
        check_report(session, plan)
        session.page.click(f'.truck-item[data-select="{plan.routes[0].vehicle}"]')
        session.page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    assert (tmp_path / "report.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_zhangdian_report_in_headless_chromium(zhangdian, tmp_path: Path) -> None:
    scenario, plan = zhangdian
    html = tmp_path / "report.html"
    html.write_text(render_report(scenario, plan), encoding="utf-8")
    with open_page(html, tmp_path / "profile") as session:
        check_report(session, plan)
        session.page.keyboard.press("Escape")
        session.page.click(f'.truck-item[data-select="{plan.routes[0].vehicle}"]')
        session.page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    assert (tmp_path / "report.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


CLIPPED = """(selector) => Array.from(document.querySelectorAll(selector)).filter((row) => {
  const box = row.getBoundingClientRect();
  if (box.height === 0 || getComputedStyle(row).visibility === 'hidden') { return true; }
  for (let up = row.parentElement; up; up = up.parentElement) {
    const style = getComputedStyle(up);
    if (style.display === 'none') { return true; }
    if (style.overflowX !== 'visible' || style.overflowY !== 'visible') {
      const frame = up.getBoundingClientRect();
      if (box.top < frame.top - 0.5 || box.bottom > frame.bottom + 0.5) { return true; }
    }
  }
  return false;
}).map((row) => row.dataset.select)"""
"""The rows (by truck) a reader cannot see: no height, hidden, or outside a box that clips them."""

CHARTS = """(selector) => Array.from(document.querySelectorAll(selector)).map((svg) => {
  const box = svg.getBoundingClientRect();
  const bars = Array.from(svg.querySelectorAll('rect.seg, rect.bar-fill'));
  return {width: box.width, height: box.height,
          fills: bars.map((r) => getComputedStyle(r).fill),
          drawn: bars.reduce((sum, r) => sum + r.getBoundingClientRect().width, 0)};
})"""
"""Each chart SVG's size, the fills of its bars and how wide they are drawn together."""


def test_report_prints_every_route_row_and_the_charts_on_a4(tmp_path: Path) -> None:
    scenario, plan = many_trucks_plan(17)
    vehicles = [r.vehicle for r in plan.routes]
    html = tmp_path / "report.html"
    html.write_text(render_report(scenario, plan, lang="zh"), encoding="utf-8")
    with open_page(html, tmp_path / "profile") as session:
        page = session.page
        assert page.evaluate(CLIPPED, "#route-table tbody tr"), "on screen the route table is a scroll box"
        page.emulate_media(media="print")
        page.set_viewport_size({"width": 718, "height": 1000})  # A4 less 12 mm margins, at 96 dpi
        assert page.eval_on_selector_all("#route-table tbody tr", "rows => rows.map(r => r.dataset.select)") == vehicles
        assert page.evaluate(CLIPPED, "#route-table tbody tr") == []
        assert page.evaluate(CLIPPED, ".tl-row[data-select]") == []
        timelines = page.evaluate(CHARTS, "#timeline svg.tl-svg")
        bars = page.evaluate(CHARTS, "#stations svg.bar-svg")
        assert len(timelines) == 17 and len(bars) == 2
        for chart in timelines + bars:
            assert chart["width"] > 100 and chart["height"] > 5
            assert chart["fills"] and all(f not in ("none", "rgba(0, 0, 0, 0)") for f in chart["fills"])
            assert chart["drawn"] > 1
        styles = page.evaluate("""() => ['#stations', '#timeline', '#routes'].map(
            (id) => getComputedStyle(document.querySelector(id)).breakBefore)
            .concat([((s) => s.printColorAdjust || s.webkitPrintColorAdjust)(getComputedStyle(document.querySelector('.swatch')))])""")
        assert styles == ["page", "page", "page", "exact"]
        pdf = page.pdf(format="A4")
        assert session.errors == [] and session.requests == [session.url]
    assert pdf.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf)) >= 4  # the map page, then a page per section


@pytest.mark.parametrize(("env", "outcome"), [({}, pytest.skip.Exception), ({"CI": "true"}, pytest.fail.Exception),
                                              ({"WASTEOPT_REQUIRE_BROWSER": "1"}, pytest.fail.Exception)])
def test_missing_browser_skips_only_outside_ci(monkeypatch: pytest.MonkeyPatch, env: dict, outcome: type) -> None:
    from tests.report import browser

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("WASTEOPT_REQUIRE_BROWSER", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(browser.shutil, "which", lambda name: None)
    monkeypatch.setattr(browser, "DEBIAN_CHROMIUM", "/nonexistent/chromium")
    with pytest.raises(outcome, match="chromium is not installed"):
        browser.chromium_or_skip()
