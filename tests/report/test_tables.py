"""The report's route table: breaks per route and the use of each daily limit a vehicle type sets."""

from __future__ import annotations

import re

from tests.report.conftest import break_plan, tiny_scenario
from wasteopt.report.tables import route_table


def _cells(table: str) -> dict[str, list[str]]:
    """Each row's cells (markup inside ``<td>``) by truck."""
    rows = re.findall(r'<tr data-select="([^"]+)">(.*?)</tr>', table)
    return {vehicle: re.findall(r"<td[^>]*>(.*?)</td>", cells) for vehicle, cells in rows}


def test_breaks_and_daily_limits_columns() -> None:
    scenario, plan = break_plan()
    table = route_table(plan, {r.vehicle: "#123456" for r in plan.routes}, scenario)
    headers = re.findall(r'<th data-type="\w+" class="\w+">([^<]+)</th>', table)
    assert headers[-2:] == ["Breaks", "Daily limits"]
    cells = _cells(table)
    first, second = cells["c1t-01"], cells["c1t-02"]
    assert first[3] == second[3] == "2"  # rooms: a break is not one
    assert re.sub(r"<[^>]+>", "", first[-2]) == "2 · 75 min"
    assert 'title="06:20–06:35 (15 min) en route R01 → R02; 07:10–08:10 (60 min) at S1"' in first[-2]
    # trips 1 of 4, 520 of 600 kg, 2 h 20 min of 9 h (no limit on rooms or km: not shown)
    assert first[-1] == "trips 1/4 · kg 520/600 · h 2.3/9"
    assert second[-1] == 'trips 1/4 · <b class="limit-over" title="over the daily limit">kg 700/600</b> · h 2.8/9'
    sort_keys = re.findall(r'data-sort="([^"]*)">(?:trips|<b)', table)
    assert [float(k) for k in sort_keys] == [round(520 / 600, 4), round(700 / 600, 4)]


def test_no_extra_columns_without_breaks_or_limits() -> None:
    _, plan = break_plan()
    plain = plan.model_copy(update={"routes": [r.model_copy(update={"stops": [s for s in r.stops if s.kind != "break"]})
                                               for r in plan.routes]})
    table = route_table(plain, {r.vehicle: "#123456" for r in plan.routes}, tiny_scenario())
    assert "Breaks" not in table and "Daily limits" not in table
    assert "Breaks" not in route_table(plain, {r.vehicle: "#123456" for r in plan.routes})
    # a route of a type owing breaks that takes none says so
    scenario, _ = break_plan()
    assert _cells(route_table(plain, {r.vehicle: "#123456" for r in plan.routes}, scenario))["c1t-01"][-2] == "—"
