"""Large districts: split into regions, route them in parallel, then improve across their borders.

Above :data:`DECOMPOSE_ABOVE` rooms one PyVRP model of the whole district is too slow to start
(its initial construction alone outlasts a user's time limit) and its dense matrices too big. So:

1. :func:`wasteopt.solve.decompose.regions.split_regions` cuts the rooms into compact regions of about
   :data:`REGION_SIZE` rooms, each with a share of every station's capacity and of every truck
   type's count (shares sum to the real limits at most, so the parts together stay feasible);
2. every region is routed as a small scenario of its own (:func:`wasteopt.solve.decompose.part.solve_part`)
   through a ``concurrent.futures`` executor — a process pool on all cores unless the caller passes
   one (a Dask client's ``get_executor()`` works the same);
3. while time is left, pairs of neighbouring regions are re-solved together, warm-started from their
   current routes and with their shares pooled; an improvement is kept and the pair's routes are
   dealt back to the two regions by where they run, so rooms, trucks and capacity move across the
   border; when there are fewer pairs than workers (two regions have one pair), the
   idle workers re-solve the same pair with its lightest route taken out and no truck to replace
   it, which is how a truck is saved — most of the run-to-run spread was ±1 truck;
4. the caller then enforces station capacity and names vehicles over the whole district.

The same machinery searches a district below the threshold on every core as one region (the
engine's shared search): independent searches first, then rounds that restart every worker from
the best plan, one of them with a truck fewer.

Only per-region matrices are ever built; the whole district is seen through per-room vectors.
"""

from __future__ import annotations

import math
import os
import tempfile
from collections import Counter, defaultdict
from concurrent.futures import Executor, wait

import numpy as np
from scipy.spatial import cKDTree

from wasteopt.network.travel import TravelNetwork
from wasteopt.scenario.models import Scenario
from wasteopt.solve.budget import Budget
from wasteopt.solve.clock import is_reproducible
from wasteopt.solve.collection.instance import CollectionInstance
from wasteopt.solve.collection.routes import RawRoute
from wasteopt.solve.decompose.executors import executor_or_default, stop_file_for, worker_count
from wasteopt.solve.decompose.part import IdRoute, PartResult, PartTask, raw_route, solve_part
from wasteopt.solve.decompose.regions import Region, planar_km, reserved_capacity, split_regions
from wasteopt.solve.stations.prices import raise_penalties, transport

PROGRESS_EVERY_S = 0.5
INTERRUPT_GRACE_S = 0.5
"""After an interrupt, parts that have not answered within this are solved here instead: a part that
sees the stop at once returns its complete starting plan in a fraction of a second, while a worker
process may still be starting up (importing the solvers takes seconds)."""
STOP_POLL_S = 0.1
"""How often the main process looks for the user's interrupt while parts run."""

DECOMPOSE_ABOVE = 1200
"""Instances with more servable rooms than this are solved by regions (two regions' worth, see
:data:`REGION_SIZE`). Below it the whole district is one search, on every core under a time limit
(the engine's shared search), which wins where regions would be only two: measured at 60 s on 2
cores, Zhangdian (940 rooms, seeds 0–4) costs a median 10,927 yuan (collection, d8a330a) against
11,291 by regions (30772f0), while a generated 1,500-room district (seeds 1–3) cost 17,616 shared
against 17,203 by regions (measured before the rounds' 3 s floor, MIN_ROUND_S)."""

REGION_SIZE = 600
"""Rooms per region: large enough for good routes, small enough for PyVRP to start in a second."""

FIRST_PASS_SHARE = 0.6
"""Part of the search time given to routing every region once; the rest improves borders."""

ALONE_FIRST_SHARE = 0.4
ALONE_ROUND_FACTOR = 0.5
"""A district of one region searched on every core: independent searches for this share of the
time, then rounds of this part of their length, each restarting every worker from the best plan so
far (one of them with one truck fewer), so a truck saved early is built on for the rest of the time."""

