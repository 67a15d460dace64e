"""The independent plan validator: every way a plan breaks its scenario's rules.

``validate(scenario, plan)`` recomputes every figure the plan states from the scenario and the travel
network (the only code it shares with the engines, besides the data models) and returns a list of
:class:`Violation` — empty means the plan is valid. Nothing in the plan excuses a check: its
diagnostics and flags are not read. Whether a valid plan is also *complete* (every room served, every
station emptied by the haul) is a separate question, answered by :func:`shortfall`. Rules, one stable
code each:

- identity: ``scenario-mismatch`` (the plan names another scenario);
- coverage: ``room-missing``, ``room-duplicate``, ``room-served-and-unserved``, ``room-unknown``;
- fleet: ``vehicle-unknown``, ``vehicle-type-mismatch``, ``vehicle-reused``, ``garage-mismatch``;
- per route (see :mod:`wasteopt.plan.validate_route`): ``route-start``, ``route-end``,
  ``route-shape``, ``station-unknown``, ``station-not-open``, ``load-mismatch``,
  ``unloaded-mismatch``, ``collected-mismatch``, ``capacity-weight``, ``capacity-volume``,
  ``unload-before-home``, ``access``, ``time-format``, ``travel-time``, ``service-time``,
  ``time-window``, ``station-hours``, ``shift-start``, ``shift-end``, ``distance-mismatch``,
  ``duration-mismatch``, ``cost-mismatch``, ``co2-mismatch``, ``unload-trips-mismatch``;
- a truck's working day (see :mod:`wasteopt.plan.validate_workday`): driver breaks
  ``break-unknown``, ``break-duplicate``, ``break-order``, ``break-window``, ``break-short``,
  ``break-placement``, ``break-missing``; daily limits ``daily-trips``, ``daily-kg``,
  ``daily-stops``, ``daily-km``, ``duty-hours``;
- across routes: ``station-capacity``;
- the haul (stations → plant, see :mod:`wasteopt.plan.validate_haul`): ``haul-unknown``,
  ``haul-payload``, ``haul-container``, ``haul-time-format``, ``haul-travel-time``,
  ``haul-plant-hours``, ``haul-shift``, ``haul-overlap``, ``haul-distance``, ``haul-early-pickup``,
  ``haul-storage``, ``haul-plant-capacity``, ``mass-balance``;
- the plan's own totals, each only if the plan states it, against the recomputed figures (see
  :mod:`wasteopt.plan.validate_kpis` and :mod:`wasteopt.plan.validate_kpi_stations`):
  ``kpi-distance`` (distance_km, collection.km, haul.km, total_km), ``kpi-hours`` (vehicle_hours,
  collection.hours, haul.hours), ``kpi-cost`` (cost, collection_cost, haul_cost, collection.cost,
  haul.cost), ``kpi-cost-per-tonne``, ``kpi-vehicles`` (vehicles_used, collection.vehicles_used,
  haul.trucks_used), ``kpi-counts`` (unload_trips, rooms_served, rooms_unserved, haul.containers,
  haul.containers_hauled), ``kpi-co2`` (co2_kg, co2_kg_by_type, collection.co2_kg, haul.co2_kg),
  ``kpi-mass`` (collected_kg, transferred_kg, delivered_kg, tonnes_*, haul.payload_kg),
  ``kpi-station-load`` (station_load_kg), ``kpi-stations`` (stations: tonnes, capacity_t,
  utilisation, container_slots, containers, max_full_containers), ``kpi-shape`` (a figure the
  validator knows that is not a number, or a table that is not one);
- the lower bound (see :mod:`wasteopt.plan.validate_bound`): ``bound-distance``, ``bound-cost``
  (not a number, negative, or above the plan's recomputed collection km / cost).

The scenario given is the one the plan was made for, variants already applied: a candidate station
counts as open only if its status there is ``existing``.
"""

from __future__ import annotations

from collections import Counter

from wasteopt.network import network_for
from wasteopt.network.travel import TravelNetwork
from wasteopt.plan.models import Plan, Route
from wasteopt.plan.validate_bound import check_bound
from wasteopt.plan.validate_haul import check_haul
from wasteopt.plan.validate_kpi_stations import check_station_kpis
from wasteopt.plan.validate_kpis import check_kpis
from wasteopt.plan.validate_recount import recount
from wasteopt.plan.validate_route import TOL_KG, Places, RouteCheck, check_route
from wasteopt.plan.validate_shortfall import Shortfall, shortfall
from wasteopt.plan.validate_workday import check_workday
from wasteopt.plan.violation import Violation
from wasteopt.scenario.models import Scenario, VehicleType

__all__ = ["Shortfall", "Violation", "shortfall", "validate"]


def validate(scenario: Scenario, plan: Plan, network: TravelNetwork | None = None) -> list[Violation]:
    """Every violation of the scenario's rules in ``plan``, and every stated figure that differs from
    its recomputation (empty list: the plan is valid)."""
    network = network if network is not None else network_for(scenario)
    places = Places.of(scenario, network.road_limits())
    violations = _check_coverage(scenario, plan)
    if plan.scenario != scenario.name:
        violations.insert(0, Violation("scenario-mismatch", plan.scenario, f"the plan is for scenario {plan.scenario!r}, checked against {scenario.name!r}"))
    checked: list[tuple[Route, VehicleType | None, RouteCheck]] = []
    for route in plan.routes:
        vtype, fleet_violations = _check_vehicle(scenario, route)
        violations += fleet_violations
        own = network.for_class(vtype.vehicle_class) if vtype is not None else network  # the roads of its class
        check = check_route(route, vtype, places, own, scenario.travel.speed_kmh)
        violations += check.violations
        violations += check_workday(route, vtype, places, check)
        checked.append((route, vtype, check))
    count = recount(scenario, plan, checked, network)
    violations += _check_station_capacity(scenario, count.station_load_kg)
    violations += _check_vehicle_reuse(plan)
    violations += check_haul(scenario, plan, network.for_haul())
    violations += check_kpis(plan, count)
    violations += check_station_kpis(scenario, plan, count)
    violations += check_bound(plan.lower_bound, count.collection)
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
