"""The haul schedule on hand-checkable cases (see tests/solve/haul_cases.py for the layouts).

Speed 36 km/h: 1 km = 100 s. Swap 10 min, plant tip 15 min, containers of 10 t."""

from __future__ import annotations

import sys

from tests.solve.haul_cases import one_station, storage_case, three_stations
from wasteopt.network.travel import TravelNetwork
from wasteopt.plan.models import Plan
from wasteopt.plan.validate import validate
from wasteopt.solve.haul.schedule import HaulSchedule, schedule_haul


def _solve(case) -> tuple[HaulSchedule, list[str]]:
    """Schedule the case's haul and validate the plan it makes (with its diagnostics)."""
    sc, routes = case
    haul = schedule_haul(sc, routes, TravelNetwork(sc))
    plan = Plan(scenario=sc.name, routes=routes, haul=haul.trips, diagnostics=haul.diagnostics)
    return haul, [str(v) for v in validate(sc, plan)]


def _row(trip) -> tuple:
    return (trip.truck, trip.station, trip.container, trip.payload_kg, trip.depart, trip.pickup, trip.arrive, trip.unload, trip.back, trip.distance_km)


def test_one_station_two_containers_one_truck_exact_schedule():
    # Container 1 (10 t) full 10:10; container 2 (the 7 t rest) full 12:10.
    # Trip 1: G→S1 10 min, swap 10:10–10:20, S1→P 20 min, tip 10:40–10:55.
    # Trip 2: leaves P 11:50 so as to swap at 12:10, at P 12:40, tip till 12:55, home (30 min) 13:25.
    haul, violations = _solve(one_station())
    assert violations == []
    assert haul.diagnostics == []
    assert [_row(t) for t in haul.trips] == [
        ("H-01", "S1", 1, 10000.0, "10:00:00", "10:10:00", "10:40:00", "10:40:00", "12:10:00", 18.0),
        ("H-01", "S1", 2, 7000.0, "11:50:00", "12:10:00", "12:40:00", "12:40:00", "13:25:00", 42.0),
    ]
    # 60 km, on duty 10:00–13:25; cost 300 + 60 × 2 + 3.4167 h × 50.
    assert haul.kpis["km"] == 60.0
    assert haul.kpis["hours"] == round(205 / 60, 4)
    assert haul.kpis["cost"] == round(300 + 120 + 205 / 60 * 50, 2)
    assert haul.kpis["trucks_used"] == 1
    assert haul.kpis["containers"] == 2
    assert haul.kpis["co2_kg"] == 72.0


def test_storage_limit_forces_an_early_haul_at_the_filling_station():
    # With room to spare at A the truck goes to B first (72 km): B 06:40, then A's three containers.
    roomy, violations = _solve(storage_case(slots_at_a=4))
    assert violations == []
    assert roomy.trips[0].station == "B"
    assert roomy.kpis["km"] == 72.0
    # With 2 slots at A, container 1 must be swapped out by 07:30, when container 3 is needed;
    # B first would reach A only at 07:35, so the truck goes to A first (96 km) and swaps 06:50–07:00.
    tight, violations = _solve(storage_case(slots_at_a=2))
    assert violations == []
    assert tight.diagnostics == []
    first = tight.trips[0]
    assert (first.station, first.container, first.depart, first.pickup) == ("A", 1, "06:10:00", "06:50:00")
    assert tight.kpis["km"] == 96.0
    assert tight.kpis["trucks_used"] == 1


def test_plant_closing_before_the_last_container_is_infeasible_with_the_fix():
    # Container 2 is full at 12:10; swap till 12:20, 20 min to the plant: 12:40 > 12:30.
    haul, violations = _solve(one_station(plant_close="12:30"))
    assert violations == []
    closed = [d for d in haul.diagnostics if d.code == "haul-plant-closed"]
    assert len(closed) == 1
    assert closed[0].level == "error"
    assert closed[0].subject == "S1"
    assert closed[0].message == (
        "container 2 at S1 is full at 12:10:00; the earliest it can reach plant P is 12:40:00, "
        "after the plant closes at 12:30:00"
    )
    assert closed[0].fix == "plant P must stay open until 12:40"
    # The best partial schedule still hauls container 1, and names the one left behind.
    assert [(t.station, t.container) for t in haul.trips] == [("S1", 1)]
    left = [d for d in haul.diagnostics if d.code == "haul-left-behind"]
    assert [(d.subject, d.message) for d in left] == [
        ("S1", "container 2 at S1 (7.0 t) cannot be hauled today under the current limits; the first is full at 12:10:00")
    ]
    # The plant fix alone is enough: no fleet shortage is reported.
    assert not [d for d in haul.diagnostics if d.code == "haul-fleet"]


