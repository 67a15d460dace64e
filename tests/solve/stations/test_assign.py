"""Station assignment: unloads move to other stations until every station is within capacity, by the
cheapest moves a truck's shift and windows allow; ``None`` when no choice fits or none is found in time.

G at (0, 0); R0 (1000, 0) and R1 (1000, 200), 800 kg each; station A (2000, 0), station B
(2000, 1000). Each room has its own truck G → room → A → G. Unloading at B instead costs R0's truck
650 m and 65 s more (1.30 yuan at 1 yuan/km and 36 yuan/h) and R1's 497 m and 50 s (1.00 yuan).
"""

from __future__ import annotations

import numpy as np
import pytest
from ortools.sat.python import cp_model

from tests.solve.scenarios import room, scenario, station, truck
from wasteopt.network import network_for
from wasteopt.solve.budget import Budget
from wasteopt.solve.clock import cp_solver
from wasteopt.solve.collection.instance import build_instance
from wasteopt.solve.collection.routes import RawRoute, Visit
from wasteopt.solve.collection.schedule import time_route
from wasteopt.solve.stations import assign
from wasteopt.solve.stations.assign import assign_stations, station_loads
from wasteopt.solve.stations.shed import enforce_station_capacity

H = 3600


def _two_trips(a_tonnes: float, b_tonnes: float = 10.0, r1_shift_end: int = 14 * H):
    """Two routes, R0's on truck type T and R1's on type U, both unloading at A."""
    rooms = [room("R0", 1000, 0, 800), room("R1", 1000, 200, 800)]
    fleet = [truck("T", "G", 1000.0, cost_per_hour=36.0), truck("U", "G", 1000.0, cost_per_hour=36.0, shift_end=r1_shift_end)]
    sc = scenario(rooms, [station("A", 2000, 0, tonnes=a_tonnes), station("B", 2000, 1000, tonnes=b_tonnes)], [("G", 0, 0)], fleet)
    network = network_for(sc)
    instance = build_instance(sc, network)
    a = Visit("station", 0)
    return instance, network, [RawRoute(0, (Visit("room", 0), a)), RawRoute(1, (Visit("room", 1), a))]


def _stations(instance, routes) -> list[list[str]]:
    return [[instance.station_ids[v.index] for v in raw.visits if v.kind == "station"] for raw in routes]


def test_routes_within_capacity_keep_their_nearest_stations() -> None:
    instance, network, routes = _two_trips(a_tonnes=2.0)
    assert assign_stations(instance, network, routes) == routes


def test_the_cheapest_move_brings_an_overloaded_station_within_capacity() -> None:
    """A takes 1000 kg of the 1600 kg: one unload moves to B, R1's (1.00 yuan, cheaper than R0's)."""
    instance, network, routes = _two_trips(a_tonnes=1.0)
    assigned = assign_stations(instance, network, routes)
    assert assigned is not None
    assert _stations(instance, assigned) == [["A"], ["B"]]
    assert station_loads(instance, assigned).tolist() == [800, 800]
    assert all(time_route(instance, network, raw).feasible for raw in assigned)


