"""The plan's own totals (``kpis``) against the figures recomputed from the scenario.

Every figure the engine writes is checked when the plan states it (a key the validator does not know
is ignored): the collection totals (``distance_km``, ``vehicles_used``, ``vehicle_hours``,
``unload_trips``, ``rooms_served``, ``rooms_unserved``, ``collection_cost``), the whole chain's
(``cost`` = collection + haul, ``haul_cost``, ``total_km``, ``cost_per_tonne``, ``co2_kg``,
``co2_kg_by_type``), the mass balance (``collected_kg``, ``transferred_kg``, ``delivered_kg``,
``tonnes_*``), and the echelon tables ``collection`` and ``haul``. Station figures are checked in
:mod:`wasteopt.plan.validate_kpi_stations`.

The expected values come from :class:`~wasteopt.plan.validate_recount.Recount` — recomputed from the
scenario and the travel network, never summed from what the routes and trips state. A stated total
may differ from the recomputed one by the rounding of its terms (the engine rounds each route's
figures, then the total), so the tolerance grows with the number of terms.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from wasteopt.plan.models import Plan
from wasteopt.plan.validate_recount import Echelon, Recount
from wasteopt.plan.validate_route import TOL_COST, TOL_H, TOL_KG, TOL_KM, close_enough
from wasteopt.plan.violation import Violation

TOL_T = 0.0005
"""Tonnes are stated to three decimals."""
TOL_CO2 = 0.001
"""CO₂ is stated to the gram, on top of what the km's rounding moves it."""
TABLES = ("collection", "haul", "station_load_kg", "co2_kg_by_type", "stations")
"""The KPIs that are tables (JSON objects), not numbers."""


@dataclass(frozen=True)
class Figure:
    """One stated figure to check: where it sits in ``kpis``, the rule it breaks, the recomputed
    value, how far rounding may move it, and how many decimals to print (0: a count, exact)."""

    path: tuple[str, ...]
    rule: str
    expected: float
    tolerance: float
    decimals: int


def check_kpis(plan: Plan, count: Recount) -> list[Violation]:
    """Every stated KPI the validator knows that differs from its recomputation, or is no number."""
    kpis = plan.kpis
    found = check_tables(kpis)
    for figure in figures(count):
        stated = stated_value(kpis, figure.path)
        if stated is not ABSENT:
            found += compare(figure, stated)
    found += _check_cost_per_tonne(kpis, count)
    found += _check_co2_by_type(kpis, count)
    return found


def figures(count: Recount) -> list[Figure]:
    """The expected value of every number-valued KPI (the haul's only when it could be recomputed)."""
    result = _collection_figures(count) + _mass_figures(count)
    haul = count.haul
    if haul is not None:
        c = count.collection
        result += _echelon_figures("haul", haul, "trucks_used")
        result += [
            Figure(("haul", "containers"), "kpi-counts", sum(len(f) for f in count.fills.values()), 0, 0),
            Figure(("haul", "containers_hauled"), "kpi-counts", count.trips, 0, 0),
            Figure(("haul", "payload_kg"), "kpi-mass", count.delivered_kg, TOL_KG, 3),
            Figure(("haul_cost",), "kpi-cost", haul.cost, _cost_tol(haul), 2),
            Figure(("cost",), "kpi-cost", c.cost + haul.cost, _cost_tol(c) + _cost_tol(haul), 2),
            Figure(("total_km",), "kpi-distance", c.km + haul.km, _km_tol(c) + _km_tol(haul), 3),
            Figure(("co2_kg",), "kpi-co2", c.co2_kg + haul.co2_kg, _co2_tol(c) + _co2_tol(haul), 3),
        ]
    return result


def _collection_figures(count: Recount) -> list[Figure]:
    c = count.collection
    return _echelon_figures("collection", c, "vehicles_used") + [
        Figure(("distance_km",), "kpi-distance", c.km, _km_tol(c), 3),
        Figure(("vehicles_used",), "kpi-vehicles", c.vehicles, 0, 0),
        Figure(("vehicle_hours",), "kpi-hours", c.hours, _hours_tol(c), 4),
        Figure(("collection_cost",), "kpi-cost", c.cost, _cost_tol(c), 2),
        Figure(("unload_trips",), "kpi-counts", count.unload_trips, 0, 0),
        Figure(("rooms_served",), "kpi-counts", count.rooms_served, 0, 0),
        Figure(("rooms_unserved",), "kpi-counts", count.rooms_unserved, 0, 0),
    ]


def _echelon_figures(name: str, e: Echelon, vehicles: str) -> list[Figure]:
    return [
        Figure((name, "km"), "kpi-distance", e.km, _km_tol(e), 3),
        Figure((name, "hours"), "kpi-hours", e.hours, _hours_tol(e), 4),
        Figure((name, "cost"), "kpi-cost", e.cost, _cost_tol(e), 2),
        Figure((name, vehicles), "kpi-vehicles", e.vehicles, 0, 0),
        Figure((name, "co2_kg"), "kpi-co2", e.co2_kg, _co2_tol(e), 3),
    ]