def test_too_few_trucks_says_how_many_more():
    haul, violations = _solve(three_stations(haul_count=1))
    assert violations == []
    fleet = [d for d in haul.diagnostics if d.code == "haul-fleet"]
    assert len(fleet) == 1
    assert fleet[0].fix == "needs 2 more hook-lift trucks"
    assert fleet[0].subject in ("S1", "S2", "S3")
    assert "full at 12:10:00" in fleet[0].message
    assert len(haul.trips) == 1
    assert sorted(d.subject for d in haul.diagnostics if d.code == "haul-left-behind") == sorted({"S1", "S2", "S3"} - {haul.trips[0].station})


def test_the_suggested_number_of_trucks_is_enough():
    haul, violations = _solve(three_stations(haul_count=3))
    assert violations == []
    assert haul.diagnostics == []
    assert haul.kpis["trucks_used"] == 3
    assert sorted(t.station for t in haul.trips) == ["S1", "S2", "S3"]
    # Two trucks are not enough: still one more needed.
    short, _ = _solve(three_stations(haul_count=2))
    assert [d.fix for d in short.diagnostics if d.code == "haul-fleet"] == ["needs 1 more hook-lift truck"]


def test_storage_too_small_for_any_fleet_asks_for_slots():
    # One slot: container 2 is needed from 10:00 (the unload that fills container 1 spills into it),
    # but container 1 is full only at 10:10 and swapped out by 10:20 at the earliest.
    haul, violations = _solve(one_station(slots=1))
    assert violations == []
    storage = [d for d in haul.diagnostics if d.code == "haul-storage"]
    assert [(d.subject, d.fix) for d in storage] == [("S1", "1 more container slot at S1")]
    assert storage[0].message == (
        "S1 holds 1 container and needs container 2 at 10:00:00, but container 1 can be swapped out at 10:20:00 at the earliest"
    )
    assert not [d for d in haul.diagnostics if d.code == "haul-fleet"]


def test_shift_too_short_names_the_end_needed():
    sc, routes = one_station()
    sc = sc.model_copy(update={"haul_fleet": [sc.haul_fleet[0].model_copy(update={"shift_end": 13 * 3600})]})
    haul, violations = _solve((sc, routes))
    assert violations == []
    shift = [d for d in haul.diagnostics if d.code == "haul-shift-end"]
    # Container 2: swap 12:10, tip 12:40–12:55, home 13:25.
    assert [(d.subject, d.fix) for d in shift] == [("S1", "hook-lift trucks (H) must work until 13:25")]


def test_no_haul_fleet_means_no_haul_and_no_error():
    sc, routes = one_station()
    sc = sc.model_copy(update={"haul_fleet": []})
    haul, violations = _solve((sc, routes))
    assert violations == []
    assert haul.trips == []
    assert [d.level for d in haul.diagnostics] == ["info"]


def _random_day(seed: int, stations: int = 5, unloads: int = 3):
    """A small one-plant day with unloads at random times (not hand-checked: for cross-checks)."""
    import random

    from tests.solve.haul_cases import collection_route, scenario

    rng = random.Random(seed)
    sites = [(f"S{k}", rng.randrange(0, 20) * 1000, rng.randrange(-8, 9) * 1000, rng.choice([2, 3])) for k in range(1, stations + 1)]
    rooms = [(f"R{k}{u}", x, y, rng.choice([4000, 6000, 9000])) for k, (_, x, y, _) in enumerate(sites, 1) for u in range(unloads)]
    sc = scenario(stations=sites, rooms=rooms, collection=[("c", "GC", 10000, 0, stations)], haul_count=4, plant_close="21:00")
    net = TravelNetwork(sc)
    routes = []
    for k, (sid, *_rest) in enumerate(sites, 1):
        visits = []
        for u in range(unloads):
            visits += [(f"R{k}{u}", None), (sid, f"{7 + 2 * u + rng.randrange(0, 2):02d}:{rng.choice(['00', '20', '40'])}")]
        routes.append(collection_route(sc, net, f"c-{k:02d}", "06:00", visits))
    return sc, routes


