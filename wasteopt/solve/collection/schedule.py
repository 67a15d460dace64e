"""Turn a visit sequence into a timed route of the plan: arrivals, departures, loads, km, cost.

The engine's own timing (the validator recomputes independently). A truck leaves its garage as late
as it can without breaking a time window or its shift, so that it does not wait idle at a room (the
driver's paid hours are a cost). :func:`name_vehicles` times the day's routes and numbers the trucks
of each type.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from wasteopt.network.travel import TravelNetwork
from wasteopt.plan.models import Route, Stop, clock_text
from wasteopt.solve.collection.instance import CollectionInstance
from wasteopt.solve.collection.routes import RawRoute


@dataclass(frozen=True)
class Timing:
    """Arrival and service start/end of every stop after the garage, and the return time."""

    arrive: np.ndarray
    start: np.ndarray
    end: np.ndarray
    feasible: bool


def path_ids(instance: CollectionInstance, raw: RawRoute) -> list[str]:
    """Garage, visited places, garage: the ids of a route's path."""
    garage = instance.vehicle_types[raw.type_index].garage
    inner = [instance.room_ids[v.index] if v.kind == "room" else instance.station_ids[v.index] for v in raw.visits]
    return [garage, *inner, garage]


def time_route(instance: CollectionInstance, network: TravelNetwork, raw: RawRoute) -> Timing:
    """Earliest-feasible timing with the latest useful departure from the garage."""
    vt = instance.vehicle_types[raw.type_index]
    legs = network.legs_s(path_ids(instance, raw), instance.type_speed(vt))
    opens, closes, service = _windows(instance, raw)
    depart = vt.shift_start
    for _ in range(len(raw.visits) + 1):
        timing = _propagate(depart, legs, opens, closes, service, vt.shift_end)
        waits = timing.start[:-1] - timing.arrive[:-1]
        waiting = np.flatnonzero(waits > 0)
        if not timing.feasible or waiting.size == 0:
            return timing
        first = waiting[0]
        room_to_spare = int((closes[: first + 1] - timing.start[: first + 1]).min())
        delay = min(int(waits[first]), room_to_spare)
        if delay <= 0:
            return timing
        depart += delay
    return timing


def _windows(instance: CollectionInstance, raw: RawRoute) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Opening, closing and service time of each visit, plus the garage at the end."""
    vt = instance.vehicle_types[raw.type_index]
    opens, closes, service = [], [], []
    for v in raw.visits:
        if v.kind == "room":
            opens.append(instance.tw_open_s[v.index])
            closes.append(instance.tw_close_s[v.index])
            service.append(instance.service_s[v.index])
        else:
            opens.append(instance.station_open_s[v.index])
            closes.append(instance.station_close_s[v.index])
            service.append(instance.station_unload_s[v.index])
    opens.append(0)
    closes.append(vt.shift_end)
    service.append(0)
    return np.array(opens, dtype=np.int64), np.array(closes, dtype=np.int64), np.array(service, dtype=np.int64)


def _propagate(
    depart: int, legs: np.ndarray, opens: np.ndarray, closes: np.ndarray, service: np.ndarray, shift_end: int
) -> Timing:
    arrive = np.zeros(len(legs), dtype=np.int64)
    start = np.zeros(len(legs), dtype=np.int64)
    end = np.zeros(len(legs), dtype=np.int64)
    clock = depart
    feasible = True
    for k, leg in enumerate(legs):
        arrive[k] = clock + leg
        start[k] = max(arrive[k], opens[k])
        feasible &= bool(start[k] <= closes[k])
        end[k] = start[k] + service[k]
        clock = end[k]
    feasible &= bool(end[-1] <= shift_end)
    return Timing(arrive, start, end, feasible)


def build_route(instance: CollectionInstance, network: TravelNetwork, raw: RawRoute, vehicle_id: str) -> Route:
    """The plan's route for one truck: stops with times and loads, km, hours and cost."""
    vt = instance.vehicle_types[raw.type_index]
    path = path_ids(instance, raw)
    timing = time_route(instance, network, raw)
    depart = int(timing.arrive[0] - network.legs_s(path[:2], instance.type_speed(vt))[0])
    stops = [Stop(kind="garage", id=vt.garage, depart=clock_text(depart), load_kg=0)]
    load = 0.0
    rooms = instance.rooms_by_id
    for k, visit in enumerate(raw.visits):
        times = {"arrive": clock_text(timing.arrive[k]), "depart": clock_text(timing.end[k])}
        if visit.kind == "room":
            kg = rooms[path[k + 1]].waste_kg_per_day
            load += kg
            stops.append(Stop(kind="room", id=path[k + 1], load_kg=round(load, 3), collected_kg=kg, **times))
        else:
            stops.append(Stop(kind="station", id=path[k + 1], unloaded_kg=round(load, 3), load_kg=0, **times))
            load = 0.0
    back = int(timing.arrive[-1])
    stops.append(Stop(kind="garage", id=vt.garage, arrive=clock_text(back), load_kg=0))
    km = int(network.legs_m(path).sum()) / 1000
    hours = (back - depart) / 3600
    return Route(
        vehicle=vehicle_id,
        vehicle_type=vt.id,
        garage=vt.garage,
        distance_km=round(km, 3),
        duration_h=round(hours, 4),
        cost=round(vt.fixed_cost + km * vt.cost_per_km + hours * vt.cost_per_hour, 2),
        stops=stops,
        unload_trips=sum(1 for v in raw.visits if v.kind == "station"),
        co2_kg=round(km * vt.co2_kg_per_km, 2),
    )


def route_cost(instance: CollectionInstance, network: TravelNetwork, raw: RawRoute) -> float:
    """What a route costs a day (yuan): the truck, its km and its hours, as the plan states them."""
    return build_route(instance, network, raw, "").cost


def name_vehicles(instance: CollectionInstance, network: TravelNetwork, raws: list[RawRoute]) -> list[Route]:
    """Timed plan routes, trucks of each type numbered in order of their route's first room id."""
    by_type: dict[int, list[RawRoute]] = defaultdict(list)
    for raw in raws:
        by_type[raw.type_index].append(raw)
    routes: list[Route] = []
    for t, group in sorted(by_type.items()):
        ids = instance.vehicle_types[t].vehicle_ids()
        group.sort(key=lambda raw: instance.room_ids[raw.visits[0].index])
        routes += [build_route(instance, network, raw, vid) for raw, vid in zip(group, ids)]
    return routes
