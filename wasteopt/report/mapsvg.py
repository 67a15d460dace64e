"""The report's map: an SVG drawn from the scenario's coordinates, with every truck's route.

One ``<path class="route" data-vehicle=...>`` per route holds the collection legs; legs into a
station (the unload runs) are a second, dashed path (``data-of``) so they stand out. Rooms are dots
in their truck's colour, stations circles sized by today's tonnage, garages squares, plants diamonds,
hauls dotted lines station → plant. With a road network (a matrix file from ``wasteopt network
build``) every leg follows the roads its truck's class drives on (hauls: the largest class built);
otherwise legs are straight lines. Markers sit in ``data-x``/``data-y`` groups that the page's
script rescales on zoom, so they keep their on-screen size. A driver break is no place: the legs
join the places either side of it, and the route's tooltip counts its breaks. Tooltips are in
English or Chinese (``lang``; an unserved room's reason too, where recognised).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from wasteopt.i18n import plural, text
from wasteopt.i18n_reasons import engine_text
from wasteopt.network.osm_paths import RoadPaths, road_paths_for
from wasteopt.network.travel import HAUL_VEHICLE_CLASS
from wasteopt.plan.models import Plan, Route
from wasteopt.report.breaks import break_minutes, place_stops, route_breaks
from wasteopt.report.fmt import esc, hhmm, num
from wasteopt.report.geometry import Projection, projection_for
from wasteopt.report.summary import station_loads
from wasteopt.scenario.models import Located, Scenario

VIEW_WIDTH = 1000.0
"""Width of the initial view in SVG units; the page shows it about this many pixels wide."""


@dataclass(frozen=True)
class Frame:
    """Fits planar metres into the SVG's coordinates (north up)."""

    min_east: float
    max_north: float
    scale: float
    width: float
    height: float
    pad: float

    def xy(self, east: float, north: float) -> tuple[float, float]:
        """SVG coordinates of a planar point."""
        return (round(self.pad + (east - self.min_east) * self.scale, 2),
                round(self.pad + (self.max_north - north) * self.scale, 2))


def frame_for(points: list[tuple[float, float]]) -> Frame:
    """A frame showing all points, ``VIEW_WIDTH`` wide (or tall, for a tall district), with a margin."""
    easts = [p[0] for p in points] or [0.0]
    norths = [p[1] for p in points] or [0.0]
    span_e = max(max(easts) - min(easts), 1.0)
    span_n = max(max(norths) - min(norths), 1.0)
    inner = VIEW_WIDTH * 0.92
    scale = inner / max(span_e, span_n * 1.6)
    pad = VIEW_WIDTH * 0.04
    return Frame(min(easts), max(norths), scale, span_e * scale + 2 * pad, span_n * scale + 2 * pad, pad)


def map_svg(scenario: Scenario, plan: Plan, colours: dict[str, str], lang: str = "en") -> str:
    """The whole map as an ``<svg>`` element."""
    project = projection_for(scenario)
    planar = {pid: project(place) for pid, place in scenario.locations().items()}
    roads = road_paths_for(scenario)
    along = _road_legs(roads, plan) if roads is not None else {}
    bends = [project(_point(lat, lon)) for points in along.values() for lat, lon in points[1:-1]]
    frame = frame_for(list(planar.values()) + bends)  # roads may swing beyond the places
    xy = {pid: frame.xy(*p) for pid, p in planar.items()}
    legs = _leg_drawer(roads, along, project, frame, xy)
    parts = [
        f'<svg id="map-svg" class="map-svg" viewBox="0 0 {frame.width:.1f} {frame.height:.1f}" '
        f'preserveAspectRatio="xMidYMid meet" data-metres-per-unit="{1 / frame.scale:.6g}" role="img" '
        f'aria-label="{esc(text("report.map_label", lang))}">',
        '<g class="haul-lines">', *_haul_lines(plan, xy, lang, legs), "</g>",
        '<g class="routes">', *(p for r in plan.routes for p in _route_paths(r, xy, colours[r.vehicle], lang, legs)), "</g>",
        '<g class="rooms">', *_rooms(scenario, plan, xy, colours, lang), "</g>",
        '<g class="places">', *_stations(scenario, plan, xy, lang), *_garages(scenario, xy, lang), *_plants(scenario, xy, lang), "</g>",
        "</svg>",
    ]
    return "\n".join(parts)


XY = tuple[float, float]
LegDrawer = Callable[[str, str, "str | None", "int | None"], list[XY]]
"""SVG points of a leg (origin id, destination id, vehicle, or a vehicle class), both ends included."""


@dataclass(frozen=True)
class _Point:
    """A road node as the projection wants a place."""

    lat: float
    lon: float


LegKey = tuple[str, str, int]
"""A leg as the roads draw it: origin id, destination id, the vehicle class built it is drawn for."""