def test_the_two_exact_models_agree_on_trucks_and_km():
    from wasteopt.solve.haul.problem import build_problem
    from wasteopt.solve.haul.schedule import station_containers
    from wasteopt.solve.haul.circuit import solve_circuit
    from wasteopt.solve.haul.trucks import solve_trucks

    for case in (storage_case(2), storage_case(4), three_stations(3), _random_day(1), _random_day(2)):
        sc, routes = case
        problem = build_problem(sc, station_containers(sc, routes), TravelNetwork(sc))
        by_routes, by_trucks = solve_circuit(problem, 20), solve_trucks(problem, 20)
        assert (by_routes.status, by_trucks.status) == ("OPTIMAL", "OPTIMAL")
        assert by_routes.trucks_used == by_trucks.trucks_used
        assert problem.metres_of(by_routes) == problem.metres_of(by_trucks)


def test_random_days_give_valid_plans():
    for seed in (1, 2, 3):
        haul, violations = _solve(_random_day(seed))
        assert violations == []
        assert haul.kpis["containers_hauled"] == haul.kpis["containers"] > 0


def test_greedy_plans_keep_every_window():
    from wasteopt.solve.haul.problem import build_problem
    from wasteopt.solve.haul.schedule import station_containers
    from wasteopt.solve.haul.trucks import greedy

    sc, routes = _random_day(3)
    problem = build_problem(sc, station_containers(sc, routes), TravelNetwork(sc))
    fleet = problem.fleets[0]
    plan = greedy(problem)
    assert plan
    for j, (_, _, pickup) in plan.items():
        job = problem.jobs[j]
        assert problem.earliest_pickup(fleet, job) <= pickup <= problem.latest_pickup(fleet, job)


def test_fleet_shortage_caused_by_storage_also_offers_slots():
    from tests.solve.haul_cases import two_tight_stations

    haul, violations = _solve(two_tight_stations())
    assert violations == []
    fleet = [d for d in haul.diagnostics if d.code == "haul-fleet"]
    assert len(fleet) == 1
    assert fleet[0].fix in (
        "needs 1 more hook-lift truck, or with the current trucks: 1 more container slot at A",
        "needs 1 more hook-lift truck, or with the current trucks: 1 more container slot at C",
    )
    # The slot is truly the fix: with it, one truck hauls everything.
    station = fleet[0].fix[-1]
    sc, routes = two_tight_stations()
    sc = sc.model_copy(update={"stations": [s.model_copy(update={"container_slots": 3}) if s.id == station else s for s in sc.stations]})
    fixed, violations = _solve((sc, routes))
    assert violations == []
    assert fixed.diagnostics == []
    assert fixed.kpis["trucks_used"] == 1


def test_two_plants_each_station_to_its_nearest():
    from wasteopt.scenario.models import Plant

    sc, routes = three_stations(haul_count=3)
    # P2 3 km north of S1: S1 (3 km) and S2 (9 km) are nearer to it than to P (12 km); S3 is not (15 km).
    sc = sc.model_copy(update={"plants": [*sc.plants, Plant(id="P2", x=6000, y=3000, open="06:00", close="13:00", unload_min=15)]})
    haul, violations = _solve((sc, routes))
    assert violations == []
    assert haul.diagnostics == []
    assert sorted((t.station, t.plant) for t in haul.trips) == [("S1", "P2"), ("S2", "P2"), ("S3", "P")]
    # S1: G→S1 6 + S1→P2 3 + P2→G 9; S2: G→S2 18 + 9 + P2→G 9; S3: G→S3 18 + 12 + P→G 18.
    assert haul.kpis["km"] == 18 + 36 + 48


def test_no_trucks_at_all_says_how_many_are_needed():
    haul, violations = _solve(three_stations(haul_count=0))
    assert violations == []
    assert haul.trips == []
    assert [d.fix for d in haul.diagnostics if d.code == "haul-fleet"] == ["needs 3 more hook-lift trucks"]


def test_days_too_large_for_the_exact_model_get_the_greedy_plan_flagged_unproven(monkeypatch):
    monkeypatch.setattr(sys.modules["wasteopt.solve.haul.model"], "EXACT_UP_TO", 1)
    haul, violations = _solve(three_stations(haul_count=3))
    assert violations == []
    assert sorted(t.station for t in haul.trips) == ["S1", "S2", "S3"]
    assert haul.kpis["trucks_used"] == 3
    assert [d.code for d in haul.diagnostics] == ["haul-not-proven"]
    # Too few trucks for the greedy plan: what it can haul is kept and the shortfall named.
    short, violations = _solve(three_stations(haul_count=1))
    assert violations == []
    assert len(short.trips) == 1
    assert any(d.code == "haul-left-behind" for d in short.diagnostics)
