"""The KPI cards at the top of the report: the figures a manager asks for first.

The lower-bound card words the bound as the terminal summary and ``plan.json`` do
(:func:`wasteopt.plan.summary.bound_statement`): "collection cost ≤ 2.17 × the lower bound".
"""

from __future__ import annotations

from wasteopt.i18n import text
from wasteopt.plan.models import Plan
from wasteopt.plan.summary import bound_statement
from wasteopt.report.fmt import DASH, esc, num
from wasteopt.report.summary import Summary
from wasteopt.scenario.models import Scenario


def kpi_cards(scenario: Scenario, plan: Plan, summary: Summary, lang: str = "en") -> str:
    """A row of cards: trucks, km, hours, tonnes, cost, cost per tonne, the plan against its lower bound."""
    available = sum(vt.count for vt in scenario.fleet)
    served = text("card.rooms", lang, n=summary.rooms_served)
    if summary.rooms_unserved:
        served += text("card.unserved", lang, n=summary.rooms_unserved)
    ratio = summary.bound_ratio
    cards = [
        ("trucks", str(summary.trucks), text("card.trucks_note", lang, n=available)),
        ("km", num(summary.distance_km, 1), text("card.km_note", lang)),
        ("hours", num(summary.hours, 1), text("card.hours_note", lang)),
        ("tonnes", num(summary.tonnes, 2), text("card.tonnes_note", lang, served=served)),
        ("cost", num(summary.cost), text("card.cost_note", lang)),
        ("cost_per_tonne", num(summary.cost_per_tonne, 1), text("card.cost_per_tonne_note", lang)),
        ("bound", text("bound.value", lang, ratio=f"{ratio:.2f}") if ratio is not None else DASH,
         bound_statement(plan, lang) or text("bound.none", lang)),
    ]
    hints = {"bound": _bound_hint(plan, lang) if ratio is not None else ""}
    items = "".join(
        f'<div class="card" data-kpi="{key.replace("_", "-")}" title="{esc(hints.get(key, ""))}">'
        f'<div class="card-label">{esc(text(f"card.{key}", lang))}</div><div class="card-value">{esc(value)}</div>'
        f'<div class="card-note">{esc(note)}</div></div>'
        for key, value, note in cards
    )
    return f'<section class="cards">{items}</section>'


def _bound_hint(plan: Plan, lang: str) -> str:
    """The card's tooltip: the bound's figures and how it was found (``lower bound: 41.2 km, 813 yuan; …``)."""
    bound = plan.lower_bound
    figures = (text("card.bound_figures", lang, km=num(bound.distance_km, 1), cost=num(bound.cost))
               if bound.cost is not None else text("card.bound_figures_km", lang, km=num(bound.distance_km, 1)))
    return text("card.bound_hint", lang, figures=figures, method=bound.method).rstrip("; ；")
