"""The figures a planner compares between plans: fleet, km, hours, unload trips, station loads, cost.

Computed from the plan's routes and its own ``kpis`` (the engine's cost), against the scenario the
plan was made for (station capacities differ between variants).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from wasteopt.plan.models import Plan
from wasteopt.scenario.models import Scenario

DELTA_KEYS = ("trucks", "distance_km", "vehicle_hours", "unload_trips", "haul_trips", "haul_km", "cost", "unserved")
"""The figures whose difference from the base a comparison reports."""

DAYS_PER_YEAR = 365


def summarise(scenario: Scenario, plan: Plan, violations: Sequence[object] = ()) -> dict[str, Any]:
    """One plan's comparison figures (JSON-ready), with the validator's findings as text."""
    loads = {str(k): float(v) for k, v in (plan.kpis.get("station_load_kg") or {}).items()}
    capacity = {s.id: s.capacity_t_per_day for s in scenario.active_stations}
    used = [r for r in plan.routes if any(s.kind == "room" for s in r.stops)]
    return {
        "trucks": int(plan.kpis.get("vehicles_used", len(used))),
        "distance_km": round(float(plan.kpis.get("distance_km", sum(r.distance_km for r in plan.routes))), 3),
        "collection_km": round(sum(r.distance_km for r in plan.routes), 3),
        "vehicle_hours": round(sum(r.duration_h for r in plan.routes), 3),
        "unload_trips": sum(r.unload_trips for r in plan.routes),
        "haul_trips": len(plan.haul),
        "haul_km": round(float((plan.kpis.get("haul") or {}).get("km", sum(h.distance_km or 0.0 for h in plan.haul))), 3),
        "station_t": {sid: round(loads.get(sid, 0.0) / 1000, 3) for sid in capacity},
        "station_utilisation": {sid: round(loads.get(sid, 0.0) / 1000 / cap, 4) for sid, cap in capacity.items()},
        "cost": round(float(plan.kpis.get("cost", sum(r.cost for r in plan.routes))), 2),
        "unserved": len(plan.unserved),
        "violations": [str(v) for v in violations],
        "errors": [f"{d.code}: {d.message}" for d in plan.diagnostics if d.level == "error"],
    }


def incomplete(kpis: dict[str, Any]) -> bool:
    """Whether a plan does not do the whole day's work: rooms unserved, an error diagnostic (e.g.
    containers the haul leaves behind), or a validator violation. Its cost is no basis for a saving."""
    return bool(kpis["unserved"] or kpis["errors"] or kpis["violations"])


def worse_served(base: dict[str, Any], other: dict[str, Any]) -> bool:
    """Whether ``other`` leaves more undone than ``base`` (more rooms unserved, or errors the base lacks)."""
    return other["unserved"] > base["unserved"] or (incomplete(other) and not incomplete(base))


def delta(base: dict[str, Any], other: dict[str, Any]) -> dict[str, float]:
    """``other − base`` for each figure in :data:`DELTA_KEYS`."""
    return {key: round(other[key] - base[key], 3) for key in DELTA_KEYS}


DEFAULT_LIFETIME_YEARS = 20.0
"""A candidate station's life when the scenario gives none."""


def annualised_per_day(build_cost: float, lifetime_years: float | None, discount_rate: float = 0.0) -> float:
    """A build cost as an equal yearly payment over the station's life (the capital recovery factor
    ``r / (1 − (1 + r)^−life)`` at ``discount_rate`` r; r = 0: spread evenly), per day. No lifetime
    given: :data:`DEFAULT_LIFETIME_YEARS`."""
    life = lifetime_years or DEFAULT_LIFETIME_YEARS
    if discount_rate <= 0:
        return build_cost / life / DAYS_PER_YEAR
    return build_cost * discount_rate / (1.0 - (1.0 + discount_rate) ** -life) / DAYS_PER_YEAR


def payback_years(build_cost: float, daily_saving: float, discount_rate: float = 0.0) -> float | str:
    """Years until the daily saving, discounted at ``discount_rate`` a year, repays the build cost:
    ``n = −ln(1 − r·B/S) / ln(1 + r)`` for build cost B and yearly saving S (r = 0: ``B / S``).
    ``"never"`` if nothing is saved, or if the saving does not even cover the interest (r·B ≥ S)."""
    if daily_saving <= 0:
        return "never"
    yearly = daily_saving * DAYS_PER_YEAR
    if discount_rate <= 0:
        return round(build_cost / yearly, 2)
    share = discount_rate * build_cost / yearly
    if share >= 1.0:
        return "never"
    return round(-math.log(1.0 - share) / math.log(1.0 + discount_rate), 2)


def within_life(payback: float | str | None, lifetime_years: float | None) -> bool | None:
    """Whether a payback (years) comes within the station's life; None when there is no payback in years."""
    if not isinstance(payback, (int, float)):
        return None if payback in (None, "n/a") else False
    return payback <= (lifetime_years or DEFAULT_LIFETIME_YEARS)
