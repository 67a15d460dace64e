"""Our engine against OR-Tools routing modelled the way a capable user would, same budget, same machine.

The OR-Tools model follows its own reload sample (``cvrp_reload``): every station appears as several
optional copies (a disjunction with no penalty); a ``load`` dimension adds each room's waste and
takes a truckload off at a station copy, whose slack lets the truck empty itself; the load must be
zero back at the garage (unload before going home). A ``time`` dimension per vehicle speed carries
travel, service and unload times, shifts and time windows; vehicle classes are kept off narrow-lane
rooms; costs are per-vehicle km, per-hour span and fixed costs. Rooms may be dropped at a penalty
far above any route (so infeasibility is a result). First solution PARALLEL_CHEAPEST_INSERTION (the
only one that works on this model, as measured before), then GUIDED_LOCAL_SEARCH. Station daily
capacity is not modelled (OR-Tools has no natural way to bound what all routes unload at a node set);
the validator checks it on the result. The OR-Tools time limit is its own search limit; its model
building is timed too and shown.

Both plans are checked by the same validator (collection only: the baseline has no haul schedule).

    python benchmarks/vs_ortools.py --limits 10 30 60
"""

from __future__ import annotations

import argparse
import math
import time

import numpy as np
from ortools.constraint_solver import pywrapcp, routing_enums_pb2

from _common import load_note, table, validated, zhangdian
from wasteopt.network import network_for
from wasteopt.plan.models import Plan
from wasteopt.solve.collection.instance import build_instance
from wasteopt.solve.collection.routes import RawRoute, Visit, drop_empty_unloads
from wasteopt.solve.collection.schedule import name_vehicles
from wasteopt.solve.engine import solve
from wasteopt.solve.kpis import collection_kpis

COST_PER_YUAN = 1000  # OR-Tools integer cost unit: 0.001 yuan
DROPPABLE = True  # rooms may be dropped at a high penalty (else: no first solution may be found)


