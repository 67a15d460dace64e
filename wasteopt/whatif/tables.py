"""Plain-text tables for ``wasteopt compare`` and ``wasteopt site`` (the CLI only prints them).

Compare: one column per plan (base first), one row per figure, variants showing ``value (Δ)``.
Site: one row per selection of sites, ranked by full-chain cost.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from wasteopt.whatif.compare import Comparison, Outcome
from wasteopt.whatif.site import SiteResult

FIGURES = (
    ("trucks", "trucks", "{:.0f}"),
    ("distance_km", "km/day", "{:.1f}"),
    ("vehicle_hours", "vehicle-h/day", "{:.1f}"),
    ("unload_trips", "unload trips", "{:.0f}"),
    ("haul_trips", "haul trips", "{:.0f}"),
    ("haul_km", "haul km/day", "{:.1f}"),
    ("cost", "cost/day", "{:.2f}"),
    ("unserved", "rooms unserved", "{:.0f}"),
)


def comparison_table(comparison: Comparison) -> str:
    """The side-by-side table of a comparison."""
    outcomes = comparison.outcomes
    rows = [["", *(o.name for o in outcomes)]]
    for key, label, fmt in FIGURES:
        rows.append([label, *(_with_delta(o, key, fmt) for o in outcomes)])
    for sid in _station_ids(outcomes):
        rows.append([f"{sid} t (util)", *(_station_cell(o, sid) for o in outcomes)])
    rows.append(["build cost", *(_money(o.build_cost) if o.opened else "-" for o in outcomes)])
    rows.append(["payback years", *(_payback(o.payback_years) if o.opened else "-" for o in outcomes)])
    rows.append(["violations", *(str(len(o.kpis["violations"])) for o in outcomes)])
    rows.append(["errors", *(str(len(o.kpis["errors"])) for o in outcomes)])
    lines = [_render(rows)]
    for outcome in outcomes:
        lines += [f"{outcome.name}: {v}" for v in (*outcome.kpis["violations"], *outcome.kpis["errors"])]
    return "\n".join(lines)


def site_table(result: SiteResult) -> str:
    """The ranked selections with estimate vs actual, savings and payback, and the rank agreement."""
    base = result.base_kpis
    rows = [["rank", "sites", "est. cost/day", "actual cost/day", "saving/day", "net saving/day",
             "build cost", "payback years", "unserved", "violations", "errors"]]
    rows.append(["-", "base", "-", f"{base['cost']:.2f}", "-", "-", "-", "-",
                 str(base["unserved"]), str(len(base["violations"])), str(len(base["errors"]))])
    for c in result.choices:
        rows.append([str(c.rank), ",".join(c.sites), f"{c.estimated_cost:.2f}", f"{c.full_cost:.2f}",
                     f"{c.saving_per_day:.2f}", f"{c.saving_per_day - c.build_cost_per_day:.2f}",
                     _money(c.build_cost), _payback(c.payback_years), str(c.kpis["unserved"]),
                     str(len(c.kpis["violations"])), str(len(c.kpis["errors"]))])
    agreement = result.agreement
    cal = result.calibration
    notes = [
        "actual cost/day = full-chain plan cost + build cost annualised over the station's life",
        f"estimate calibration: alpha {cal['alpha']:.3f} (real collection km / stem km), "
        f"{cal['cost_per_km']:.2f} yuan/km, {cal['units']} village units",
        f"estimate vs full plans over {agreement['n']} selections: Spearman {_num(agreement['spearman'])}, "
        f"Kendall {_num(agreement['kendall'])}",
    ]
    findings = [("base", base), *((c.name, c.kpis) for c in result.choices)]
    violations = [f"{name}: {v}" for name, kpis in findings for v in (*kpis["violations"], *kpis["errors"])]
    return "\n".join([_render(rows), *notes, *violations])


def _with_delta(outcome: Outcome, key: str, fmt: str) -> str:
    text = fmt.format(outcome.kpis[key])
    if outcome.delta is None:
        return text
    return f"{text} ({'+' if outcome.delta[key] >= 0 else ''}{fmt.format(outcome.delta[key])})"


def _station_ids(outcomes: Sequence[Outcome]) -> list[str]:
    return list(dict.fromkeys(sid for o in outcomes for sid in o.kpis["station_t"]))


def _station_cell(outcome: Outcome, sid: str) -> str:
    if sid not in outcome.kpis["station_t"]:
        return "-" if sid in {s.id for s in outcome.scenario.stations} else "closed"
    return f"{outcome.kpis['station_t'][sid]:.1f} ({outcome.kpis['station_utilisation'][sid]:.0%})"


def _money(value: float) -> str:
    return f"{value:,.0f}"


def _payback(value: Any) -> str:
    return f"{value:.1f}" if isinstance(value, (int, float)) else str(value)


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _render(rows: list[list[str]]) -> str:
    """Left-aligned first column, right-aligned others, two spaces apart."""
    widths = [max(len(row[k]) for row in rows) for k in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [cell.rjust(w) for cell, w in zip(row[1:], widths[1:])]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)
