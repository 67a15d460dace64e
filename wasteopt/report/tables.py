"""Tables of the report: routes (sortable: click a column header), haul trips, unserved rooms."""

from __future__ import annotations

from collections.abc import Sequence

from wasteopt.plan.models import Plan
from wasteopt.report.fmt import esc, hhmm, num
from wasteopt.report.timeline import route_span
from wasteopt.scenario.models import Scenario, format_clock

Cell = tuple[str, object]
"""What a cell shows, and the value it sorts by."""


def sortable_table(table_id: str, headers: Sequence[tuple[str, str]], rows: Sequence[tuple[str, Sequence[Cell]]]) -> str:
    """A table whose headers sort it; ``headers`` are (label, "num"|"text"), rows (attributes, cells)."""
    head = "".join(f'<th data-type="{kind}" class="{kind}">{esc(label)}</th>' for label, kind in headers)
    kinds = [kind for _, kind in headers]
    body = "".join(
        f"<tr{attrs}>" + "".join(f'<td class="{kind}" data-sort="{esc(key)}">{shown}</td>'
                                 for kind, (shown, key) in zip(kinds, cells)) + "</tr>"
        for attrs, cells in rows
    )
    return f'<table id="{table_id}" class="sortable"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def route_table(plan: Plan, colours: dict[str, str]) -> str:
    """One row per truck: rooms, unloads, tonnes, km, hours, start, return, cost."""
    headers = [("Truck", "text"), ("Type", "text"), ("Garage", "text"), ("Rooms", "num"), ("Unloads", "num"),
               ("Collected t", "num"), ("km", "num"), ("Hours", "num"), ("Leaves", "text"), ("Back", "text"), ("Cost", "num")]
    rows = []
    for route in plan.routes:
        rooms = sum(1 for s in route.stops if s.kind == "room")
        unloads = sum(1 for s in route.stops if s.kind == "station")
        tonnes = sum(s.unloaded_kg or 0.0 for s in route.stops if s.kind == "station") / 1000
        span = route_span(route)
        leave, back = (format_clock(span[0]), format_clock(span[1])) if span else ("", "")
        swatch = f'<i class="swatch" style="background:{colours[route.vehicle]}"></i>'
        rows.append((f' data-select="{esc(route.vehicle)}"', [
            (swatch + esc(route.vehicle), route.vehicle), (esc(route.vehicle_type), route.vehicle_type),
            (esc(route.garage), route.garage), (str(rooms), rooms), (str(unloads), unloads),
            (num(tonnes, 2), tonnes), (num(route.distance_km, 1), route.distance_km),
            (num(route.duration_h, 2), route.duration_h), (hhmm(leave), leave), (hhmm(back), back),
            (num(route.cost), route.cost),
        ]))
    return sortable_table("route-table", headers, rows)


def haul_table(scenario: Scenario, plan: Plan) -> str:
    """The container trips station → plant, in time order."""
    names = {s.id: s.name for s in scenario.stations} | {p.id: p.name for p in scenario.plants}
    headers = [("Truck", "text"), ("Station", "text"), ("Plant", "text"), ("Departs", "text"), ("Arrives", "text"),
               ("Payload t", "num"), ("km", "num")]
    rows = []
    for trip in sorted(plan.haul, key=lambda t: (t.depart, t.truck)):
        rows.append((f' data-station="{esc(trip.station)}"', [
            (esc(trip.truck), trip.truck), (f"{esc(trip.station)} {esc(names.get(trip.station, ''))}", trip.station),
            (f"{esc(trip.plant)} {esc(names.get(trip.plant, ''))}", trip.plant), (hhmm(trip.depart), trip.depart),
            (hhmm(trip.arrive), trip.arrive), (num(trip.payload_kg / 1000, 2), trip.payload_kg),
            (num(trip.distance_km, 1), trip.distance_km if trip.distance_km is not None else ""),
        ]))
    return sortable_table("haul-table", headers, rows)


def unserved_table(scenario: Scenario, plan: Plan) -> str:
    """Rooms the plan leaves unemptied, with the reason and where they are."""
    rooms = {r.id: r for r in scenario.rooms}
    headers = [("Room", "text"), ("Name", "text"), ("Village", "text"), ("kg/day", "num"), ("Reason", "text")]
    rows = []
    for item in plan.unserved:
        room = rooms[item.id]
        rows.append(("", [(esc(item.id), item.id), (esc(room.name), room.name), (esc(room.village), room.village),
                          (num(room.waste_kg_per_day), room.waste_kg_per_day), (esc(item.reason), item.reason)]))
    return sortable_table("unserved-table", headers, rows)
