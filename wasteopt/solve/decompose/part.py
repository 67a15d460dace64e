"""Solving one part of a decomposed district, in whatever process an executor gives it.

A part is a small scenario of its own: the region's rooms, the stations it has a share of (their
capacity cut to that share), the garages and truck types it has a share of (counts cut likewise).
The task carries ids only and returns ids only, so it pickles small and runs the same in this
process, in a process pool, or on a Dask worker (``Client.get_executor()``). A part may be
warm-started from routes it already has (a pair of regions re-solved together starts from both
regions' routes, so the result is never worse than what it replaces).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from wasteopt.network import network_for
from wasteopt.network.travel import TravelNetwork
from wasteopt.scenario.models import Scenario
from wasteopt.solve.budget import Budget
from wasteopt.solve.clock import reproducible
from wasteopt.solve.collection.instance import CollectionInstance, build_instance
from wasteopt.solve.collection.routes import RawRoute, Visit, drop_empty_unloads
from wasteopt.solve.collection.routing import route_collection
from wasteopt.solve.collection.schedule import route_cost
from wasteopt.solve.decompose.executors import StopFlag
from wasteopt.solve.stations.assign import assign_stations, station_loads
from wasteopt.solve.stations.prices import raise_penalties, station_penalties

ASSIGN_S = 2.0
"""Seconds for a part's station assignment (CP-SAT); it takes hundredths on a region."""

FIRST_SHARE = 0.9
"""Part of a part's time for routing; the rest is kept for re-routing when its station shares do not
fit. Parts see stations' full capacity under price coordination, so the shares nearly always fit at
once and what is kept back here is mostly lost."""

FIT_ROUNDS = 3

IdRoute = tuple[str, tuple[tuple[str, str], ...]]
"""A route by ids: (vehicle type id, ((\"room\"|\"station\", id), ...))."""


@dataclass(frozen=True)
class PartTask:
    """One subproblem: its own small scenario, budget and optional starting routes."""

    scenario: Scenario
    seconds: float | None
    iterations: int | None
    seed: int
    initial: tuple[IdRoute, ...] = ()
    prices_m: dict[str, int] | None = None  # per-visit station penalties set for the whole district
    squeeze: bool = False  # start from the initial routes less the lightest, with no truck beyond the rest
    fleet_cap: tuple[tuple[str, int], ...] | None = None  # trucks per type id, held (a squeeze carried on)
    stop_file: str | None = None  # the part stops searching once this file exists (the user pressed Ctrl-C)


@dataclass(frozen=True)
class PartResult:
    """A subproblem's routes by ids, its unserved rooms and reasons, its cost and each route's (yuan)."""

    routes: tuple[IdRoute, ...]
    unserved: dict[str, str] = field(default_factory=dict)
    cost: float = 0.0
    route_costs: tuple[float, ...] = ()
    excess_kg: int = 0  # unloaded beyond the part's station shares (0 when the shares hold)

    def key(self) -> tuple[int, int, float]:
        """Order of merit: fewer rooms unserved, then less excess at stations, then lower cost."""
        return len(self.unserved), self.excess_kg, self.cost


class _SliceBudget(Budget):
    """A part's budget: search right up to its slot's end; the caller does the finishing."""

    def finishing_reserve(self) -> float:
        return 0.0


def solve_part(task: PartTask) -> PartResult:
    """Route a part (warm-started if it has routes), fit its unloads to its station shares."""
    with reproducible(task.seconds is None):
        return _solve_part(task)


def _solve_part(task: PartTask) -> PartResult:
    started = time.monotonic()
    network = network_for(task.scenario)
    instance = build_instance(task.scenario, network)
    first = None if task.seconds is None else FIRST_SHARE * task.seconds
    prices = None if task.prices_m is None else np.array([task.prices_m[sid] for sid in instance.station_ids], dtype=np.int64)
    budget = _SliceBudget(first, task.iterations, interrupt=StopFlag(task.stop_file))
    initial = _raw_routes(instance, task.initial)
    fleet_cap = None if task.fleet_cap is None else [dict(task.fleet_cap).get(vt.id, 0) for vt in instance.vehicle_types]
    if task.squeeze and len(initial) > 1:
        initial, fleet_cap = _one_truck_fewer(instance, initial)
    raws, unserved = route_collection(instance, network, budget, task.seed, initial=initial or None, penalties=prices, fleet_cap=fleet_cap)
    raws, unserved = _fit_shares(instance, network, raws, unserved, task, started, prices, fleet_cap)
    excess = int(np.clip(station_loads(instance, raws) - instance.station_capacity_kg, 0, None).sum())
    costs = tuple(route_cost(instance, network, raw) for raw in raws)
    return PartResult(tuple(id_route(instance, raw) for raw in raws), {**instance.unserved, **unserved}, round(sum(costs), 2), costs, excess)


