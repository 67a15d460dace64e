"""Driver sheets: per truck a spreadsheet and a printable HTML page of its stops, in the plan's order.

Each row is one stop: planned arrival, the room's name and village, the kg expected there, and the
station where that load is unloaded; a driver break is a row of its own in its place in the order
(``BREAK 11:00–12:00 (60 min), at R0123``); the last row is the return to the garage. An ``index.html``
links every truck's sheet, and ``print.html`` holds them all, one A4 page per truck. The spreadsheet
is a CSV per truck (UTF-8 with a byte-order mark, so that spreadsheet programs on Chinese-locale office
PCs read the names correctly) or one workbook, ``sheets.xlsx`` (:mod:`wasteopt.report.workbook`). Column
names and words are English or Chinese (``lang``); in English the CSV's header is the field names.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from wasteopt.files import write_atomic
from wasteopt.i18n import text
from wasteopt.plan.models import Plan, Route
from wasteopt.report.assets import FONT_STACK
from wasteopt.report.breaks import RouteBreak, break_text, route_breaks, span_text, where_text
from wasteopt.report.fmt import esc, hhmm, num, plain_number
from wasteopt.report.trips import Trip, route_trips
from wasteopt.report.timeline import route_span
from wasteopt.report.workbook import WORKBOOK, Table, workbook_bytes
from wasteopt.scenario.models import Scenario, format_clock

COLUMNS = ["seq", "trip", "kind", "id", "name", "town", "village", "arrive", "depart",
           "expected_kg", "unloaded_kg", "load_after_kg", "unload_at", "at"]
"""Columns of a driver's CSV; ``seq`` is the stop's position in the plan's route (0 = leaving the garage).
Break rows (kind ``break``): ``arrive``/``depart`` are its start and end, ``at`` the place the truck
stands at, or ``en route R0123 → R0124``. Their headers in a language: ``column.<name>`` in the catalogue."""

NUMERIC = {"seq", "trip", "expected_kg", "unloaded_kg", "load_after_kg"}
"""Columns that hold numbers (a workbook stores them as numbers)."""

BOM = "\ufeff"
PRINT_ALL = "print.html"
"""Every truck's sheet in one file, a page each."""

FORMATS = ("csv", "xlsx")
"""The spreadsheet of ``wasteopt sheets --format``: a CSV per truck, or one workbook."""


def sheet_filename(vehicle: str) -> str:
    """A file name stem for a truck id that is safe on every file system."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", vehicle) or "truck"


def sheet_files(plan: Plan, fmt: str = "csv") -> list[str]:
    """The names of the files :func:`write_sheets` writes for ``plan``, in its order."""
    stems = [sheet_filename(route.vehicle) for route in plan.routes]
    spreadsheets = [f"{stem}.csv" for stem in stems] if fmt == "csv" else [WORKBOOK]
    return [*spreadsheets, *(f"{stem}.html" for stem in stems), "index.html", PRINT_ALL]


def sheet_rows(scenario: Scenario, route: Route, lang: str = "en") -> list[dict[str, str]]:
    """The truck's stops as rows keyed by :data:`COLUMNS`, in route order (``kind`` as the plan has it;
    a break's ``at`` in ``lang``)."""
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
            "unload_at": unload_at.get(seq, ""), "at": _break_at(breaks[seq], lang) if seq in breaks else "",
        })
    return rows


def sheet_header(lang: str = "en") -> list[str]:
    """The column names of a driver's spreadsheet: the field names in English, Chinese names in Chinese."""
    return list(COLUMNS) if lang != "zh" else [text(f"column.{name}", lang) for name in COLUMNS]


def sheet_table(scenario: Scenario, route: Route, lang: str = "en") -> list[list[str]]:
    """The spreadsheet's rows (without the header) in :data:`COLUMNS` order; the kind in ``lang``."""
    rows = sheet_rows(scenario, route, lang)
    kinds = {kind: text(f"sheet.kind.{kind}", lang) for kind in ("garage", "room", "station", "break")}
    return [[kinds.get(row[c], row[c]) if c == "kind" else row[c] for c in COLUMNS] for row in rows]