def _mass_figures(count: Recount) -> list[Figure]:
    """Collected, transferred and delivered, in kg and tonnes. Transferred adds the stated unloads,
    each of which the route rules allow half a kilogram off."""
    transferred = sum(count.station_load_kg.values())
    kg_tol = {"collected": TOL_KG, "transferred": TOL_KG * (sum(count.unloads_at.values()) + 1), "delivered": TOL_KG}
    kg = {"collected": count.collected_kg, "transferred": transferred, "delivered": count.delivered_kg}
    result = []
    for name, value in kg.items():
        result.append(Figure((f"{name}_kg",), "kpi-mass", value, kg_tol[name], 3))
        result.append(Figure((f"tonnes_{name}",), "kpi-mass", value / 1000, kg_tol[name] / 1000 + TOL_T, 3))
    return result


def _km_tol(e: Echelon) -> float:
    return TOL_KM * max(1, e.terms)


def _hours_tol(e: Echelon) -> float:
    return TOL_H * max(1, e.terms) + 0.0005


def _cost_tol(e: Echelon) -> float:
    return TOL_COST * max(1, e.terms)


def _co2_tol(e: Echelon) -> float:
    return sum(_type_co2_tol(e, tid) for tid in e.factors) + TOL_CO2


def _type_co2_tol(e: Echelon, type_id: str) -> float:
    return TOL_KM * e.factors.get(type_id, 0.0) * max(1, e.terms) + TOL_CO2


def _check_cost_per_tonne(kpis: dict[str, Any], count: Recount) -> list[Violation]:
    """Whole-chain cost over tonnes collected (null when nothing is collected)."""
    if "cost_per_tonne" not in kpis or count.haul is None:
        return []
    stated, tonnes = kpis["cost_per_tonne"], count.collected_kg / 1000
    cost = count.collection.cost + count.haul.cost
    if tonnes <= 0:
        if stated is None:
            return []
        return [Violation("kpi-cost-per-tonne", "kpis", f"cost_per_tonne {show(stated)}, but no waste is collected")]
    tolerance = (_cost_tol(count.collection) + _cost_tol(count.haul)) / tonnes + TOL_COST
    return compare(Figure(("cost_per_tonne",), "kpi-cost-per-tonne", cost / tonnes, tolerance, 2), stated)


def _check_co2_by_type(kpis: dict[str, Any], count: Recount) -> list[Violation]:
    """``co2_kg_by_type``: per vehicle type (collection and haul) km × its emission factor; a type
    that emits must be listed."""
    stated = kpis.get("co2_kg_by_type")
    if not isinstance(stated, dict) or count.haul is None:
        return []
    echelons = (count.collection, count.haul)
    expected: dict[str, float] = {}
    tolerance: dict[str, float] = {}
    for e in echelons:
        for tid, kg in e.co2_by_type.items():
            expected[tid] = expected.get(tid, 0.0) + kg
            tolerance[tid] = tolerance.get(tid, 0.0) + _type_co2_tol(e, tid)
    found = []
    for tid, value in stated.items():
        found += compare(Figure(("co2_kg_by_type", str(tid)), "kpi-co2", expected.get(tid, 0.0), tolerance.get(tid, TOL_CO2), 3), value)
    for tid, kg in expected.items():
        if tid not in stated and kg > tolerance[tid]:
            found.append(Violation("kpi-co2", "kpis", f"co2_kg_by_type has no entry for {tid}, recomputed {kg:.3f}"))
    return found


ABSENT = object()
"""What :func:`stated_value` returns for a figure the plan does not state."""


def stated_value(kpis: dict[str, Any], path: tuple[str, ...]) -> object:
    """The value at ``path`` in ``kpis``, or :data:`ABSENT` (a table that is no table holds nothing:
    :func:`check_tables` reports it)."""
    value: object = kpis
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return ABSENT
        value = value[key]
    return value


def check_tables(kpis: dict[str, Any]) -> list[Violation]:
    """The KPIs that hold tables are tables."""
    return [
        Violation("kpi-shape", "kpis", f"{key} is {show(kpis[key])}, not a table")
        for key in TABLES
        if key in kpis and not isinstance(kpis[key], dict)
    ]


def compare(figure: Figure, stated: object, subject: str = "kpis", name: str | None = None) -> list[Violation]:
    """The stated figure is a number equal to the recomputed one (within the tolerance; counts exactly)."""
    name = name or ".".join(figure.path)
    if not is_number(stated):
        return [Violation("kpi-shape", subject, f"{name} is {show(stated)}, not a number")]
    assert isinstance(stated, (int, float))
    if figure.decimals == 0 and stated == figure.expected:
        return []
    if figure.decimals > 0 and close_enough(stated, figure.expected, figure.tolerance):
        return []
    return [Violation(figure.rule, subject, f"{name} {show(stated)}, recomputed {figure.expected:.{figure.decimals}f}")]


def is_number(value: object) -> bool:
    """A finite int or float (not a bool, not NaN or infinite)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def show(value: object) -> str:
    """A stated value as the plan writes it (numbers without float noise)."""
    if is_number(value):
        return f"{value:.15g}"
    return repr(value)