MIN_ROUND_S = 3.0
"""Shortest round worth starting: a part needs about a second to start and finish, so a round
that would leave less than this for a next one takes the rest of the time itself."""

PRICE_DIRECTED = True
"""Regions route against the whole district's station prices and see every station's full capacity
(True), or against their own shares (False: exact per region, but trips unload in chunks that rarely
fit small shares, so regions overshoot them and rooms end up shed)."""

PAIR_NEIGHBOURS = 3
FINISH_S = 1.0
"""Seconds a part needs after its search (station assignment, timing) and to come back."""


def route_decomposed(
    instance: CollectionInstance,
    network: TravelNetwork,
    budget: Budget,
    seed: int,
    executor: Executor | None = None,
    region_size: int = REGION_SIZE,
    initial: list[RawRoute] | None = None,
) -> tuple[list[RawRoute], dict[str, str]]:
    """Routes for the whole instance from regions solved apart and improved pairwise; ``initial``
    routes (a previous plan's) warm-start each region with their part in it (:func:`region_start`)."""
    flows = transport(instance, network, reserved_capacity(instance))  # one LP for the shares and the prices
    regions = split_regions(instance, network, region_size, seed, flows)
    prices = None
    if PRICE_DIRECTED:  # priced as if a reserve of every station were kept back, so routers aim below capacity
        prices = dict(zip(instance.station_ids, flows.price_m.tolist()))
    with (
        tempfile.TemporaryDirectory(prefix="wasteopt-") as scratch,
        stop_file_for(os.path.join(scratch, "stop"), budget.interrupt) as stop_path,
        executor_or_default(executor, abandon=budget.interrupted) as pool,
    ):
        stop = _StopSignal(budget, stop_path)
        workers = LANES if is_reproducible() else worker_count(pool)
        search_end = budget.search_deadline(budget.finishing_reserve())
        alone = len(regions) == 1 and workers > 1  # one region: the cores search it side by side
        first_share = ALONE_FIRST_SHARE if alone else FIRST_PASS_SHARE if len(regions) > 1 else 1.0
        slot = _slot(budget, search_end, math.ceil(len(regions) / workers), first_share)
        lanes = list(range(workers)) if alone else [0]
        tasks = [_task(instance.scenario, region, slot, budget.iterations, seed + k + lane, region_start(instance, region, initial),
                       prices=prices, stop_file=stop.path) for k, region in enumerate(regions) for lane in lanes]
        found = _run(pool, tasks, budget, stop)
        results = [min(found, key=PartResult.key)] if alone else found
        _improve(instance, network, pool, workers, regions, results, budget, search_end, slot, seed, stop, prices)
    return _merge(instance, results)


LANES = 2
"""Parts run side by side as far as the decomposition's choices are concerned, in a reproducible
run: a constant, so the same seed and iterations give the same plan on any number of cores and on
any executor (the executor then only decides how fast)."""


class _StopSignal:
    """Passes the user's interrupt on to parts running elsewhere, by creating their stop file."""

    def __init__(self, budget: Budget, path: str) -> None:
        self.budget, self.path = budget, path

    def poll(self) -> bool:
        """Whether the user interrupted (the stop file is created the first time this sees it)."""
        if self.budget.interrupted() and not os.path.exists(self.path):
            open(self.path, "w").close()
        return self.budget.interrupted()


