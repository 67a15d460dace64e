"""Small hand-checkable haul scenarios shared by the haul, chain-KPI and haul-validator tests.

Places are projected x/y with the ``manhattan`` travel model, circuity 1.0 and 36 km/h everywhere, so
1 km takes 100 s and every time can be worked out by hand. Collection routes are built by
:func:`collection_route`, which times the stops itself (drive, wait for a given start, service), so
the routes are valid by construction and the tests only choose when each unload starts.
"""

from __future__ import annotations

from wasteopt.network.travel import TravelNetwork
from wasteopt.plan.models import Route, Stop, clock_text
from wasteopt.scenario.models import (
    Garage,
    HaulTruckType,
    Plant,
    Room,
    Scenario,
    Station,
    Travel,
    VehicleType,
    parse_clock,
)


def hm(text: str) -> int:
    """``"HH:MM"`` as seconds."""
    return parse_clock(text)


def scenario(
    *,
    stations: list[tuple[str, float, float, int]],
    rooms: list[tuple[str, float, float, float]],
    collection: list[tuple[str, str, float, float, int]],
    haul_count: int = 1,
    plant_close: str = "20:00",
    haul_shift: tuple[str, str] = ("06:00", "18:00"),
    plant_at: tuple[float, float] = (18000, 0),
    haul_garage_at: tuple[float, float] = (0, 0),
) -> Scenario:
    """A scenario: stations (id, x, y, slots), rooms (id, x, y, kg), collection truck types
    (type id, garage id, garage x, garage y, count); hook-lift trucks of 10 t containers at G,
    swap 10 min, plant P (tip 15 min, opens 06:00)."""
    garages = {"G": Garage(id="G", x=haul_garage_at[0], y=haul_garage_at[1])}
    fleet = []
    for tid, gid, gx, gy, count in collection:
        garages.setdefault(gid, Garage(id=gid, x=gx, y=gy))
        fleet.append(VehicleType(id=tid, count=count, garage=gid, capacity_kg=30000, shift_start="06:00", shift_end="14:00"))
    return Scenario(
        name="haul-case",
        travel=Travel(model="manhattan", circuity=1.0, speed_kmh=36),
        rooms=[Room(id=rid, x=x, y=y, waste_kg_per_day=kg, service_min=5) for rid, x, y, kg in rooms],
        stations=[
            Station(id=sid, x=x, y=y, capacity_t_per_day=200, open="06:00", close="20:00", unload_min=10, container_slots=slots, swap_min=10)
            for sid, x, y, slots in stations
        ],
        plants=[Plant(id="P", x=plant_at[0], y=plant_at[1], open="06:00", close=plant_close, unload_min=15)],
        garages=list(garages.values()),
        fleet=fleet,
        haul_fleet=[
            HaulTruckType(
                id="H", count=haul_count, garage="G", container_payload_t=10, shift_start=haul_shift[0], shift_end=haul_shift[1],
                fixed_cost=300, cost_per_km=2, cost_per_hour=50, co2_kg_per_km=1.2,
            )
        ],
    )


def collection_route(sc: Scenario, network: TravelNetwork, vehicle: str, start: str, visits: list[tuple[str, str | None]]) -> Route:
    """A valid collection route for ``vehicle`` leaving its garage at ``start``: ``visits`` are
    (place id, start of service "HH:MM" or None = on arrival), rooms and stations; the truck unloads
    everything on board at each station and goes home at the end."""
    vtype = sc.vehicle_ids[vehicle]
    rooms = {r.id: r for r in sc.rooms}
    stations = {s.id: s for s in sc.stations}
    speed = vtype.speed_kmh or sc.travel.speed_kmh
    stops = [Stop(kind="garage", id=vtype.garage, depart=clock_text(hm(start)), load_kg=0)]
    now, place, load, metres = hm(start), vtype.garage, 0.0, 0
    for pid, at in visits:
        d, t = network.leg(place, pid, speed)
        arrive = now + t
        begin = max(arrive, hm(at)) if at else arrive
        assert begin >= arrive, f"{vehicle} cannot be at {pid} by {at}"
        if pid in rooms:
            room = rooms[pid]
            now = begin + round(room.service_min * 60)
            load += room.waste_kg_per_day
            stops.append(Stop(kind="room", id=pid, arrive=clock_text(arrive), depart=clock_text(now), load_kg=load, collected_kg=room.waste_kg_per_day))
        else:
            now = begin + round(stations[pid].unload_min * 60)
            stops.append(Stop(kind="station", id=pid, arrive=clock_text(arrive), depart=clock_text(now), unloaded_kg=load, load_kg=0))
            load = 0.0
        place, metres = pid, metres + d
    d, t = network.leg(place, vtype.garage, speed)
    end = now + t
    stops.append(Stop(kind="garage", id=vtype.garage, arrive=clock_text(end), load_kg=0))
    km, hours = (metres + d) / 1000, (end - hm(start)) / 3600
    cost = vtype.fixed_cost + km * vtype.cost_per_km + hours * vtype.cost_per_hour
    return Route(
        vehicle=vehicle, vehicle_type=vtype.id, garage=vtype.garage, distance_km=round(km, 3), duration_h=round(hours, 4),
        cost=round(cost, 2), stops=stops, unload_trips=sum(s.kind == "station" for s in stops),
    )