def _counting_solves(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the time limit of every CP-SAT solve station assignment makes."""
    limits: list[float] = []

    def spy(time_limit: float, *args, **kwargs) -> cp_model.CpSolver:
        limits.append(time_limit)
        return cp_solver(time_limit, *args, **kwargs)

    monkeypatch.setattr(assign, "cp_solver", spy)
    return limits


def test_a_move_that_would_overrun_the_shift_is_not_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    """R1's truck is back at 06:12:44 and must be by 06:13:33: 49 s to spare, and B takes 50 s more.
    So R0's unload moves, although it costs more; the model knows the shift, so one solve does it
    (no move to undo)."""
    solves = _counting_solves(monkeypatch)
    instance, network, routes = _two_trips(a_tonnes=1.0, r1_shift_end=6 * H + 764 + 49)
    assert time_route(instance, network, routes[1]).arrive[-1] == 6 * H + 764
    assigned = assign_stations(instance, network, routes)
    assert assigned is not None
    assert _stations(instance, assigned) == [["B"], ["A"]]
    assert len(solves) == 1


def test_moves_that_each_fit_the_shift_but_not_together_are_not_both_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    """R1's truck (400 kg at R1, 400 kg at R3 (2000, 500), two trips into A) has 30 s to spare; its
    unloads via B take 26 s and 24 s more and cost 1.00 yuan together, less than R0's (1.30). A takes
    800 kg of 1600, so either both of them move or R0's: R0's, in one solve."""
    solves = _counting_solves(monkeypatch)
    rooms = [room("R0", 1000, 0, 800), room("R1", 1000, 200, 400), room("R3", 2000, 500, 400)]
    fleet = [truck("T", "G", 1000.0, cost_per_hour=36.0), truck("U", "G", 1000.0, cost_per_hour=36.0, shift_end=6 * H + 1224 + 30)]
    sc = scenario(rooms, [station("A", 2000, 0, tonnes=0.8), station("B", 2000, 1000)], [("G", 0, 0)], fleet)
    network = network_for(sc)
    instance = build_instance(sc, network)
    a = Visit("station", 0)
    routes = [RawRoute(0, (Visit("room", 0), a)), RawRoute(1, (Visit("room", 1), a, Visit("room", 2), a))]
    assert time_route(instance, network, routes[1]).arrive[-1] == 6 * H + 1224
    assigned = assign_stations(instance, network, routes)
    assert _stations(instance, assigned) == [["B"], ["A", "A"]]
    assert len(solves) == 1


def test_a_move_that_makes_a_later_room_late_is_undone_and_another_found() -> None:
    """R1's truck goes on to R3 (2000, 600), which closes when the truck arrives via A (06:10:24).
    Its unload via B is the cheapest move (0.12 yuan) and leaves time in the shift, but reaches R3
    6 s late: that route is locked to its stations and R0's unload moves instead. Without the window
    R1's unload moves."""

    def case(r3_window: dict):
        rooms = [room("R0", 1000, 0, 800), room("R1", 1000, 200, 800), room("R3", 2000, 600, 100, **r3_window)]
        sc = scenario(rooms, [station("A", 2000, 0, tonnes=1.0), station("B", 2000, 1000)], [("G", 0, 0)],
                      [truck("T", "G", 1000.0, count=2, cost_per_hour=36.0)])
        network = network_for(sc)
        instance = build_instance(sc, network)
        a = Visit("station", 0)
        routes = [RawRoute(0, (Visit("room", 0), a)), RawRoute(0, (Visit("room", 1), a, Visit("room", 2), a))]
        return instance, network, routes

    instance, network, routes = case({})
    assert _stations(instance, assign_stations(instance, network, routes)) == [["A"], ["B", "A"]]
    instance, network, routes = case({"tw_close": 6 * H + 624})
    assert time_route(instance, network, routes[1]).arrive[2] == 6 * H + 624
    assigned = assign_stations(instance, network, routes)
    assert _stations(instance, assigned) == [["B"], ["A", "A"]]
    assert all(time_route(instance, network, raw).feasible for raw in assigned)


def test_no_choice_fits_gives_none() -> None:
    """A takes one 800 kg unload, B (500 kg) none."""
    instance, network, routes = _two_trips(a_tonnes=1.0, b_tonnes=0.5)
    assert assign_stations(instance, network, routes) is None


def test_the_time_limit_reaches_the_solver(monkeypatch: pytest.MonkeyPatch) -> None:
    limits = _counting_solves(monkeypatch)
    instance, network, routes = _two_trips(a_tonnes=1.0)
    assign_stations(instance, network, routes, time_limit=0.7)
    enforce_station_capacity(instance, network, routes, Budget())
    assert limits == [0.7, 5.0]  # without a run time limit, station assignment gets at most 5 s


def _solver_that_stops(statuses: list[str], **parameters):
    """``cp_solver`` with extra parameters, recording each solve's status."""

    def make(time_limit: float, *args, **kwargs) -> cp_model.CpSolver:
        solver = cp_solver(time_limit, *args, **kwargs)
        for name, value in parameters.items():
            setattr(solver.parameters, name, value)
        solve = solver.solve

        def recorded(model, *more):
            status = solve(model, *more)
            statuses.append(solver.status_name(status))
            return status

        solver.solve = recorded
        return solver

    return make


def test_timing_out_before_any_assignment_is_found_gives_none_and_the_rooms_are_shed(monkeypatch: pytest.MonkeyPatch) -> None:
    """cp_solver never gives less than 0.1 s, ample for this model, so the limit is set to zero
    after it. A time-out with nothing found counts as "no choice fits": the caller sheds the last
    room into the overloaded station, although moving R1's unload to B would have fitted."""
    statuses: list[str] = []
    monkeypatch.setattr(assign, "cp_solver", _solver_that_stops(statuses, max_time_in_seconds=0.0, max_deterministic_time=0.0))
    instance, network, routes = _two_trips(a_tonnes=1.0)
    assert assign_stations(instance, network, routes) is None
    assert statuses == ["UNKNOWN"]
    kept, shed = enforce_station_capacity(instance, network, routes, Budget())
    assert [instance.room_ids[k] for k in shed] == ["R1"]
    assert kept == routes[:1]
    assert (station_loads(instance, kept) <= instance.station_capacity_kg).all()


def test_timing_out_with_an_assignment_found_keeps_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stopped at its first solution (not proven cheapest), the assignment is still used: every
    station within capacity and every route on time."""
    statuses: list[str] = []
    monkeypatch.setattr(assign, "cp_solver", _solver_that_stops(statuses, stop_after_first_solution=True, cp_model_presolve=False))
    instance, network, routes = _two_trips(a_tonnes=1.0)
    assigned = assign_stations(instance, network, routes)
    assert statuses == ["FEASIBLE"]
    assert assigned is not None
    assert (station_loads(instance, assigned) <= instance.station_capacity_kg).all()
    assert np.array_equal(np.sort(station_loads(instance, assigned)), [800, 800])
    assert all(time_route(instance, network, raw).feasible for raw in assigned)


def test_station_loads_sum_each_trip_at_its_unload() -> None:
    rooms = [room("R0", 1000, 0, 100), room("R1", 1000, 200, 250.5), room("R2", 1500, 0, 300)]
    sc = scenario(rooms, [station("A", 2000, 0), station("B", 2000, 1000)], [("G", 0, 0)], [truck("T", "G", 1000.0)])
    network = network_for(sc)
    instance = build_instance(sc, network)
    a, b = Visit("station", 0), Visit("station", 1)
    route = RawRoute(0, (Visit("room", 0), Visit("room", 1), a, Visit("room", 2), b))
    assert station_loads(instance, [route]).tolist() == [351, 300]  # kg rounded up per room


def _with_haul(instance, network, payload_t: float = 1.2):
    """The same stations with a plant 18 km east and hook-lift trucks carrying ``payload_t`` a container."""
    from wasteopt.scenario.models import HaulTruckType, Plant

    sc = instance.scenario.model_copy(update={
        "plants": [Plant(id="P", x=20000, y=0)],
        "haul_fleet": [HaulTruckType(id="H", count=1, garage="G", container_payload_t=payload_t, cost_per_km=5.0,
                                     cost_per_hour=36.0, speed_kmh=36.0)],
    })
    network = network_for(sc)
    return build_instance(sc, network), network


def test_unloads_fill_containers_rather_than_start_new_ones() -> None:
    """A third room R2 (400 kg) unloads at B; A takes 1.6 t a day. With 1.2 t containers, A's 1,600 kg
    fill two and B's 400 kg one; moving R1's 800 kg to B (1.00 yuan of detour) leaves one container at
    each: a haul round trip of about 216 yuan saved. Without a haul the routes stay as they are."""
    instance, network, routes = _two_trips(a_tonnes=1.6)
    sc = instance.scenario
    sc = sc.model_copy(update={"rooms": [*sc.rooms, room("R2", 1000, 1000, 400)],
                               "fleet": [*sc.fleet, truck("W", "G", 1000.0, cost_per_hour=36.0)]})
    network = network_for(sc)
    instance = build_instance(sc, network)
    routes = [*routes, RawRoute(2, (Visit("room", 2), Visit("station", 1)))]
    assert assign_stations(instance, network, routes) == routes
    hauled, network = _with_haul(instance, network)
    assigned = assign_stations(hauled, network, routes)
    assert assigned is not None and _stations(hauled, assigned) == [["A"], ["B"], ["B"]]
    assert station_loads(hauled, assigned).tolist() == [800, 1200]
