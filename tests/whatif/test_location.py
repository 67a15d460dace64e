"""The facility-location model on its own: obvious sites, capacity, leftovers, distinct selections."""

from __future__ import annotations

import numpy as np
import pytest

from wasteopt.whatif.estimate import build_cost_model, village_units
from wasteopt.whatif.kpis import annualised_per_day
from wasteopt.whatif.location import LocationProblem, best_selections


def _problem(scenario, candidates, alpha=1.0):
    costs = build_cost_model(scenario, candidates)
    return costs, LocationProblem(costs.assignment_cost(alpha), costs.demand_kg, costs.capacity_kg,
                                  costs.candidate, costs.build_per_day)


def test_villages_are_the_units(far_village):
    units = village_units(far_village)
    assert sorted(units) == ["T/Far", "T/Near"]
    assert len(units["T/Far"]) == 6


def test_the_site_inside_the_far_village_wins(far_village):
    candidates = [s for s in far_village.stations if s.status == "candidate"]
    costs, problem = _problem(far_village, candidates)
    best = best_selections(problem, 1, top=3, seed=1)
    assert [costs.station_ids[c] for c in best[0].opened] == ["C1"]
    far = costs.unit_ids.index("T/Far")
    assert costs.station_ids[best[0].assignment[far]] == "C1"
    assert best[0].optimal and best[0].unserved_kg == 0
    # three distinct selections, in order of estimated cost
    assert len({sel.opened for sel in best}) == 3
    assert [sel.estimate for sel in best] == sorted(sel.estimate for sel in best)


def test_a_required_candidate_is_opened(far_village):
    candidates = [s for s in far_village.stations if s.status == "candidate"]
    costs, problem = _problem(far_village, candidates)
    best = best_selections(problem, 1)[0]
    c3 = costs.station_ids.index("C3")
    forced = best_selections(problem, 1, require=(c3,))[0]
    assert forced.opened == (c3,) and forced.optimal and forced.estimate > best.estimate


def test_build_cost_is_charged_per_day(far_village):
    candidates = [s for s in far_village.stations if s.status == "candidate"]
    costs, problem = _problem(far_village, candidates)
    best = best_selections(problem, 1)[0]
    assert best.build_per_day == pytest.approx(annualised_per_day(500_000, 20, far_village.planning.discount_rate))
    undiscounted = far_village.model_copy(update={"planning": far_village.planning.model_copy(update={"discount_rate": 0.0})})
    costs, problem = _problem(undiscounted, candidates)
    assert best_selections(problem, 1)[0].build_per_day == pytest.approx(500_000 / 20 / 365)


def test_capacity_splits_villages_between_stations(two_stations):
    costs, problem = _problem(two_stations.model_copy(update={"stations": two_stations.stations[:1] + two_stations.stations[2:]}), [])
    best = best_selections(problem, 0)[0]
    loads = np.bincount(best.assignment[best.assignment >= 0], weights=costs.demand_kg[best.assignment >= 0],
                        minlength=len(costs.station_ids))
    assert (loads <= costs.capacity_kg).all()
    assert best.unserved_kg == 0 and sorted(loads) == [2400, 2400]


def test_a_shortfall_is_left_over_not_infeasible(two_stations):
    only_s1 = two_stations.model_copy(update={"stations": two_stations.stations[:1]})
    costs, problem = _problem(only_s1, [])
    best = best_selections(problem, 0)[0]
    assert best.unserved_kg == 2400  # one village (2.4 t) does not fit in the 3 t left after the other


def test_the_estimate_charges_each_tonne_its_station_s_container_trip(far_village):
    from wasteopt.scenario.models import HaulTruckType, Plant

    with_plant = far_village.model_copy(update={
        "plants": [Plant(id="P1", x=30000, y=0)],
        "haul_fleet": [HaulTruckType(id="H", count=1, garage="G1", container_payload_t=8, cost_per_km=4.0,
                                     cost_per_hour=60.0, speed_kmh=40)],
    })
    costs = build_cost_model(with_plant, [s for s in with_plant.stations if s.id == "C1"])
    far = costs.unit_ids.index("T/Far")
    # container round trip S1 (0, 1500) and C1 (24400, 200) to P1 (30000, 0), euclidean × 1.2, per kg
    per_km = 4.0 + 60.0 / 40
    for column, km in ((0, np.hypot(30000, 1500) * 1.2 / 1000), (1, np.hypot(5600, 200) * 1.2 / 1000)):
        expected = 3000 * 2 * km * per_km / 8000
        assert costs.haul_cost[far, column] == pytest.approx(expected, abs=0.01)
