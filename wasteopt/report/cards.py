"""The KPI cards at the top of the report: the figures a manager asks for first."""

from __future__ import annotations

from wasteopt.plan.models import Plan
from wasteopt.report.fmt import DASH, esc, num, pct
from wasteopt.report.summary import Summary
from wasteopt.scenario.models import Scenario


def kpi_cards(scenario: Scenario, plan: Plan, summary: Summary) -> str:
    """A row of cards: trucks, km, hours, tonnes, cost, cost per tonne, gap to the lower bound."""
    available = sum(vt.count for vt in scenario.fleet)
    gap_note = f"on {summary.gap_basis}" if summary.gap is not None else "no bound in plan"
    served = f"{summary.rooms_served} rooms"
    if summary.rooms_unserved:
        served += f" · {summary.rooms_unserved} unserved"
    cards = [
        ("trucks", "Trucks", "车辆", str(summary.trucks), f"of {available} available"),
        ("km", "Distance", "里程", num(summary.distance_km, 1), "km"),
        ("hours", "Hours", "工时", num(summary.hours, 1), "truck hours on duty"),
        ("tonnes", "Collected", "收运量", num(summary.tonnes, 2), f"t · {served}"),
        ("cost", "Cost", "成本", num(summary.cost), "yuan per day"),
        ("cost-per-tonne", "Cost per tonne", "吨均成本", num(summary.cost_per_tonne, 1), "yuan / t"),
        ("gap", "Gap to lower bound", "距下界", pct(summary.gap) if summary.gap is not None else DASH, gap_note),
    ]
    hints = {"gap": f"lower bound: {summary.bound_method}" if summary.bound_method else ""}
    items = "".join(
        f'<div class="card" data-kpi="{key}" title="{esc(hints.get(key, ""))}"><div class="card-label">{label} '
        f'<span class="zh">{zh}</span></div><div class="card-value">{esc(value)}</div><div class="card-note">{esc(note)}</div></div>'
        for key, label, zh, value, note in cards
    )
    return f'<section class="cards">{items}</section>'
