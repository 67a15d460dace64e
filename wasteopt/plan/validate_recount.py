"""A plan's figures recomputed from the scenario and the travel network, for checking its ``kpis``.

The route rules recompute each route's km, hours and cost (:class:`RouteCheck`), the haul rules'
companion each hook-lift truck's day (:mod:`wasteopt.plan.validate_haul_days`); here they are added up
into what a plan's totals must equal. Where a route's figure cannot be recomputed (an unknown place,
an unreadable time) its stated figure stands in: a violation already says the route is wrong, and
the totals then report only what is wrong besides.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from wasteopt.network.travel import TravelNetwork
from wasteopt.plan.models import Plan, Route
from wasteopt.plan.validate_containers import Fill, station_fills, swap_ends
from wasteopt.plan.validate_haul_days import truck_days
from wasteopt.plan.validate_route import RouteCheck
from wasteopt.scenario.models import Scenario, VehicleType


@dataclass(frozen=True)
class Echelon:
    """One echelon's day, recomputed: km, hours on duty, cost, vehicles used, CO₂ per vehicle type.

    ``terms`` counts the rounded figures a plan's total of them may add up (routes; trips and trucks),
    which sets how far a stated total may be off by rounding alone."""

    km: float = 0.0
    hours: float = 0.0
    cost: float = 0.0
    vehicles: int = 0
    co2_by_type: dict[str, float] = field(default_factory=dict)
    factors: dict[str, float] = field(default_factory=dict)
    terms: int = 0

    @property
    def co2_kg(self) -> float:
        """Emissions of the whole echelon."""
        return sum(self.co2_by_type.values())


@dataclass(frozen=True)
class Recount:
    """Every figure a plan's ``kpis`` may state, recomputed. ``haul`` is None when the haul's trips
    cannot be recomputed (they name places or trucks the scenario lacks, or unreadable times)."""

    collection: Echelon
    haul: Echelon | None
    unload_trips: int
    rooms_served: int
    rooms_unserved: int
    collected_kg: float
    station_load_kg: dict[str, float]
    unloads_at: Counter[str]
    delivered_kg: float
    trips: int
    fills: dict[str, list[Fill]]
    """Each station's containers (see :mod:`wasteopt.plan.validate_containers`)."""
    swap_end: dict[str, dict[int, int]]
    """Per station, container number → when its swap ends, as the haul trips state."""


def recount(scenario: Scenario, plan: Plan, checked: list[tuple[Route, VehicleType | None, RouteCheck]], network: TravelNetwork) -> Recount:
    """The plan's figures from its routes' recomputations and its haul trips."""
    waste = {r.id: r.waste_kg_per_day for r in scenario.rooms}
    stops = [s for route in plan.routes for s in route.stops]
    load: dict[str, float] = defaultdict(float)
    for _, _, check in checked:
        for station, kg in check.unloaded_kg.items():
            load[station] += kg
    return Recount(
        collection=_collection(checked),
        haul=_haul(scenario, plan, network),
        unload_trips=sum(s.kind == "station" for s in stops),
        rooms_served=sum(s.kind == "room" for s in stops),
        rooms_unserved=len(plan.unserved),
        collected_kg=sum(waste.get(s.id, 0.0) for s in stops if s.kind == "room"),
        station_load_kg=dict(load),
        unloads_at=Counter(s.id for s in stops if s.kind == "station"),
        delivered_kg=sum(t.payload_kg for t in plan.haul),
        trips=len(plan.haul),
        fills=station_fills(scenario, plan),
        swap_end=swap_ends(scenario, plan),
    )


def _collection(checked: list[tuple[Route, VehicleType | None, RouteCheck]]) -> Echelon:
    """The collection echelon: each route's recomputed figures (stated ones where none could be)."""
    km = hours = cost = 0.0
    co2: dict[str, float] = defaultdict(float)
    factors: dict[str, float] = {}
    for route, vtype, check in checked:
        route_km = check.km if check.km is not None else route.distance_km
        km += route_km
        hours += check.hours if check.hours is not None else route.duration_h
        cost += check.cost if check.cost is not None else route.cost
        if vtype is not None:
            co2[vtype.id] += route_km * vtype.co2_kg_per_km
            factors[vtype.id] = vtype.co2_kg_per_km
    used = sum(any(s.kind != "garage" for s in route.stops) for route, _, _ in checked)
    return Echelon(km, hours, cost, used, dict(co2), factors, len(checked))


def _haul(scenario: Scenario, plan: Plan, network: TravelNetwork) -> Echelon | None:
    """The haul echelon, from every truck's recomputed day."""
    days = truck_days(scenario, plan.haul, network.for_haul())
    if days is None:
        return None
    co2: dict[str, float] = defaultdict(float)
    factors: dict[str, float] = {}
    for day in days:
        co2[day.htype.id] += day.co2_kg
        factors[day.htype.id] = day.htype.co2_kg_per_km
    return Echelon(
        km=sum(d.km for d in days),
        hours=sum(d.hours for d in days),
        cost=sum(d.cost for d in days),
        vehicles=len(days),
        co2_by_type=dict(co2),
        factors=factors,
        terms=len(plan.haul) + len(days),
    )
