"""Tables of the report: routes (sortable: click a column header), haul trips, unserved rooms.

Headers and words in English or Chinese (``lang``); numbers read the same in both."""

from __future__ import annotations

from collections.abc import Sequence

from wasteopt.i18n import text
from wasteopt.i18n_reasons import engine_text
from wasteopt.plan.models import Plan, Route
from wasteopt.report.breaks import break_minutes, route_breaks, span_text, where_text
from wasteopt.report.fmt import DASH, esc, hhmm, num
from wasteopt.report.timeline import route_span
from wasteopt.scenario.models import Scenario, VehicleType, format_clock

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


def route_table(plan: Plan, colours: dict[str, str], scenario: Scenario | None = None, lang: str = "en") -> str:
    """One row per truck: rooms, unloads, tonnes, km, hours, start, return, cost.

    With a ``scenario`` whose trucks take driver breaks, a Breaks column (how many, minutes); where a
    vehicle type has daily limits, a Limits column with the route's use of each limit set
    (``trips 3/4 · kg 5,800/6,000``), sorted by the fullest one.
    """
    types = {vt.id: vt for vt in scenario.fleet} if scenario is not None else {}
    show_breaks = any(vt.breaks for vt in types.values()) or any(route_breaks(r) for r in plan.routes)
    show_limits = any(_limits_set(vt) for vt in types.values())
    columns = [("truck", "text"), ("type", "text"), ("garage", "text"), ("rooms", "num"), ("unloads", "num"),
               ("collected_t", "num"), ("km", "num"), ("hours", "num"), ("leaves", "text"), ("back", "text"), ("cost", "num")]
    if show_breaks:
        columns.append(("breaks", "num"))
    if show_limits:
        columns.append(("limits", "num"))
    headers = _headers(columns, lang)
    rows = []
    for route in plan.routes:
        rooms = sum(1 for s in route.stops if s.kind == "room")
        unloads = sum(1 for s in route.stops if s.kind == "station")
        tonnes = sum(s.unloaded_kg or 0.0 for s in route.stops if s.kind == "station") / 1000
        span = route_span(route)
        leave, back = (format_clock(span[0]), format_clock(span[1])) if span else ("", "")
        swatch = f'<i class="swatch" style="background:{colours[route.vehicle]}"></i>'
        cells: list[Cell] = [
            (swatch + esc(route.vehicle), route.vehicle), (esc(route.vehicle_type), route.vehicle_type),
            (esc(route.garage), route.garage), (str(rooms), rooms), (str(unloads), unloads),
            (num(tonnes, 2), tonnes), (num(route.distance_km, 1), route.distance_km),
            (num(route.duration_h, 2), route.duration_h), (hhmm(leave), leave), (hhmm(back), back),
            (num(route.cost), route.cost),
        ]
        if show_breaks:
            cells.append(_breaks_cell(route, lang))
        if show_limits:
            used = {"trips": unloads, "kg": tonnes * 1000, "rooms": rooms, "km": route.distance_km,
                    "h": (span[1] - span[0]) / 3600 if span else route.duration_h}
            cells.append(_limits_cell(types.get(route.vehicle_type), used, lang))
        rows.append((f' data-select="{esc(route.vehicle)}"', cells))
    return sortable_table("route-table", headers, rows)


LIMITS = [("trips", "max_trips", 0), ("kg", "max_kg_per_day", 0), ("rooms", "max_stops", 0),
          ("km", "max_km_per_day", 1), ("h", "max_duty_hours", 1)]
"""Daily limits of a vehicle type as the route table shows them: label (``limit.<label>`` in the
catalogue), field, decimals of the use."""


def _limits_set(vtype: VehicleType | None) -> list[tuple[str, float, int]]:
    """The type's daily limits that are set: (label, limit, decimals)."""
    if vtype is None:
        return []
    found = [(label, getattr(vtype, field), digits) for label, field, digits in LIMITS]
    return [(label, float(limit), digits) for label, limit, digits in found if limit is not None]


def _limits_cell(vtype: VehicleType | None, used: dict[str, float], lang: str = "en") -> Cell:
    """``trips 3/4 · kg 5,800/6,000``, a limit passed in red; sorts by the fullest share."""
    parts, shares = [], []
    over = esc(text("limit.over", lang))
    for label, limit, digits in _limits_set(vtype):
        share = used[label] / limit
        shares.append(share)
        shown = f"{text(f'limit.{label}', lang)} {num(used[label], digits)}/{_limit_text(limit)}"
        parts.append(f'<b class="limit-over" title="{over}">{esc(shown)}</b>' if share > 1 + 1e-9 else esc(shown))
    return (" · ".join(parts) or DASH, round(max(shares), 4) if shares else "")


def _limit_text(limit: float) -> str:
    return num(limit) if limit.is_integer() else num(limit, 1)


def _breaks_cell(route: Route, lang: str = "en") -> Cell:
    """``1 · 60 min`` with each break's time and place in the tooltip; ``—`` for none."""
    breaks = route_breaks(route)
    if not breaks:
        return (DASH, 0)
    minutes = break_minutes(route)
    detail = "; ".join(f"{span_text(b, lang)} {where_text(b, lang=lang)}".strip() for b in breaks)
    shown = text("table.breaks", lang, n=len(breaks), minutes=num(minutes))
    return (f'<span title="{esc(detail)}">{esc(shown)}</span>', minutes)


def _headers(columns: Sequence[tuple[str, str]], lang: str) -> list[tuple[str, str]]:
    """``(catalogue key under col., kind)`` → ``(label, kind)``."""
    return [(text(f"col.{key}", lang), kind) for key, kind in columns]


def haul_table(scenario: Scenario, plan: Plan, lang: str = "en") -> str:
    """The container trips station → plant, in time order."""
    names = {s.id: s.name for s in scenario.stations} | {p.id: p.name for p in scenario.plants}
    headers = _headers([("truck", "text"), ("station", "text"), ("plant", "text"), ("departs", "text"),
                        ("arrives", "text"), ("payload_t", "num"), ("km", "num")], lang)
    rows = []
    for trip in sorted(plan.haul, key=lambda t: (t.depart, t.truck)):
        rows.append((f' data-station="{esc(trip.station)}"', [
            (esc(trip.truck), trip.truck), (f"{esc(trip.station)} {esc(names.get(trip.station, ''))}", trip.station),
            (f"{esc(trip.plant)} {esc(names.get(trip.plant, ''))}", trip.plant), (hhmm(trip.depart), trip.depart),
            (hhmm(trip.arrive), trip.arrive), (num(trip.payload_kg / 1000, 2), trip.payload_kg),
            (num(trip.distance_km, 1), trip.distance_km if trip.distance_km is not None else ""),
        ]))
    return sortable_table("haul-table", headers, rows)


def unserved_table(scenario: Scenario, plan: Plan, lang: str = "en") -> str:
    """Rooms the plan leaves unemptied, with the reason (the engine's, said in ``lang`` where
    recognised) and where they are."""
    rooms = {r.id: r for r in scenario.rooms}
    headers = _headers([("room", "text"), ("name", "text"), ("village", "text"), ("kg_day", "num"), ("reason", "text")], lang)
    rows = []
    for item in plan.unserved:
        room = rooms[item.id]
        reason = engine_text(item.reason, lang)
        rows.append(("", [(esc(item.id), item.id), (esc(room.name), room.name), (esc(room.village), room.village),
                          (num(room.waste_kg_per_day), room.waste_kg_per_day), (esc(reason), reason)]))
    return sortable_table("unserved-table", headers, rows)