def _fit_shares(
    instance: CollectionInstance,
    network: TravelNetwork,
    raws: list[RawRoute],
    unserved: dict[str, str],
    task: PartTask,
    started: float,
    prices: np.ndarray | None,
    fleet_cap: list[int] | None,
) -> tuple[list[RawRoute], dict[str, str]]:
    """Unload stations within the part's shares: exact assignment (CP-SAT); where it finds none, the
    stations over their share are made dearer (``raise_penalties``, the engine's own rule) and the
    routes re-optimised from where they are, a few times. Routes still over are kept as they are and
    the excess reported: the whole district's assignment, with the capacity reserve, settles it
    (shedding rooms here would lose them)."""
    penalties = prices
    for attempt in range(FIT_ROUNDS + 1):
        assigned = assign_stations(instance, network, raws, time_limit=ASSIGN_S) if raws else raws
        if assigned is not None:
            return assigned, unserved
        if attempt == FIT_ROUNDS or StopFlag(task.stop_file).is_set():
            break
        if penalties is None:
            penalties = station_penalties(instance, network)
        penalties = raise_penalties(instance, network, penalties, station_loads(instance, raws))
        seconds = None
        if task.seconds is not None:
            seconds = (task.seconds - (time.monotonic() - started)) / (FIT_ROUNDS - attempt)
            if seconds < 0.5:
                break
        iterations = None if task.iterations is None else max(1, task.iterations // 4)
        budget = _SliceBudget(seconds, iterations, interrupt=StopFlag(task.stop_file))
        raws, unserved = route_collection(instance, network, budget, task.seed + attempt + 1, initial=raws, penalties=penalties,
                                          fleet_cap=fleet_cap)
    return raws, unserved


def _one_truck_fewer(instance: CollectionInstance, routes: list[RawRoute]) -> tuple[list[RawRoute], list[int]]:
    """The routes without the one carrying least waste, and per type no more trucks than remain:
    the search must fit that route's rooms into the others' shifts or leave them out (and lose).
    The route dropped is of a type with others left (the model offers every type one truck)."""
    per_type = np.bincount([raw.type_index for raw in routes], minlength=len(instance.vehicle_types))
    carried = [
        (per_type[raw.type_index] < 2, sum(int(instance.waste_kg[v.index]) for v in raw.visits if v.kind == "room"))
        for raw in routes
    ]
    lightest = min(range(len(routes)), key=carried.__getitem__)
    kept = [raw for k, raw in enumerate(routes) if k != lightest]
    return kept, [sum(1 for raw in kept if raw.type_index == t) for t in range(len(instance.vehicle_types))]


def _raw_routes(instance: CollectionInstance, routes: tuple[IdRoute, ...]) -> list[RawRoute]:
    """Id routes as routes of this instance (rooms it set aside as unservable are dropped)."""
    types = {vt.id: t for t, vt in enumerate(instance.vehicle_types)}
    rooms = {rid: k for k, rid in enumerate(instance.room_ids)}
    stations = {sid: k for k, sid in enumerate(instance.station_ids)}
    out = []
    for type_id, visits in routes:
        raw = [Visit(kind, rooms[pid] if kind == "room" else stations[pid]) for kind, pid in visits if kind == "station" or pid in rooms]
        raw = drop_empty_unloads(raw)
        if raw:
            out.append(RawRoute(types[type_id], tuple(raw)))
    return out


def id_route(instance: CollectionInstance, raw: RawRoute) -> IdRoute:
    """A route of this instance by ids."""
    visits = tuple(
        (v.kind, instance.room_ids[v.index] if v.kind == "room" else instance.station_ids[v.index]) for v in raw.visits
    )
    return instance.vehicle_types[raw.type_index].id, visits


def raw_route(instance: CollectionInstance, route: IdRoute, rooms: dict[str, int], stations: dict[str, int], types: dict[str, int]) -> RawRoute:
    """An id route as a route of ``instance`` (indices looked up in the given tables)."""
    type_id, visits = route
    return RawRoute(types[type_id], tuple(Visit(kind, rooms[pid] if kind == "room" else stations[pid]) for kind, pid in visits))


__all__ = ["PartResult", "PartTask", "id_route", "raw_route", "solve_part"]
