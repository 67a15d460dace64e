"""The engine on small hand-built districts: every plan validates and is as cheap as the optimum."""

from __future__ import annotations

import pytest

from tests.solve.brute_force import optimum
from tests.solve.scenarios import room, scenario, station, truck
from wasteopt.plan.models import Plan
from wasteopt.plan.validate import validate
from wasteopt.scenario.models import Break, Scenario
from wasteopt.solve import engine
from wasteopt.solve.collection.routes import RawRoute
from wasteopt.solve.engine import solve

ITERATIONS = 300


def _plan(sc: Scenario, seed: int = 0) -> Plan:
    plan = solve(sc, iterations=ITERATIONS, seed=seed)
    assert validate(sc, plan) == []
    assert plan.kpis["cost"] >= plan.lower_bound.cost - 1e-6
    assert plan.kpis["distance_km"] >= plan.lower_bound.distance_km - 1e-6
    return plan


def _stations_visited(plan: Plan) -> list[str]:
    return [stop.id for route in plan.routes for stop in route.stops if stop.kind == "station"]


def _line(kg_a: float, kg_b: float) -> Scenario:
    """Garage at 0, rooms at 2 km and 3 km east, the station 1 km west."""
    return scenario(
        [room("A", 2000, 0, kg_a), room("B", 3000, 0, kg_b)],
        [station("S", -1000, 0)],
        [("G", 0, 0)],
        [truck("T", "G", 1000.0, cost_per_hour=30.0)],
    )


def test_one_unload_trip_when_the_load_fits() -> None:
    sc = _line(400, 500)
    plan = _plan(sc)
    assert plan.kpis["unload_trips"] == 1
    # G→A→B→S→G = 2 + 1 + 4 + 1 = 8 km
    assert plan.kpis["distance_km"] == pytest.approx(8.0)
    assert plan.kpis["cost"] == pytest.approx(optimum(sc).cost, abs=0.01)


def test_two_unload_trips_when_it_does_not() -> None:
    sc = _line(600, 700)
    plan = _plan(sc)
    assert plan.kpis["unload_trips"] == 2
    # G→A→S→B→S→G = 2 + 3 + 4 + 4 + 1 = 14 km
    assert plan.kpis["distance_km"] == pytest.approx(14.0)
    assert plan.kpis["cost"] == pytest.approx(optimum(sc).cost, abs=0.01)


def test_a_full_station_sends_the_rest_to_the_other() -> None:
    near_full = scenario(
        [room("A", 1000, 0, 600), room("B", 1200, 300, 700), room("C", 900, -400, 500)],
        [station("NEAR", 1500, 0, tonnes=0.7), station("FAR", -3000, 0, tonnes=20.0)],
        [("G", 0, 0)],
        [truck("T", "G", 1000.0)],
    )
    plan = _plan(near_full)
    assert plan.kpis["station_load_kg"].get("NEAR", 0) <= 700
    assert plan.kpis["station_load_kg"]["FAR"] >= 1100
    # The router sees capacity as a price and the exact assignment only re-chooses stations, not the
    # order of rooms: here that costs 0.3 km over the optimum (117.28 vs 116.98). Within 2 %:
    best = optimum(near_full).cost
    assert best - 0.01 <= plan.kpis["cost"] <= 1.02 * best
    roomy = near_full.model_copy(update={"stations": [station("NEAR", 1500, 0, tonnes=20.0), near_full.stations[1]]})
    assert set(_stations_visited(_plan(roomy))) == {"NEAR"}  # with room to spare, only the near one


def test_a_narrow_lane_room_gets_the_small_truck() -> None:
    sc = scenario(
        [room("LANE", 1000, 1000, 100, max_vehicle_class=1), room("ROAD", 2000, 0, 300)],
        [station("S", 0, 500)],
        [("G", 0, 0)],
        [truck("BIG", "G", 5000.0, vehicle_class=2, fixed_cost=10.0), truck("SMALL", "G", 1000.0, vehicle_class=1, fixed_cost=50.0)],
    )
    plan = _plan(sc)
    served_by = {stop.id: route.vehicle_type for route in plan.routes for stop in route.stops if stop.kind == "room"}
    assert served_by["LANE"] == "SMALL"
    assert plan.kpis["cost"] == pytest.approx(optimum(sc).cost, abs=0.01)


