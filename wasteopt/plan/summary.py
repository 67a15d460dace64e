"""A plan as a short text a manager can read in a terminal: the chain step by step, stations, gaps.

What a manager must not miss comes first: that the search was interrupted (the plan is only the best
found so far), and any violation the engine's own check found in the plan (a bug, to be reported).
"""

from __future__ import annotations

from collections import defaultdict

from wasteopt.plan.models import Plan
from wasteopt.scenario.models import Scenario

SHOWN = 20
"""Unserved rooms and violations listed one by one before the rest is only counted."""


def summary_lines(scenario: Scenario, plan: Plan) -> list[str]:
    """The summary printed after planning: warnings first (:func:`warning_lines`), then the table."""
    return [*warning_lines(plan), *_table_lines(scenario, plan)]


def warning_lines(plan: Plan) -> list[str]:
    """What must be read before any figure: an interrupted search (``plan.solver["interrupted"]``)
    and the violations the engine's own check found (``plan.solver["violations"]``, each
    ``"rule: subject: message"``). Empty for a plan that needs neither."""
    lines = []
    if plan.solver.get("interrupted"):
        lines.append("INTERRUPTED (Ctrl-C): the search was stopped early; this plan is the best found so far")
    violations = [str(v) for v in plan.solver.get("violations") or []]
    if violations:
        count = f"{len(violations)} violation{'' if len(violations) == 1 else 's'}"
        lines.append(f"the engine's own check found {count} — this is a bug, please report it:")
        lines += [f"  {v}" for v in violations[:SHOWN]]
        if len(violations) > SHOWN:
            lines.append(f"  ... and {len(violations) - SHOWN} more (run `wasteopt validate` on the plan)")
    return lines


def _table_lines(scenario: Scenario, plan: Plan) -> list[str]:
    """The chain step by step, stations, bound, unserved rooms and diagnostics."""
    kpis = plan.kpis
    routes = plan.routes
    km = sum(r.distance_km for r in routes)
    hours = sum(r.duration_h for r in routes)
    cost = sum(r.cost for r in routes)
    collected_kg = sum(s.collected_kg or 0 for r in routes for s in r.stops if s.kind == "room")
    lines = [f"plan for {plan.scenario}" + (f" (variant {' + '.join(plan.variant)})" if plan.variant else "")]
    lines.append(f"{'step':<22}{'tonnes':>9}{'vehicles':>10}{'km':>10}{'hours':>9}{'cost':>12}")
    lines.append(
        f"{'rooms → stations':<22}{collected_kg / 1000:>9.2f}{len(routes):>10}{km:>10.1f}{hours:>9.1f}{cost:>12.2f}"
    )
    haul = kpis.get("haul")
    if plan.haul and isinstance(haul, dict):
        delivered = sum(t.payload_kg for t in plan.haul) / 1000
        lines.append(
            f"{'stations → plant':<22}{delivered:>9.2f}{haul.get('trucks_used', 0):>10}"
            f"{haul.get('km', 0.0):>10.1f}{haul.get('hours', 0.0):>9.1f}{haul.get('cost', 0.0):>12.2f}"
        )
    total = kpis.get("cost", cost)
    lines.append(f"{'whole chain':<22}{'':>9}{'':>10}{'':>10}{'':>9}{total:>12.2f}")
    if collected_kg:
        lines.append(f"cost per tonne: {total / (collected_kg / 1000):.2f} yuan")
    if "co2_kg" in kpis:
        lines.append(f"CO₂ estimate: {kpis['co2_kg']:.0f} kg")
    lines.append(f"unload trips: {sum(r.unload_trips for r in routes)}")
    lines += _station_lines(scenario, plan)
    bound = plan.lower_bound.distance_km
    if bound > 0 and km > 0:
        lines.append(f"lower bound on collection km: {bound:.1f} (plan is within {100 * (km - bound) / km:.1f} % of it)")
    served = sum(1 for r in routes for s in r.stops if s.kind == "room")
    lines.append(f"rooms served: {served}, unserved: {len(plan.unserved)}")
    for item in plan.unserved[:SHOWN]:
        lines.append(f"  unserved {item.id}: {item.reason}")
    if len(plan.unserved) > SHOWN:
        lines.append(f"  ... and {len(plan.unserved) - SHOWN} more (see plan.json)")
    for diagnostic in plan.diagnostics:
        fix = f" — fix: {diagnostic.fix}" if diagnostic.fix else ""
        lines.append(f"{diagnostic.level}: {diagnostic.message}{fix}")
    return lines


def _station_lines(scenario: Scenario, plan: Plan) -> list[str]:
    loads: dict[str, float] = defaultdict(float)
    for route in plan.routes:
        for stop in route.stops:
            if stop.kind == "station":
                loads[stop.id] += stop.unloaded_kg or 0.0
    lines = [f"{'station':<10}{'tonnes':>9}{'capacity':>10}{'use':>7}"]
    for station in scenario.active_stations:
        tonnes = loads.get(station.id, 0.0) / 1000
        lines.append(
            f"{station.id:<10}{tonnes:>9.2f}{station.capacity_t_per_day:>10.1f}{100 * tonnes / station.capacity_t_per_day:>6.0f}%"
        )
    return lines
