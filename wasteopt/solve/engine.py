"""The planning engine: scenario in, plan out (collection routes, unload trips, haul, KPIs, bound).

Stages: servable rooms → station capacity prices → routing (PyVRP) → exact station assignment
within capacity → timed routes → haul schedule → KPIs and lower bound. Engines never print and never
touch files; the CLI does that.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from concurrent.futures import Executor
from importlib.metadata import version

import pyvrp

from wasteopt.network import network_for
from wasteopt.network.travel import TravelNetwork
from wasteopt.plan.models import Diagnostic, Plan, Route, Unserved
from wasteopt.scenario.models import Scenario
from wasteopt.solve.budget import Budget, ProgressCallback, SearchStop
from wasteopt.solve.decompose import DECOMPOSE_ABOVE, route_decomposed
from wasteopt.solve.fleet import fleet_estimate
from wasteopt.solve.instance import COST_UNITS_PER_YUAN, CollectionInstance, build_instance
from wasteopt.solve.lower_bound import collection_lower_bound
from wasteopt.solve.pyvrp_model import RawRoute, build_model, decode, drop_empty_unloads, unplanned_rooms
from wasteopt.solve.pyvrp_search import run_search, warm_start
from wasteopt.solve.repair import repair_routes
from wasteopt.solve.schedule import build_route
from wasteopt.solve.station_assign import assign_stations, station_loads
from wasteopt.solve.station_prices import raise_penalties, station_penalties

DEFAULT_TIME_LIMIT = 30.0
MAX_ROUNDS = 4
"""Search rounds at most: later rounds start from the earlier one's routes with more trucks or
dearer overloaded stations."""
CAPACITY_CHECKPOINTS = (0.3, 0.6, 0.85)
"""Fractions of a round's budget at which its best routes are checked against station capacity."""
WRITE_RESERVE_S = 1.0
"""Seconds of a time limit kept for writing the plan after the haul is scheduled."""
FLEET_SHORT = "no room left in the fleet's shifts (more trucks or longer shifts needed)"
NO_STATION_CAPACITY = "no station capacity left within reach"


def solve(
    scenario: Scenario,
    *,
    time_limit: float | None = None,
    iterations: int | None = None,
    seed: int = 0,
    executor: Executor | None = None,
    progress: ProgressCallback | None = None,
    interrupt: threading.Event | None = None,
    network: TravelNetwork | None = None,
    started: float | None = None,
    decompose_above: int | None = None,
) -> Plan:
    """Plan the day. ``time_limit`` (s, wall clock, start to plan) and/or ``iterations`` bound the
    search; with neither, 30 s. Same seed and iterations give the same plan. ``interrupt`` (set on
    Ctrl-C) stops the search early and the best plan so far is returned. ``started`` (a
    ``time.monotonic()`` reading) lets a caller count its own preparation against the time limit.
    Above ``decompose_above`` servable rooms (default :data:`wasteopt.solve.decompose.DECOMPOSE_ABOVE`) the district is solved
    by regions in parallel on ``executor`` (default: a process pool on all cores)."""
    if time_limit is None and iterations is None:
        time_limit = DEFAULT_TIME_LIMIT
    budget = Budget(time_limit, iterations, interrupt, progress)
    if started is not None:
        budget.started = started  # the caller's clock: e.g. the CLI counts loading the scenario too
    network = network or network_for(scenario)
    instance = build_instance(scenario, network)
    phases = {"prepare_s": budget.elapsed()}
    decomposed = len(instance.room_ids) > (DECOMPOSE_ABOVE if decompose_above is None else decompose_above)
    if decomposed:
        raws, unserved = route_decomposed(instance, network, budget, seed, executor)
    else:
        raws, unserved = route_collection(instance, network, budget, seed)
    phases["route_s"] = budget.elapsed() - sum(phases.values())
    raws, shed = enforce_station_capacity(instance, network, raws, budget)
    unserved.update(shed)
    routes = name_vehicles(instance, network, raws)
    phases["assign_s"] = budget.elapsed() - sum(phases.values())
    plan = Plan(
        scenario=scenario.name,
        routes=routes,
        unserved=[Unserved(id=rid, reason=why) for rid, why in sorted({**instance.unserved, **unserved}.items())],
        lower_bound=collection_lower_bound(instance, network),
        solver={
            "engine": f"pyvrp {version('pyvrp')}",
            "seed": seed,
            "time_limit_s": time_limit,
            "iterations": iterations,
            "interrupted": budget.interrupted(),
            "decomposed": decomposed,
        },
    )
    plan = attach_haul(scenario, network, plan, budget)
    phases["haul_s"] = budget.elapsed() - sum(phases.values())
    plan.solver["phases"] = {name: round(seconds, 2) for name, seconds in phases.items()}
    plan.solver["elapsed_s"] = round(budget.elapsed(), 2)
    return plan