def _road_legs(roads: RoadPaths, plan: Plan) -> dict[LegKey, list[tuple[float, float]]]:
    """Every leg the map draws, as (lat, lon) points along its road: routes' legs for their truck's
    class, hauls for the largest class."""
    legs: dict[LegKey, list[tuple[float, float]]] = {}
    for route in plan.routes:
        places = place_stops(route.stops)
        cls = roads.vehicle_class(route.vehicle)
        for a, b in zip(places[:-1], places[1:]):
            if (a.id, b.id, cls) not in legs:
                legs[(a.id, b.id, cls)] = roads.leg(a.id, b.id, vehicle_class=cls)
    cls = roads.vehicle_class(None, HAUL_VEHICLE_CLASS)
    for trip in plan.haul:
        if (trip.station, trip.plant, cls) not in legs:
            legs[(trip.station, trip.plant, cls)] = roads.leg(trip.station, trip.plant, vehicle_class=cls)
    return legs


def _leg_drawer(roads: RoadPaths | None, along: dict[LegKey, list[tuple[float, float]]], project: Projection,
                frame: Frame, xy: dict[str, XY]) -> LegDrawer:
    """Legs along the roads when there are roads, else straight from place to place."""

    def straight(a: str, b: str, vehicle: str | None = None, vehicle_class: int | None = None) -> list[XY]:
        return [xy[a], xy[b]]

    if roads is None:
        return straight

    def on_roads(a: str, b: str, vehicle: str | None = None, vehicle_class: int | None = None) -> list[XY]:
        key = (a, b, roads.vehicle_class(vehicle, vehicle_class))
        points = along[key] if key in along else roads.leg(a, b, vehicle_class=key[2])
        if len(points) <= 2:
            return straight(a, b)
        inner = [frame.xy(*project(_point(lat, lon))) for lat, lon in points[1:-1]]
        return [xy[a], *inner, xy[b]]

    return on_roads


def _point(lat: float, lon: float) -> Located:
    return _Point(lat, lon)  # type: ignore[return-value]


def _svg_line(points: list[XY], joined: bool) -> str:
    """Path data for the points (``L`` only when the pen is already at the first)."""
    head = "" if joined else f"M{points[0][0]} {points[0][1]}"
    return head + "".join(f"L{x} {y}" for x, y in points[1:])


def _route_paths(route: Route, xy: dict[str, XY], colour: str, lang: str = "en", legs: LegDrawer | None = None) -> list[str]:
    """The route's collection path (one element, ``data-vehicle``) and its dashed unload legs."""
    collect: list[str] = []
    unload: list[str] = []
    pen: str | None = None
    places = place_stops(route.stops)
    for a, b in zip(places[:-1], places[1:]):
        points = legs(a.id, b.id, route.vehicle, None) if legs is not None else [xy[a.id], xy[b.id]]
        if b.kind == "station":
            unload.append(_svg_line(points, False))
            pen = None
            continue
        collect.append(_svg_line(points, pen == a.id))
        pen = b.id
    rooms = sum(1 for s in route.stops if s.kind == "room")
    breaks = route_breaks(route)
    rest = text("map.route_breaks", lang, n=len(breaks), s=plural(len(breaks)), minutes=num(break_minutes(route))) if breaks else ""
    said = text("map.route", lang, vehicle=route.vehicle, rooms=rooms, unloads=route.unload_trips or len(unload),
                km=num(route.distance_km, 1))
    title = f"<title>{esc(said + rest)}</title>"
    vehicle = esc(route.vehicle)
    out = [f'<path class="route" data-vehicle="{vehicle}" stroke="{colour}" d="{"".join(collect) or "M0 0"}">{title}</path>']
    if unload:
        out.append(f'<path class="unload" data-of="{vehicle}" stroke="{colour}" d="{"".join(unload)}">{title}</path>')
    return out


def _rooms(scenario: Scenario, plan: Plan, xy: dict[str, tuple[float, float]], colours: dict[str, str],
           lang: str = "en") -> list[str]:
    served: dict[str, tuple[str, str | None]] = {}
    for route in plan.routes:
        for stop in route.stops:
            if stop.kind == "room":
                served[stop.id] = (route.vehicle, stop.arrive)
    unserved = {u.id: engine_text(u.reason, lang) for u in plan.unserved}
    out = []
    for room in scenario.rooms:
        x, y = xy[room.id]
        where = " · ".join(p for p in (room.town, room.village) if p)
        said = f"{room.id} {room.name}\n{where}\n{text('map.room_kg', lang, kg=num(room.waste_kg_per_day))}"
        if room.id in served:
            vehicle, arrive = served[room.id]
            said += "\n" + text("map.room_by", lang, vehicle=vehicle, time=hhmm(arrive))
            out.append(f'<circle class="room" data-of="{esc(vehicle)}" data-room="{esc(room.id)}" cx="{x}" cy="{y}" '
                       f'r="3" data-r="3" fill="{colours[vehicle]}"><title>{esc(said)}</title></circle>')
        else:
            reason = unserved.get(room.id, text("map.not_routed", lang))
            said += "\n" + text("map.unserved", lang, reason=reason)
            out.append(f'<circle class="room unserved" data-room="{esc(room.id)}" cx="{x}" cy="{y}" r="3.2" data-r="3.2">'
                       f'<title>{esc(said)}</title></circle>')
    return out