def ortools_plan(scenario, limit: float) -> tuple[Plan, float]:
    """OR-Tools' plan for the scenario within ``limit`` seconds of search (and the build time)."""
    started = time.monotonic()
    network = network_for(scenario)
    inst = build_instance(scenario, network)
    g, n, s = len(inst.garage_ids), len(inst.room_ids), len(inst.station_ids)
    payload = max(vt.capacity_kg for vt in inst.vehicle_types)
    trips = math.ceil(inst.waste_kg.sum() / min(vt.capacity_kg for vt in inst.vehicle_types))
    copies = max(3, math.ceil(2 * trips / s) + 1)
    station_of = [k for k in range(s) for _ in range(copies)]
    ids = inst.garage_ids + inst.room_ids + [inst.station_ids[k] for k in station_of]
    metres = network.distance_m(ids, ids)
    size = len(ids)
    vehicles = [(t, vt) for t, vt in enumerate(inst.vehicle_types) for _ in range(vt.count)]
    garage_node = {gid: k for k, gid in enumerate(inst.garage_ids)}
    starts = [garage_node[vt.garage] for _, vt in vehicles]
    manager = pywrapcp.RoutingIndexManager(size, len(vehicles), starts, starts)
    routing = pywrapcp.RoutingModel(manager)

    def node_kind(node: int) -> tuple[str, int]:
        if node < g:
            return "garage", node
        if node < g + n:
            return "room", node - g
        return "station", station_of[node - g - n]

    service = np.zeros(size, dtype=np.int64)
    service[g : g + n] = inst.service_s
    service[g + n :] = inst.station_unload_s[station_of]
    # costs: one evaluator per (cost/km) and one time transit per speed
    arc_cb: dict[float, int] = {}
    time_cb: dict[float, int] = {}
    for v, (t, vt) in enumerate(vehicles):
        if vt.cost_per_km not in arc_cb:
            scaled = (metres * vt.cost_per_km).astype(np.int64).tolist()
            arc_cb[vt.cost_per_km] = routing.RegisterTransitMatrix(scaled)  # evaluated in C++
        speed = inst.type_speed(vt)
        if speed not in time_cb:
            secs = (np.rint(metres / (speed / 3.6)).astype(np.int64) + service[:, None]).tolist()
            time_cb[speed] = routing.RegisterTransitMatrix(secs)
        routing.SetArcCostEvaluatorOfVehicle(arc_cb[vt.cost_per_km], v)
        routing.SetFixedCostOfVehicle(int(vt.fixed_cost * COST_PER_YUAN), v)
    load = np.zeros(size, dtype=np.int64)
    load[g : g + n] = inst.waste_kg
    load[g + n :] = -int(payload)
    load_cb = routing.RegisterUnaryTransitVector(load.tolist())
    routing.AddDimensionWithVehicleCapacity(load_cb, int(payload), [int(vt.capacity_kg) for _, vt in vehicles], True, "load")
    load_dim = routing.GetDimensionOrDie("load")
    routing.AddDimensionWithVehicleTransits([time_cb[inst.type_speed(vt)] for _, vt in vehicles], 4 * 3600, 48 * 3600, False, "time")
    time_dim = routing.GetDimensionOrDie("time")
    for v, (t, vt) in enumerate(vehicles):
        load_dim.CumulVar(routing.End(v)).SetValue(0)  # unload before going home
        time_dim.CumulVar(routing.Start(v)).SetRange(vt.shift_start, vt.shift_end)
        time_dim.CumulVar(routing.End(v)).SetRange(vt.shift_start, vt.shift_end)
        time_dim.SetSpanCostCoefficientForVehicle(max(0, round(vt.cost_per_hour * COST_PER_YUAN / 3600)), v)
        routing.AddVariableMinimizedByFinalizer(time_dim.CumulVar(routing.End(v)))
        routing.AddVariableMaximizedByFinalizer(time_dim.CumulVar(routing.Start(v)))
    drop = int(1e5 * COST_PER_YUAN)
    for k in range(n):
        index = manager.NodeToIndex(g + k)
        load_dim.SlackVar(index).SetValue(0)
        if DROPPABLE:
            routing.AddDisjunction([index], drop)
        time_dim.CumulVar(index).SetRange(int(inst.tw_open_s[k]), int(inst.tw_close_s[k]))
        banned = [v for v, (_, vt) in enumerate(vehicles) if vt.vehicle_class > inst.max_class[k]]
        if banned:
            routing.VehicleVar(index).RemoveValues(banned)
    for c in range(len(station_of)):
        index = manager.NodeToIndex(g + n + c)
        routing.AddDisjunction([index], 0)
        k = station_of[c]
        time_dim.CumulVar(index).SetRange(int(inst.station_open_s[k]), int(inst.station_close_s[k]))
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PARALLEL_CHEAPEST_INSERTION
    params.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    params.time_limit.FromMilliseconds(int(limit * 1000))
    build_s = time.monotonic() - started
    solution = routing.SolveWithParameters(params)
    raws, served = [], set()
    if solution is not None:
        for v, (t, vt) in enumerate(vehicles):
            index = routing.Start(v)
            visits = []
            while not routing.IsEnd(index):
                kind, k = node_kind(manager.IndexToNode(index))
                if kind == "room":
                    visits.append(Visit("room", k))
                    served.add(k)
                elif kind == "station":
                    visits.append(Visit("station", k))
                index = solution.Value(routing.NextVar(index))
            visits = drop_empty_unloads(visits)
            if visits:
                raws.append(RawRoute(t, tuple(visits)))
    from wasteopt.plan.models import Unserved

    routes = name_vehicles(inst, network, raws)
    unserved = [Unserved(id=inst.room_ids[k], reason="dropped by OR-Tools") for k in range(n) if k not in served]
    unserved += [Unserved(id=rid, reason=why) for rid, why in inst.unserved.items()]
    plan = Plan(scenario=scenario.name, routes=routes, unserved=unserved)
    return plan.model_copy(update={"kpis": collection_kpis(plan)}), build_s


def collection_only(scenario):
    """The scenario without the haul echelon, to validate a collection-only plan."""
    return scenario.model_copy(update={"haul_fleet": [], "plants": []})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limits", type=float, nargs="+", default=[10, 30, 60])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    scenario, source = zhangdian()
    print(f"# vs OR-Tools on {source} — {load_note()}")
    rows = []
    for limit in args.limits:
        start = time.monotonic()
        ours = solve(scenario, time_limit=limit, seed=args.seed)
        our_wall = time.monotonic() - start
        start = time.monotonic()
        theirs, build_s = ortools_plan(scenario, limit)
        their_wall = time.monotonic() - start
        a, b = ours.kpis["collection_cost"], theirs.kpis["collection_cost"]
        rows.append([
            f"{limit:.0f}", f"{a:.0f}", f"{ours.kpis['distance_km']:.1f}", ours.kpis["vehicles_used"], len(ours.unserved),
            f"{our_wall:.1f}", validated(scenario, ours),
            f"{b:.0f}", f"{theirs.kpis['distance_km']:.1f}", theirs.kpis["vehicles_used"], len(theirs.unserved),
            f"{their_wall:.1f} ({build_s:.1f} build)", validated(collection_only(scenario), theirs), f"{a / b:.3f}" if b else "-",
        ])
    print(table(
        ["limit s", "ours: cost", "km", "trucks", "unserved", "wall s", "valid",
         "OR-Tools: cost", "km", "trucks", "unserved", "wall s", "valid", "ours / OR-Tools"],
        rows,
    ))
    print(f"# after: {load_note()}")


if __name__ == "__main__":
    main()
