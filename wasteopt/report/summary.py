"""The headline figures of a plan (what the KPI cards show) and the stations' loads.

Taken from the plan's own ``kpis`` where the engine wrote them, otherwise added up from the routes,
so a plan from any tool following the contract can be reported.
"""

from __future__ import annotations

from dataclasses import dataclass

from wasteopt.plan.models import Plan
from wasteopt.plan.summary import bound_ratio
from wasteopt.scenario.models import Scenario, Station


@dataclass(frozen=True)
class Summary:
    """Figures for one plan; ``None`` where the plan does not allow computing one."""

    trucks: int
    distance_km: float
    hours: float
    tonnes: float
    cost: float | None
    cost_per_tonne: float | None
    bound_ratio: float | None
    """Collection cost (``bound_basis`` ``km``: km) ≤ this × the lower bound; see :func:`wasteopt.plan.summary.bound_ratio`."""
    bound_basis: str | None
    bound_method: str
    rooms_served: int
    rooms_unserved: int
    unload_trips: int
    haul_trips: int


@dataclass(frozen=True)
class StationLoad:
    """What a station receives today against what it can take."""

    station: Station
    load_kg: float

    @property
    def capacity_kg(self) -> float:
        """Daily capacity in kg."""
        return self.station.capacity_t_per_day * 1000

    @property
    def utilisation(self) -> float:
        """Load / capacity (1.0 = full)."""
        return self.load_kg / self.capacity_kg


def summarise(plan: Plan, scenario: Scenario | None = None) -> Summary:
    """The plan's headline figures."""
    kpis = plan.kpis
    used = [r for r in plan.routes if any(s.kind == "room" for s in r.stops)]
    km = float(kpis.get("distance_km", sum(r.distance_km for r in plan.routes)))
    cost = kpis.get("cost")
    cost = float(cost) if cost is not None else (sum(r.cost for r in plan.routes) if plan.routes else None)
    tonnes = collected_kg(plan, scenario) / 1000
    ratio = bound_ratio(plan)
    return Summary(
        trucks=int(kpis.get("vehicles_used", len(used))),
        distance_km=km,
        hours=sum(r.duration_h for r in plan.routes),
        tonnes=tonnes,
        cost=cost,
        cost_per_tonne=cost / tonnes if cost is not None and tonnes > 0 else None,
        bound_ratio=ratio,
        bound_basis=plan.lower_bound.basis if ratio is not None else None,
        bound_method=plan.lower_bound.method,
        rooms_served=sum(1 for r in plan.routes for s in r.stops if s.kind == "room"),
        rooms_unserved=len(plan.unserved),
        unload_trips=sum(1 for r in plan.routes for s in r.stops if s.kind == "station"),
        haul_trips=len(plan.haul),
    )


def collected_kg(plan: Plan, scenario: Scenario | None = None) -> float:
    """Waste collected: unloaded at stations; failing that, collected at rooms; failing that, the rooms' daily waste."""
    unloaded = [s.unloaded_kg for r in plan.routes for s in r.stops if s.kind == "station" and s.unloaded_kg is not None]
    if unloaded:
        return float(sum(unloaded))
    collected = [s.collected_kg for r in plan.routes for s in r.stops if s.kind == "room" and s.collected_kg is not None]
    if collected or scenario is None:
        return float(sum(collected))
    waste = {r.id: r.waste_kg_per_day for r in scenario.rooms}
    return float(sum(waste.get(s.id, 0.0) for r in plan.routes for s in r.stops if s.kind == "room"))


def station_loads(scenario: Scenario, plan: Plan) -> list[StationLoad]:
    """Every station that is active or receives waste in the plan, with today's load."""
    loads: dict[str, float] = {}
    for route in plan.routes:
        for stop in route.stops:
            if stop.kind == "station":
                loads[stop.id] = loads.get(stop.id, 0.0) + float(stop.unloaded_kg or 0.0)
    if not loads:
        loads = {str(k): float(v) for k, v in (plan.kpis.get("station_load_kg") or {}).items()}
    return [StationLoad(s, loads.get(s.id, 0.0)) for s in scenario.stations if s.status == "existing" or s.id in loads]

