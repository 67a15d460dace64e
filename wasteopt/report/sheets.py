"""Driver sheets: per truck a CSV and a printable HTML page of its stops, in the plan's order.

Each row is one stop: planned arrival, the room's name and village, the kg expected there, and the
station where that load is unloaded; a driver break is a row of its own in its place in the order
(``BREAK 11:00–12:00 (60 min), at R0123``); the last row is the return to the garage. An ``index.html``
links every truck's sheet. CSVs carry a UTF-8 byte-order mark so that spreadsheet programs on
Chinese-locale office PCs read the names correctly.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from wasteopt.files import write_atomic
from wasteopt.plan.models import Plan, Route
from wasteopt.report.assets import FONT_STACK
from wasteopt.report.breaks import RouteBreak, break_text, route_breaks, span_text, where_text
from wasteopt.report.fmt import esc, hhmm, num, plain_number
from wasteopt.report.trips import Trip, route_trips
from wasteopt.report.timeline import route_span
from wasteopt.scenario.models import Scenario, format_clock

COLUMNS = ["seq", "trip", "kind", "id", "name", "town", "village", "arrive", "depart",
           "expected_kg", "unloaded_kg", "load_after_kg", "unload_at", "at"]
"""Columns of a driver's CSV; ``seq`` is the stop's position in the plan's route (0 = leaving the garage).
Break rows (kind ``break``): ``arrive``/``depart`` are its start and end, ``at`` the place the truck
stands at, or ``en route R0123 → R0124``."""

BOM = "\ufeff"


def sheet_filename(vehicle: str) -> str:
    """A file name stem for a truck id that is safe on every file system."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", vehicle) or "truck"


def sheet_rows(scenario: Scenario, route: Route) -> list[dict[str, str]]:
    """The truck's stops as CSV rows, in route order."""
    names = _places(scenario)
    trip_of: dict[int, int] = {}
    unload_at: dict[int, str] = {}
    for trip in route_trips(route):
        unload = trip.unload
        for seq in trip.seqs[1:]:
            if trip.kind == "trip":
                trip_of.setdefault(seq, trip.number)
            if unload is not None and route.stops[seq].kind == "room":
                unload_at[seq] = unload.id
    rooms = {r.id: r for r in scenario.rooms}
    breaks = {b.seq: b for b in route_breaks(route)}
    rows = []
    for seq, stop in enumerate(route.stops):
        place = names.get(stop.id, {}) if seq not in breaks else {}
        expected = None
        if stop.kind == "room":
            expected = stop.collected_kg if stop.collected_kg is not None else rooms[stop.id].waste_kg_per_day
        rows.append({
            "seq": str(seq), "trip": str(trip_of.get(seq, "")), "kind": stop.kind, "id": stop.id,
            "name": place.get("name", ""), "town": place.get("town", ""), "village": place.get("village", ""),
            "arrive": stop.arrive or "", "depart": stop.depart or "", "expected_kg": plain_number(expected),
            "unloaded_kg": plain_number(stop.unloaded_kg), "load_after_kg": plain_number(stop.load_kg),
            "unload_at": unload_at.get(seq, ""), "at": _break_at(breaks[seq]) if seq in breaks else "",
        })
    return rows


