"""Choose where each trip unloads so that no station takes more than its daily capacity.

The router treats station capacity only through prices; this step makes it exact. Every unload
point of every route (between its last room and the next room, or the garage) may switch to another
open station; a small generalised-assignment model in OR-Tools CP-SAT picks the cheapest switches
that bring every station within capacity, without pushing a truck past its shift.

Cheapest for the whole chain: with a haul, every container a station fills is a hook-lift trip to the
plant (:mod:`wasteopt.solve.haul.price`), so the model counts each station's containers and pays
for them. The router cannot see this step function; here an unload moves to fill a container
instead of starting one when the detour costs less than the trip it saves.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

import numpy as np
from ortools.sat.python import cp_model

from wasteopt.network.travel import TravelNetwork
from wasteopt.solve.clock import cp_solver
from wasteopt.solve.collection.instance import CollectionInstance
from wasteopt.solve.collection.routes import RawRoute, Visit
from wasteopt.solve.collection.schedule import path_ids, time_route
from wasteopt.solve.haul.price import ContainerPrice, container_price

OPTIONS_PER_UNLOAD = 6


@dataclass(frozen=True)
class _Unload:
    route: int
    position: int  # index into the route's visits
    load_kg: int
    route_slack_s: int  # time the route has left before its shift ends
    options: list[tuple[int, int, int]]  # (station, extra cost, extra seconds)


def station_loads(instance: CollectionInstance, routes: list[RawRoute]) -> np.ndarray:
    """Kilograms unloaded at each station by the given routes."""
    loads = np.zeros(len(instance.station_ids), dtype=np.int64)
    for raw in routes:
        carried = 0
        for visit in raw.visits:
            if visit.kind == "room":
                carried += int(instance.waste_kg[visit.index])
            else:
                loads[visit.index] += carried
                carried = 0
    return loads


def assign_stations(
    instance: CollectionInstance, network: TravelNetwork, routes: list[RawRoute], time_limit: float = 5.0
) -> list[RawRoute] | None:
    """Routes with unload stations chosen within capacity, or ``None`` if no choice fits."""
    locked: set[int] = set()
    containers = container_price(instance.scenario, network, instance.station_ids)
    for _ in range(3):
        unloads = _unload_points(instance, network, routes, locked)
        choice = _solve(instance, unloads, time_limit, containers)
        if choice is None:
            return None
        candidate = _apply(routes, unloads, choice)
        broken = {r for r, raw in enumerate(candidate) if raw != routes[r] and not time_route(instance, network, raw).feasible}
        if not broken:
            return candidate
        locked |= broken
    return None


def _unload_points(
    instance: CollectionInstance, network: TravelNetwork, routes: list[RawRoute], locked: set[int]
) -> list[_Unload]:
    stations = instance.station_ids
    unloads: list[_Unload] = []
    for r, raw in enumerate(routes):
        vt = instance.vehicle_types[raw.type_index]
        speed = instance.type_speed(vt)
        path = path_ids(instance, raw)
        timing = time_route(instance, network, raw)
        slack = int(vt.shift_end - timing.arrive[-1])
        own = instance.travel(network, vt)  # its class's roads
        carried = 0
        for position, visit in enumerate(raw.visits):
            if visit.kind == "room":
                carried += int(instance.waste_kg[visit.index])
                continue
            before, after = path[position], path[position + 2]
            to_m = own.distance_m([before], stations)[0]
            from_m = own.distance_m(stations, [after])[:, 0]
            to_s = own.duration_s([before], stations, speed)[0]
            from_s = own.duration_s(stations, [after], speed)[:, 0]
            via_cost = (to_m + from_m) * vt.cost_per_km / 1000 + (to_s + from_s + instance.station_unload_s) * vt.cost_per_hour / 3600
            via_time = to_s + instance.station_unload_s + from_s
            arrival = (timing.end[position - 1] if position > 0 else timing.arrive[0] - to_s[visit.index]) + to_s
            usable = (arrival <= instance.station_close_s) & (via_time - via_time[visit.index] <= slack)
            usable[visit.index] = True
            if r in locked:
                usable[:] = False
                usable[visit.index] = True
            ranked = [s for s in np.argsort(via_cost) if usable[s]][:OPTIONS_PER_UNLOAD]
            if visit.index not in ranked:
                ranked.append(visit.index)
            base_cost, base_time = via_cost[visit.index], via_time[visit.index]
            options = [(int(s), round((via_cost[s] - base_cost) * 100), int(via_time[s] - base_time)) for s in ranked]
            unloads.append(_Unload(r, position, carried, slack, options))
            carried = 0
    return unloads


def _solve(
    instance: CollectionInstance, unloads: list[_Unload], time_limit: float, containers: ContainerPrice | None = None
) -> list[int] | None:
    """Cheapest station per unload point within capacities and shifts (CP-SAT), or None. Costs in
    hundredths of a yuan: the detours, and with ``containers`` the haul trip of every container."""
    model = cp_model.CpModel()
    picks = [{s: model.new_bool_var(f"u{u}s{s}") for s, _, _ in point.options} for u, point in enumerate(unloads)]
    for point_picks in picks:
        model.add_exactly_one(point_picks.values())
    at_station: dict[int, list] = defaultdict(list)
    on_route: dict[int, list] = defaultdict(list)
    slack = {point.route: point.route_slack_s for point in unloads}
    for u, point in enumerate(unloads):
        for s, _, seconds in point.options:
            at_station[s].append(point.load_kg * picks[u][s])
            on_route[point.route].append(seconds * picks[u][s])
    objective = [cost * picks[u][s] for u, point in enumerate(unloads) for s, cost, _ in point.options]
    payload = max(1, int(containers.payload_kg)) if containers is not None else 0  # whole kg, rounded down: never a container short
    for s, terms in at_station.items():
        capacity = int(instance.station_capacity_kg[s])
        model.add(sum(terms) <= capacity)
        if containers is not None:
            count = model.new_int_var(0, capacity // payload + 1, f"c{s}")
            model.add(sum(terms) <= payload * count)
            objective.append(round(float(containers.yuan[s]) * 100) * count)
    for r, extra in on_route.items():
        model.add(sum(extra) <= slack[r])
    model.minimize(sum(objective))
    solver = cp_solver(time_limit)
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return [next(s for s, var in point_picks.items() if solver.value(var)) for point_picks in picks]


def _apply(routes: list[RawRoute], unloads: list[_Unload], choice: list[int]) -> list[RawRoute]:
    visits = [list(raw.visits) for raw in routes]
    for point, station in zip(unloads, choice):
        visits[point.route][point.position] = Visit("station", station)
    return [replace(raw, visits=tuple(v)) for raw, v in zip(routes, visits)]
