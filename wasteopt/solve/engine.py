"""The planning engine: scenario in, plan out (collection routes, unload trips, haul, KPIs, bound).

Stages: servable rooms → routing (:mod:`wasteopt.solve.collection.routing`, the same round on the whole district
or per region: construction, search, repair) → exact station assignment within capacity → every
room still out put back where it fits (:mod:`wasteopt.solve.collection.insert`), or, if rooms are
still out, the whole-district construction when it serves more → the lightest trucks taken off
while the others take their rooms at no extra cost (:mod:`wasteopt.solve.collection.fleet_trim`) → timed routes → haul schedule →
KPIs and lower bound → the validator's check of the finished plan (``solver.violations``; empty
unless the engine has a bug). Re-planning from an earlier plan (``SolveOptions.start_from``), its
routes, repaired, start the routing and name the trucks (:mod:`wasteopt.solve.previous`); the trucks
of ``SolveOptions.keep_trucks`` keep their routes and only the rest is routed (:mod:`wasteopt.solve.kept`). Engines
never print and never touch files; the CLI does that.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from importlib.metadata import version

from wasteopt.network import network_for
from wasteopt.network.travel import TravelNetwork
from wasteopt.plan.models import Diagnostic, Plan, Unserved
from wasteopt.plan.summary import with_bound_ratio
from wasteopt.plan.validate import validate
from wasteopt.scenario.models import Scenario
from wasteopt.solve.budget import Budget, finishing_limit
from wasteopt.solve.clock import is_reproducible, reproducible
from wasteopt.solve.collection.fleet_trim import trim_fleet
from wasteopt.solve.collection.insert import insert_rooms
from wasteopt.solve.collection.instance import CollectionInstance, build_instance, served_only
from wasteopt.solve.collection.lower_bound import collection_lower_bound
from wasteopt.solve.collection.routes import RawRoute
from wasteopt.solve.collection.routing import (
    better_plan,
    binding_limits,
    construction,
    left_out_reasons,
    route_collection,
)
from wasteopt.solve.collection.schedule import name_vehicles
from wasteopt.solve.decompose.coordinate import DECOMPOSE_ABOVE, route_decomposed
from wasteopt.solve.decompose.executors import worker_count
from wasteopt.solve.decompose.part import id_route, raw_route
from wasteopt.solve.haul.schedule import schedule_haul
from wasteopt.solve.kept import kept_routes, remainder, without_trucks
from wasteopt.solve.kpis import chain_kpis, collection_kpis
from wasteopt.solve.options import SolveOptions
from wasteopt.solve.previous import kept_from, name_like, starting_routes, steadier
from wasteopt.solve.stations.shed import enforce_station_capacity

DEFAULT_TIME_LIMIT = 30.0
SHARE_CORES = True
SHARE_CORES_FROM_S = 20.0
SHARE_CORES_FROM_ROOMS = 200
"""Below the decomposition threshold, districts of this many rooms under time limits of this many
seconds are searched on every core (:func:`wasteopt.solve.decompose.coordinate.route_decomposed`
with one region: independent searches first, then the best re-solved with a new seed beside a try
with one truck fewer). Shorter limits and smaller districts stay in this process: starting the
worker processes would eat a short budget, and one search settles a small district in seconds.
``SHARE_CORES = False`` turns it off (``benchmarks/cores.py`` compares both ways)."""
TREE_BOUND_FROM_S = 120.0
"""Time limits from which the plan's lower bound includes the Lagrangean tree bound."""


def solve(
    scenario: Scenario,
    *,
    time_limit: float | None = None,
    iterations: int | None = None,
    seed: int = 0,
    options: SolveOptions = SolveOptions(),
) -> Plan:
    """Plan the day for a scenario: collection routes with their unloads, station loads, the haul to
    the plant, KPIs and a lower bound, checked by the validator (``plan.solver["violations"]`` is
    empty unless the engine has a bug).

    ``time_limit`` (seconds on the wall clock, start to plan) and/or ``iterations`` bound the
    search; with neither, 30 s. The same seed and iterations give the same plan on any number of
    cores. ``options``: where it runs, progress, interrupt and internals (:class:`SolveOptions`)."""
    if time_limit is None and iterations is None:
        time_limit = DEFAULT_TIME_LIMIT
    budget = Budget(time_limit, iterations, options.interrupt, options.progress)
    if options.started is not None:
        budget.started = options.started
    with reproducible(time_limit is None):
        return _plan(scenario, options.network or network_for(scenario), budget, seed, options)


