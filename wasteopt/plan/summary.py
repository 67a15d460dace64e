"""A plan as a short text a manager can read in a terminal: the chain step by step, stations, gaps.

What a manager must not miss comes first: that the search was interrupted (the plan is only the best
found so far), and any violation the engine's own check found in the plan (a bug, to be reported).
In English or Chinese (``lang``, texts from :mod:`wasteopt.i18n`); the columns line up in both, a
Chinese character counting two places as a terminal shows it. The engine's reasons and diagnostics
stay English in ``plan.json``; here they are said in Chinese where recognised
(:func:`wasteopt.i18n_reasons.engine_text`).

The lower bound is worded once, by :func:`bound_statement` ("collection cost ≤ 2.17 × the lower
bound"), for this summary, the report's card and ``lower_bound.ratio`` in ``plan.json``
(:func:`with_bound_ratio`).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict

from wasteopt.i18n import plural, text
from wasteopt.i18n_reasons import engine_text
from wasteopt.plan.models import Plan
from wasteopt.scenario.models import Scenario

SHOWN = 20
"""Unserved rooms and violations listed one by one before the rest is only counted."""


def summary_lines(scenario: Scenario, plan: Plan, lang: str = "en") -> list[str]:
    """The summary printed after planning: warnings first (:func:`warning_lines`), then the table."""
    return [*warning_lines(plan, lang), *_table_lines(scenario, plan, lang)]


def warning_lines(plan: Plan, lang: str = "en") -> list[str]:
    """What must be read before any figure: an interrupted search (``plan.solver["interrupted"]``)
    and the violations the engine's own check found (``plan.solver["violations"]``, each
    ``"rule: subject: message"``, never translated). Empty for a plan that needs neither."""
    lines = []
    if plan.solver.get("interrupted"):
        lines.append(text("summary.interrupted", lang))
    violations = [str(v) for v in plan.solver.get("violations") or []]
    if violations:
        lines.append(text("summary.engine_violations", lang, n=len(violations), s=plural(len(violations))))
        lines += [f"  {v}" for v in violations[:SHOWN]]
        if len(violations) > SHOWN:
            lines.append(text("summary.more_violations", lang, n=len(violations) - SHOWN))
    return lines


def bound_ratio(plan: Plan) -> float | None:
    """The plan's collection cost (km, for a bound without a cost) over its lower bound, rounded up to
    two decimals: the figure of :func:`bound_statement`. None when the plan has no bound."""
    if not plan.routes:
        return None
    return plan.lower_bound.ratio_for(sum(r.cost for r in plan.routes), sum(r.distance_km for r in plan.routes))


def bound_statement(plan: Plan, lang: str = "en") -> str | None:
    """``collection cost ≤ 2.17 × the lower bound`` (``收运成本 ≤ 下界的 2.17 倍``); None without a bound."""
    ratio = bound_ratio(plan)
    if ratio is None:
        return None
    return text(f"bound.{plan.lower_bound.basis}", lang, ratio=f"{ratio:.2f}")


def with_bound_ratio(plan: Plan) -> Plan:
    """The plan with ``lower_bound.ratio`` stated (as :func:`bound_ratio` has it), for ``plan.json``."""
    bound = plan.lower_bound.model_copy(update={"ratio": bound_ratio(plan)})
    return plan.model_copy(update={"lower_bound": bound})


def width(value: str) -> int:
    """Columns ``value`` takes in a terminal: wide (Chinese) characters count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in value)


def left(value: str, columns: int) -> str:
    """``value`` padded on the right to ``columns`` terminal columns."""
    return value + " " * max(0, columns - width(value))


def right(value: str, columns: int) -> str:
    """``value`` padded on the left to ``columns`` terminal columns."""
    return " " * max(0, columns - width(value)) + value


