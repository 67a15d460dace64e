"""The one routing round: complete whenever the fleet allows, valid on both paths, honest reasons."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.solve.scenarios import room, scenario, station, truck
from wasteopt.network import network_for
from wasteopt.plan.validate import validate
from wasteopt.scenario.models import Break, Scenario
from wasteopt.solve.budget import Budget
from wasteopt.solve.collection.instance import build_instance
from wasteopt.solve.collection.routing import route_collection
from wasteopt.solve.decompose.executors import InlineExecutor
from wasteopt.solve.engine import solve
from wasteopt.solve.options import SolveOptions

PATHS = {"whole": None, "regions": 0}
"""``decompose_above`` forcing each path: the whole district at once, or by regions."""


def _early_closing() -> Scenario:
    """The nearby station closes at 07:00; the far one is open all day; two trucks, one enough."""
    rooms = [room(f"R{k}", 3000.0 + 500 * k, 0.0, 400.0, service_min=20) for k in range(3)]
    return scenario(
        rooms,
        [station("S1", 4000, 500, close=7 * 3600), station("S2", -6000, 0)],
        [("G", 0.0, 0.0)],
        [truck("T", "G", 1000.0, count=2)],
    )


def _solve(sc: Scenario, path: str, iterations: int = 100, seed: int = 1):
    return solve(sc, iterations=iterations, seed=seed, options=SolveOptions(decompose_above=PATHS[path], executor=InlineExecutor()))


@pytest.mark.parametrize("path", PATHS)
def test_a_station_closing_before_the_shift_ends_is_never_used_late(path: str) -> None:
    sc = _early_closing()
    plan = _solve(sc, path)
    assert validate(sc, plan) == []
    assert plan.solver["violations"] == []
    assert not plan.unserved
    for route in plan.routes:
        for stop in route.stops:
            if stop.kind == "station" and stop.id == "S1":
                assert stop.arrive <= "07:00:00"


def test_without_search_the_construction_already_serves_every_room() -> None:
    sc = _early_closing()
    network = network_for(sc)
    instance = build_instance(sc, network)
    routes, unserved = route_collection(instance, network, Budget(iterations=1), 0)
    assert not unserved
    assert sorted(v.index for raw in routes for v in raw.visits if v.kind == "room") == [0, 1, 2]


def test_rooms_beyond_the_fleet_say_how_many_more_trucks() -> None:
    rooms = [room(f"R{k}", 2000.0 + 100 * k, 0.0, 900.0, service_min=60) for k in range(12)]
    sc = scenario(rooms, [station("S", 2500, 0)], [("G", 0.0, 0.0)], [truck("T", "G", 1000.0, count=1, shift_end=9 * 3600)])
    plan = _solve(sc, "whole", iterations=50)
    assert validate(sc, plan) == []
    assert plan.unserved
    reasons = {u.reason for u in plan.unserved}
    assert len(reasons) == 1
    assert reasons.pop().startswith("fleet too small: the only truck is in use; about ")


def test_a_held_fleet_leaves_rooms_out_rather_than_bring_a_truck_back() -> None:
    """With ``fleet_cap`` (a squeeze) the routes use no more trucks of any type than the cap, a type
    held at none included, however many rooms that leaves out."""
    rooms = [room(f"R{k}", 2000.0 + 100 * k, 0.0, 400.0, service_min=30) for k in range(12)]
    sc = scenario(rooms, [station("S", 2500, 0)], [("G", 0.0, 0.0)],
                  [truck("A", "G", 1000.0, count=3, shift_end=9 * 3600), truck("B", "G", 1000.0, count=2, shift_end=9 * 3600)])
    network = network_for(sc)
    instance = build_instance(sc, network)
    free, _ = route_collection(instance, network, Budget(iterations=100), 0)
    assert len(free) >= 2  # twelve half-hour rooms do not fit one three-hour shift
    held, unserved = route_collection(instance, network, Budget(iterations=100), 0, initial=free[:1], fleet_cap=[1, 0])
    assert [raw.type_index for raw in held] == [0]
    assert unserved and len(unserved) + sum(v.kind == "room" for v in held[0].visits) == 12


def _district(data) -> Scenario:
    """A random small district that a complete plan exists for by construction: every room alone
    fits one truck's day (a station open until 10:00 at least, which every room's window lets a
    truck reach in time; one truck of each type per room). Other stations close early or open late."""
    n = data.draw(st.integers(3, 9), label="rooms")
    rooms = []
    for k in range(n):
        x, y = data.draw(st.floats(0, 8000)), data.draw(st.floats(0, 8000))
        kg = data.draw(st.floats(50, 700))
        window = data.draw(st.sampled_from([None, (6, 9), (7, 10), (9, 12)]))
        narrow = data.draw(st.booleans())
        extra = {"max_vehicle_class": 1} if narrow else {}
        if window:
            extra |= {"tw_open": window[0] * 3600, "tw_close": window[1] * 3600}
        rooms.append(room(f"R{k}", x, y, round(kg, 1), **extra))
    stations = [station("S0", 4000, 4000, **data.draw(st.sampled_from([{}, {"close": 10 * 3600}])))]
    for j in range(data.draw(st.integers(0, 2))):
        hours = data.draw(st.sampled_from([{"close": 7 * 3600}, {"close": 10 * 3600}, {"open": 9 * 3600}, {}]))
        stations.append(station(f"S{j + 1}", data.draw(st.floats(0, 8000)), data.draw(st.floats(0, 8000)), **hours))
    fleet = [truck("big", "G", 1500.0, count=n, vehicle_class=2), truck("small", "G", 800.0, count=n, vehicle_class=1, cost_per_km=0.8)]
    return scenario(rooms, stations, [("G", 100.0, 100.0)], fleet)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_districts_with_hours_windows_and_lanes_are_served_whole_and_valid(data) -> None:
    sc = _district(data)
    for path in PATHS:
        plan = _solve(sc, path, iterations=30, seed=data.draw(st.integers(0, 5)))
        assert validate(sc, plan) == [], path
        assert not plan.unserved, path


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_districts_with_breaks_and_daily_limits_are_served_whole_and_valid(data) -> None:
    """The districts above with a break for every crew and daily limits that still let one truck
    serve any one room (so a complete plan exists): every plan keeps them and serves every room."""
    sc = _district(data)
    start = data.draw(st.sampled_from([7, 9, 11]), label="break from")
    rest = Break(duration_min=data.draw(st.sampled_from([15, 30, 60])), earliest=start * 3600, latest=(start + 1) * 3600)
    limits = {
        "max_trips": data.draw(st.sampled_from([None, 1, 2])),
        "max_kg_per_day": data.draw(st.sampled_from([None, 1500.0, 2500.0])),
        "max_stops": data.draw(st.sampled_from([None, 2, 4])),
        "max_duty_hours": data.draw(st.sampled_from([None, 6.0])),
    }
    fleet = [vt.model_copy(update={"breaks": (rest,), **limits}) for vt in sc.fleet]
    sc = sc.model_copy(update={"fleet": fleet})
    for path in PATHS:
        plan = _solve(sc, path, iterations=30, seed=data.draw(st.integers(0, 5)))
        assert validate(sc, plan) == [], path
        assert not plan.unserved, path