def _stations(scenario: Scenario, plan: Plan, xy: dict[str, tuple[float, float]], lang: str = "en") -> list[str]:
    users: dict[str, list[str]] = defaultdict(list)
    for route in plan.routes:
        for stop in route.stops:
            if stop.kind == "station" and route.vehicle not in users[stop.id]:
                users[stop.id].append(route.vehicle)
    loads = {sl.station.id: sl for sl in station_loads(scenario, plan)}
    biggest = max((sl.load_kg for sl in loads.values()), default=0.0) or 1.0
    out = []
    for station in scenario.stations:
        x, y = xy[station.id]
        load = loads.get(station.id)
        if load is None:
            out.append(f'<g class="mk station candidate" data-x="{x}" data-y="{y}" transform="translate({x} {y})">'
                       f'<circle r="6"/><text y="17">{esc(station.name or station.id)}</text>'
                       f'<title>{esc(station.id)} {esc(station.name)} {esc(text("map.candidate", lang))}</title></g>')
            continue
        radius = 6 + 12 * math.sqrt(load.load_kg / biggest)
        level = "over" if load.utilisation > 1.0 + 1e-9 else "high" if load.utilisation >= 0.85 else "ok"
        loaded = text("map.station_load", lang, load=num(load.load_kg / 1000, 2), capacity=num(station.capacity_t_per_day, 1),
                      share=f"{load.utilisation * 100:.0f}")
        trucks = text("map.station_trucks", lang, trucks=" ".join(users[station.id]) or text("map.none", lang))
        title = f"{station.id} {station.name}\n{loaded}\n{trucks}"
        out.append(f'<g class="mk station {level}" data-station="{esc(station.id)}" data-vehicles="{esc(" ".join(users[station.id]))}" '
                   f'data-x="{x}" data-y="{y}" transform="translate({x} {y})"><circle r="{radius:.1f}"/>'
                   f'<text y="{radius + 11:.1f}">{esc(station.name or station.id)}</text><title>{esc(title)}</title></g>')
    return out


def _garages(scenario: Scenario, xy: dict[str, tuple[float, float]], lang: str = "en") -> list[str]:
    out = []
    for garage in scenario.garages:
        x, y = xy[garage.id]
        out.append(f'<g class="mk garage" data-x="{x}" data-y="{y}" transform="translate({x} {y})"><rect x="-6" y="-6" '
                   f'width="12" height="12"/><text class="side" x="10" y="4">{esc(garage.name or garage.id)}</text>'
                   f'<title>{esc(garage.id)} {esc(garage.name)} {esc(text("map.garage", lang))}</title></g>')
    return out


def _plants(scenario: Scenario, xy: dict[str, tuple[float, float]], lang: str = "en") -> list[str]:
    out = []
    for plant in scenario.plants:
        x, y = xy[plant.id]
        out.append(f'<g class="mk plant" data-x="{x}" data-y="{y}" transform="translate({x} {y})"><path d="M0 -10L10 0L0 10L-10 0Z"/>'
                   f'<text y="22">{esc(plant.name or plant.id)}</text><title>{esc(plant.id)} {esc(plant.name)} '
                   f'{esc(text("map.plant", lang))}</title></g>')
    return out


def _haul_lines(plan: Plan, xy: dict[str, XY], lang: str = "en", legs: LegDrawer | None = None) -> list[str]:
    pairs: dict[tuple[str, str], list[float]] = defaultdict(list)
    for trip in plan.haul:
        pairs[(trip.station, trip.plant)].append(trip.payload_kg)
    out = []
    for (station, plant), payloads in pairs.items():
        points = legs(station, plant, None, HAUL_VEHICLE_CLASS) if legs is not None else [xy[station], xy[plant]]
        width = 2 + min(len(payloads), 8) * 0.6
        title = text("map.haul", lang, station=station, plant=plant, n=len(payloads), t=num(sum(payloads) / 1000, 1))
        out.append(f'<path class="haul" data-haul="{esc(station)}" style="stroke-width:{width:.1f}px" '
                   f'd="{_svg_line(points, False)}"><title>{esc(title)}</title></path>')
    return out
