"""The district echelon: hook-lift trucks haul each station's containers to the plant.

``schedule_haul(scenario, routes, network)`` reads the collection routes' unloads, fills each
station's containers in unload order (:mod:`wasteopt.solve.haul.containers`), and decides which truck
takes which container when (:mod:`wasteopt.solve.haul.model`, CP-SAT): fewest trucks, then fewest km.
When the haul cannot keep up it still returns the containers it can haul, plus diagnostics naming the
station, the time, and the fix (:mod:`wasteopt.solve.haul.diagnose`).

A truck's day: it leaves its garage carrying an empty container, swaps it for a full one at a
station (so the slot count is restored at once), tips at the plant, drives the emptied container to
its next station (or home). Per trip, times in the plan: ``depart`` = leaves garage / previous plant,
``pickup`` = swap starts, ``arrive`` = at the plant, ``unload`` = tipping starts (after opening),
``back`` = the truck and its emptied container reach the next station or the garage. A trip's
``distance_km`` is the drive to the station and on to the plant; a truck's last trip also counts the
drive home, so the trips add up to the haul's kilometres. Each station's containers go to the nearest
plant (by road distance).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wasteopt.solve.clock import Clock
from wasteopt.network.travel import TravelNetwork
from wasteopt.plan.models import Diagnostic, HaulTrip, Route, clock_seconds
from wasteopt.scenario.models import Scenario
from wasteopt.solve.haul.containers import (
    Container,
    fill_containers,
    unload_events,
)
from wasteopt.solve.haul.diagnose import diagnose
from wasteopt.solve.haul.model import HaulProblem, ModelResult, solve_model
from wasteopt.solve.haul.problem import build_problem
from wasteopt.solve.haul.trips import build_trips


@dataclass(frozen=True)
class HaulSchedule:
    """The haul's trips, what a planner must know about them, and the echelon's KPIs."""

    trips: list[HaulTrip]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    kpis: dict = field(default_factory=dict)


def schedule_haul(scenario: Scenario, routes: list[Route], network: TravelNetwork, time_limit: float = 10.0) -> HaulSchedule:
    """The day's haul for the waste the collection ``routes`` unload at the stations."""
    containers = station_containers(scenario, routes)
    if not containers:
        return HaulSchedule([], [], empty_kpis())
    if not scenario.haul_fleet:
        note = Diagnostic(level="info", code="haul-not-planned", message="the scenario has no haul_fleet: the plan stops at the stations")
        return HaulSchedule([], [note], empty_kpis())
    if not scenario.plants:
        return HaulSchedule([], [_no_plant()], empty_kpis())
    clock = Clock(time_limit)
    problem = build_problem(scenario, containers, network)
    result = solve_model(problem, clock.take(time_limit * 0.6))
    diagnostics: list[Diagnostic] = []
    if not result.found:
        diagnostics, result = diagnose(scenario, containers, network, problem, result, max(0.5, clock.left()))
    elif result.status != "OPTIMAL":
        diagnostics.append(_not_proven(problem, result))
    trips = build_trips(problem, result)
    diagnostics += _plant_capacity(scenario, problem)
    return HaulSchedule(trips, diagnostics, haul_kpis(scenario, trips, sum(len(c) for c in containers.values())))


def container_payload_kg(scenario: Scenario) -> float:
    """One container's payload: the smallest of the haul types' (any truck can then carry any)."""
    payloads = [t.container_payload_t for t in scenario.haul_fleet if t.count > 0] or [t.container_payload_t for t in scenario.haul_fleet]
    return min(payloads) * 1000


def station_containers(scenario: Scenario, routes: list[Route]) -> dict[str, list[Container]]:
    """Each station's containers for the day, filled in unload order."""
    if not scenario.haul_fleet:
        payload = float("inf")
    else:
        payload = container_payload_kg(scenario)
    return {sid: fill_containers(events, payload) for sid, events in unload_events(scenario, routes).items()}


def haul_kpis(scenario: Scenario, trips: list[HaulTrip], containers: int) -> dict:
    """The haul echelon's figures: km, hours on duty, cost, trucks used, containers, CO₂."""
    types = {t.id: t for t in scenario.haul_fleet}
    by_truck = {vid: t for t in scenario.haul_fleet for vid in t.vehicle_ids()}
    per_truck: dict[str, list[HaulTrip]] = {}
    for trip in trips:
        per_truck.setdefault(trip.truck, []).append(trip)
    km = hours = cost = co2 = 0.0
    for day in per_truck.values():
        htype = types.get(day[0].truck_type or "") or by_truck[day[0].truck]
        truck_km = sum(t.distance_km or 0.0 for t in day)
        truck_h = (max(clock_seconds(t.back or t.arrive) for t in day) - min(clock_seconds(t.depart) for t in day)) / 3600
        km, hours = km + truck_km, hours + truck_h
        cost += htype.fixed_cost + truck_km * htype.cost_per_km + truck_h * htype.cost_per_hour
        co2 += truck_km * htype.co2_kg_per_km
    return {
        "km": round(km, 3), "hours": round(hours, 4), "cost": round(cost, 2), "trucks_used": len(per_truck),
        "containers": containers, "containers_hauled": len(trips), "payload_kg": round(sum(t.payload_kg for t in trips), 3),
        "co2_kg": round(co2, 3),
    }


def empty_kpis() -> dict:
    """The haul KPIs of a day with nothing hauled."""
    return {"km": 0.0, "hours": 0.0, "cost": 0.0, "trucks_used": 0, "containers": 0, "containers_hauled": 0, "payload_kg": 0.0, "co2_kg": 0.0}


def _no_plant() -> Diagnostic:
    return Diagnostic(
        level="error", code="haul-no-plant", fix="add a treatment plant (plants)",
        message="waste is unloaded at the stations but the scenario has no plant, so nothing can be hauled",
    )


def _plant_capacity(scenario: Scenario, problem: HaulProblem) -> list[Diagnostic]:
    """Plants sent more than their daily capacity (the nearest-plant rule does not spread the load)."""
    received: dict[str, float] = {}
    for job in problem.jobs:
        received[job.plant] = received.get(job.plant, 0.0) + job.container.payload_kg
    found = []
    for plant in scenario.plants:
        limit = None if plant.capacity_t_per_day is None else plant.capacity_t_per_day * 1000
        if limit is not None and received.get(plant.id, 0.0) > limit + 0.5:
            found.append(Diagnostic(
                level="error", code="haul-plant-capacity", subject=plant.id,
                message=f"plant {plant.id} would receive {received[plant.id] / 1000:.1f} t, its daily capacity is {limit / 1000:g} t",
                fix=f"raise {plant.id}'s capacity to {received[plant.id] / 1000:.1f} t/day or send waste elsewhere",
            ))
    return found


def _not_proven(problem: HaulProblem, result: ModelResult) -> Diagnostic:
    """How far from optimal an unproven haul schedule may be."""
    metres = problem.metres_of(result)
    trucks = "the fewest trucks" if result.trucks_lower_bound >= result.trucks_used else f"at least {result.trucks_lower_bound} trucks needed"
    gap = ""
    if result.metres_bound and result.trucks_lower_bound >= result.trucks_used:
        gap = f"; km at most {100 * (metres - result.metres_bound) / max(1, metres):.1f}% above the bound ({result.metres_bound / 1000:.1f} km)"
    return Diagnostic(
        level="info", code="haul-not-proven",
        message=f"haul schedule not proven optimal in the time limit: {result.trucks_used} trucks ({trucks}), {metres / 1000:.1f} km{gap}",
    )