def region_start(instance: CollectionInstance, region: Region, routes: list[RawRoute] | None) -> tuple[IdRoute, ...]:
    """The part of each starting route inside a region, by ids: its rooms there, in order, with the
    unloads that follow them at stations the region has a share of (the part's own routing repairs
    and completes the rest). Empty without starting routes."""
    if not routes:
        return ()
    mine = set(region.room_ids)
    shared = {sid for sid, kg in region.station_kg.items() if kg > 0}
    parts: dict[str, list[tuple[int, IdRoute]]] = defaultdict(list)
    for raw in routes:
        type_id = instance.vehicle_types[raw.type_index].id
        visits = [
            (v.kind, instance.room_ids[v.index] if v.kind == "room" else instance.station_ids[v.index])
            for v in raw.visits
        ]
        kept = [(kind, pid) for kind, pid in visits if (pid in mine if kind == "room" else pid in shared)]
        while kept and kept[-1][0] == "room":  # rooms whose unload the region cannot make: its routing puts them back
            kept.pop()
        rooms = sum(1 for kind, _ in kept if kind == "room")
        if rooms and region.fleet.get(type_id, 0) > 0:
            parts[type_id].append((rooms, (type_id, tuple(kept))))
    # no more routes of a type than the region's share of its trucks: the fullest are kept
    return tuple(route for type_id, found in parts.items()
                 for _, route in sorted(found, key=lambda item: -item[0])[: region.fleet[type_id]])


def _slot(budget: Budget, search_end: float, waves: int, share: float) -> float | None:
    """Search seconds per part when ``waves`` rounds of parts share ``share`` of the time left."""
    if budget.time_limit is None:
        return None
    left = search_end - (budget.started + budget.elapsed())
    return max(1.0, left * share / max(1, waves) - FINISH_S)


def _task(
    scenario: Scenario,
    region: Region,
    seconds: float | None,
    iterations: int | None,
    seed: int,
    initial: tuple[IdRoute, ...] = (),
    prices: dict[str, int] | None = None,
    squeeze: bool = False,
    stop_file: str | None = None,
    fleet_cap: tuple[tuple[str, int], ...] | None = None,
) -> PartTask:
    scenario = sub_scenario(scenario, region, full_capacity=prices is not None)
    return PartTask(scenario, seconds, iterations, seed, initial, prices, squeeze, fleet_cap, stop_file)


def sub_scenario(scenario: Scenario, region: Region, full_capacity: bool = False) -> Scenario:
    """The region as a scenario: its rooms, the stations it has a share of (cut to that share unless
    ``full_capacity``), its share of trucks, no haul."""
    rooms = {room.id: room for room in scenario.rooms}
    stations = [
        s if full_capacity else s.model_copy(update={"capacity_t_per_day": region.station_kg[s.id] / 1000})
        for s in scenario.active_stations
        if region.station_kg.get(s.id, 0) > 0
    ]
    fleet = [vt.model_copy(update={"count": region.fleet[vt.id]}) for vt in scenario.fleet if region.fleet.get(vt.id, 0) > 0]
    used = {vt.garage for vt in fleet}
    return scenario.model_copy(
        update={
            "rooms": [rooms[rid] for rid in region.room_ids],
            "stations": stations,
            "garages": [g for g in scenario.garages if g.id in used],
            "fleet": fleet,
            "plants": [],
            "haul_fleet": [],
            "variants": {},
        }
    )


def _run(pool: Executor, tasks: list[PartTask], budget: Budget, stop: _StopSignal, known_cost: float = math.nan) -> list[PartResult]:
    """Results of the tasks, in order. While they run, progress is reported every half second with
    ``known_cost`` (the district's cost before this wave; NaN while no complete plan exists yet), and
    an interrupt is passed on to them."""
    futures = [pool.submit(solve_part, task) for task in tasks]
    pending = set(futures)
    reported = budget.elapsed()
    interrupted_at = None
    while pending:
        _, pending = wait(pending, timeout=STOP_POLL_S)
        if stop.poll() and interrupted_at is None:
            interrupted_at = budget.elapsed()
        if interrupted_at is not None and budget.elapsed() - interrupted_at > INTERRUPT_GRACE_S:
            break
        if budget.progress is not None and budget.elapsed() - reported >= PROGRESS_EVERY_S:
            reported = budget.elapsed()
            done = [f.result() for f in futures if f.done() and not f.exception()]
            cost = sum(r.cost for r in done) if len(done) == len(futures) and math.isnan(known_cost) else known_cost
            budget.progress(reported, cost)
    return [solve_part(task) if future in pending else future.result() for future, task in zip(futures, tasks)]