def route_collection(
    instance: CollectionInstance, network: TravelNetwork, budget: Budget, seed: int
) -> tuple[list[RawRoute], dict[str, str]]:
    """Collection routes for the servable rooms, and the rooms the fleet could not fit in.

    A round of search is given up early (and the next one warm-started from its best routes) when,
    from 30 % of the way in, rooms are still missing while more trucks could be offered, or (checked
    at 30, 60 and 85 %) the routes overload a station so that no choice of unload stations fits:
    then more trucks are offered, or the overloaded stations are priced higher."""
    if not instance.room_ids:
        return [], {}
    penalties = station_penalties(instance, network)
    cap = fleet_estimate(instance, network)
    warm: list[RawRoute] | None = None
    for round_ in range(MAX_ROUNDS):
        model = build_model(instance, network, penalties, cap)
        can_grow = any(c < vt.count for c, vt in zip(cap, instance.vehicle_types))
        watcher = _RoundWatch(instance, network, model, can_grow)
        stop = SearchStop(
            budget,
            budget.search_deadline(budget.finishing_reserve()),
            budget.iterations,
            COST_UNITS_PER_YUAN,
            abandon=watcher.hopeless if round_ < MAX_ROUNDS - 1 else None,
        )
        initial = warm_start(model, warm) if warm else None
        result = run_search(model.data, stop, seed, callbacks=watcher, initial=initial)
        if not stop.abandoned:
            break
        warm = decode(model, result.best)
        if watcher.reason == "fleet":
            cap = [min(vt.count, 2 * c) for c, vt in zip(cap, instance.vehicle_types)]
        else:
            penalties = raise_penalties(instance, network, penalties, station_loads(instance, warm))
    raws, dropped = repair_routes(instance, network, decode(model, result.best))
    left_out = unplanned_rooms(result.best) + dropped
    return raws, {instance.room_ids[k]: FLEET_SHORT for k in left_out}


class _RoundWatch(pyvrp.IteratedLocalSearchCallbacks):
    """Follows a round's best solution and says when the round is not worth finishing."""

    def __init__(self, instance: CollectionInstance, network: TravelNetwork, model, can_grow: bool) -> None:
        self._instance, self._network, self._model = instance, network, model
        self._can_grow = can_grow
        self._checkpoints = list(CAPACITY_CHECKPOINTS)
        self.best: pyvrp.Solution | None = None
        self.reason = ""

    def on_start(self, ils: pyvrp.IteratedLocalSearch) -> None:
        self.best = ils.initial_solution

    def on_best(self, best: pyvrp.Solution) -> None:
        self.best = best

    def hopeless(self, done: float) -> bool:
        """Rooms missing though more trucks could come, or (checked at a few points of the round)
        stations overloaded beyond repair."""
        if self.best is None:
            return False
        if self._can_grow and self.best.num_missing_clients() > 0:
            self.reason = "fleet"
            return True
        if not self._checkpoints or done < self._checkpoints[0] or not self.best.is_feasible():
            return False
        while self._checkpoints and done >= self._checkpoints[0]:
            self._checkpoints.pop(0)
        raws = decode(self._model, self.best)
        over = station_loads(self._instance, raws) > self._instance.station_capacity_kg
        if over.any() and assign_stations(self._instance, self._network, raws, time_limit=2.0) is None:
            self.reason = "capacity"
            return True
        return False


