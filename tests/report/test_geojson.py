"""GeoJSON export: structure checked against RFC 7946, content against the plan and scenario."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from tests.report.conftest import break_plan, solved
from wasteopt.report.geojson import NotGeographic, plan_geojson
from wasteopt.report.trips import route_trips

GEOMETRY_TYPES = {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"}


def rfc7946_problems(doc: Any) -> list[str]:
    """Every way ``doc`` breaks RFC 7946's structure (§3 objects, §3.1 geometries, §4 WGS84 lon/lat)."""
    problems: list[str] = []

    def position(p: Any, where: str) -> None:
        if not isinstance(p, list) or len(p) not in (2, 3) or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in p):
            problems.append(f"{where}: a position is 2 or 3 numbers, got {p!r}")
            return
        lon, lat = p[0], p[1]
        if not (math.isfinite(lon) and -180 <= lon <= 180):
            problems.append(f"{where}: longitude {lon} out of range")
        if not (math.isfinite(lat) and -90 <= lat <= 90):
            problems.append(f"{where}: latitude {lat} out of range")

    def geometry(g: Any, where: str) -> None:
        if g is None:
            return
        if not isinstance(g, dict) or g.get("type") not in GEOMETRY_TYPES:
            problems.append(f"{where}: not a geometry: {g!r}")
            return
        coords = g.get("coordinates")
        if g["type"] == "Point":
            position(coords, where)
        elif g["type"] == "LineString":
            if not isinstance(coords, list) or len(coords) < 2:
                problems.append(f"{where}: a LineString needs two or more positions")
            else:
                for k, p in enumerate(coords):
                    position(p, f"{where}[{k}]")
        else:
            problems.append(f"{where}: unexpected geometry type {g['type']} in this export")

    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        return ["top level is not a FeatureCollection"]
    if "crs" in doc:
        problems.append("RFC 7946 removed 'crs'")
    features = doc.get("features")
    if not isinstance(features, list):
        return problems + ["'features' is not an array"]
    for k, f in enumerate(features):
        where = f"features[{k}]"
        if not isinstance(f, dict) or f.get("type") != "Feature":
            problems.append(f"{where}: not a Feature")
            continue
        if "geometry" not in f or "properties" not in f:
            problems.append(f"{where}: a Feature has 'geometry' and 'properties' members")
        if not (f.get("properties") is None or isinstance(f["properties"], dict)):
            problems.append(f"{where}: properties must be an object or null")
        if "id" in f and not isinstance(f["id"], (str, int, float)):
            problems.append(f"{where}: id must be a string or number")
        geometry(f.get("geometry"), f"{where}.geometry")
    return problems


def test_checker_catches_broken_documents() -> None:
    bad = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [36.8, 118.05]}},
        {"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [[118.0, 36.8]]}},
    ]}
    assert rfc7946_problems(bad) == [
        "features[0].geometry: latitude 118.05 out of range",
        "features[1].geometry: a LineString needs two or more positions",
    ]


def test_export_is_a_valid_feature_collection() -> None:
    scenario, plan = solved()
    doc = json.loads(json.dumps(plan_geojson(scenario, plan), ensure_ascii=False))
    assert rfc7946_problems(doc) == []


def test_points_are_every_place_lon_lat_with_properties() -> None:
    scenario, plan = solved()
    points = {f["id"]: f for f in plan_geojson(scenario, plan)["features"] if f["geometry"]["type"] == "Point"}
    assert set(points) == set(scenario.locations())
    for room in scenario.rooms:
        feature = points[room.id]
        assert feature["geometry"]["coordinates"] == [room.lon, room.lat]
        assert feature["properties"]["kind"] == "room"
        assert feature["properties"]["name"] == room.name
        assert feature["properties"]["village"] == room.village
        assert feature["properties"]["kg"] == room.waste_kg_per_day
    unloaded = {}
    for route in plan.routes:
        for stop in route.stops:
            if stop.kind == "station":
                unloaded[stop.id] = unloaded.get(stop.id, 0.0) + stop.unloaded_kg
    for station in scenario.stations:
        assert points[station.id]["properties"]["kg"] == unloaded.get(station.id, 0.0)
    assert points["P1"]["properties"]["kind"] == "plant"
    assert points["G1"]["properties"]["kind"] == "garage"