def test_a_room_only_one_garage_can_reach_in_a_shift() -> None:
    # Shift of one hour at 36 km/h: 36 km of driving at most. The east room is 4 km from G_EAST and
    # its station, 60 km from G_WEST; the west room is 1 km from G_WEST.
    sc = scenario(
        [room("EAST", 60_000, 0, 200), room("WEST", -1000, 0, 200)],
        [station("SE", 61_000, 0), station("SW", 0, 1000)],
        [("G_EAST", 64_000, 0), ("G_WEST", 0, 0)],
        [truck("TE", "G_EAST", 1000.0, shift_end=7 * 3600), truck("TW", "G_WEST", 1000.0, shift_end=7 * 3600)],
    )
    plan = _plan(sc)
    served_by = {stop.id: route.garage for route in plan.routes for stop in route.stops if stop.kind == "room"}
    assert served_by == {"EAST": "G_EAST", "WEST": "G_WEST"}
    assert not plan.unserved


def test_a_room_no_garage_can_reach_is_unserved_with_the_reason() -> None:
    sc = scenario(
        [room("FAR", 90_000, 0, 200), room("NEAR", 1000, 0, 200)],
        [station("S", 0, 1000)],
        [("G", 0, 0)],
        [truck("T", "G", 1000.0, shift_end=7 * 3600)],
    )
    plan = _plan(sc)
    assert [(u.id, u.reason) for u in plan.unserved] == [
        ("FAR", "too far: the shortest round trip garage → room → station → garage takes 5.2 h, the longest shift is 1.0 h")
    ]


def test_a_time_window_is_kept() -> None:
    sc = scenario(
        [room("LATE", 1000, 0, 100, tw_open=10 * 3600, tw_close=11 * 3600), room("ANY", -1000, 0, 100)],
        [station("S", 0, 1000)],
        [("G", 0, 0)],
        [truck("T", "G", 1000.0)],
    )
    plan = _plan(sc)
    late = next(stop for route in plan.routes for stop in route.stops if stop.id == "LATE")
    assert "10:00:00" <= late.arrive <= "11:00:00" or "10:00:00" <= late.depart
    assert len(plan.routes) == 1


