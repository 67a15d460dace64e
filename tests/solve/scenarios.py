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


def village(name: str, x: float, y: float, n: int) -> list[Room]:
    """``n`` rooms of 500 kg on a grid around (x, y), 400 m apart."""
    return [Room(id=f"{name}{k:02d}", x=x + 400 * (k % 4), y=y + 400 * (k // 4), village=name, town="T",
                 waste_kg_per_day=500, service_min=6) for k in range(n)]


def three_villages(shift_end: str = "08:30") -> Scenario:
    """Three villages of 12 rooms 8–9 km apart, each with a station next to it (room to spare), six
    trucks of 2 t with short shifts: several routes, each village's its own."""
    rooms = village("A", -4000, 0, 12) + village("B", 4000, 0, 12) + village("C", 0, 5000, 12)
    stations = [Station(id="S1", x=-4500, y=800, capacity_t_per_day=12),
                Station(id="S2", x=4500, y=800, capacity_t_per_day=12),
                Station(id="S3", x=500, y=5500, capacity_t_per_day=12)]
    fleet = [VehicleType(id="V", count=6, garage="G1", capacity_kg=2000, shift_start="06:00", shift_end=shift_end,
                         fixed_cost=100, cost_per_km=2.0, cost_per_hour=30.0, speed_kmh=30)]
    return Scenario(name="three-villages", travel=Travel(model="euclidean", circuity=1.2, speed_kmh=30), rooms=rooms,
                    stations=stations, garages=[Garage(id="G1", x=0, y=0)], fleet=fleet)