def sheet_csv(scenario: Scenario, route: Route, lang: str = "en") -> str:
    """The truck's CSV text (with a byte-order mark)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(sheet_header(lang))
    writer.writerows(sheet_table(scenario, route, lang))
    return BOM + buffer.getvalue()


SUMMARY_COLUMNS = ["truck", "type", "garage", "rooms", "unloads", "kg", "km", "leave", "return"]
"""Columns of the workbook's summary sheet (``column.<name>`` in the catalogue): one row per truck."""


def sheets_workbook(scenario: Scenario, plan: Plan, lang: str = "en") -> bytes:
    """The workbook: a summary sheet (a row per truck), then a sheet per truck with the CSV's columns
    and rows (numbers as numbers), headers in ``lang``."""
    summary = []
    for route in plan.routes:
        span = route_span(route)
        leave, back = (hhmm(format_clock(span[0])), hhmm(format_clock(span[1]))) if span else ("", "")
        summary.append([route.vehicle, route.vehicle_type, route.garage, sum(1 for s in route.stops if s.kind == "room"),
                        sum(1 for s in route.stops if s.kind == "station"),
                        _number(plain_number(sum(s.unloaded_kg or 0.0 for s in route.stops if s.kind == "station"))),
                        route.distance_km, leave, back])
    tables = [Table(text("sheet.summary", lang), [text(f"column.{c}", lang) for c in SUMMARY_COLUMNS], summary)]
    numeric = [c in NUMERIC for c in COLUMNS]
    for route in plan.routes:
        rows = [[_number(cell) if is_number else cell for cell, is_number in zip(row, numeric)]
                for row in sheet_table(scenario, route, lang)]
        tables.append(Table(route.vehicle, sheet_header(lang), rows))
    return workbook_bytes(tables)


def _number(cell: str) -> int | float | None:
    """A CSV number as a workbook number (empty: no value)."""
    if not cell:
        return None
    value = float(cell)
    return int(value) if value.is_integer() else value


def sheet_html(scenario: Scenario, plan: Plan, route: Route, lang: str = "en") -> str:
    """The truck's printable page: leave and return times, then each trip's stops (the CSV's rows)."""
    return _page(f"{route.vehicle} · {scenario.name} {_day(scenario)}", _sheet_body(scenario, route, lang), lang)


def print_all_html(scenario: Scenario, plan: Plan, lang: str = "en") -> str:
    """Every truck's sheet in one page to print at once: one A4 page (or more) per truck."""
    bodies = "".join(f'<div class="sheet">{_sheet_body(scenario, route, lang)}</div>' for route in plan.routes)
    return _page(f"{text('sheet.index_title', lang)} · {scenario.name} {_day(scenario)}", bodies, lang)


def _day(scenario: Scenario) -> str:
    return scenario.planning.day.isoformat() if scenario.planning.day else ""