def one_station(plant_close: str = "20:00", slots: int = 4) -> tuple[Scenario, list[Route]]:
    """G (0,0) — S1 (6 km east) — P (18 km east). One collection truck (garage at S1) unloads
    6 t at 08:00–08:10, 6 t at 10:00–10:10 and 5 t at 12:00–12:10: container 1 (10 t) is full at
    10:10, container 2 (7 t, split from the second unload) is needed from 10:00 and full at 12:10."""
    sc = scenario(
        stations=[("S1", 6000, 0, slots)],
        rooms=[("R1", 6000, 0, 6000), ("R2", 6000, 0, 6000), ("R3", 6000, 0, 5000)],
        collection=[("c", "GS", 6000, 0, 1)],
        plant_close=plant_close,
    )
    net = TravelNetwork(sc)
    route = collection_route(sc, net, "c-01", "07:50", [("R1", None), ("S1", "08:00"), ("R2", "09:50"), ("S1", "10:00"), ("R3", "11:50"), ("S1", "12:00")])
    return sc, [route]


def storage_case(slots_at_a: int) -> tuple[Scenario, list[Route]]:
    """G (0,0), P (18 km east), B (6 km east of G), A (6 km north of P); manhattan distances.

    B's one container (10 t) is full at 06:40. A fills three 10 t containers, full at 06:50, 07:10
    and 07:40; container 3 is needed from 07:30. With ``slots_at_a`` = 2 container 1 must be swapped
    out by 07:30, which only going to A first allows (B first reaches A at 07:35)."""
    sc = scenario(
        stations=[("A", 18000, 6000, slots_at_a), ("B", 6000, 0, 4)],
        rooms=[("RA1", 18000, 6000, 10000), ("RA2", 18000, 6000, 10000), ("RA3", 18000, 6000, 10000), ("RB", 6000, 0, 10000)],
        collection=[("ca", "GA", 18000, 6000, 1), ("cb", "GB", 6000, 0, 1)],
    )
    net = TravelNetwork(sc)
    a = collection_route(sc, net, "ca-01", "06:30", [("RA1", None), ("A", "06:40"), ("RA2", None), ("A", "07:00"), ("RA3", None), ("A", "07:30")])
    b = collection_route(sc, net, "cb-01", "06:20", [("RB", None), ("B", "06:30")])
    return sc, [a, b]


def three_stations(haul_count: int) -> tuple[Scenario, list[Route]]:
    """S1 (6 km east of G), S2 and S3 (12 km east, 6 km north / south); P 18 km east: every station
    is 20 min from the plant. Each station gets one 10 t container, full at 12:10; the plant closes
    at 13:00. A truck's earliest tip ends 12:55, and the next station is 20 min away: each container
    needs its own truck, three in all."""
    sc = scenario(
        stations=[("S1", 6000, 0, 4), ("S2", 12000, 6000, 4), ("S3", 12000, -6000, 4)],
        rooms=[("R1", 6000, 0, 10000), ("R2", 12000, 6000, 10000), ("R3", 12000, -6000, 10000)],
        collection=[("c", "GC", 12000, 0, 3)],
        haul_count=haul_count,
        plant_close="13:00",
    )
    net = TravelNetwork(sc)
    routes = [
        collection_route(sc, net, f"c-0{k}", "11:30", [(f"R{k}", None), (f"S{k}", "12:00")])
        for k in (1, 2, 3)
    ]
    return sc, routes


def two_tight_stations() -> tuple[Scenario, list[Route]]:
    """A (6 km north of P) and C (6 km south of P), both 24 km from G, each with 2 slots and the
    unloads of :func:`storage_case`'s A: container 1 full at 06:50 must be swapped out by 07:30.
    One truck swaps at A 06:50–07:00 and reaches C only at 07:35: it needs a second truck — or a
    third slot at either station, after which that station's container 1 may wait."""
    sc = scenario(
        stations=[("A", 18000, 6000, 2), ("C", 18000, -6000, 2)],
        rooms=[(f"R{s}{k}", 18000, y, 10000) for s, y in (("A", 6000), ("C", -6000)) for k in (1, 2, 3)],
        collection=[("ca", "GA", 18000, 6000, 1), ("cc", "GC", 18000, -6000, 1)],
    )
    net = TravelNetwork(sc)
    routes = [
        collection_route(sc, net, f"c{s.lower()}-01", "06:30", [(f"R{s}1", None), (s, "06:40"), (f"R{s}2", None), (s, "07:00"), (f"R{s}3", None), (s, "07:30")])
        for s in ("A", "C")
    ]
    return sc, routes
