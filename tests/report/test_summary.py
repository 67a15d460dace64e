"""Headline figures: from the plan's kpis where present, added up from routes otherwise."""

from __future__ import annotations

import math

from tests.report.conftest import solved
from wasteopt.plan.models import LowerBound
from wasteopt.report.summary import station_loads, summarise


def test_figures_of_an_engine_plan() -> None:
    scenario, plan = solved()
    summary = summarise(plan, scenario)
    unloaded = sum(s.unloaded_kg for r in plan.routes for s in r.stops if s.kind == "station")
    assert summary.trucks == len(plan.routes) == 2
    assert math.isclose(summary.tonnes, unloaded / 1000)
    assert math.isclose(summary.tonnes, sum(r.waste_kg_per_day for r in scenario.rooms) / 1000)
    assert summary.cost == plan.kpis["cost"]
    assert math.isclose(summary.cost_per_tonne, plan.kpis["cost"] / summary.tonnes)
    assert math.isclose(summary.hours, sum(r.duration_h for r in plan.routes))
    assert summary.rooms_served == 8 and summary.rooms_unserved == 0
    assert summary.haul_trips == len(plan.haul)


def test_bound_ratio_on_collection_cost_then_km_then_none() -> None:
    scenario, plan = solved()
    collection_cost = sum(r.cost for r in plan.routes)
    km = sum(r.distance_km for r in plan.routes)
    with_cost = plan.model_copy(update={"lower_bound": LowerBound(distance_km=km / 2, cost=collection_cost / 2)})
    assert summarise(with_cost, scenario).bound_basis == "cost"
    assert summarise(with_cost, scenario).bound_ratio == 2.0
    km_only = plan.model_copy(update={"lower_bound": LowerBound(distance_km=km / 4)})
    assert (summarise(km_only, scenario).bound_ratio, summarise(km_only, scenario).bound_basis) == (4.0, "km")
    none = plan.model_copy(update={"lower_bound": LowerBound()})
    assert summarise(none, scenario).bound_ratio is None


def test_without_kpis_figures_come_from_routes() -> None:
    scenario, plan = solved()
    bare = plan.model_copy(update={"kpis": {}})
    summary = summarise(bare, scenario)
    assert summary.trucks == 2
    assert math.isclose(summary.distance_km, sum(r.distance_km for r in plan.routes))
    assert math.isclose(summary.cost, sum(r.cost for r in plan.routes))


def test_station_loads_list_active_stations_with_their_unloads() -> None:
    scenario, plan = solved()
    loads = {sl.station.id: sl.load_kg for sl in station_loads(scenario, plan)}
    assert set(loads) == {"S1", "S2"}
    assert loads == {k: v for k, v in plan.kpis["station_load_kg"].items()}
