"""The shipped Zhangdian district end to end: every room, every station within capacity, the haul,
and a mass balance that closes to the kilogram — all checked by the independent validator."""

from __future__ import annotations

import wasteopt
from wasteopt.plan.models import Plan
from wasteopt.scenario.models import Scenario


def test_every_room_is_served_and_the_plan_validates(zhangdian: tuple[Scenario, Plan]) -> None:
    scenario, plan = zhangdian
    assert wasteopt.validate(scenario, plan) == []
    served = [stop.id for route in plan.routes for stop in route.stops if stop.kind == "room"]
    assert sorted(served) == sorted(room.id for room in scenario.rooms)
    assert plan.unserved == []


def test_station_loads_stay_within_the_thirteen_capacities(zhangdian: tuple[Scenario, Plan]) -> None:
    scenario, plan = zhangdian
    loads = plan.kpis["station_load_kg"]
    assert len(scenario.active_stations) == 13
    for station in scenario.active_stations:
        assert loads.get(station.id, 0.0) <= station.capacity_t_per_day * 1000


def test_the_chain_balances_to_the_kilogram(zhangdian: tuple[Scenario, Plan]) -> None:
    scenario, plan = zhangdian
    collected = sum(room.waste_kg_per_day for room in scenario.rooms)
    transferred = sum(stop.unloaded_kg or 0 for route in plan.routes for stop in route.stops if stop.kind == "station")
    delivered = sum(trip.payload_kg for trip in plan.haul)
    assert abs(collected - transferred) < 1 and abs(transferred - delivered) < 1
    assert not [d for d in plan.diagnostics if d.level == "error"]


def test_cost_is_above_the_lower_bound_and_below_a_naive_bound(zhangdian: tuple[Scenario, Plan]) -> None:
    scenario, plan = zhangdian
    km = sum(route.distance_km for route in plan.routes)
    assert plan.lower_bound.distance_km <= km
    # Naive baseline: every room served by its own out-and-back trip from the nearest station.
    from wasteopt.network import network_for

    network = network_for(scenario)
    rooms = [room.id for room in scenario.rooms]
    stations = [s.id for s in scenario.active_stations]
    naive_km = 2 * network.distance_m(rooms, stations).min(axis=1).sum() / 1000
    assert km < naive_km
