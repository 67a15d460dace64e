"""The independent plan validator: every way a plan breaks its scenario's rules.

``validate(scenario, plan)`` recomputes every figure from the scenario and the travel network (the
only code it shares with the engines, besides the data models) and returns a list of
:class:`Violation` — empty means the plan is valid. Rules, one stable code each:

- identity: ``scenario-mismatch`` (the plan names another scenario);
- coverage: ``room-missing``, ``room-duplicate``, ``room-served-and-unserved``, ``room-unknown``;
- fleet: ``vehicle-unknown``, ``vehicle-type-mismatch``, ``vehicle-reused``, ``garage-mismatch``;
- per route (see :mod:`wasteopt.plan.validate_route`): ``route-start``, ``route-end``,
  ``route-shape``, ``station-unknown``, ``station-not-open``, ``load-mismatch``,
  ``unloaded-mismatch``, ``collected-mismatch``, ``capacity-weight``, ``capacity-volume``,
  ``unload-before-home``, ``access``, ``time-format``, ``travel-time``, ``service-time``,
  ``time-window``, ``station-hours``, ``shift-start``, ``shift-end``, ``distance-mismatch``,
  ``duration-mismatch``, ``cost-mismatch``, ``unload-trips-mismatch``;
- across routes: ``station-capacity``; the plan's own totals: ``kpi-distance``, ``kpi-vehicles``,
  ``kpi-hours``, ``kpi-cost``, ``kpi-counts`` (unload_trips, rooms_served, rooms_unserved),
  ``kpi-station-load`` — each only if the plan reports it;
- the haul (stations → plant): whatever :func:`wasteopt.plan.validate_haul.check_haul` reports.

The scenario given is the one the plan was made for, variants already applied: a candidate station
counts as open only if its status there is ``existing``.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from wasteopt.network import network_for
from wasteopt.network.travel import TravelNetwork
from wasteopt.plan.models import Plan, Route
from wasteopt.plan.validate_route import TOL_COST, TOL_H, TOL_KG, TOL_KM, Places, check_route, close_enough
from wasteopt.plan.violation import Violation
from wasteopt.scenario.models import Scenario, VehicleType

__all__ = ["Violation", "validate"]


def validate(scenario: Scenario, plan: Plan, network: TravelNetwork | None = None) -> list[Violation]:
    """Every violation of the scenario's rules in ``plan`` (empty list: the plan is valid)."""
    from wasteopt.plan.validate_haul import check_haul  # late: that module may import this one

    network = network if network is not None else network_for(scenario)
    places = Places.of(scenario)
    violations = _check_coverage(scenario, plan)
    if plan.scenario != scenario.name:
        violations.insert(0, Violation("scenario-mismatch", plan.scenario, f"the plan is for scenario {plan.scenario!r}, checked against {scenario.name!r}"))
    unloaded: dict[str, float] = defaultdict(float)
    for route in plan.routes:
        vtype, fleet_violations = _check_vehicle(scenario, route)
        violations += fleet_violations
        check = check_route(route, vtype, places, network, scenario.travel.speed_kmh)
        violations += check.violations
        for station, kg in check.unloaded_kg.items():
            unloaded[station] += kg
    violations += _check_station_capacity(scenario, unloaded)
    violations += _check_vehicle_reuse(plan)
    violations += _check_kpis(plan)
    violations += check_haul(scenario, plan, network)
    return violations


def _check_coverage(scenario: Scenario, plan: Plan) -> list[Violation]:
    """Every room exactly once: visited by one route, or listed unserved — never both, never twice."""
    known = {room.id for room in scenario.rooms}
    served = Counter(s.id for r in plan.routes for s in r.stops if s.kind == "room")
    unserved = Counter(u.id for u in plan.unserved)
    found: list[Violation] = []
    for room_id, times in served.items():
        if times > 1 and room_id in known:
            found.append(Violation("room-duplicate", room_id, f"visited {times} times"))
    for room_id, times in unserved.items():
        if room_id not in known:
            found.append(Violation("room-unknown", room_id, "listed unserved, but not a room of the scenario"))
        elif times > 1:
            found.append(Violation("room-duplicate", room_id, f"listed unserved {times} times"))
        if room_id in served:
            found.append(Violation("room-served-and-unserved", room_id, "visited by a route and also listed unserved"))
    for room in scenario.rooms:
        if room.id not in served and room.id not in unserved:
            found.append(Violation("room-missing", room.id, "neither visited by any route nor listed unserved"))
    return found


