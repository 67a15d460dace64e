"""All stops of a plan as one CSV (for spreadsheets): one row per stop, in each route's order.

Values are the plan's own, unchanged (times as in ``plan.json``, kg as numbers without rounding), so
a spreadsheet sum equals the plan's figures. UTF-8 with a byte-order mark, for Chinese names in Excel.

A driver break is a row of kind ``break`` (``break-1``, …) in its place in the route's order:
``arrive``/``depart`` are its start and end, ``load_kg`` the load on board, ``at`` the place the truck
stands at (empty: en route between the rows before and after). Only break rows fill ``at``.
"""

from __future__ import annotations

import csv
import io

from wasteopt.plan.models import Plan
from wasteopt.report.breaks import is_break
from wasteopt.report.fmt import plain_number
from wasteopt.scenario.models import Scenario

COLUMNS = ["vehicle", "seq", "kind", "id", "name", "village", "arrive", "depart", "load_kg", "collected_kg", "unloaded_kg", "at"]
BOM = "\ufeff"


def stops_csv(scenario: Scenario, plan: Plan) -> str:
    """The CSV text (with a byte-order mark)."""
    names = {p.id: p.name for group in (scenario.rooms, scenario.stations, scenario.garages, scenario.plants) for p in group}
    villages = {r.id: r.village for r in scenario.rooms}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for route in plan.routes:
        for seq, stop in enumerate(route.stops):
            place = "" if is_break(stop) else stop.id
            writer.writerow([route.vehicle, seq, stop.kind, stop.id, names.get(place, ""), villages.get(place, ""),
                             stop.arrive or "", stop.depart or "", plain_number(stop.load_kg),
                             plain_number(stop.collected_kg), plain_number(stop.unloaded_kg),
                             (stop.at or "") if is_break(stop) else ""])
    return BOM + buffer.getvalue()