def _plan(scenario: Scenario, network: TravelNetwork, budget: Budget, seed: int, options: SolveOptions) -> Plan:
    """Route, fit station capacity, place what is left, time, haul, check."""
    instance = build_instance(scenario, network)
    phases = {"prepare_s": budget.elapsed()}
    initial = starting_routes(instance, options.start_from) or None if options.start_from is not None else None
    kept = kept_routes(instance, network, options.start_from, options.keep_trucks) if options.start_from is not None else {}
    if kept:
        raws, unserved, decomposed = _route_around(instance, network, budget, seed, options, kept)
    else:
        raws, unserved, decomposed = _route(instance, network, budget, seed, options, initial)
    if initial is not None and options.start_from is not None:
        raws, unserved = steadier(instance, network, (raws, unserved), initial, options.start_from, options.stability)
    phases["route_s"] = budget.elapsed() - sum(phases.values())
    raws, shed = enforce_station_capacity(instance, network, raws, budget)
    index = {rid: k for k, rid in enumerate(instance.room_ids)}
    retry = [index[rid] for rid in unserved if rid in index]  # a part's screened-out rooms are the district's too
    raws, left = insert_rooms(instance, network, raws, retry + shed)
    if left:  # regions, or fitting station capacity, lost rooms: the construction may serve them all
        raws, left = better_plan(instance, network, (raws, left), construction(instance, network))
    routed_trucks = len(raws)
    if not left and _may_trim(options):
        raws = _trim_around(instance, network, raws, kept.values(), budget) if kept else trim_fleet(instance, network, raws, go_on=_time_to_trim(budget))
    unserved = {**instance.unserved, **left_out_reasons(instance, network, raws, left)}
    routes = name_vehicles(instance, network, raws) if options.start_from is None else name_like(instance, network, raws, options.start_from)
    phases["assign_s"] = budget.elapsed() - sum(phases.values())
    plan = Plan(
        scenario=scenario.name,
        routes=routes,
        diagnostics=_limit_notes(instance, raws, left),
        unserved=[Unserved(id=rid, reason=why) for rid, why in sorted(unserved.items())],
        lower_bound=collection_lower_bound(served_only(instance, network, left), network, tree=_thorough_bound(budget)),
        solver={
            "engine": f"pyvrp {version('pyvrp')}",
            "seed": seed,
            "time_limit_s": budget.time_limit,
            "iterations": budget.iterations,
            "interrupted": budget.interrupted(),
            "decomposed": decomposed,
            "trucks_trimmed": routed_trucks - len(raws),
        },
    )
    if options.start_from is not None:
        plan = kept_from(plan, options.start_from, options.stability)
    plan = with_bound_ratio(attach_haul(scenario, network, plan, budget))
    phases["haul_s"] = budget.elapsed() - sum(phases.values())
    plan.solver["violations"] = [str(v) for v in validate(scenario, plan, network)]
    phases["check_s"] = budget.elapsed() - sum(phases.values())
    plan.solver["phases"] = {name: round(seconds, 2) for name, seconds in phases.items()}
    plan.solver["elapsed_s"] = round(budget.elapsed(), 2)
    return plan


def _route(instance: CollectionInstance, network: TravelNetwork, budget: Budget, seed: int, options: SolveOptions,
           initial: list[RawRoute] | None) -> tuple[list[RawRoute], dict[str, str], bool]:
    """Routes for the instance, by regions above the decomposition threshold (an earlier plan's
    routes start the search, each region its part of them): routes, rooms left out, whether by regions."""
    decomposed = len(instance.room_ids) > (DECOMPOSE_ABOVE if options.decompose_above is None else options.decompose_above)
    if decomposed:
        return (*route_decomposed(instance, network, budget, seed, options.executor, initial=initial), True)
    if _share_cores(instance, budget, options):  # one region, searched on every core
        return (*route_decomposed(instance, network, budget, seed, options.executor, len(instance.room_ids), initial), False)
    return (*route_collection(instance, network, budget, seed, initial=initial), False)


def _share_cores(instance: CollectionInstance, budget: Budget, options: SolveOptions) -> bool:
    """Whether a district below the decomposition threshold is searched on several cores at once
    (:data:`SHARE_CORES_FROM_ROOMS`): under a time limit (iteration budgets stay on one search, so
    the plan does not depend on the cores) and with more than one worker to run them."""
    return (SHARE_CORES and len(instance.room_ids) >= SHARE_CORES_FROM_ROOMS
            and budget.time_limit is not None and budget.time_limit >= SHARE_CORES_FROM_S
            and not is_reproducible() and worker_count(options.executor) > 1)


