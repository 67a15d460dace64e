"""Which routes a change touches (wasteopt.solve.focus): the stations a variant changes, and the
trucks that neither unload there nor serve a room nearest to one of them."""

from __future__ import annotations

import pytest

import wasteopt
from wasteopt.network import network_for
from wasteopt.scenario.models import Station, Variant
from wasteopt.solve.focus import WIDER_CATCHMENT, changed_stations, trucks_to_keep
from wasteopt.whatif.variants import apply_variant

from tests.solve.scenarios import three_villages


@pytest.fixture(scope="module")
def district():
    scenario = three_villages()
    candidate = Station(id="C1", x=0, y=5200, capacity_t_per_day=12, status="candidate")  # in village C
    scenario = scenario.model_copy(update={"stations": [*scenario.stations, candidate]})
    return scenario, wasteopt.solve(scenario, iterations=120, seed=2)


def test_changed_stations():
    scenario = three_villages()
    assert changed_stations(scenario, apply_variant(scenario, Variant(close=["S2"]))) == {"S2"}
    smaller = [s.model_copy(update={"capacity_t_per_day": 5}) if s.id == "S3" else s for s in scenario.stations]
    assert changed_stations(scenario, scenario.model_copy(update={"stations": smaller})) == {"S3"}
    assert changed_stations(scenario, scenario) == frozenset()
    assert changed_stations(scenario, apply_variant(scenario, Variant(fleet={"V": 4}))) is None


def test_the_trucks_of_other_villages_are_kept(district):
    scenario, plan = district
    network = network_for(scenario)
    keep = trucks_to_keep(scenario, network, plan, {"S1"})
    for route in plan.routes:
        village_a = any(s.kind == "room" and s.id.startswith("A") for s in route.stops)
        at_s1 = any(s.kind == "station" and s.id == "S1" for s in route.stops)
        assert (route.vehicle in keep) == (not village_a and not at_s1)
    assert keep and len(keep) < len(plan.routes)
    opening = trucks_to_keep(scenario, network, plan, {"C1"})  # nearer than S3 to village C's rooms
    assert all(not any(s.kind == "room" and s.id.startswith("C") for s in r.stops) for r in plan.routes if r.vehicle in opening)
    assert trucks_to_keep(scenario, network, plan, set()) == {r.vehicle for r in plan.routes}
    assert trucks_to_keep(scenario, network, plan, None) == frozenset()


def test_the_wider_catchment_moves_the_trucks_of_the_villages_a_closure_sends_its_waste_to(district):
    scenario, plan = district
    network = network_for(scenario)
    narrow = trucks_to_keep(scenario, network, plan, {"S1"})
    wider = trucks_to_keep(scenario, network, plan, {"S1"}, WIDER_CATCHMENT)
    assert narrow and wider == frozenset()  # every room has S1 among its three nearest of the three stations
    assert narrow >= trucks_to_keep(scenario, network, plan, {"S1"}, 2) >= wider
