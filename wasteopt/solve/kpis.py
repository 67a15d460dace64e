"""KPIs of a plan: the collection echelon's, and the whole chain's (rooms → stations → plant) in
tonnes, km, hours, cost and CO₂.

``collection_kpis(plan)`` are the collection routes' fleet-level figures (all a plan without a haul
has). ``chain_kpis(scenario, plan)`` is what the plan's ``kpis`` holds once the haul is planned:

- mass balance: ``collected_kg`` (waste of the rooms served), ``transferred_kg`` (unloaded at the
  stations), ``delivered_kg`` (haul payloads), also as ``tonnes_*``; they agree to the kilogram in a
  complete plan;
- per echelon (``collection``, ``haul``): km, hours on duty, cost, vehicles used, CO₂;
  ``cost_per_tonne`` = total cost / tonnes collected; ``co2_kg_by_type`` = emission factor × km of
  each vehicle type (collection and haul types), ``co2_kg`` their sum;
- ``stations``: per station the tonnes received, the daily capacity, the utilisation (received /
  capacity) and ``containers``: the full containers waiting on site over the day as
  ``[time, count]`` steps (a container joins when full and leaves when its swap ends);
- the plan-contract keys: ``distance_km`` and ``vehicles_used`` stay the *collection* figures (as
  before the haul existed, and as the validator checks them); ``cost`` is collection + haul, with
  ``collection_cost`` and ``haul_cost`` beside it; ``station_load_kg`` per station.
"""

from __future__ import annotations

from collections import defaultdict

from wasteopt.plan.models import Plan, clock_seconds, clock_text
from wasteopt.scenario.models import Scenario
from wasteopt.solve.haul.containers import containers_on_site
from wasteopt.solve.haul.schedule import haul_kpis, station_containers


def chain_kpis(scenario: Scenario, plan: Plan) -> dict:
    """The plan's KPIs for the whole chain (see the module docstring for the keys)."""
    waste = {r.id: r.waste_kg_per_day for r in scenario.rooms}
    collected = sum(waste.get(s.id, 0.0) for r in plan.routes for s in r.stops if s.kind == "room")
    station_load: dict[str, float] = defaultdict(float)
    for route in plan.routes:
        for stop in route.stops:
            if stop.kind == "station":
                station_load[stop.id] += stop.unloaded_kg or 0.0
    transferred = sum(station_load.values())
    delivered = sum(t.payload_kg for t in plan.haul)
    collection = _collection(scenario, plan)
    containers = station_containers(scenario, plan.routes)
    haul = haul_kpis(scenario, plan.haul, sum(len(c) for c in containers.values()))
    co2 = dict(collection.pop("co2_by_type"))
    for trip_type, kg in _haul_co2_by_type(scenario, plan).items():
        co2[trip_type] = co2.get(trip_type, 0.0) + kg
    cost = collection["cost"] + haul["cost"]
    return {
        "distance_km": collection["km"],
        "vehicles_used": collection["vehicles_used"],
        "cost": round(cost, 2),
        "collection_cost": collection["cost"],
        "haul_cost": haul["cost"],
        "station_load_kg": {sid: round(kg, 3) for sid, kg in sorted(station_load.items())},
        "collected_kg": round(collected, 3),
        "transferred_kg": round(transferred, 3),
        "delivered_kg": round(delivered, 3),
        "tonnes_collected": round(collected / 1000, 3),
        "tonnes_transferred": round(transferred / 1000, 3),
        "tonnes_delivered": round(delivered / 1000, 3),
        "collection": collection,
        "haul": haul,
        "total_km": round(collection["km"] + haul["km"], 3),
        "cost_per_tonne": round(cost / (collected / 1000), 2) if collected > 0 else None,
        "co2_kg_by_type": {tid: round(kg, 3) for tid, kg in sorted(co2.items())},
        "co2_kg": round(sum(co2.values()), 3),
        "stations": _stations(scenario, plan, station_load, containers),
    }


def _collection(scenario: Scenario, plan: Plan) -> dict:
    """The collection echelon's km, hours, cost, vehicles used and CO₂ per vehicle type."""
    factors = {t.id: t.co2_kg_per_km for t in scenario.fleet}
    co2: dict[str, float] = defaultdict(float)
    for route in plan.routes:
        co2[route.vehicle_type] += route.distance_km * factors.get(route.vehicle_type, 0.0)
    km = sum(r.distance_km for r in plan.routes)
    return {
        "km": round(km, 3),
        "hours": round(sum(r.duration_h for r in plan.routes), 4),
        "cost": round(sum(r.cost for r in plan.routes), 2),
        "vehicles_used": sum(any(s.kind != "garage" for s in r.stops) for r in plan.routes),
        "co2_kg": round(sum(co2.values()), 3),
        "co2_by_type": dict(co2),
    }


def _haul_co2_by_type(scenario: Scenario, plan: Plan) -> dict[str, float]:
    factors = {t.id: t.co2_kg_per_km for t in scenario.haul_fleet}
    types = {vid: t.id for t in scenario.haul_fleet for vid in t.vehicle_ids()}
    co2: dict[str, float] = defaultdict(float)
    for trip in plan.haul:
        tid = trip.truck_type or types.get(trip.truck, "")
        co2[tid] += (trip.distance_km or 0.0) * factors.get(tid, 0.0)
    return dict(co2)


def _stations(scenario: Scenario, plan: Plan, load: dict[str, float], containers: dict) -> dict:
    """Per station: tonnes, capacity, utilisation, full containers on site over the day."""
    swap_s = {s.id: round(s.swap_min * 60) for s in scenario.stations}
    swap_end: dict[str, dict[int, int]] = defaultdict(dict)
    for trip in plan.haul:
        if trip.container is not None and trip.pickup is not None:
            swap_end[trip.station][trip.container] = clock_seconds(trip.pickup) + swap_s.get(trip.station, 0)
    result = {}
    for station in scenario.active_stations:
        tonnes = load.get(station.id, 0.0) / 1000
        series = containers_on_site(containers.get(station.id, []), swap_end[station.id])
        result[station.id] = {
            "tonnes": round(tonnes, 3),
            "capacity_t": station.capacity_t_per_day,
            "utilisation": round(tonnes / station.capacity_t_per_day, 4),
            "container_slots": station.container_slots,
            "containers": [[clock_text(t), n] for t, n in series],
            "max_full_containers": max((n for _, n in series), default=0),
        }
    return result


def collection_kpis(plan: Plan) -> dict:
    """Fleet-level figures of the collection echelon."""
    loads: dict[str, float] = defaultdict(float)
    for route in plan.routes:
        for stop in route.stops:
            if stop.kind == "station":
                loads[stop.id] += stop.unloaded_kg or 0.0
    return {
        "distance_km": round(sum(r.distance_km for r in plan.routes), 3),
        "vehicles_used": len(plan.routes),
        "vehicle_hours": round(sum(r.duration_h for r in plan.routes), 3),
        "unload_trips": sum(r.unload_trips for r in plan.routes),
        "cost": round(sum(r.cost for r in plan.routes), 2),
        "collection_cost": round(sum(r.cost for r in plan.routes), 2),
        "rooms_served": sum(1 for r in plan.routes for s in r.stops if s.kind == "room"),
        "rooms_unserved": len(plan.unserved),
        "station_load_kg": {sid: round(kg, 3) for sid, kg in sorted(loads.items())},
    }