def _check_vehicle(scenario: Scenario, route: Route) -> tuple[VehicleType | None, list[Violation]]:
    """The truck is one of the scenario's (``{type}-{k:02d}``), of the stated type, at its type's garage.

    Returns the vehicle type the route's other rules are checked against: the truck's own type when
    the vehicle is known, else the stated type, else None."""
    types = {vt.id: vt for vt in scenario.fleet}
    trucks = scenario.vehicle_ids
    found: list[Violation] = []
    vtype = trucks.get(route.vehicle)
    if vtype is None:
        found.append(Violation("vehicle-unknown", route.vehicle, "not a vehicle of the scenario's fleet (ids are TYPE-01, TYPE-02, ...)"))
        vtype = types.get(route.vehicle_type)
    if route.vehicle_type not in types:
        found.append(Violation("vehicle-type-mismatch", route.vehicle, f"vehicle type {route.vehicle_type} is not in the scenario"))
    elif vtype is not None and route.vehicle_type != vtype.id:
        found.append(Violation("vehicle-type-mismatch", route.vehicle, f"is a {vtype.id}, the route says {route.vehicle_type}"))
    if vtype is not None and route.garage != vtype.garage:
        found.append(Violation("garage-mismatch", route.vehicle, f"route garage {route.garage}, but {vtype.id} trucks are based at {vtype.garage}"))
    return vtype, found


def _check_vehicle_reuse(plan: Plan) -> list[Violation]:
    """One route per truck: a truck's whole day, unload trips included, is a single route."""
    uses = Counter(route.vehicle for route in plan.routes)
    return [Violation("vehicle-reused", vid, f"drives {n} routes") for vid, n in uses.items() if n > 1]


def _check_station_capacity(scenario: Scenario, unloaded: dict[str, float]) -> list[Violation]:
    """Waste unloaded at each station over the day stays within its daily capacity."""
    found = []
    for station in scenario.stations:
        kg = unloaded.get(station.id, 0.0)
        limit = station.capacity_t_per_day * 1000
        if kg > limit + TOL_KG:
            found.append(Violation("station-capacity", station.id, f"receives {kg:.1f} kg, daily capacity {limit:g} kg"))
    return found


def _check_kpis(plan: Plan) -> list[Violation]:
    """The plan's totals (only those it reports) equal the sums of its routes' figures.

    Each route's figures are checked against the scenario separately, so a total is compared with the
    routes' reported figures: one wrong number gives one violation. Totals may round each term, so the
    tolerance grows with the number of terms."""
    kpis, routes = plan.kpis, plan.routes
    slack = max(1, len(routes))
    found: list[Violation] = []
    if _is_number(kpis.get("distance_km")):
        total = sum(r.distance_km for r in routes)
        if not close_enough(kpis["distance_km"], total, TOL_KM * slack):
            found.append(Violation("kpi-distance", "kpis", f"distance_km {kpis['distance_km']:g}, the routes add up to {total:.3f}"))
    if _is_number(kpis.get("vehicles_used")):
        used = sum(any(s.kind != "garage" for s in r.stops) for r in routes)
        if kpis["vehicles_used"] != used:
            found.append(Violation("kpi-vehicles", "kpis", f"vehicles_used {kpis['vehicles_used']}, but {used} routes leave their garage"))
    if _is_number(kpis.get("vehicle_hours")):
        hours = sum(r.duration_h for r in routes)
        if not close_enough(kpis["vehicle_hours"], hours, TOL_H * slack + 0.0005):
            found.append(Violation("kpi-hours", "kpis", f"vehicle_hours {kpis['vehicle_hours']:g}, the routes add up to {hours:.4f}"))
    counts = {
        "unload_trips": sum(s.kind == "station" for r in routes for s in r.stops),
        "rooms_served": sum(s.kind == "room" for r in routes for s in r.stops),
        "rooms_unserved": len(plan.unserved),
    }
    for name, count in counts.items():
        if _is_number(kpis.get(name)) and kpis[name] != count:
            found.append(Violation("kpi-counts", "kpis", f"{name} {kpis[name]}, the plan has {count}"))
    key = "collection_cost" if "collection_cost" in kpis else ("cost" if not plan.haul else None)
    if key is not None and _is_number(kpis.get(key)):
        total = sum(r.cost for r in routes)
        if not close_enough(kpis[key], total, TOL_COST * slack):
            found.append(Violation("kpi-cost", "kpis", f"{key} {kpis[key]:g}, the routes add up to {total:.2f}"))
    found += _check_station_load_kpi(plan)
    return found


def _check_station_load_kpi(plan: Plan) -> list[Violation]:
    """``kpis.station_load_kg``: per station, the sum of the unloaded_kg the routes report there."""
    reported = plan.kpis.get("station_load_kg")
    if not isinstance(reported, dict):
        return []
    sums: dict[str, float] = defaultdict(float)
    stops: Counter[str] = Counter()
    for route in plan.routes:
        for stop in route.stops:
            if stop.kind == "station":
                sums[stop.id] += stop.unloaded_kg or 0.0
                stops[stop.id] += 1
    found = []
    for station, kg in reported.items():
        if _is_number(kg) and not close_enough(kg, sums[station], TOL_KG * max(1, stops[station])):
            found.append(Violation("kpi-station-load", station, f"station_load_kg {kg:g}, the routes unload {sums[station]:.1f} kg there"))
    return found


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
