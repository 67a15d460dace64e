"""Re-planning from an earlier plan: its routes as the search's start, trucks named as before.

Crews know their routes, and a what-if variant should differ from its base only where the change
forces it. So a previous plan (yesterday's, or the base of a study) is turned into starting routes
for the engine (:func:`starting_routes`): each truck keeps its rooms in their order; what the
scenario no longer allows is taken out and put back wherever it fits —

- the rooms of every trip that unloaded at a station no longer in use (closed), with that unload;
- the routes of trucks beyond a type's new count (the trucks with the least waste go), and of types
  the scenario no longer has;
- rooms the scenario no longer has, or sets aside as unservable, are dropped;

then the routing repairs and completes them like any other start (its floor,
:func:`wasteopt.solve.collection.routing.finish_routes`), so the start is a feasible plan.

After the search, :func:`steadier` keeps the start instead of the searched routes unless the search
saves more than ``stability`` yuan per room it moves to another truck, and :func:`name_like` gives
each route the truck id of the previous route it shares most rooms with (an assignment by overlap),
so "changed truck" means what a crew would see. :func:`rooms_changed_truck` counts them.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from scipy.optimize import linear_sum_assignment

from wasteopt.network.travel import TravelNetwork
from wasteopt.plan.models import Diagnostic, Plan, Route
from wasteopt.solve.collection.instance import CollectionInstance
from wasteopt.solve.collection.routes import RawRoute, Visit, drop_empty_unloads
from wasteopt.solve.collection.routing import finish_routes, left_out_reasons
from wasteopt.solve.collection.schedule import build_route, route_cost

Routed = tuple[list[RawRoute], dict[str, str]]
"""Routes and the rooms left out with their reasons, as the routing steps return them."""


def starting_routes(instance: CollectionInstance, previous: Plan) -> list[RawRoute]:
    """The previous plan's routes made fit for this instance (see the module docstring). The routing
    repairs and completes them (its floor); :func:`completed` does the same here."""
    rooms = {rid: k for k, rid in enumerate(instance.room_ids)}
    stations = {sid: k for k, sid in enumerate(instance.station_ids)}
    types = {vt.id: t for t, vt in enumerate(instance.vehicle_types)}
    by_type: dict[int, list[tuple[int, RawRoute]]] = defaultdict(list)
    for route in sorted(previous.routes, key=lambda r: r.vehicle):
        if route.vehicle_type not in types:
            continue
        raw = _kept_visits(route, rooms, stations)
        if raw:
            t = types[route.vehicle_type]
            kg = int(sum(instance.waste_kg[v.index] for v in raw if v.kind == "room"))
            by_type[t].append((kg, RawRoute(t, tuple(raw))))
    kept: list[RawRoute] = []
    for t, routes in sorted(by_type.items()):
        count = instance.vehicle_types[t].count
        heaviest = sorted(range(len(routes)), key=lambda k: -routes[k][0])[:count]
        kept += [routes[k][1] for k in sorted(heaviest)]
    return kept


def completed(instance: CollectionInstance, network: TravelNetwork, start: list[RawRoute]) -> tuple[list[RawRoute], list[int]]:
    """Starting routes repaired, with every room they lack put back where it fits: the routes and the
    rooms that fit nowhere (what the routing's floor is for the same start)."""
    served = {v.index for raw in start for v in raw.visits if v.kind == "room"}
    return finish_routes(instance, network, start, [k for k in range(len(instance.room_ids)) if k not in served])


def _kept_visits(route: Route, rooms: dict[str, int], stations: dict[str, int]) -> list[Visit]:
    """A previous route's visits this instance can keep: a trip unloading at a station not in use
    loses its rooms with its unload; rooms the instance lacks are dropped."""
    kept: list[Visit] = []
    trip: list[Visit] = []
    for stop in route.stops:
        if stop.kind == "room" and stop.id in rooms:
            trip.append(Visit("room", rooms[stop.id]))
        elif stop.kind == "station":
            if stop.id in stations:
                kept += [*trip, Visit("station", stations[stop.id])]
            trip = []
    return drop_empty_unloads(kept)  # rooms after the last unload (none in a valid plan) are left out


def previous_trucks(previous: Plan) -> dict[str, str]:
    """Room id → the truck that served it in the previous plan."""
    return {stop.id: route.vehicle for route in previous.routes for stop in route.stops if stop.kind == "room"}


def truck_ids(instance: CollectionInstance, raws: list[RawRoute], previous: Plan) -> list[str]:
    """A truck id for each route: per type, the previous plan's trucks matched to the routes so that
    as many rooms as possible stay on their truck; the other routes get the type's unused ids in order."""
    before = previous_trucks(previous)
    names: list[str] = [""] * len(raws)
    for t, vt in enumerate(instance.vehicle_types):
        mine = [k for k, raw in enumerate(raws) if raw.type_index == t]
        ids = vt.vehicle_ids()
        if not mine:
            continue
        overlap = np.zeros((len(mine), len(ids)), dtype=np.int64)
        column = {vid: j for j, vid in enumerate(ids)}
        for row, k in enumerate(mine):
            for v in raws[k].visits:
                j = column.get(before.get(instance.room_ids[v.index], "")) if v.kind == "room" else None
                if j is not None:
                    overlap[row, j] += 1
        rows, cols = linear_sum_assignment(-overlap)
        taken = dict(zip(rows.tolist(), cols.tolist()))
        free = iter(j for j in range(len(ids)) if j not in set(taken.values()))
        for row, k in enumerate(mine):
            names[k] = ids[taken[row] if row in taken else next(free)]
    return names


def changed_truck(instance: CollectionInstance, raws: list[RawRoute], previous: Plan) -> int:
    """Rooms served by both plans that are on another truck now (trucks named by :func:`truck_ids`)."""
    before = previous_trucks(previous)
    names = truck_ids(instance, raws, previous)
    return sum(
        1
        for raw, name in zip(raws, names)
        for v in raw.visits
        if v.kind == "room" and instance.room_ids[v.index] in before and before[instance.room_ids[v.index]] != name
    )


def steadier(instance: CollectionInstance, network: TravelNetwork, searched: Routed, start_routes: list[RawRoute],
             previous: Plan, stability: float) -> Routed:
    """The searched routes, or the (completed) start where the search does not save more than
    ``stability`` yuan per room it moves to another truck (fewer rooms left out always wins).
    ``stability`` 0: the searched routes (never dearer than the start: the search keeps the better)."""
    if stability <= 0:
        return searched
    start = completed(instance, network, start_routes)
    start_reasons = left_out_reasons(instance, network, *start)
    servable = set(instance.room_ids)

    def score(routes: list[RawRoute], left: int) -> tuple[int, float]:
        cost = sum(route_cost(instance, network, raw) for raw in routes)
        return left, cost + stability * changed_truck(instance, routes, previous)

    searched_left = sum(1 for rid in searched[1] if rid in servable)  # not the rooms set aside as unservable
    if score(start[0], len(start[1])) <= score(searched[0], searched_left):
        return start[0], start_reasons
    return searched


def name_like(instance: CollectionInstance, network: TravelNetwork, raws: list[RawRoute], previous: Plan) -> list[Route]:
    """Timed plan routes, each truck named after the previous route it shares most rooms with."""
    names = truck_ids(instance, raws, previous)
    routes = [build_route(instance, network, raw, name) for raw, name in zip(raws, names)]
    return sorted(routes, key=lambda r: r.vehicle)


def rooms_changed(previous: Plan, routes: list[Route]) -> dict[str, int]:
    """How the plan's routes keep the previous plan: rooms on the same truck, on another truck, new
    (not served before), and rooms the previous plan served that this one does not."""
    before = previous_trucks(previous)
    now = {stop.id: route.vehicle for route in routes for stop in route.stops if stop.kind == "room"}
    same = sum(1 for rid, truck in now.items() if before.get(rid) == truck)
    moved = sum(1 for rid, truck in now.items() if rid in before and before[rid] != truck)
    return {"same_truck": same, "changed_truck": moved, "new": len(set(now) - set(before)),
            "dropped": len(set(before) - set(now))}


def kept_from(plan: Plan, previous: Plan, stability: float) -> Plan:
    """The plan with how it keeps the previous one: ``solver["from"]`` (the counts of
    :func:`rooms_changed` and the stability weight) and an info diagnostic ``rooms-changed-truck``."""
    counts = rooms_changed(previous, plan.routes)
    served = counts["same_truck"] + counts["changed_truck"]
    message = (f"{counts['changed_truck']} of {served} rooms served by both plans changed truck against the previous plan "
               f"({counts['new']} rooms new, {counts['dropped']} no longer served, stability {stability:g} yuan per room moved)")
    note = Diagnostic(level="info", code="rooms-changed-truck", message=message)
    solver = {**plan.solver, "from": {"scenario": previous.scenario, "stability": stability, **counts}}
    return plan.model_copy(update={"solver": solver, "diagnostics": [*plan.diagnostics, note]})
