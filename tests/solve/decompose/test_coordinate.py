"""Decomposition: regions share station capacity and fleet without overbooking; plans stay valid."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import numpy as np
import pytest

from tests.solve.scenarios import room, scenario, station, truck
from wasteopt.network import network_for
from wasteopt.plan.validate import validate
from wasteopt.scenario.models import Scenario
from wasteopt.solve.collection.instance import build_instance
from wasteopt.solve.collection.schedule import route_cost
from wasteopt.solve.budget import Budget
from wasteopt.solve.clock import reproducible
from wasteopt.solve.decompose import coordinate
from wasteopt.solve.decompose.coordinate import route_decomposed, sub_scenario
from wasteopt.solve.decompose.executors import InlineExecutor
from wasteopt.solve.decompose.regions import assign_rooms, cluster, split_regions
from wasteopt.solve import engine
from wasteopt.solve.engine import solve
from wasteopt.solve.options import SolveOptions


def _district(rooms: int = 28, seed: int = 3, tight: bool = True) -> Scenario:
    """Two villages clusters, three stations (one small), two garages."""
    rng = np.random.default_rng(seed)
    centres = np.array([[2000.0, 2000.0], [9000.0, 3000.0]])
    xy = centres[np.arange(rooms) % 2] + rng.normal(0, 900, size=(rooms, 2))
    kg = rng.uniform(150, 450, size=rooms)
    small = 0.9 if tight else 50.0
    return scenario(
        [room(f"R{k:02d}", *xy[k], round(float(kg[k]), 1)) for k in range(rooms)],
        [station("S1", 2500, 2500, 50.0), station("S2", 8500, 3500, small), station("S3", 5500, 500, 50.0)],
        [("G1", 1500, 1000), ("G2", 9500, 1000)],
        [truck("A", "G1", 1500.0, count=3, cost_per_hour=20.0), truck("B", "G2", 1500.0, count=2, cost_per_hour=20.0)],
    )


def test_clusters_are_near_the_target_size() -> None:
    points = np.random.default_rng(0).uniform(0, 50, size=(1000, 2))
    labels = cluster(points, target=120)
    sizes = np.bincount(labels)
    assert sizes.sum() == 1000
    assert sizes.max() <= 180 and sizes.min() >= 30


def test_room_assignment_respects_station_capacity() -> None:
    sc = _district()
    network = network_for(sc)
    instance = build_instance(sc, network)
    station_of = assign_rooms(instance, network)
    loads = np.bincount(station_of, weights=instance.waste_kg, minlength=3)
    assert (loads <= instance.station_capacity_kg).all()
    assert loads[1] > 0  # the small station is used up to what it can take, not ignored


@pytest.mark.parametrize("target", [5, 8, 14])
def test_shares_never_exceed_station_capacity_or_fleet(target: int) -> None:
    sc = _district()
    network = network_for(sc)
    instance = build_instance(sc, network)
    regions = split_regions(instance, network, target=target)
    assert sorted(r for region in regions for r in region.room_ids) == sorted(instance.room_ids)
    for k, sid in enumerate(instance.station_ids):
        assert sum(region.station_kg.get(sid, 0) for region in regions) <= instance.station_capacity_kg[k]
    for vt in instance.vehicle_types:
        assert sum(region.fleet.get(vt.id, 0) for region in regions) <= vt.count
    if len(regions) <= 5:  # as many trucks as regions: every region has one to route with
        assert all(region.fleet for region in regions)


def test_sub_scenario_carries_the_shares() -> None:
    sc = _district()
    network = network_for(sc)
    region = split_regions(build_instance(sc, network), network, target=8)[0]
    sub = sub_scenario(sc, region)
    assert [r.id for r in sub.rooms] == region.room_ids
    assert {s.id: round(s.capacity_t_per_day * 1000) for s in sub.stations} == region.station_kg
    assert {vt.id: vt.count for vt in sub.fleet} == region.fleet
    assert not sub.haul_fleet


@pytest.mark.parametrize("tight", [True, False])
def test_decomposed_plan_is_valid_and_respects_global_limits(tight: bool) -> None:
    sc = _district(tight=tight)
    plan = solve(sc, iterations=150, seed=1, options=SolveOptions(decompose_above=10, executor=InlineExecutor()))
    assert plan.solver["decomposed"] is True
    assert validate(sc, plan) == []
    assert not plan.unserved
    used = Counter(route.vehicle_type for route in plan.routes)
    assert used["A"] <= 3 and used["B"] <= 2
    assert len({route.vehicle for route in plan.routes}) == len(plan.routes)
    loads = plan.kpis["station_load_kg"]
    assert loads.get("S2", 0) <= (900 if tight else 50_000)
    assert plan.kpis["cost"] >= plan.lower_bound.cost


def test_decomposed_is_reproducible_with_iterations() -> None:
    sc = _district()
    first = solve(sc, iterations=100, seed=4, options=SolveOptions(decompose_above=10, executor=InlineExecutor()))
    second = solve(sc, iterations=100, seed=4, options=SolveOptions(decompose_above=10, executor=InlineExecutor()))
    assert [r.stops for r in first.routes] == [r.stops for r in second.routes]


def test_decomposed_through_a_process_pool() -> None:
    sc = _district(rooms=20)
    plan = solve(sc, iterations=100, seed=0, options=SolveOptions(decompose_above=8))
    assert plan.solver["decomposed"] is True
    assert validate(sc, plan) == []


def test_decomposed_is_close_to_the_monolithic_solve() -> None:
    sc = _district(tight=False)
    whole = solve(sc, iterations=400, seed=0)
    parts = solve(sc, iterations=400, seed=0, options=SolveOptions(decompose_above=10, executor=InlineExecutor()))
    assert parts.kpis["cost"] <= 1.15 * whole.kpis["cost"]


TIMING = ("elapsed_s", "phases")


def _comparable(plan) -> dict:
    """The plan as JSON without the solver's timing fields (the only thing allowed to differ)."""
    data = plan.model_dump(mode="json")
    data["solver"] = {k: v for k, v in data["solver"].items() if k not in TIMING}
    return data