def _sheet_body(scenario: Scenario, route: Route, lang: str) -> str:
    """One truck's sheet: heading, facts, the stops trip by trip, the return."""
    names = _places(scenario)
    span = route_span(route)
    leave, back = (hhmm(format_clock(span[0])), hhmm(format_clock(span[1]))) if span else ("—", "—")
    garage = names.get(route.garage, {}).get("name") or route.garage
    rows = sheet_rows(scenario, route, lang)
    breaks = {b.seq: b for b in route_breaks(route)}
    place_names = {pid: place.get("name", "") for pid, place in names.items()}
    body = []
    for trip in route_trips(route):
        body.append(_trip_header(trip, names, garage, lang))
        body.extend(_break_row(rows[seq], breaks[seq], place_names, lang) if seq in breaks else _stop_row(rows[seq], garage, lang)
                    for seq in trip.seqs[1:])
    rooms = sum(1 for s in route.stops if s.kind == "room")
    kg = sum(s.unloaded_kg or 0.0 for s in route.stops if s.kind == "station")
    facts = (f"<span>{text('sheet.type', lang)} <b>{esc(route.vehicle_type)}</b></span>"
             f"<span>{text('sheet.garage', lang)} <b>{esc(garage)}</b></span>"
             f"<span>{text('sheet.leave', lang)} <b>{leave}</b></span><span>{text('sheet.return', lang)} <b>{back}</b></span>"
             f"<span>{esc(text('sheet.rooms', lang, n=rooms))}</span><span>{esc(text('sheet.kg', lang, kg=num(kg)))}</span>"
             f"<span>{esc(text('sheet.km', lang, km=num(route.distance_km, 1)))}</span>")
    if breaks:
        spans = text("break.separator", lang).join(span_text(b, lang) or text("break.no_time", lang) for b in breaks.values())
        facts += f'<span>{text("sheet.breaks" if len(breaks) > 1 else "sheet.break", lang)} <b>{esc(spans)}</b></span>'
    head = "".join(f"<th{cls}>{label}</th>" for label, cls in (
        ("✓", ""), ("#", ""), (text("sheet.arrive", lang), ""), (text("sheet.place", lang), ""),
        (text("sheet.village", lang), ""), (text("sheet.expected", lang), ' class="num"'),
        (text("sheet.load_after", lang), ' class="num"')))
    foot = _fill("sheet.foot", lang, garage=esc(garage), time=f"<b>{back}</b>")
    return f"""
<h1>{esc(route.vehicle)} <span class="zh">{esc(text("sheet.title", lang))}</span></h1>
<p class="day">{esc(scenario.name)} {esc(_day(scenario))}</p>
<div class="facts">{facts}</div>
<table><thead><tr>{head}</tr></thead>
<tbody>{"".join(body)}</tbody></table>
<p class="foot">{foot}</p>"""


def _trip_header(trip: Trip, names: dict[str, dict[str, str]], garage: str, lang: str) -> str:
    """``Trip 2 → unload at S03 name · 2,480 kg`` (or ``Return → garage``)."""
    unload = trip.unload
    where = text("sheet.unload_at", lang, id=unload.id, name=names.get(unload.id, {}).get("name", "")).rstrip() if unload else garage
    if trip.kind == "return":
        return f'<tr class="trip"><th colspan="7">{esc(text("sheet.return_to", lang, where=where))}</th></tr>'
    return f'<tr class="trip"><th colspan="7">{esc(text("sheet.trip", lang, n=trip.number, where=where, kg=num(trip.kg)))}</th></tr>'


def _stop_row(row: dict[str, str], garage: str, lang: str) -> str:
    """One stop of the sheet, from its CSV row: a room, an unload, or home."""
    start = f'<td class="tick">☐</td><td>{row["seq"]}</td><td>{hhmm(row["arrive"])}</td>'
    place = f'<b>{esc(row["name"] or row["id"])}</b> <span class="id">{esc(row["id"])}</span>'
    if row["kind"] == "room":
        return (f'<tr class="stop" data-seq="{row["seq"]}">{start}<td>{place}</td><td>{esc(row["village"])}</td>'
                f'<td class="num">{_kg(row["expected_kg"])}</td><td class="num">{_kg(row["load_after_kg"])}</td></tr>')
    if row["kind"] == "station":
        unload = _fill("sheet.unload_row", lang, place=place, time=hhmm(row["depart"]))
        return (f'<tr class="unload" data-seq="{row["seq"]}">{start}<td colspan="2">{unload}</td>'
                f'<td class="num">−{_kg(row["unloaded_kg"])}</td><td class="num">{_kg(row["load_after_kg"])}</td></tr>')
    home = _fill("sheet.home", lang, garage=f"<b>{esc(garage)}</b>")
    return f'<tr class="home" data-seq="{row["seq"]}">{start}<td colspan="4">{home}</td></tr>'


def _fill(key: str, lang: str, **markup: str) -> str:
    """The text of ``key`` escaped for HTML, its placeholders filled with ``markup`` (already HTML)."""
    return esc(text(key, lang)).format(**markup)