def sheet_csv(scenario: Scenario, route: Route) -> str:
    """The truck's CSV text (with a byte-order mark)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(sheet_rows(scenario, route))
    return BOM + buffer.getvalue()


def sheet_html(scenario: Scenario, plan: Plan, route: Route) -> str:
    """The truck's printable page: leave and return times, then each trip's stops (the CSV's rows)."""
    names = _places(scenario)
    span = route_span(route)
    leave, back = (hhmm(format_clock(span[0])), hhmm(format_clock(span[1]))) if span else ("—", "—")
    garage = names.get(route.garage, {}).get("name") or route.garage
    rows = sheet_rows(scenario, route)
    breaks = {b.seq: b for b in route_breaks(route)}
    place_names = {pid: place.get("name", "") for pid, place in names.items()}
    body = []
    for trip in route_trips(route):
        body.append(_trip_header(trip, names, garage))
        body.extend(_break_row(rows[seq], breaks[seq], place_names) if seq in breaks else _stop_row(rows[seq], garage)
                    for seq in trip.seqs[1:])
    rooms = sum(1 for s in route.stops if s.kind == "room")
    kg = sum(s.unloaded_kg or 0.0 for s in route.stops if s.kind == "station")
    day = scenario.planning.day.isoformat() if scenario.planning.day else ""
    facts = (f"<span>Type <b>{esc(route.vehicle_type)}</b></span><span>Garage <b>{esc(garage)}</b></span>"
             f"<span>Leave <b>{leave}</b></span><span>Return <b>{back}</b></span><span>{rooms} rooms</span>"
             f"<span>{num(kg)} kg</span><span>{num(route.distance_km, 1)} km</span>")
    if breaks:
        spans = ", ".join(span_text(b) or "time not set" for b in breaks.values())
        facts += f'<span>{"Breaks" if len(breaks) > 1 else "Break"} <b>{esc(spans)}</b></span>'
    head = "".join(f"<th{cls}>{label}</th>" for label, cls in (
        ("✓", ""), ("#", ""), ("Arrive", ""), ("Room / station", ""), ("Village", ""),
        ("Expected kg", ' class="num"'), ("Load after", ' class="num"')))
    return _page(f"{route.vehicle} · {scenario.name} {day}", f"""
<h1>{esc(route.vehicle)} <span class="zh">司机路线单</span></h1>
<p class="day">{esc(scenario.name)} {esc(day)}</p>
<div class="facts">{facts}</div>
<table><thead><tr>{head}</tr></thead>
<tbody>{"".join(body)}</tbody></table>
<p class="foot">Return to {esc(garage)} by <b>{back}</b>. Stops in the planned order; unload when the sheet says so.</p>""")


def _trip_header(trip: Trip, names: dict[str, dict[str, str]], garage: str) -> str:
    """``Trip 2 → unload at S03 name · 2,480 kg`` (or ``Return → garage``)."""
    unload = trip.unload
    where = f"unload at {unload.id} {names.get(unload.id, {}).get('name', '')}" if unload else garage
    if trip.kind == "return":
        return f'<tr class="trip"><th colspan="7">Return → {esc(where)}</th></tr>'
    return f'<tr class="trip"><th colspan="7">Trip {trip.number} → {esc(where)} · {num(trip.kg)} kg</th></tr>'


def _stop_row(row: dict[str, str], garage: str) -> str:
    """One stop of the sheet, from its CSV row: a room, an unload, or home."""
    start = f'<td class="tick">☐</td><td>{row["seq"]}</td><td>{hhmm(row["arrive"])}</td>'
    place = f'<b>{esc(row["name"] or row["id"])}</b> <span class="id">{esc(row["id"])}</span>'
    if row["kind"] == "room":
        return (f'<tr class="stop" data-seq="{row["seq"]}">{start}<td>{place}</td><td>{esc(row["village"])}</td>'
                f'<td class="num">{_kg(row["expected_kg"])}</td><td class="num">{_kg(row["load_after_kg"])}</td></tr>')
    if row["kind"] == "station":
        return (f'<tr class="unload" data-seq="{row["seq"]}">{start}<td colspan="2">UNLOAD at {place} · leave '
                f'{hhmm(row["depart"])}</td><td class="num">−{_kg(row["unloaded_kg"])}</td>'
                f'<td class="num">{_kg(row["load_after_kg"])}</td></tr>')
    return f'<tr class="home" data-seq="{row["seq"]}">{start}<td colspan="4">Back at the garage <b>{esc(garage)}</b></td></tr>'


def _break_row(row: dict[str, str], item: RouteBreak, names: dict[str, str]) -> str:
    """A driver break: ``BREAK 11:00–12:00 (60 min), at <name> R0123`` (or ``en route R0123 → R0124``)."""
    start = f'<td class="tick">☐</td><td>{row["seq"]}</td><td>{hhmm(row["arrive"])}</td>'
    if item.at is not None:
        span = span_text(item)
        head = f"BREAK {span}," if span else "BREAK,"
        text = f'{esc(head)} at <b>{esc(names.get(item.at) or item.at)}</b> <span class="id">{esc(item.at)}</span>'
    else:
        text = esc(break_text(item))
    return (f'<tr class="break" data-seq="{row["seq"]}">{start}<td colspan="3">{text}</td>'
            f'<td class="num">{_kg(row["load_after_kg"])}</td></tr>')


def _break_at(item: RouteBreak) -> str:
    """The break's place for the CSV: the place's id, or ``en route R0123 → R0124``."""
    return item.at if item.at is not None else where_text(item)


def _kg(text: str) -> str:
    return num(float(text)) if text else "—"


def index_html(scenario: Scenario, plan: Plan) -> str:
    """A page linking every truck's sheet (HTML and CSV)."""
    items = []
    for route in plan.routes:
        stem = sheet_filename(route.vehicle)
        span = route_span(route)
        when = f"{hhmm(format_clock(span[0]))}–{hhmm(format_clock(span[1]))}" if span else ""
        rooms = sum(1 for s in route.stops if s.kind == "room")
        items.append(f'<tr><td><a href="{esc(stem)}.html">{esc(route.vehicle)}</a></td><td>{rooms}</td><td>{when}</td>'
                     f'<td><a href="{esc(stem)}.csv">CSV</a></td></tr>')
    return _page(f"Driver sheets · {scenario.name}", f"""
<h1>Driver sheets <span class="zh">司机路线单</span></h1><p class="day">{esc(scenario.name)}</p>
<table><thead><tr><th>Truck</th><th>Rooms</th><th>Shift</th><th>Spreadsheet</th></tr></thead><tbody>{"".join(items)}</tbody></table>""")


def write_sheets(scenario: Scenario, plan: Plan, out_dir: str | Path) -> list[Path]:
    """Write ``<vehicle>.csv`` and ``<vehicle>.html`` for every truck and ``index.html``; returns the paths."""
    out = Path(out_dir)
    written = []
    for route in plan.routes:
        stem = sheet_filename(route.vehicle)
        for path, text in ((out / f"{stem}.csv", sheet_csv(scenario, route)), (out / f"{stem}.html", sheet_html(scenario, plan, route))):
            write_atomic(path, text)
            written.append(path)
    write_atomic(out / "index.html", index_html(scenario, plan))
    return [*written, out / "index.html"]


def _room_kg(scenario: Scenario, room_id: str) -> float | None:
    return next((r.waste_kg_per_day for r in scenario.rooms if r.id == room_id), None)


def _places(scenario: Scenario) -> dict[str, dict[str, str]]:
    places: dict[str, dict[str, str]] = {}
    for room in scenario.rooms:
        places[room.id] = {"name": room.name, "town": room.town, "village": room.village}
    for group in (scenario.stations, scenario.garages, scenario.plants):
        for item in group:
            places[item.id] = {"name": item.name}
    return places


SHEET_CSS = """
body{font-family:__FONT__;color:#111;margin:24px;font-size:14px}
h1{font-size:22px;margin:0}.zh{font-weight:400;color:#555;font-size:16px;margin-left:8px}
.day{color:#555;margin:2px 0 10px}
.facts{display:flex;flex-wrap:wrap;gap:6px 18px;margin:0 0 12px;padding:8px 10px;border:1px solid #bbb;border-radius:6px}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ccc;padding:5px 6px;text-align:left;vertical-align:top}
thead th{background:#eee;border-bottom:2px solid #555}
.num{text-align:right;font-variant-numeric:tabular-nums}
tr.trip th{background:#e7f1ec;font-size:13px;border-top:2px solid #555}
tr.unload td{background:#fff2e2}
tr.home td{background:#eef0f3;font-weight:600}
tr.break td{background:#efe9f8;font-weight:600}
.id{color:#777;font-size:12px}.tick{width:20px;font-size:16px}
.foot{margin-top:12px;color:#333}
a{color:#0b6e4f}
@media print{body{margin:0;font-size:11pt}@page{size:A4;margin:12mm}thead{display:table-header-group}
tr{break-inside:avoid}a{color:#000;text-decoration:none}}
""".replace("__FONT__", FONT_STACK)


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{esc(title)}</title>'
            f"<style>{SHEET_CSS}</style></head><body>{body}</body></html>\n")