def test_same_plan_on_one_or_two_workers_and_on_every_executor() -> None:
    """Seed and iterations fix the plan: inline, a pool of one or two processes, a Dask cluster."""
    sc = _district(rooms=24)
    inline = _comparable(solve(sc, iterations=80, seed=2, options=SolveOptions(decompose_above=8, executor=InlineExecutor())))
    for workers in (1, 2):
        with ProcessPoolExecutor(max_workers=workers) as pool:
            assert _comparable(solve(sc, iterations=80, seed=2, options=SolveOptions(decompose_above=8, executor=pool))) == inline
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40) as cluster:
        with distributed.Client(cluster) as client:
            on_dask = solve(sc, iterations=80, seed=2, options=SolveOptions(decompose_above=8, executor=client.get_executor()))
    assert _comparable(on_dask) == inline
    assert inline["solver"]["violations"] == []


def test_region_start_keeps_each_routes_part_in_the_region():
    from types import SimpleNamespace

    from wasteopt.solve.collection.routes import RawRoute, Visit
    from wasteopt.solve.decompose.coordinate import region_start
    from wasteopt.solve.decompose.regions import Region

    instance = SimpleNamespace(room_ids=["a", "b", "c", "d"], station_ids=["S1", "S2"],
                               vehicle_types=[SimpleNamespace(id="V")])
    region = Region(room_ids=["a", "b", "d"], station_kg={"S1": 1000, "S2": 0}, fleet={"V": 1}, centre=None)
    routes = [
        RawRoute(0, (Visit("room", 0), Visit("room", 2), Visit("room", 1), Visit("station", 0), Visit("room", 3),
                     Visit("station", 1))),
        RawRoute(0, (Visit("room", 3), Visit("station", 0))),
    ]
    # the fuller route is kept (one truck's share); rooms outside the region, unloads at a station the
    # region has no share of and rooms after the last unload it can make are left to its routing
    assert region_start(instance, region, routes) == (("V", (("room", "a"), ("room", "b"), ("station", "S1"))),)
    assert region_start(instance, region, None) == ()