def _improve(
    instance: CollectionInstance,
    network: TravelNetwork,
    pool: Executor,
    workers: int,
    regions: list[Region],
    results: list[PartResult],
    budget: Budget,
    search_end: float,
    slot: float | None,
    seed: int,
    stop: _StopSignal,
    prices: dict[str, int] | None = None,
) -> None:
    """Re-solve disjoint pairs of neighbouring regions while time is left (one round without a time
    limit). A pair's new routes are kept if they leave fewer rooms out, or as many and less waste
    over any station's capacity in the whole district, or as much and a lower cost. Between rounds
    the stations still over capacity get dearer (price coordination), so re-solved pairs unload
    elsewhere. Workers left idle re-solve a pair with one truck fewer; the better result counts.
    A district of one region is re-solved whole, round after round, from its best routes on every
    worker: one with a new seed, the others with one truck fewer (:data:`ALONE_ROUND_FACTOR`). A try
    with a truck fewer that is not yet complete, or not yet cheaper, is carried on from where it got
    to at that fleet in the next round rather than started again, so it gets the rest of the time."""
    if len(regions) < 2 and workers < 2:
        return
    xy = dict(zip(instance.room_ids, planar_km(instance, instance.room_ids)))
    waste = dict(zip(instance.room_ids, instance.waste_kg.tolist()))
    capacity = dict(zip(instance.station_ids, instance.station_capacity_kg.tolist()))
    rng = np.random.default_rng(seed)
    stale: set[tuple[int, ...]] = set()
    pressed: dict[int, PartResult] = {}  # job index -> its squeeze's result, fewer trucks than the best, to carry on
    round_no = 0
    while not stop.poll():
        loads = _loads(instance, waste, results)
        if prices is not None:
            prices = _raise_prices(prices, loads, instance, network)
        overloaded = {sid for sid, kg in loads.items() if kg > capacity[sid]}
        if overloaded and prices is not None:  # first bring stations within capacity, region by region
            groups = [(r,) for r, result in enumerate(results) if any(pid in overloaded for _, v in result.routes for kind, pid in v if kind == "station")]
            rng.shuffle(groups)
            factor = 1.0
        elif len(regions) == 1:
            groups, factor = [(0,)], ALONE_ROUND_FACTOR
        else:
            groups = _pairs(regions, stale, rng)
            if not groups:
                stale.clear()
                groups = _pairs(regions, stale, rng)
            factor = 2.0
        if slot is not None:
            left = search_end - (budget.started + budget.elapsed())
            seconds = min(max(factor * slot, MIN_ROUND_S), left - FINISH_S)
            if seconds < 1.0:
                return
            if left - FINISH_S - seconds < MIN_ROUND_S + FINISH_S:  # no time for another round after it
                seconds = left - FINISH_S
            groups = groups[: workers * max(1, int(left // (seconds + FINISH_S)))]
        else:
            seconds = None
            if round_no >= 1:
                return
        round_no += 1
        improving = not overloaded or prices is None
        squeezed = (groups * workers)[: max(0, workers - len(groups))] if improving else []  # idle workers try one truck fewer
        jobs = [(group, False) for group in groups] + [(group, True) for group in squeezed]
        tasks = [
            _task(instance.scenario, _pooled(*[regions[r] for r in group]), seconds, budget.iterations, seed + 1000 * round_no + k,
                  sum((results[r].routes for r in group), ()), prices, squeeze, stop.path)
            if k not in pressed else
            _task(instance.scenario, regions[0], seconds, budget.iterations, seed + 1000 * round_no + k,
                  pressed[k].routes, prices, stop_file=stop.path, fleet_cap=fleet_of(pressed[k].routes))
            for k, (group, squeeze) in enumerate(jobs)
        ]
        candidates: dict[tuple[int, ...], list[PartResult]] = defaultdict(list)
        new_results = _run(pool, tasks, budget, stop, sum(r.cost for r in results))
        for (group, _), new_result in zip(jobs, new_results):
            candidates[group].append(new_result)
        for group in groups:
            stale.add(group)
            old = _route_use(instance, waste, [route for r in group for route in results[r].routes])[0]
            keys = [results[r].key() for r in group]
            before = (sum(k[0] for k in keys), _over(loads, capacity) + sum(k[1] for k in keys), sum(k[2] for k in keys) - 1e-6)
            best = None
            for new_result in candidates[group]:
                new = _route_use(instance, waste, list(new_result.routes))[0]
                after = {sid: loads.get(sid, 0) - old.get(sid, 0) + new.get(sid, 0) for sid in capacity}
                merit = (len(new_result.unserved), _over(after, capacity) + new_result.excess_kg, new_result.cost)
                if merit < before and (best is None or merit < best[0]):
                    best = (merit, new_result, after)
            if best is not None:
                _, new_result, loads = best
                if len(group) == 2:
                    _deal(instance, xy, regions, results, group[0], group[1], new_result)
                else:
                    results[group[0]] = new_result
                stale = {p for p in stale if not set(p) & set(group)}
        if len(regions) == 1:  # a squeeze not (yet) adopted is carried on at its fleet, not started again
            pressed = {k: new_result for k, ((_, squeeze), new_result) in enumerate(zip(jobs, new_results))
                       if squeeze and 0 < len(new_result.routes) < len(results[0].routes)}


def fleet_of(routes: tuple[IdRoute, ...]) -> tuple[tuple[str, int], ...]:
    """Trucks per type id that the routes use."""
    return tuple(sorted(Counter(type_id for type_id, _ in routes).items()))


def _loads(instance: CollectionInstance, waste: dict[str, int], results: list[PartResult]) -> dict[str, int]:
    """Kilograms unloaded at each station by all regions' routes."""
    return _route_use(instance, waste, [route for result in results for route in result.routes])[0]


def _over(loads: dict[str, int], capacity: dict[str, int]) -> int:
    """Kilograms unloaded beyond capacity, over all stations."""
    return sum(max(0, kg - capacity[sid]) for sid, kg in loads.items())


def _raise_prices(prices: dict[str, int], loads: dict[str, int], instance: CollectionInstance, network: TravelNetwork) -> dict[str, int]:
    """The district's prices with stations over capacity made dearer (see ``raise_penalties``)."""
    ids = instance.station_ids
    raised = raise_penalties(instance, network, np.array([prices[sid] for sid in ids]), np.array([loads.get(sid, 0) for sid in ids]))
    return dict(zip(ids, raised.tolist()))


def _pairs(regions: list[Region], stale: set[tuple[int, int]], rng: np.random.Generator) -> list[tuple[int, int]]:
    """Disjoint pairs of neighbouring regions not yet tried since they last changed, in random order."""
    centres = np.array([r.centre for r in regions])
    k = min(PAIR_NEIGHBOURS + 1, len(regions))
    _, near = cKDTree(centres).query(centres, k=k)
    edges = sorted({(min(a, b), max(a, b)) for a in range(len(regions)) for b in np.atleast_1d(near[a])[1:] if a != b})
    edges = [e for e in edges if e not in stale]
    rng.shuffle(edges)
    taken: set[int] = set()
    pairs = []
    for a, b in edges:
        if a not in taken and b not in taken:
            pairs.append((int(a), int(b)))
            taken |= {a, b}
    return pairs


def _pooled(a: Region, b: Region | None = None) -> Region:
    """Two regions as one: rooms together, shares added (one region: itself)."""
    if b is None:
        return a
    return Region(
        room_ids=a.room_ids + b.room_ids,
        station_kg=_add(a.station_kg, b.station_kg),
        fleet=_add(a.fleet, b.fleet),
        centre=(a.centre + b.centre) / 2,
    )


def _add(x: dict[str, int], y: dict[str, int]) -> dict[str, int]:
    return {key: x.get(key, 0) + y.get(key, 0) for key in x.keys() | y.keys()}


def _deal(
    instance: CollectionInstance,
    xy: dict[str, np.ndarray],
    regions: list[Region],
    results: list[PartResult],
    a: int,
    b: int,
    pair: PartResult,
) -> None:
    """Give each of the pair's routes to the region it runs nearest to; shares follow the routes."""
    pooled = _pooled(regions[a], regions[b])
    centres = [regions[a].centre, regions[b].centre]
    side = [_nearer(centres, [xy[pid] for kind, pid in route[1] if kind == "room"]) for route in pair.routes]
    unserved_side = {rid: _nearer(centres, [xy[rid]]) for rid in pair.unserved}
    waste = dict(zip(instance.room_ids, instance.waste_kg.tolist()))
    used = [_route_use(instance, waste, [r for r, s in zip(pair.routes, side) if s == h]) for h in (0, 1)]
    for h, index in enumerate((a, b)):
        routes = tuple(r for r, s in zip(pair.routes, side) if s == h)
        costs = tuple(c for c, s in zip(pair.route_costs, side) if s == h)
        rooms = [pid for _, visits in routes for kind, pid in visits if kind == "room"]
        rooms += [rid for rid, s in unserved_side.items() if s == h]
        station_kg = {k: _split(total, used[0][0].get(k, 0), used[1][0].get(k, 0))[h] for k, total in pooled.station_kg.items()}
        trucks = {k: _split(total, used[0][1].get(k, 0), used[1][1].get(k, 0))[h] for k, total in pooled.fleet.items()}
        centre = np.mean([xy[rid] for rid in rooms], axis=0) if rooms else centres[h]
        regions[index] = Region(rooms, {k: v for k, v in station_kg.items() if v > 0}, {k: v for k, v in trucks.items() if v > 0}, centre)
        unserved = {rid: why for rid, why in pair.unserved.items() if unserved_side[rid] == h}
        excess = pair.excess_kg if h == 0 else 0  # kept on one side so the sum is unchanged
        results[index] = PartResult(routes, unserved, round(sum(costs), 2), costs, excess)


def _split(total: int, used_a: int, used_b: int) -> tuple[int, int]:
    """Two shares of ``total``: each side what it uses plus half the rest; pro rata if over-used."""
    if used_a + used_b > total:
        a = total * used_a // max(1, used_a + used_b)
        return a, total - a
    spare = total - used_a - used_b
    return used_a + (spare + 1) // 2, used_b + spare // 2


def _nearer(centres: list[np.ndarray], points: list[np.ndarray]) -> int:
    if not points:
        return 0
    mid = np.mean(points, axis=0)
    return int(np.linalg.norm(mid - centres[1]) < np.linalg.norm(mid - centres[0]))


def _route_use(instance: CollectionInstance, waste: dict[str, int], routes: list[IdRoute]) -> tuple[dict[str, int], dict[str, int]]:
    """Kilograms unloaded per station and trucks used per type by the given routes."""
    stations: dict[str, int] = defaultdict(int)
    fleet: dict[str, int] = defaultdict(int)
    for type_id, visits in routes:
        fleet[type_id] += 1
        carried = 0
        for kind, pid in visits:
            if kind == "room":
                carried += waste[pid]
            else:
                stations[pid] += carried
                carried = 0
    return dict(stations), dict(fleet)


def _merge(instance: CollectionInstance, results: list[PartResult]) -> tuple[list[RawRoute], dict[str, str]]:
    """All regions' routes as routes of the whole instance, and every room a region left unserved."""
    rooms = {rid: k for k, rid in enumerate(instance.room_ids)}
    stations = {sid: k for k, sid in enumerate(instance.station_ids)}
    types = {vt.id: t for t, vt in enumerate(instance.vehicle_types)}
    raws = [raw_route(instance, route, rooms, stations, types) for result in results for route in result.routes]
    unserved = {rid: why for result in results for rid, why in result.unserved.items()}
    return raws, unserved
