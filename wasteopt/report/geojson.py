"""The plan as GeoJSON (RFC 7946) for QGIS and other GIS: places as Points, each trip a LineString.

RFC 7946 allows only WGS84 longitude/latitude, in that order; a scenario given in projected x/y
cannot be exported without knowing its coordinate reference system, so it is refused
(:class:`NotGeographic`) rather than written with wrong coordinates. Trip lengths are the travel
network's road km, the same figures the engine and the validator use.
"""

from __future__ import annotations

from typing import Any

from wasteopt.network import network_for
from wasteopt.plan.models import Plan
from wasteopt.report.geometry import is_geographic
from wasteopt.report.trips import route_trips
from wasteopt.scenario.models import Located, Scenario


class NotGeographic(ValueError):
    """The scenario's places are projected x/y, which GeoJSON cannot carry."""


def plan_geojson(scenario: Scenario, plan: Plan) -> dict[str, Any]:
    """A FeatureCollection: rooms, stations, garages, plants, then one LineString per trip and return leg."""
    if not is_geographic(scenario):
        raise NotGeographic(
            f"scenario {scenario.name!r} gives x/y coordinates; GeoJSON needs WGS84 lat/lon (RFC 7946), "
            "so give the places as lat/lon to export them"
        )
    features = [*_place_features(scenario, plan), *_trip_features(scenario, plan)]
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


def _trip_features(scenario: Scenario, plan: Plan) -> list[dict[str, Any]]:
    network = network_for(scenario)
    places = scenario.locations()
    features = []
    for route in plan.routes:
        for trip in route_trips(route):
            ids = [s.id for s in trip.stops]
            km = float(network.legs_m(ids).sum()) / 1000
            features.append({
                "type": "Feature",
                "id": f"{route.vehicle}/{trip.kind}{trip.number}",
                "geometry": {"type": "LineString", "coordinates": [[places[i].lon, places[i].lat] for i in ids]},
                "properties": {
                    "vehicle": route.vehicle, "trip": trip.number, "kind": trip.kind, "from": ids[0], "to": ids[-1],
                    "rooms": len(trip.rooms), "kg": trip.kg if trip.kind == "trip" else 0.0, "km": round(km, 3),
                    "depart": trip.stops[0].depart, "arrive": trip.stops[-1].arrive,
                },
            })
    return features