def test_same_seed_and_iterations_give_the_same_plan() -> None:
    sc = scenario(
        [room(f"R{k}", 700 * (k % 4), 900 * (k // 4), 150 + 40 * k) for k in range(10)],
        [station("S1", -500, 0), station("S2", 3000, 2500)],
        [("G", 0, -500)],
        [truck("T", "G", 1200.0, count=3, cost_per_hour=20.0)],
    )
    first, second = solve(sc, iterations=200, seed=5), solve(sc, iterations=200, seed=5)
    assert validate(sc, first) == []
    assert first.routes == second.routes
    assert first.kpis == second.kpis


@pytest.mark.parametrize("seed", range(3))
def test_random_tiny_districts_reach_the_exhaustive_optimum(seed: int) -> None:
    import numpy as np

    rng = np.random.default_rng(seed)
    xy = rng.uniform(0, 6000, size=(8, 2))
    # Whole kilograms: the engine counts each room's waste rounded up to the kilogram (so a plan it
    # calls feasible is feasible for the real weights), which can rule out a plan filling a truck
    # to within a kilogram; the exhaustive search does not round.
    sc = scenario(
        [room(f"R{k}", *xy[k], float(rng.integers(200, 700))) for k in range(5)],
        [station("S1", *xy[5]), station("S2", *xy[6])],
        [("G", *xy[7])],
        [truck("T1", "G", 1000.0, cost_per_hour=30.0), truck("T2", "G", 1500.0, cost_per_hour=30.0, fixed_cost=120.0)],
    )
    plan = _plan(sc)
    assert plan.kpis["cost"] == pytest.approx(optimum(sc).cost, abs=0.01)


def test_rooms_lost_after_routing_are_served_by_the_construction(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever step loses rooms after routing (here: putting rooms back is made to fail for two of
    them), the plan written serves every room the construction serves."""
    real = engine.insert_rooms

    def losing(instance, network, routes, rooms):
        kept, left = real(instance, network, routes, rooms)
        lost = [v.index for raw in kept[:1] for v in raw.visits if v.kind == "room"][:2]
        kept = [raw.__class__(raw.type_index, tuple(v for v in raw.visits if v.kind != "room" or v.index not in lost)) for raw in kept]
        return kept, left + lost

    monkeypatch.setattr(engine, "insert_rooms", losing)
    sc = scenario([room(f"R{k}", 1000.0 + 300 * k, 200.0 * (k % 3), 300.0) for k in range(8)],
                  [station("S", 0, 0)], [("G", 0, 0)], [truck("T", "G", 1000.0, count=3)])
    plan = _plan(sc)
    assert plan.unserved == []
    assert plan.kpis["rooms_served"] == 8


def _routes_collected(plan: Plan) -> list[float]:
    return sorted(sum(stop.collected_kg or 0 for stop in route.stops) for route in plan.routes)


def test_a_trip_limit_sends_a_second_truck() -> None:
    """600 + 700 kg need two trips of a 1,000 kg truck; with one trip a day allowed, two trucks go."""
    sc = _line(600, 700)
    sc = sc.model_copy(update={"fleet": [truck("T", "G", 1000.0, count=2, cost_per_hour=30.0, max_trips=1)]})
    plan = _plan(sc)
    assert len(plan.routes) == 2 and not plan.unserved
    assert [route.unload_trips for route in plan.routes] == [1, 1]


def _three_rooms(kg: float, count: int, **limits) -> Scenario:
    """Three rooms of ``kg`` east of the garage, the station 1 km west, 2,000 kg trucks with ``limits``."""
    return scenario(
        [room("A", 2000, 0, kg), room("B", 3000, 0, kg), room("C", 2500, 500, kg)],
        [station("S", -1000, 0)],
        [("G", 0, 0)],
        [truck("T", "G", 2000.0, count=count, cost_per_hour=30.0, **limits)],
    )


def test_a_daily_kg_limit_is_met_exactly() -> None:
    """Three rooms of 500 kg and at most 1,000 kg a truck: one truck collects exactly 1,000 kg."""
    plan = _plan(_three_rooms(500, count=2, max_kg_per_day=1000))
    assert not plan.unserved
    assert _routes_collected(plan) == [500, 1000]


def test_a_room_limit_is_kept_and_named_when_it_leaves_rooms_out() -> None:
    """One truck, two rooms a day at most, three rooms: one is unserved, and the reason names the limit."""
    plan = _plan(_three_rooms(100, count=1, max_stops=2))
    assert sum(stop.kind == "room" for stop in plan.routes[0].stops) == 2
    assert len(plan.unserved) == 1
    assert "max_stops on 1 of 1 trucks" in plan.unserved[0].reason
    assert [(d.level, d.code) for d in plan.diagnostics if "max_stops" in d.message] == [("warning", "daily-limits")]


def test_a_lunch_break_is_planned_and_kept() -> None:
    """A 30-minute break starting 06:05–06:10: the route shows it, and the day is 30 minutes longer."""
    plain = _plan(_line(400, 500))
    sc = _line(400, 500)
    sc = sc.model_copy(update={"fleet": [truck("T", "G", 1000.0, cost_per_hour=30.0,
                                               breaks=(Break(duration_min=30, earliest="06:05", latest="06:10"),))]})
    plan = _plan(sc)
    rests = [stop for stop in plan.routes[0].stops if stop.kind == "break"]
    assert [(stop.id, stop.arrive, stop.depart) for stop in rests] == [("break-1", "06:05:00", "06:35:00")]
    assert plan.routes[0].duration_h == pytest.approx(plain.routes[0].duration_h + 0.5, abs=1e-3)
    assert plan.kpis["distance_km"] == pytest.approx(plain.kpis["distance_km"])


def test_no_plan_keeps_a_truck_the_others_can_stand_in_for(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the routing leaves (here: made to send three trucks where one does), the plan written
    has no light route whose rooms the other trucks take at no extra cost."""
    from tests.solve.collection.test_insert import _route

    def wasteful(instance, network, budget, seed, options, initial):  # type: ignore[no-untyped-def]
        return [_route(instance, "T", ["R0", "R1", "R2"]), _route(instance, "T", ["R3"]), _route(instance, "T", ["R4"])], {}, False

    monkeypatch.setattr(engine, "_route", wasteful)
    sc = scenario([room(f"R{k}", 1000.0 + 200 * k, 0.0, 100.0) for k in range(5)],
                  [station("S", 0, 300)], [("G", 0, 0)], [truck("T", "G", 1000.0, count=3)])
    plan = _plan(sc)
    assert len(plan.routes) == 1 and plan.kpis["rooms_served"] == 5 and plan.solver["trucks_trimmed"] == 2


def _two_villages_yesterday() -> tuple[Scenario, Plan, frozenset[str]]:
    """Two villages a shift apart, yesterday's plan of them, and the truck of the first to keep."""
    rooms = [room(f"R{k}", 3000.0 if k < 3 else -3000.0, 200.0 * k, 100.0, service_min=100) for k in range(6)]
    sc = scenario(rooms, [station("S", 0, 300)], [("G", 0, 0)], [truck("T", "G", 1000.0, count=4)])
    previous = _plan(sc)
    assert len(previous.routes) == 2  # a shift holds one village's five hours of service, not both
    return sc, previous, frozenset(r.vehicle for r in previous.routes if any(stop.id == "R0" for stop in r.stops))


def _kept_stops(plan: Plan, keep: frozenset[str]) -> list[list[str]]:
    return [[s.id for s in r.stops] for r in plan.routes if r.vehicle in keep]


def test_a_replan_keeping_trucks_trims_the_trucks_it_reroutes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Re-planned around kept trucks (a what-if near a change), the re-routed part goes through the
    trim too, against what the kept trucks leave: here routing sends three trucks where one does."""
    from tests.solve.collection.test_insert import _route
    from wasteopt.solve.options import SolveOptions

    sc, previous, keep = _two_villages_yesterday()

    def wasteful(instance, network, budget, seed, options, initial):  # type: ignore[no-untyped-def]
        return [_route(instance, "T", [rid]) for rid in instance.room_ids], {}, False

    monkeypatch.setattr(engine, "_route", wasteful)
    plan = solve(sc, iterations=ITERATIONS, seed=0, options=SolveOptions(start_from=previous, keep_trucks=keep))
    assert validate(sc, plan) == [] and plan.kpis["rooms_served"] == 6
    assert len(plan.routes) == 2 and plan.solver["trucks_trimmed"] == 2
    assert _kept_stops(plan, keep) == _kept_stops(previous, keep)


def test_a_truck_added_to_fit_station_capacity_on_a_replan_is_trimmed_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a re-plan keeping trucks, the trim comes after station capacity is fitted: a truck added
    there (here: a shed room put on a truck of its own) goes when the re-routed trucks take its room,
    and the kept trucks stay as they were."""
    from tests.solve.collection.test_insert import _route
    from wasteopt.solve.options import SolveOptions

    sc, previous, keep = _two_villages_yesterday()
    fit_capacity = engine.enforce_station_capacity

    def shed_one(instance, network, raws, budget):  # type: ignore[no-untyped-def]
        raws, shed = fit_capacity(instance, network, raws, budget)
        last = raws[-1]  # a re-routed truck (the kept ones come first)
        at = next(k for k, v in enumerate(last.visits) if v.kind == "room")
        return [*raws[:-1], RawRoute(last.type_index, last.visits[:at] + last.visits[at + 1:])], [*shed, last.visits[at].index]

    def own_truck(instance, network, raws, rooms, new_trucks=True):  # type: ignore[no-untyped-def]
        return [*raws, *(_route(instance, "T", [instance.room_ids[k]]) for k in rooms)], []

    monkeypatch.setattr(engine, "enforce_station_capacity", shed_one)
    monkeypatch.setattr(engine, "insert_rooms", own_truck)
    plan = solve(sc, iterations=ITERATIONS, seed=0, options=SolveOptions(start_from=previous, keep_trucks=keep))
    assert validate(sc, plan) == [] and plan.kpis["rooms_served"] == 6
    assert len(plan.routes) == 2 and plan.solver["trucks_trimmed"] == 1
    assert _kept_stops(plan, keep) == _kept_stops(previous, keep)
