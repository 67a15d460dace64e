"""The one routing round: complete first, then better, then always decoded, timed and repaired.

Both the whole-district path (:mod:`wasteopt.solve.engine`) and every part of a decomposed district
(:mod:`wasteopt.solve.decompose.part`) route through :func:`route_collection`, so there is one set of rules:

1. a *floor*: a complete feasible plan before any search — the construction
   (:mod:`wasteopt.solve.collection.construct`), or the routes the caller starts from with their missing rooms
   re-inserted — so a short budget or a busy machine buys a dearer plan, never an incomplete one;
2. the search (PyVRP), warm-started from the caller's routes if any, else from the floor (locally
   searched first up to :data:`POLISH_UP_TO` rooms), in rounds that are given up early when
   rooms stay out while more trucks could come (then more are offered) or while the floor serves
   them all (then the search goes on from the floor), or stations are overloaded beyond repair;
3. its best solution decoded, re-timed and repaired (:mod:`wasteopt.solve.collection.repair`), and every room
   taken off re-inserted wherever it fits (:mod:`wasteopt.solve.collection.insert`);
4. the better of that and the floor: fewer rooms left out, then lower cost.

Rooms still left out get a reason a manager can act on (:func:`left_out_reasons`).
"""

from __future__ import annotations

import math

import numpy as np

from wasteopt.network.travel import TravelNetwork
from wasteopt.solve.budget import Budget
from wasteopt.solve.collection.construct import construct_routes
from wasteopt.solve.collection.fleet import fleet_estimate
from wasteopt.solve.collection.insert import insert_rooms
from wasteopt.solve.collection.instance import COST_UNITS_PER_YUAN, CollectionInstance
from wasteopt.solve.collection.pyvrp.codec import decode, unplanned_rooms, warm_start
from wasteopt.solve.collection.pyvrp.model import build_model
from wasteopt.solve.collection.pyvrp.search import run_search
from wasteopt.solve.collection.pyvrp.watch import RoundWatch
from wasteopt.solve.collection.repair import repair_routes
from wasteopt.solve.collection.routes import RawRoute
from wasteopt.solve.collection.schedule import route_cost
from wasteopt.solve.collection.workday import limits_reached
from wasteopt.solve.stations.assign import station_loads
from wasteopt.solve.stations.prices import raise_penalties, station_penalties
from wasteopt.solve.stop import search_stop

MAX_ROUNDS = 4
"""Search rounds at most: later rounds start from the earlier one's routes with more trucks or
dearer overloaded stations."""
POLISH_UP_TO = 1500
"""Rooms up to which the search starts from the floor after a full local search of it (Zhangdian,
60 s: about as cheap as PyVRP's own random start, whose first local search at 940 rooms takes ~5 s
and cannot be interrupted, against ~1.7 s from the floor; without the local search the plans were
dearer). Above, that local search alone outlasts short budgets (~16 s at 3,000 rooms), so the
search starts from the floor as it is."""
NO_STATION_CAPACITY = "station capacity: every station it could unload at is full ({stations})"
TIME_RAN_OUT = "not fitted in the time given: a longer --time-limit (or more --iterations) may serve it"


