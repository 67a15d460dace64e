"""Exhaustive optimum of tiny collection problems, for checking bounds and the engine's plans.

Every room to one truck, every order of a truck's rooms, every way to cut that order into trips and
every station for each unload (trucks only where their class may go; within the stations' capacities: checked per route, so with several
trucks the capacities must not bind). Times are ignored (tests that use this give shifts long enough and no
windows), so the optimum found here is a true optimum of the full problem too. Costs follow the
plan's definition: fixed cost per truck used + km × cost/km + duty hours × cost/h, where duty hours
are travel, service and unloading (a truck without windows never waits).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache

from wasteopt.network import network_for
from wasteopt.scenario.models import Scenario


@dataclass(frozen=True)
class Optimum:
    """Least total distance and least total cost over all plans (not necessarily the same plan)."""

    distance_km: float
    cost: float


def optimum(scenario: Scenario) -> Optimum:
    """Exhaustive optimum: one vehicle per vehicle type (tests give each type count 1)."""
    network = network_for(scenario)
    rooms = [r.id for r in scenario.rooms]
    stations = [s.id for s in scenario.active_stations]
    places = rooms + stations + [g.id for g in scenario.garages]
    metres = network.distance_m(places, places)
    index = {pid: k for k, pid in enumerate(places)}
    waste = {r.id: r.waste_kg_per_day for r in scenario.rooms}
    service = {r.id: r.service_min * 60 for r in scenario.rooms}
    unload = {s.id: s.unload_min * 60 for s in scenario.active_stations}
    types = [vt for vt in scenario.fleet if vt.count > 0]
    assert all(vt.count == 1 for vt in types), "the enumerator gives each type one truck"
    capacity = {s.id: s.capacity_t_per_day * 1000 for s in scenario.active_stations}
    total = sum(waste.values())
    assert len(types) == 1 or total <= min(capacity.values()), "station capacity is checked per route only"

    def d(a: str, b: str) -> int:
        return int(metres[index[a], index[b]])

    max_class = {r.id: r.max_vehicle_class or 10**6 for r in scenario.rooms}

    @lru_cache(maxsize=None)
    def best_route(t: int, subset: frozenset) -> tuple[float, float]:
        """(metres, cost) of the best route of truck type t over exactly these rooms (inf if none fits)."""
        vt = types[t]
        speed = (vt.speed_kmh or scenario.travel.speed_kmh) / 3.6
        if not subset:
            return 0.0, 0.0
        if any(max_class[r] < vt.vehicle_class for r in subset):
            return float("inf"), float("inf")
        best_m, best_c = float("inf"), float("inf")
        for order in itertools.permutations(sorted(subset)):
            for cuts in itertools.product((False, True), repeat=len(order) - 1):
                trips, trip = [], [order[0]]
                for room, cut in zip(order[1:], cuts):
                    if cut:
                        trips.append(trip)
                        trip = []
                    trip.append(room)
                trips.append(trip)
                if any(sum(waste[r] for r in trip) > vt.capacity_kg for trip in trips):
                    continue
                for chosen in itertools.product(stations, repeat=len(trips)):
                    unloaded = {sid: 0.0 for sid in stations}
                    for trip, station in zip(trips, chosen):
                        unloaded[station] += sum(waste[r] for r in trip)
                    if any(kg > capacity[sid] for sid, kg in unloaded.items()):
                        continue
                    path = [vt.garage]
                    for trip, station in zip(trips, chosen):
                        path += trip + [station]
                    path.append(vt.garage)
                    legs = [d(a, b) for a, b in zip(path, path[1:])]
                    seconds = sum(round(m / speed) for m in legs)
                    seconds += sum(service[r] for r in order) + sum(unload[s] for s in chosen)
                    m = sum(legs)
                    cost = vt.fixed_cost + m / 1000 * vt.cost_per_km + seconds / 3600 * vt.cost_per_hour
                    best_m, best_c = min(best_m, m), min(best_c, cost)
        return best_m, best_c

    best_m, best_c = float("inf"), float("inf")
    for owner in itertools.product(range(len(types)), repeat=len(rooms)):
        parts = [frozenset(r for r, o in zip(rooms, owner) if o == t) for t in range(len(types))]
        routes = [best_route(t, part) for t, part in enumerate(parts)]
        best_m = min(best_m, sum(m for m, _ in routes))
        best_c = min(best_c, sum(c for _, c in routes))
    return Optimum(distance_km=best_m / 1000, cost=best_c)