def _break_row(row: dict[str, str], item: RouteBreak, names: dict[str, str], lang: str) -> str:
    """A driver break: ``BREAK 11:00–12:00 (60 min), at <name> R0123`` (or ``en route R0123 → R0124``)."""
    start = f'<td class="tick">☐</td><td>{row["seq"]}</td><td>{hhmm(row["arrive"])}</td>'
    if item.at is not None:
        span = span_text(item, lang)
        place = f'<b>{esc(names.get(item.at) or item.at)}</b> <span class="id">{esc(item.at)}</span>'
        shown = _fill("break.row_at", lang, span=esc(span), place=place) if span else _fill("break.row_at_untimed", lang, place=place)
    else:
        shown = esc(break_text(item, lang=lang))
    return (f'<tr class="break" data-seq="{row["seq"]}">{start}<td colspan="3">{shown}</td>'
            f'<td class="num">{_kg(row["load_after_kg"])}</td></tr>')


def _break_at(item: RouteBreak, lang: str = "en") -> str:
    """The break's place for the spreadsheet: the place's id, or ``en route R0123 → R0124``."""
    return item.at if item.at is not None else where_text(item, lang=lang)


def _kg(value: str) -> str:
    return num(float(value)) if value else "—"


def index_html(scenario: Scenario, plan: Plan, lang: str = "en", fmt: str = "csv") -> str:
    """A page linking every truck's sheet (HTML and its spreadsheet) and the page to print them all."""
    items = []
    for route in plan.routes:
        stem = sheet_filename(route.vehicle)
        span = route_span(route)
        when = f"{hhmm(format_clock(span[0]))}–{hhmm(format_clock(span[1]))}" if span else ""
        rooms = sum(1 for s in route.stops if s.kind == "room")
        sheet = f'<a href="{esc(stem)}.csv">CSV</a>' if fmt == "csv" else f'<a href="{WORKBOOK}">Excel</a>'
        items.append(f'<tr><td><a href="{esc(stem)}.html">{esc(route.vehicle)}</a></td><td>{rooms}</td><td>{when}</td>'
                     f"<td>{sheet}</td></tr>")
    head = "".join(f"<th>{esc(text(key, lang))}</th>" for key in ("col.truck", "col.rooms", "sheet.shift", "sheet.spreadsheet"))
    title = text("sheet.index_title", lang)
    return _page(f"{title} · {scenario.name}", f"""
<h1>{esc(title)}</h1><p class="day">{esc(scenario.name)}</p>
<p class="print-all"><a href="{PRINT_ALL}">{esc(text("sheet.print_all", lang))}</a></p>
<table><thead><tr>{head}</tr></thead><tbody>{"".join(items)}</tbody></table>""", lang)


def write_sheets(scenario: Scenario, plan: Plan, out_dir: str | Path, lang: str = "en", fmt: str = "csv") -> list[Path]:
    """Write the spreadsheet (``fmt`` ``csv``: ``<vehicle>.csv`` per truck; ``xlsx``: ``sheets.xlsx``),
    ``<vehicle>.html`` for every truck, ``index.html`` and ``print.html``; returns the paths
    (:func:`sheet_files`' order)."""
    out = Path(out_dir)
    written = []
    if fmt == "xlsx":
        write_atomic(out / WORKBOOK, sheets_workbook(scenario, plan, lang))
        written.append(out / WORKBOOK)
    else:
        for route in plan.routes:
            path = out / f"{sheet_filename(route.vehicle)}.csv"
            write_atomic(path, sheet_csv(scenario, route, lang))
            written.append(path)
    for route in plan.routes:
        path = out / f"{sheet_filename(route.vehicle)}.html"
        write_atomic(path, sheet_html(scenario, plan, route, lang))
        written.append(path)
    write_atomic(out / "index.html", index_html(scenario, plan, lang, fmt))
    write_atomic(out / PRINT_ALL, print_all_html(scenario, plan, lang))
    return [*written, out / "index.html", out / PRINT_ALL]


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
tr{break-inside:avoid}a{color:#000;text-decoration:none}.print-all{display:none}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.sheet{break-after:page}.sheet:last-child{break-after:auto}}
@media screen{.sheet+.sheet{margin-top:32px;border-top:2px dashed #bbb;padding-top:16px}}
.print-all{margin:0 0 10px}
""".replace("__FONT__", FONT_STACK)


def _page(title: str, body: str, lang: str = "en") -> str:
    return (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f"<title>{esc(title)}</title><style>{SHEET_CSS}</style></head><body>{body}</body></html>\n")