def test_one_region_on_two_lanes_keeps_the_best_search_and_only_improves_it(monkeypatch: pytest.MonkeyPatch) -> None:
    sc = _district(tight=False)
    network = network_for(sc)
    instance = build_instance(sc, network)
    found = []
    solve_part = coordinate.solve_part

    def recorded(task):  # type: ignore[no-untyped-def]
        result = solve_part(task)
        found.append((task.seed, task.squeeze, result))
        return result

    monkeypatch.setattr(coordinate, "solve_part", recorded)
    with reproducible(True):  # two lanes, whatever the executor
        routes, left = route_decomposed(instance, network, Budget(iterations=120), 5, InlineExecutor(),
                                        region_size=len(instance.room_ids))
    assert [seed for seed, _, _ in found[:2]] == [5, 6]  # two independent searches of the whole district
    assert any(squeeze for _, squeeze, _ in found[2:])  # then its best again, and a try with one truck fewer
    served = sorted(instance.room_ids[v.index] for raw in routes for v in raw.visits if v.kind == "room")
    assert not left and served == sorted(instance.room_ids)
    best_first = min(result.cost for _, _, result in found[:2] if not result.unserved)
    assert sum(route_cost(instance, network, raw) for raw in routes) <= best_first + 0.01


def test_one_region_under_a_time_limit_restarts_every_round_from_the_best(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rounds after the independent searches: each starts both workers from the best plan so far
    (one with a truck fewer, or carrying on such a try), so what one round gains the next builds on."""
    sc = _district(tight=False)
    network = network_for(sc)
    instance = build_instance(sc, network)
    waves = []
    run = coordinate._run

    def recorded(pool, tasks, budget, stop, known_cost=float("nan")):  # type: ignore[no-untyped-def]
        results = run(pool, tasks, budget, stop, known_cost)
        waves.append(list(zip(tasks, results)))
        return results

    monkeypatch.setattr(coordinate, "_run", recorded)
    monkeypatch.setattr(coordinate, "MIN_ROUND_S", 1.0)
    with ThreadPoolExecutor(max_workers=2) as pool:
        routes, left = route_decomposed(instance, network, Budget(time_limit=12), 5, pool, region_size=len(instance.room_ids))
    assert len(waves) >= 3 and [task.seed for task, _ in waves[0]] == [5, 6]  # independent searches, then rounds
    best = min((result for _, result in waves[0]), key=coordinate.PartResult.key)
    for wave in waves[1:]:
        assert all(task.initial == best.routes for task, _ in wave if task.fleet_cap is None)  # a squeeze carried on starts from its own
        assert any(task.squeeze or task.fleet_cap for task, _ in wave)
        best = min([best, *(result for _, result in wave)], key=coordinate.PartResult.key)
    assert not left and sum(route_cost(instance, network, raw) for raw in routes) <= best.cost + 0.01


def test_a_squeeze_not_yet_complete_is_carried_on_at_its_fleet(monkeypatch: pytest.MonkeyPatch) -> None:
    """A try with a truck fewer that leaves rooms out is not started again from the best plan next
    round: it goes on from its own routes, with its fleet held (no truck may come back)."""
    sc = _district(tight=False)
    sc = sc.model_copy(update={"rooms": [r.model_copy(update={"service_min": 25.0}) for r in sc.rooms]})  # 3 trucks' work
    network = network_for(sc)
    instance = build_instance(sc, network)
    tasks_seen = []
    solve_part = coordinate.solve_part

    def stuck_squeeze(task):  # type: ignore[no-untyped-def]
        tasks_seen.append(task)
        if task.squeeze:  # as if the search had not yet fitted the lightest route's rooms anywhere
            dropped = {pid for kind, pid in task.initial[0][1] if kind == "room"}
            return coordinate.PartResult(task.initial[1:], dict.fromkeys(dropped, "not fitted"), 0.0)
        return solve_part(task)

    monkeypatch.setattr(coordinate, "solve_part", stuck_squeeze)
    monkeypatch.setattr(coordinate, "MIN_ROUND_S", 1.0)
    with ThreadPoolExecutor(max_workers=2) as pool:
        routes, left = route_decomposed(instance, network, Budget(time_limit=10), 5, pool, region_size=len(instance.room_ids))
    squeezes = [k for k, task in enumerate(tasks_seen) if task.squeeze]
    assert squeezes and squeezes[0] + 2 < len(tasks_seen)  # a round after the first squeeze
    first = tasks_seen[squeezes[0]]
    carried = [task for task in tasks_seen[squeezes[0] + 1 :] if task.fleet_cap is not None]
    assert carried and carried[0].initial == first.initial[1:] and not carried[0].squeeze
    assert carried[0].fleet_cap == coordinate.fleet_of(first.initial[1:])
    served = sorted(instance.room_ids[v.index] for raw in routes for v in raw.visits if v.kind == "room")
    assert not left and served == sorted(instance.room_ids)


def test_below_the_threshold_a_time_limit_searches_on_every_core(monkeypatch: pytest.MonkeyPatch) -> None:
    sc = _district(rooms=16, tight=False)
    sizes = []
    routed = engine.route_decomposed

    def spy(instance, network, budget, seed, executor=None, region_size=coordinate.REGION_SIZE, initial=None):  # type: ignore[no-untyped-def]
        sizes.append(region_size)
        return routed(instance, network, budget, seed, executor, region_size, initial)

    monkeypatch.setattr(engine, "route_decomposed", spy)
    monkeypatch.setattr(engine, "SHARE_CORES_FROM_S", 0.0)
    monkeypatch.setattr(engine, "SHARE_CORES_FROM_ROOMS", 10)
    plan = solve(sc, time_limit=4, seed=1, options=SolveOptions(executor=_TwoAtOnce()))
    assert sizes == [16] and plan.solver["decomposed"] is False
    assert validate(sc, plan) == [] and not plan.unserved
    solve(sc, iterations=50, seed=1, options=SolveOptions(executor=_TwoAtOnce()))
    solve(sc, time_limit=4, seed=1, options=SolveOptions(executor=InlineExecutor()))
    assert sizes == [16]  # iterations stay on one search (the plan must not depend on the cores), as does one worker


class _TwoAtOnce(InlineExecutor):
    """Runs tasks inline but counts as two workers, as a pool on two cores would."""

    _max_workers = 2


def test_a_station_loaded_into_its_reserve_is_shared_up_to_its_capacity() -> None:
    """One station, its rooms' waste between the capacity less the reserve and the capacity (Kim 444's
    shape): the regions share all the waste, never more than the capacity, and the plan is whole."""
    rng = np.random.default_rng(0)
    rooms = [room(f"R{k:02d}", *rng.uniform(0, 6000, size=2), 100.0) for k in range(20)]  # 2,000 kg
    sc = scenario(rooms, [station("S1", 3000, 3000, 2.04)], [("G1", 0, 0)], [truck("A", "G1", 1500.0, count=4)])
    network = network_for(sc)
    instance = build_instance(sc, network)
    regions = split_regions(instance, network, target=8)
    shared = sum(region.station_kg.get("S1", 0) for region in regions)
    assert 2000 - len(regions) <= shared <= 2040  # the waste (less a kilogram a region's floor), within capacity
    plan = solve(sc, iterations=100, seed=1, options=SolveOptions(decompose_above=10, executor=InlineExecutor()))
    assert validate(sc, plan) == [] and not plan.unserved