def route_collection(
    instance: CollectionInstance,
    network: TravelNetwork,
    budget: Budget,
    seed: int,
    *,
    initial: list[RawRoute] | None = None,
    penalties: np.ndarray | None = None,
    fleet_cap: list[int] | None = None,
) -> tuple[list[RawRoute], dict[str, str]]:
    """Feasible routes for the instance's rooms and, for each room left out, why.

    ``initial`` routes warm-start the search; ``penalties`` are per-visit station prices (metres;
    default: this instance's own); ``fleet_cap`` holds the trucks per type (rooms that do not fit
    stay out rather than bring a truck back; default: an estimate, raised when rooms stay out)."""
    if not instance.room_ids:
        return [], {}
    new_trucks = fleet_cap is None
    floor = _floor(instance, network, initial, new_trucks)
    if budget.interrupted():  # the user is waiting: no search, the complete floor is the answer
        return floor[0], left_out_reasons(instance, network, *floor)
    penalties = station_penalties(instance, network) if penalties is None else penalties
    warm = floor[0] if initial is None else initial
    polish = initial is None and len(instance.room_ids) <= POLISH_UP_TO
    cap = _offer(instance, network, warm or [], fleet_cap)
    for round_ in range(MAX_ROUNDS):
        model = build_model(instance, network, penalties, cap)
        can_grow = fleet_cap is None and any(c < vt.count for c, vt in zip(cap, instance.vehicle_types))
        fall_back = fleet_cap is None and not floor[1] and warm is not floor[0]
        watcher = RoundWatch(instance, network, model, can_grow, fall_back)
        stop, give_up = search_stop(
            budget, budget.search_deadline(budget.finishing_reserve()), COST_UNITS_PER_YUAN,
            hopeless=watcher.hopeless if round_ < MAX_ROUNDS - 1 else None,
        )
        result = run_search(model.data, stop, seed, callbacks=watcher, initial=warm_start(model, warm) if warm else None, polish=polish)
        if give_up is None or not give_up.abandoned:
            break
        if watcher.reason == "floor":  # the search keeps missing rooms the floor serves: go on from the floor
            warm, polish = floor[0], False
            cap = _offer(instance, network, warm, fleet_cap)
            continue
        warm, polish = decode(model, result.best), False
        if watcher.reason == "fleet":
            cap = [min(vt.count, 2 * c) for c, vt in zip(cap, instance.vehicle_types)]
        else:
            penalties = raise_penalties(instance, network, penalties, station_loads(instance, warm))
    searched = finish_routes(instance, network, decode(model, result.best), unplanned_rooms(result.best), new_trucks)
    routes, left = better_plan(instance, network, searched, floor)
    return routes, left_out_reasons(instance, network, routes, left)


def finish_routes(
    instance: CollectionInstance, network: TravelNetwork, routes: list[RawRoute], left_out: list[int], new_trucks: bool = True
) -> tuple[list[RawRoute], list[int]]:
    """Routes made feasible (repair), with every room they lost or never had put back where it fits
    (on the routes given only, without ``new_trucks``)."""
    repaired, dropped = repair_routes(instance, network, routes)
    return insert_rooms(instance, network, repaired, list(left_out) + dropped, new_trucks)


def _floor(
    instance: CollectionInstance, network: TravelNetwork, initial: list[RawRoute] | None, new_trucks: bool
) -> tuple[list[RawRoute], list[int]]:
    """The plan the search may only improve on: the caller's routes completed, or a construction."""
    if initial is not None:
        served = {v.index for raw in initial for v in raw.visits if v.kind == "room"}
        missing = [k for k in range(len(instance.room_ids)) if k not in served]
        return finish_routes(instance, network, initial, missing, new_trucks)
    return construction(instance, network)


def construction(instance: CollectionInstance, network: TravelNetwork) -> tuple[list[RawRoute], list[int]]:
    """The whole fleet's greedy construction of every room (it keeps every rule, station capacity
    included; where it sees breaks or km limits only approximately, its routes are checked by the
    exact timing and repaired): the floor, and the fallback when later steps lose rooms."""
    routes, left = construct_routes(instance, network, list(range(len(instance.room_ids))), [vt.count for vt in instance.vehicle_types])
    if any(vt.breaks or vt.max_km_per_day is not None for vt in instance.vehicle_types):
        return finish_routes(instance, network, routes, left)
    return routes, left


def _offer(
    instance: CollectionInstance, network: TravelNetwork, start: list[RawRoute], fleet_cap: list[int] | None
) -> list[int]:
    """Trucks offered to the router per type: the cap as it is (a type held at none is left out), or
    an estimate with room for the starting routes and at least one truck of every type."""
    if fleet_cap is not None:
        return [min(vt.count, c) for c, vt in zip(fleet_cap, instance.vehicle_types)]
    cap = fleet_estimate(instance, network)
    used = np.bincount([raw.type_index for raw in start], minlength=len(cap))
    return [max(1, min(vt.count, max(c, int(u)))) for c, u, vt in zip(cap, used, instance.vehicle_types)]