def enforce_station_capacity(
    instance: CollectionInstance, network: TravelNetwork, raws: list[RawRoute], budget: Budget
) -> tuple[list[RawRoute], dict[str, str]]:
    """Routes whose unloads fit every station's daily capacity; rooms shed if no assignment fits."""
    limit = max(1.0, min(5.0, budget.remaining() / 2)) if budget.time_limit else 5.0
    assigned = assign_stations(instance, network, raws, time_limit=limit)
    if assigned is not None:
        return assigned, {}
    return shed_overload(instance, raws)


def shed_overload(instance: CollectionInstance, raws: list[RawRoute]) -> tuple[list[RawRoute], dict[str, str]]:
    """Drop the last rooms of trips into overloaded stations until every station fits."""
    over = station_loads(instance, raws) - instance.station_capacity_kg
    visits = [list(raw.visits) for raw in raws]
    shed: dict[str, str] = {}
    for r in range(len(visits) - 1, -1, -1):
        k = len(visits[r]) - 1
        while k >= 0:
            visit = visits[r][k]
            if visit.kind == "station" and over[visit.index] > 0:
                j = k - 1
                while j >= 0 and visits[r][j].kind == "room" and over[visit.index] > 0:
                    room = visits[r].pop(j)
                    over[visit.index] -= instance.waste_kg[room.index]
                    shed[instance.room_ids[room.index]] = NO_STATION_CAPACITY
                    k -= 1
                    j -= 1
            k -= 1
    kept = [RawRoute(raw.type_index, tuple(drop_empty_unloads(v))) for raw, v in zip(raws, visits)]
    return [raw for raw in kept if raw.visits], shed


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


def attach_haul(scenario: Scenario, network: TravelNetwork, plan: Plan, budget: Budget) -> Plan:
    """Add the station-to-plant haul and the whole-chain KPIs to a collection plan."""
    kpis = collection_kpis(plan)
    if scenario.haul_fleet and plan.routes:
        from wasteopt.solve.chain_kpis import chain_kpis
        from wasteopt.solve.haul import schedule_haul

        limit = max(1.0, min(10.0, budget.remaining() - WRITE_RESERVE_S)) if budget.time_limit else 10.0
        haul = schedule_haul(scenario, plan.routes, network, time_limit=limit)
        plan = plan.model_copy(update={"haul": haul.trips, "diagnostics": plan.diagnostics + haul.diagnostics})
        kpis = {**kpis, **chain_kpis(scenario, plan)}
    elif plan.routes:
        plan.diagnostics.append(
            Diagnostic(level="info", code="no-haul-fleet", message="the scenario has no haul fleet: the plan ends at the stations")
        )
    return plan.model_copy(update={"kpis": kpis})


def collection_kpis(plan: Plan) -> dict:
    """Fleet-level figures of the collection echelon."""
    loads: dict[str, float] = defaultdict(float)
    for route in plan.routes:
        for stop in route.stops:
            if stop.kind == "station":
                loads[stop.id] += stop.unloaded_kg or 0.0
    return {
        "distance_km": round(sum(r.distance_km for r in plan.routes), 3),
        "vehicles_used": len(plan.routes),
        "vehicle_hours": round(sum(r.duration_h for r in plan.routes), 3),
        "unload_trips": sum(r.unload_trips for r in plan.routes),
        "cost": round(sum(r.cost for r in plan.routes), 2),
        "collection_cost": round(sum(r.cost for r in plan.routes), 2),
        "rooms_served": sum(1 for r in plan.routes for s in r.stops if s.kind == "room"),
        "rooms_unserved": len(plan.unserved),
        "station_load_kg": {sid: round(kg, 3) for sid, kg in sorted(loads.items())},
    }

