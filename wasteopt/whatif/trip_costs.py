"""What each unload of the base plan would cost at every station: a route-based site estimate.

The stem estimate (:mod:`wasteopt.whatif.estimate`) prices a village's waste as round trips to a
station, calibrated on the whole plan; it knows nothing of where the trucks actually are when they
are full. This one starts from the base plan's routes. Each unload is a *unit*: the truck arrives
from its last room ``p`` and goes on to its next stop ``n`` (a room, or the garage). Unloading at
station ``s`` instead costs the truck's legs ``p → s → n`` at its own rates, the station's unload
time (and any wait for it to open), and the haul of that load from ``s`` to the nearest plant. A
station already closed when the truck could arrive is not allowed for that unit.

The routes themselves stay as they are, so the estimate misses the re-cut of routes a new station
makes possible; what it keeps is the part that decides most of the ranking: which trips pass near
which site, at what time, with how much waste. The facility-location model
(:mod:`wasteopt.whatif.location`) then picks the sites on these units exactly as on villages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from wasteopt.network import network_for
from wasteopt.plan.models import Plan, Route, clock_seconds
from wasteopt.scenario.models import Scenario, Station
from wasteopt.whatif.estimate import haul_cost_per_kg
from wasteopt.whatif.kpis import annualised_per_day


@dataclass(frozen=True)
class Unload:
    """One unload of the base plan: the stops around it and what the truck carries."""

    vehicle_type: str
    before: str
    after: str
    depart_before_s: int
    kg: float
    station: str


@dataclass(frozen=True)
class TripCosts:
    """Unloads (rows) × stations (columns): yuan per day of each unload at each station."""

    station_ids: list[str]
    candidate: np.ndarray
    unloads: list[Unload]
    cost: np.ndarray
    allowed: np.ndarray
    demand_kg: np.ndarray
    capacity_kg: np.ndarray
    build_cost: np.ndarray
    build_per_day: np.ndarray


def plan_unloads(plan: Plan) -> list[Unload]:
    """Every unload of the plan with the stop before it and the stop after it (breaks skipped)."""
    unloads: list[Unload] = []
    for route in plan.routes:
        unloads += _route_unloads(route)
    return unloads


def _route_unloads(route: Route) -> list[Unload]:
    stops = [s for s in route.stops if s.kind != "break"]
    found = []
    for i, stop in enumerate(stops):
        if stop.kind != "station" or i == 0 or i + 1 >= len(stops):
            continue
        before, after = stops[i - 1], stops[i + 1]
        found.append(Unload(
            vehicle_type=route.vehicle_type, before=before.id, after=after.id,
            depart_before_s=clock_seconds(before.depart or before.arrive or "00:00:00"),
            kg=float(stop.unloaded_kg or 0.0), station=stop.id,
        ))
    return found


def trip_costs(scenario: Scenario, base_plan: Plan, candidates: Sequence[Station]) -> TripCosts:
    """The unit costs of the base plan's unloads over the stations in use plus ``candidates``.

    ``scenario`` must know the candidates (their places are looked up by id), as every scenario
    with candidate sites does."""
    stations = [*scenario.active_stations, *candidates]
    ids = [s.id for s in stations]
    unloads = plan_unloads(base_plan)
    types = {vt.id: vt for vt in scenario.fleet}
    network = network_for(scenario)
    cost = np.zeros((len(unloads), len(ids)))
    allowed = np.ones((len(unloads), len(ids)), dtype=bool)
    opens = np.array([s.open for s in stations])
    closes = np.array([s.close for s in stations])
    unload_s = np.array([s.unload_min * 60.0 for s in stations])
    for type_id in sorted({u.vehicle_type for u in unloads}):
        rows = [k for k, u in enumerate(unloads) if u.vehicle_type == type_id]
        vt = types[type_id]
        roads = network.for_class(vt.vehicle_class)
        speed = vt.speed_kmh or scenario.travel.speed_kmh
        before = [unloads[k].before for k in rows]
        after = [unloads[k].after for k in rows]
        metres = roads.distance_m(before, ids) + roads.distance_m(ids, after).T
        inbound = roads.duration_s(before, ids, speed)
        arrive = np.array([unloads[k].depart_before_s for k in rows])[:, None] + inbound
        wait = np.maximum(0, opens[None, :] - arrive)
        seconds = inbound + wait + unload_s[None, :] + roads.duration_s(ids, after, speed).T
        cost[rows] = metres / 1000.0 * vt.cost_per_km + seconds / 3600.0 * vt.cost_per_hour
        allowed[rows] = arrive + wait <= closes[None, :]
    demand = np.array([u.kg for u in unloads])
    cost += demand[:, None] * haul_cost_per_kg(scenario, ids)[None, :]
    build = np.array([(s.build_cost or 0.0) if s.status == "candidate" else 0.0 for s in stations])
    return TripCosts(
        station_ids=ids,
        candidate=np.array([s.status == "candidate" for s in stations]),
        unloads=unloads,
        cost=cost,
        allowed=allowed,
        demand_kg=demand,
        capacity_kg=np.array([s.capacity_t_per_day * 1000.0 for s in stations]),
        build_cost=build,
        build_per_day=np.array([annualised_per_day(b, s.lifetime_years, scenario.planning.discount_rate)
                                for b, s in zip(build, stations)]),
    )