def better_plan(
    instance: CollectionInstance, network: TravelNetwork, *options: tuple[list[RawRoute], list[int]]
) -> tuple[list[RawRoute], list[int]]:
    """The option (routes, rooms left out) that leaves fewest rooms out, then costs least."""
    return min(options, key=lambda option: (len(option[1]), sum(route_cost(instance, network, raw) for raw in option[0])))


def left_out_reasons(
    instance: CollectionInstance, network: TravelNetwork, routes: list[RawRoute], left: list[int]
) -> dict[str, str]:
    """Why each room left out could not be placed: the fleet is too small (how many more trucks of
    which type), the stations it could use are full (which), or the search ran out of time — and
    which daily limits the trucks in use have reached, if any."""
    if not left:
        return {}
    used = np.bincount([raw.type_index for raw in routes], minlength=len(instance.vehicle_types))
    types = instance.vehicle_types
    free = instance.station_capacity_kg - station_loads(instance, routes)
    reasons: dict[str, str] = {}
    short = [k for k in left if not any(used[t] < vt.count and vt.vehicle_class <= instance.max_class[k] for t, vt in enumerate(types))]
    if short:
        reasons.update(_fleet_short(instance, routes, short))
    for k in left:
        if instance.room_ids[k] in reasons:
            continue
        if np.all(free < instance.waste_kg[k]):
            full = ", ".join(instance.station_ids[s] for s in np.argsort(free)[:3])
            reasons[instance.room_ids[k]] = NO_STATION_CAPACITY.format(stations=full)
        else:
            reasons[instance.room_ids[k]] = TIME_RAN_OUT
    binding = binding_limits(instance, routes, left)
    return {rid: f"{why}; {binding}" if binding else why for rid, why in reasons.items()}


def binding_limits(instance: CollectionInstance, routes: list[RawRoute], left: list[int]) -> str:
    """Which daily limits hold the trucks in use back, e.g. ``daily limits reached: max_trips on 3 of
    4 trucks`` (empty when none does); a room of ``left`` (or, with none left, any room) would not fit."""
    smallest = float(instance.waste_kg[left or slice(None)].min()) if instance.room_ids else 0.0
    counts: dict[str, int] = {}
    for raw in routes:
        kinds = [v.kind for v in raw.visits]
        collected = float(sum(instance.waste_kg[v.index] for v in raw.visits if v.kind == "room"))
        for name in limits_reached(instance.vehicle_types[raw.type_index], kinds, collected, smallest):
            counts[name] = counts.get(name, 0) + 1
    if not counts:
        return ""
    each = ", ".join(f"{name} on {n} of {len(routes)} trucks" for name, n in sorted(counts.items()))
    return f"daily limits reached: {each} (higher limits or more trucks would serve more)"


def _fleet_short(instance: CollectionInstance, routes: list[RawRoute], rooms: list[int]) -> dict[str, str]:
    """'Fleet too small' with an estimate of the trucks missing, from the rooms a truck serves today."""
    types = instance.vehicle_types
    served = sum(1 for raw in routes for v in raw.visits if v.kind == "room")
    more = max(1, math.ceil(len(rooms) / max(served / max(len(routes), 1), 1.0)))
    allowed = [t for t, vt in enumerate(types) if all(vt.vehicle_class <= instance.max_class[k] for k in rooms)]
    counts = np.bincount([raw.type_index for raw in routes], minlength=len(types))
    fleet = sum(vt.count for vt in types)
    if len(allowed) == len(types):
        busy = f"all {fleet} trucks are in use" if fleet > 1 else "the only truck is in use"
    else:
        busy = "every truck small enough for their lanes is in use (" + ", ".join(types[t].id for t in allowed) + ")"
    example = types[max(allowed or range(len(types)), key=lambda t: counts[t])].id
    rooms_text = f"{len(rooms)} room{'s' if len(rooms) > 1 else ''}"
    text = f"fleet too small: {busy}; about {more} more truck{'s' if more > 1 else ''} (e.g. {example}) would serve the {rooms_text} left (or longer shifts)"
    return {instance.room_ids[k]: text for k in rooms}