def _route_around(instance: CollectionInstance, network: TravelNetwork, budget: Budget, seed: int, options: SolveOptions,
                  kept: dict[str, RawRoute]) -> tuple[list[RawRoute], dict[str, str], bool]:
    """The kept trucks' routes as they were, and the rest of the district routed around them
    (:mod:`wasteopt.solve.kept`), starting from the earlier plan's other routes."""
    assert options.start_from is not None
    rest = build_instance(remainder(instance, list(kept.values())), network)
    if not rest.room_ids:
        return list(kept.values()), dict(rest.unserved), False
    start = starting_routes(rest, without_trucks(options.start_from, kept)) or None
    raws, unserved, decomposed = _route(rest, network, budget, seed, options, start)
    return [*kept.values(), *_moved(rest, instance, raws)], {**rest.unserved, **unserved}, decomposed


def _trim_around(instance: CollectionInstance, network: TravelNetwork, raws: list[RawRoute], kept: Collection[RawRoute],
                 budget: Budget) -> list[RawRoute]:
    """The fleet trim among the trucks a re-plan moved (and any it added to fit station capacity),
    against what the kept routes, as they finally are, leave: the kept ones stay as they are."""
    untouched = {(raw.type_index, raw.visits) for raw in kept}
    fixed = [raw for raw in raws if (raw.type_index, raw.visits) in untouched]
    # unscreened: the other routes may serve a room only a kept truck's type could reach in the rest
    rest = build_instance(remainder(instance, fixed), network, screen=False)
    trimmed = trim_fleet(rest, network, _moved(instance, rest, [raw for raw in raws if raw not in fixed]),
                         go_on=_time_to_trim(budget))
    return [*fixed, *_moved(rest, instance, trimmed)]


def _moved(source: CollectionInstance, target: CollectionInstance, raws: list[RawRoute]) -> list[RawRoute]:
    """Routes of one instance as routes of another holding their rooms, stations and types."""
    rooms = {rid: k for k, rid in enumerate(target.room_ids)}
    stations = {sid: k for k, sid in enumerate(target.station_ids)}
    types = {vt.id: t for t, vt in enumerate(target.vehicle_types)}
    return [raw_route(target, id_route(source, raw), rooms, stations, types) for raw in raws]


def _may_trim(options: SolveOptions) -> bool:
    """Whether the plan's routes go through the fleet trim: not when crews are held to yesterday's
    routes (a stability weight), where a truck fewer reshuffles every route it leaves."""
    return options.start_from is None or options.stability == 0


def _time_to_trim(budget: Budget) -> Callable[[], bool]:
    """The trim goes on while the user waits no longer and half the finishing reserve is left."""
    return lambda: not budget.interrupted() and budget.remaining() > budget.finishing_reserve() / 2


def _thorough_bound(budget: Budget) -> bool:
    """Whether the budget leaves time for the Lagrangean tree bound (about a second per 1,000 rooms):
    runs counted in iterations, and time limits from :data:`TREE_BOUND_FROM_S` on (shorter ones keep
    their finishing reserve for the station assignment and the haul)."""
    return budget.time_limit is None or budget.time_limit >= TREE_BOUND_FROM_S


def _limit_notes(instance: CollectionInstance, raws: list[RawRoute], left: list[int]) -> list[Diagnostic]:
    """A note naming the daily limits the trucks have reached (a warning when rooms are left)."""
    binding = binding_limits(instance, raws, left)
    if not binding:
        return []
    level = "warning" if left else "info"
    return [Diagnostic(level=level, code="daily-limits", message=binding, fix="raise the limits or add trucks" if left else None)]


def attach_haul(scenario: Scenario, network: TravelNetwork, plan: Plan, budget: Budget) -> Plan:
    """Add the station-to-plant haul and the whole-chain KPIs to a collection plan."""
    kpis = collection_kpis(plan)
    if scenario.haul_fleet and plan.routes:
        limit = finishing_limit(budget, 10.0, 1)
        haul = schedule_haul(scenario, plan.routes, network.for_haul(), time_limit=limit)
        plan = plan.model_copy(update={"haul": haul.trips, "diagnostics": plan.diagnostics + haul.diagnostics})
        kpis = {**kpis, **chain_kpis(scenario, plan)}
    elif plan.routes:
        plan.diagnostics.append(
            Diagnostic(level="info", code="no-haul-fleet", message="the scenario has no haul fleet: the plan ends at the stations")
        )
    return plan.model_copy(update={"kpis": kpis})
