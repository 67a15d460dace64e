"""The recomputed figures of a plan: from the legs and the scenario's rates, not the stated figures;
a route that cannot be recomputed stands in with its stated figures."""

from __future__ import annotations

from tests.plan.test_validate import BASE_PLAN, make_scenario
from wasteopt.network.travel import TravelNetwork
from wasteopt.plan.models import Plan
from wasteopt.plan.validate_recount import Recount, recount
from wasteopt.plan.validate_route import Places, check_route


def count_of(plan: Plan) -> Recount:
    sc = make_scenario()
    network, places, trucks = TravelNetwork(sc), Places.of(sc), sc.vehicle_ids
    checked = [(r, trucks.get(r.vehicle), check_route(r, trucks.get(r.vehicle), places, network, 36)) for r in plan.routes]
    return recount(sc, plan, checked, network)


def test_the_tiny_plan() -> None:
    count = count_of(Plan.model_validate(BASE_PLAN))
    c = count.collection
    assert (round(c.km, 6), round(c.hours, 4), round(c.cost, 4), c.vehicles, c.terms) == (12.0, 1.3611, 264.8333, 2, 2)
    assert count.station_load_kg == {"S1": 700.0, "S2": 700.0}
    assert (count.collected_kg, count.unload_trips, count.rooms_served, count.rooms_unserved) == (1400.0, 2, 4, 1)
    assert count.haul is not None and count.haul.km == 0 and count.haul.vehicles == 0


def test_stated_figures_are_not_read_where_they_can_be_recomputed() -> None:
    plan = Plan.model_validate(BASE_PLAN)
    plan.routes[0] = plan.routes[0].model_copy(update={"distance_km": 1.0, "cost": 1.0, "duration_h": 0.1})
    assert round(count_of(plan).collection.cost, 4) == 264.8333


def test_a_route_through_an_unknown_place_stands_in_with_its_stated_km() -> None:
    plan = Plan.model_validate(BASE_PLAN)
    stops = list(plan.routes[0].stops)
    stops[3] = stops[3].model_copy(update={"id": "S7"})
    plan.routes[0] = plan.routes[0].model_copy(update={"stops": stops, "distance_km": 6.5})
    assert count_of(plan).collection.km == 12.5
