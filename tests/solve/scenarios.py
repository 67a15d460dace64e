"""Small hand-built scenarios for the engine's tests: projected x/y in metres, straight-line travel.

With ``euclidean`` travel and circuity 1 every distance can be worked out by hand; trucks drive at
36 km/h (10 m/s) so a kilometre is 100 seconds.
"""

from __future__ import annotations

from wasteopt.scenario.models import Garage, Room, Scenario, Station, Travel, VehicleType


def room(rid: str, x: float, y: float, kg: float, **extra) -> Room:
    """A room at (x, y) metres with ``kg`` of waste a day and a 1-minute service."""
    return Room(id=rid, x=x, y=y, waste_kg_per_day=kg, service_min=extra.pop("service_min", 1.0), **extra)


def station(sid: str, x: float, y: float, tonnes: float = 100.0, **extra) -> Station:
    """An open station (unloading takes 5 minutes unless given)."""
    return Station(id=sid, x=x, y=y, capacity_t_per_day=tonnes, unload_min=extra.pop("unload_min", 5.0), **extra)


def truck(tid: str, garage: str, capacity_kg: float, count: int = 1, **extra) -> VehicleType:
    """A truck type: 1 yuan per km, 100 yuan per truck used, 06:00–14:00 at 36 km/h unless given."""
    defaults = {"fixed_cost": 100.0, "cost_per_km": 1.0, "speed_kmh": 36.0}
    return VehicleType(id=tid, garage=garage, count=count, capacity_kg=capacity_kg, **{**defaults, **extra})


def scenario(rooms: list[Room], stations: list[Station], garages: list[tuple[str, float, float]], fleet: list[VehicleType]) -> Scenario:
    """A scenario on the plane with straight-line distances."""
    return Scenario(
        name="tiny",
        rooms=rooms,
        stations=stations,
        garages=[Garage(id=g, x=x, y=y) for g, x, y in garages],
        fleet=fleet,
        travel=Travel(model="euclidean", circuity=1.0, speed_kmh=36.0),
    )