def test_one_line_per_trip_following_the_plan_stops() -> None:
    scenario, plan = solved()
    places = scenario.locations()
    lines = [f for f in plan_geojson(scenario, plan)["features"] if f["geometry"]["type"] == "LineString"]
    expected = [(r, t) for r in plan.routes for t in route_trips(r)]
    assert len(lines) == len(expected)
    for line, (route, trip) in zip(lines, expected):
        props = line["properties"]
        assert (props["vehicle"], props["trip"], props["kind"]) == (route.vehicle, trip.number, trip.kind)
        assert line["geometry"]["coordinates"] == [[places[s.id].lon, places[s.id].lat] for s in trip.stops]
    trips = [f["properties"] for f in lines if f["properties"]["kind"] == "trip"]
    assert len(trips) == sum(1 for r in plan.routes for s in r.stops if s.kind == "station")
    unloads = [s.unloaded_kg for r in plan.routes for s in r.stops if s.kind == "station"]
    assert [t["kg"] for t in trips] == unloads
    assert math.isclose(sum(f["properties"]["km"] for f in lines), sum(r.distance_km for r in plan.routes), abs_tol=0.01)


def test_projected_scenario_is_refused() -> None:
    scenario, plan = solved(projected=True)
    with pytest.raises(NotGeographic, match="GeoJSON needs WGS84 lat/lon"):
        plan_geojson(scenario, plan)


def test_breaks_at_a_place_are_points_there_and_every_break_is_on_its_trip() -> None:
    scenario, plan = break_plan()
    doc = json.loads(json.dumps(plan_geojson(scenario, plan), ensure_ascii=False))
    assert rfc7946_problems(doc) == []
    places = scenario.locations()
    points = [f for f in doc["features"] if f["properties"]["kind"] == "break"]
    assert [(f["id"], f["properties"]["at"], f["properties"]["start"], f["properties"]["end"], f["properties"]["minutes"])
            for f in points] == [
        ("c1t-01/break-2", "S1", "07:10:00", "08:10:00", 60),
        ("c1t-02/break-1", "R03", "06:15:00", "06:30:00", 15),
        ("c1t-02/break-2", "R05", "07:00:00", "08:00:00", 60),
    ]  # the en route break of c1t-01 has no point
    for f in points:
        assert f["geometry"]["coordinates"] == [places[f["properties"]["at"]].lon, places[f["properties"]["at"]].lat]
    lines = [f for f in doc["features"] if f["geometry"]["type"] == "LineString"]
    first = lines[0]
    assert first["properties"]["breaks"] == [{
        "kind": "break", "vehicle": "c1t-01", "break": "break-1", "start": "06:20:00", "end": "06:35:00", "minutes": 15,
        "at": None, "where": "en route R01 → R02"}]
    # a line's vertices are places only: breaks are not looked up as places
    assert first["geometry"]["coordinates"] == [[places[i].lon, places[i].lat] for i in ("G1", "R01", "R02", "S1")]
    assert [(f["id"], f["properties"]["break_min"]) for f in lines] == [
        ("c1t-01/trip1", 15), ("c1t-01/return1", 60), ("c1t-02/trip1", 75), ("c1t-02/return1", 0)]
    # the room features count rooms only: each served room once, by its truck
    served = {f["id"]: f["properties"]["vehicle"] for f in doc["features"] if f["properties"]["kind"] == "room"}
    assert {rid: v for rid, v in served.items() if v} == {"R01": "c1t-01", "R02": "c1t-01", "R03": "c1t-02", "R05": "c1t-02"}