def _table_lines(scenario: Scenario, plan: Plan, lang: str) -> list[str]:
    """The chain step by step, stations, bound, unserved rooms and diagnostics."""
    kpis = plan.kpis
    routes = plan.routes
    km = sum(r.distance_km for r in routes)
    hours = sum(r.duration_h for r in routes)
    cost = sum(r.cost for r in routes)
    collected_kg = sum(s.collected_kg or 0 for r in routes for s in r.stops if s.kind == "room")
    variant = text("summary.variant", lang, variant=" + ".join(plan.variant)) if plan.variant else ""
    lines = [text("summary.title", lang, scenario=plan.scenario) + variant]
    lines.append(left(text("summary.step", lang), 22) + "".join(
        right(text(f"summary.{key}", lang), w) for key, w in (("tonnes", 9), ("vehicles", 10), ("km", 10), ("hours", 9), ("cost", 12))))
    lines.append(left(text("summary.collection", lang), 22)
                 + f"{collected_kg / 1000:>9.2f}{len(routes):>10}{km:>10.1f}{hours:>9.1f}{cost:>12.2f}")
    haul = kpis.get("haul")
    if plan.haul and isinstance(haul, dict):
        delivered = sum(t.payload_kg for t in plan.haul) / 1000
        lines.append(
            left(text("summary.haul", lang), 22) + f"{delivered:>9.2f}{haul.get('trucks_used', 0):>10}"
            f"{haul.get('km', 0.0):>10.1f}{haul.get('hours', 0.0):>9.1f}{haul.get('cost', 0.0):>12.2f}"
        )
    total = kpis.get("cost", cost)
    lines.append(left(text("summary.chain", lang), 22) + f"{'':>9}{'':>10}{'':>10}{'':>9}{total:>12.2f}")
    if collected_kg:
        lines.append(text("summary.cost_per_tonne", lang, value=total / (collected_kg / 1000)))
    if "co2_kg" in kpis:
        lines.append(text("summary.co2", lang, value=kpis["co2_kg"]))
    lines.append(text("summary.unload_trips", lang, n=sum(r.unload_trips for r in routes)))
    lines += _station_lines(scenario, plan, lang)
    lines += _bound_lines(plan, lang)
    served = sum(1 for r in routes for s in r.stops if s.kind == "room")
    lines.append(text("summary.served", lang, served=served, unserved=len(plan.unserved)))
    kept = plan.solver.get("from")
    if isinstance(kept, dict) and {"changed_truck", "same_truck"} <= set(kept):
        lines.append(text("summary.from", lang, changed=kept["changed_truck"], same=kept["same_truck"],
                          both=kept["changed_truck"] + kept["same_truck"], new=kept.get("new", 0),
                          dropped=kept.get("dropped", 0), stability=float(kept.get("stability", 0.0))))
    for item in plan.unserved[:SHOWN]:
        lines.append(text("summary.unserved_room", lang, id=item.id, reason=engine_text(item.reason, lang)))
    if len(plan.unserved) > SHOWN:
        lines.append(text("summary.more_unserved", lang, n=len(plan.unserved) - SHOWN))
    for diagnostic in plan.diagnostics:
        if diagnostic.code == "rooms-changed-truck" and isinstance(kept, dict):
            continue  # said above, in the summary's language
        fix = text("summary.fix", lang, fix=engine_text(diagnostic.fix, lang)) if diagnostic.fix else ""
        lines.append(text("summary.diagnostic", lang, level=text(f"level.{diagnostic.level}", lang),
                          message=engine_text(diagnostic.message, lang), fix=fix))
    return lines


def _bound_lines(plan: Plan, lang: str) -> list[str]:
    """``lower bound: 41.2 km, 812.50 yuan — collection cost ≤ 1.23 × the lower bound`` (nothing without one)."""
    statement = bound_statement(plan, lang)
    if statement is None:
        return []
    bound = plan.lower_bound
    if bound.basis == "cost":
        return [text("summary.bound", lang, km=bound.distance_km, cost=bound.cost, statement=statement)]
    return [text("summary.bound_km", lang, km=bound.distance_km, statement=statement)]


def _station_lines(scenario: Scenario, plan: Plan, lang: str) -> list[str]:
    loads: dict[str, float] = defaultdict(float)
    for route in plan.routes:
        for stop in route.stops:
            if stop.kind == "station":
                loads[stop.id] += stop.unloaded_kg or 0.0
    lines = [left(text("summary.station", lang), 10) + right(text("summary.tonnes", lang), 9)
             + right(text("summary.capacity", lang), 10) + right(text("summary.use", lang), 7)]
    for station in scenario.active_stations:
        tonnes = loads.get(station.id, 0.0) / 1000
        lines.append(
            f"{station.id:<10}{tonnes:>9.2f}{station.capacity_t_per_day:>10.1f}{100 * tonnes / station.capacity_t_per_day:>6.0f}%"
        )
    return lines
