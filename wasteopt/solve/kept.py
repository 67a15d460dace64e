"""Re-planning part of an earlier plan: some trucks keep their routes exactly, the rest are re-routed.

A change near one station (a closure, an opening) should move the routes near it and leave the
rest of the district alone: crews keep their routes, and a what-if variant then differs from its base
only in the part it re-plans, not by the search's luck on the far side of the district. The
trucks to keep are the caller's choice (``SolveOptions.keep_trucks``; the what-if study picks them
with :func:`wasteopt.solve.focus.trucks_to_keep`).

The kept routes are taken as they are, provided this scenario still allows every stop of them; the
rest of the district becomes a scenario of its own (:func:`remainder`): the rooms the kept routes do
not serve, every station's capacity less what the kept routes unload there, each truck type's count
less its kept trucks. The engine routes it like any district and puts the kept routes back.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np

from wasteopt.network.travel import TravelNetwork
from wasteopt.plan.models import Plan
from wasteopt.scenario.models import Scenario
from wasteopt.solve.collection.instance import CollectionInstance
from wasteopt.solve.collection.repair import with_unloads
from wasteopt.solve.collection.routes import RawRoute, Visit
from wasteopt.solve.collection.schedule import time_route
from wasteopt.solve.stations.assign import station_loads


def kept_routes(instance: CollectionInstance, network: TravelNetwork, previous: Plan, keep: Collection[str]) -> dict[str, RawRoute]:
    """The earlier plan's routes of the trucks in ``keep``, unchanged — those this instance still
    allows whole: every room servable, every station in use, the type still in the fleet, and every
    rule of the day kept (loads, hours, limits); the others are re-routed with the rest. By truck id."""
    table = {"room": {rid: k for k, rid in enumerate(instance.room_ids)},
             "station": {sid: k for k, sid in enumerate(instance.station_ids)}}
    types = {vt.id: t for t, vt in enumerate(instance.vehicle_types)}
    left = {vt.id: vt.count for vt in instance.vehicle_types}
    kept: dict[str, RawRoute] = {}
    for route in sorted(previous.routes, key=lambda r: r.vehicle):
        if route.vehicle not in keep or left.get(route.vehicle_type, 0) < 1:
            continue
        if not all(stop.id in table[stop.kind] for stop in route.stops if stop.kind in table):
            continue
        raw = RawRoute(types[route.vehicle_type],
                       tuple(Visit(stop.kind, table[stop.kind][stop.id]) for stop in route.stops if stop.kind in table))
        if with_unloads(instance, network, raw) == raw and time_route(instance, network, raw).feasible:
            kept[route.vehicle] = raw
            left[route.vehicle_type] -= 1
    return kept


def remainder(instance: CollectionInstance, kept: list[RawRoute]) -> Scenario:
    """The scenario of what the kept routes leave: their rooms out, station capacity and truck counts
    less what they use. The haul and the variants are not part of it (the engine plans the haul on
    the whole plan)."""
    scenario = instance.scenario
    served = {instance.room_ids[v.index] for raw in kept for v in raw.visits if v.kind == "room"}
    loads = dict(zip(instance.station_ids, station_loads(instance, kept).tolist()))
    used = np.bincount([raw.type_index for raw in kept], minlength=len(instance.vehicle_types))
    trucks = {vt.id: vt.count - int(n) for vt, n in zip(instance.vehicle_types, used)}
    stations = [s.model_copy(update={"capacity_t_per_day": max(0, s.capacity_t_per_day * 1000 - loads[s.id]) / 1000})
                if s.id in loads else s for s in scenario.stations]
    return scenario.model_copy(update={
        "rooms": [room for room in scenario.rooms if room.id not in served],
        "stations": stations,
        "fleet": [vt.model_copy(update={"count": trucks[vt.id]}) if vt.id in trucks else vt for vt in scenario.fleet],
        "plants": [],
        "haul_fleet": [],
        "variants": {},
    })


def without_trucks(previous: Plan, kept: Collection[str]) -> Plan:
    """The earlier plan less the kept trucks' routes (the start of the remainder's search)."""
    return previous.model_copy(update={"routes": [r for r in previous.routes if r.vehicle not in kept]})
