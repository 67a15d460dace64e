"""The plan as GeoJSON (RFC 7946) for QGIS and other GIS: places as Points, each trip a LineString.

RFC 7946 allows only WGS84 longitude/latitude, in that order; a scenario given in projected x/y
cannot be exported without knowing its coordinate reference system, so it is refused
(:class:`NotGeographic`) rather than written with wrong coordinates. Trip lengths are the travel
network's road km, the same figures the engine and the validator use.

With a road network (a matrix file from ``wasteopt network build``), each trip's line follows the
roads its truck's class drives on, vertex by vertex; otherwise it joins the places straight.

Driver breaks: one Point per break taken at a place (kind ``break``, at that place's coordinates,
with the truck, start, end and minutes); every break, en route ones included, is also listed in the
``breaks`` property of the trip it is taken on. A break is never a vertex of a trip's line.
"""

from __future__ import annotations

from typing import Any

from wasteopt.network import network_for
from wasteopt.network.osm_paths import RoadPaths, road_paths_for
from wasteopt.plan.models import Plan
from wasteopt.report.breaks import RouteBreak, route_breaks, where_text
from wasteopt.report.geometry import is_geographic
from wasteopt.report.trips import route_trips
from wasteopt.scenario.models import Located, Scenario, format_clock


class NotGeographic(ValueError):
    """The scenario's places are projected x/y, which GeoJSON cannot carry."""


def plan_geojson(scenario: Scenario, plan: Plan) -> dict[str, Any]:
    """A FeatureCollection: rooms, stations, garages, plants, breaks taken at a place, then one LineString
    per trip and return leg."""
    if not is_geographic(scenario):
        raise NotGeographic(
            f"scenario {scenario.name!r} gives x/y coordinates; GeoJSON needs WGS84 lat/lon (RFC 7946), "
            "so give the places as lat/lon to export them"
        )
    features = [*_place_features(scenario, plan), *_break_features(scenario, plan), *_trip_features(scenario, plan)]
    return {"type": "FeatureCollection", "name": scenario.name, "features": features}


def _point(place: Located, properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "id": properties["id"],
            "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]}, "properties": properties}


def _place_features(scenario: Scenario, plan: Plan) -> list[dict[str, Any]]:
    served = {s.id: (r.vehicle, s.arrive) for r in plan.routes for s in r.stops if s.kind == "room"}
    unserved = {u.id: u.reason for u in plan.unserved}
    received: dict[str, float] = {}
    for route in plan.routes:
        for stop in route.stops:
            if stop.kind == "station":
                received[stop.id] = received.get(stop.id, 0.0) + float(stop.unloaded_kg or 0.0)
    features = []
    for room in scenario.rooms:
        vehicle, arrive = served.get(room.id, (None, None))
        features.append(_point(room, {
            "id": room.id, "kind": "room", "name": room.name, "town": room.town, "village": room.village,
            "kg": room.waste_kg_per_day, "vehicle": vehicle, "arrive": arrive, "unserved": unserved.get(room.id),
        }))
    for station in scenario.stations:
        features.append(_point(station, {
            "id": station.id, "kind": "station", "name": station.name, "status": station.status,
            "capacity_t": station.capacity_t_per_day, "kg": received.get(station.id, 0.0),
        }))
    for garage in scenario.garages:
        features.append(_point(garage, {"id": garage.id, "kind": "garage", "name": garage.name}))
    for plant in scenario.plants:
        features.append(_point(plant, {"id": plant.id, "kind": "plant", "name": plant.name}))
    return features


def _break_features(scenario: Scenario, plan: Plan) -> list[dict[str, Any]]:
    """A Point per break taken at a place; en route breaks have no point of their own."""
    places = scenario.locations()
    features = []
    for route in plan.routes:
        for item in route_breaks(route):
            if item.at is None or item.at not in places:
                continue
            properties = {"id": f"{route.vehicle}/{item.id}", **_break_properties(route.vehicle, item)}
            features.append(_point(places[item.at], properties))
    return features


def _break_properties(vehicle: str, item: RouteBreak) -> dict[str, Any]:
    return {"kind": "break", "vehicle": vehicle, "break": item.id, "start": _clock(item.start), "end": _clock(item.end),
            "minutes": item.minutes, "at": item.at, "where": where_text(item)}


def _clock(seconds: int | None) -> str | None:
    return None if seconds is None else format_clock(seconds)


def _trip_features(scenario: Scenario, plan: Plan) -> list[dict[str, Any]]:
    network = network_for(scenario)
    roads = road_paths_for(scenario)
    places = scenario.locations()
    features = []
    for route in plan.routes:
        breaks = {b.seq: b for b in route_breaks(route)}
        for trip in route_trips(route):
            ids = [s.id for s in trip.places]
            if len(ids) < 2:
                continue
            km = float(network.legs_m(ids).sum()) / 1000
            taken = [breaks[seq] for seq in trip.seqs if seq in breaks]
            features.append({
                "type": "Feature",
                "id": f"{route.vehicle}/{trip.kind}{trip.number}",
                "geometry": {"type": "LineString", "coordinates": _line(places, ids, roads, route.vehicle)},
                "properties": {
                    "vehicle": route.vehicle, "trip": trip.number, "kind": trip.kind, "from": ids[0], "to": ids[-1],
                    "rooms": len(trip.rooms), "kg": trip.kg if trip.kind == "trip" else 0.0, "km": round(km, 3),
                    "depart": trip.stops[0].depart, "arrive": trip.stops[-1].arrive,
                    "break_min": sum(b.minutes or 0.0 for b in taken),
                    "breaks": [_break_properties(route.vehicle, b) for b in taken],
                },
            })
    return features


def _line(places: dict[str, Located], ids: list[str], roads: RoadPaths | None, vehicle: str) -> list[list[float]]:
    """The trip's coordinates: along the roads when there is a road network, else place to place."""
    if roads is not None:
        return [[lon, lat] for lat, lon in roads.path(ids, vehicle)]
    return [[places[i].lon, places[i].lat] for i in ids]  # type: ignore[list-item]
