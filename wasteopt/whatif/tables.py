"""Plain-text tables for ``wasteopt compare`` and ``wasteopt site`` (the CLI only prints them).

Compare: one column per plan (base first), one row per figure, variants showing ``value (Δ)``.
Site: one row per selection of sites, ranked by full-chain cost.

In English or Chinese (``lang``, texts ``whatif.*`` of :mod:`wasteopt.i18n`); plan names, ids and rule
codes stay, the plans' error diagnostics are said in Chinese where recognised
(:func:`wasteopt.i18n_reasons.coded_text`), the validator's violations stay as written. Columns line
up by terminal width (a Chinese character takes two places).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from wasteopt.i18n import text
from wasteopt.i18n_reasons import coded_text
from wasteopt.plan.summary import width
from wasteopt.whatif.compare import Comparison, Outcome
from wasteopt.whatif.site import SiteResult

FIGURES = (
    ("trucks", "{:.0f}"),
    ("distance_km", "{:.1f}"),
    ("vehicle_hours", "{:.1f}"),
    ("unload_trips", "{:.0f}"),
    ("haul_trips", "{:.0f}"),
    ("haul_km", "{:.1f}"),
    ("cost", "{:.2f}"),
    ("unserved", "{:.0f}"),
)
"""The figures of a comparison, in order, with their format (label: ``whatif.<key>`` in the catalogue)."""

SITE_COLUMNS = ("rank", "sites", "estimated", "actual", "saving", "net_saving", "build_cost", "payback_years",
                "site_unserved", "violations", "errors")
"""The columns of the site table (labels: ``whatif.<key>``)."""


def comparison_table(comparison: Comparison, lang: str = "en") -> str:
    """The side-by-side table of a comparison."""
    outcomes = comparison.outcomes
    rows = [["", *(o.name for o in outcomes)]]
    for key, fmt in FIGURES:
        rows.append([text(f"whatif.{key}", lang), *(_with_delta(o, key, fmt) for o in outcomes)])
    for sid in _station_ids(outcomes):
        rows.append([text("whatif.station", lang, id=sid), *(_station_cell(o, sid, lang) for o in outcomes)])
    rows.append([text("whatif.build_cost", lang), *(_money(o.build_cost) if o.opened else "-" for o in outcomes)])
    rows.append([text("whatif.payback_years", lang), *(_payback(o.payback_years, lang) if o.opened else "-" for o in outcomes)])
    rows.append([text("whatif.violations", lang), *(str(len(o.kpis["violations"])) for o in outcomes)])
    rows.append([text("whatif.errors", lang), *(str(len(o.kpis["errors"])) for o in outcomes)])
    lines = [_render(rows)]
    for outcome in outcomes:
        lines += _findings(outcome.name, outcome.kpis, lang)
    return "\n".join(lines)


def site_table(result: SiteResult, lang: str = "en") -> str:
    """The ranked selections with estimate vs actual, savings and payback, and the rank agreement."""
    base = result.base_kpis
    rows = [[text(f"whatif.{key}", lang) for key in SITE_COLUMNS]]
    rows.append(["-", "base", "-", f"{base['cost']:.2f}", "-", "-", "-", "-",
                 str(base["unserved"]), str(len(base["violations"])), str(len(base["errors"]))])
    for c in result.choices:
        rows.append([str(c.rank), ",".join(c.sites), f"{c.estimated_cost:.2f}", f"{c.full_cost:.2f}",
                     f"{c.saving_per_day:.2f}", f"{c.saving_per_day - c.build_cost_per_day:.2f}",
                     _money(c.build_cost), _payback(c.payback_years, lang), str(c.kpis["unserved"]),
                     str(len(c.kpis["violations"])), str(len(c.kpis["errors"]))])
    agreement = result.agreement
    cal = result.calibration
    notes = [
        text("whatif.actual_note", lang),
        text("whatif.calibration", lang, alpha=cal["alpha"], cost_per_km=cal["cost_per_km"], units=cal["units"]),
        text("whatif.agreement", lang, n=agreement["n"], spearman=_num(agreement["spearman"], lang),
             kendall=_num(agreement["kendall"], lang)),
    ]
    findings = [("base", base), *((c.name, c.kpis) for c in result.choices)]
    return "\n".join([_render(rows), *notes, *(line for name, kpis in findings for line in _findings(name, kpis, lang))])


def _findings(name: str, kpis: dict[str, Any], lang: str) -> list[str]:
    """``name: finding`` for each violation (as written) and error diagnostic (``code: message``) of a plan."""
    said = [*kpis["violations"], *(coded_text(e, lang) for e in kpis["errors"])]
    return [text("whatif.finding", lang, name=name, finding=finding) for finding in said]


def _with_delta(outcome: Outcome, key: str, fmt: str) -> str:
    value = fmt.format(outcome.kpis[key])
    if outcome.delta is None:
        return value
    return f"{value} ({'+' if outcome.delta[key] >= 0 else ''}{fmt.format(outcome.delta[key])})"


def _station_ids(outcomes: Sequence[Outcome]) -> list[str]:
    return list(dict.fromkeys(sid for o in outcomes for sid in o.kpis["station_t"]))


def _station_cell(outcome: Outcome, sid: str, lang: str = "en") -> str:
    if sid not in outcome.kpis["station_t"]:
        return "-" if sid in {s.id for s in outcome.scenario.stations} else text("whatif.closed", lang)
    return f"{outcome.kpis['station_t'][sid]:.1f} ({outcome.kpis['station_utilisation'][sid]:.0%})"


def _money(value: float) -> str:
    return f"{value:,.0f}"


def _payback(value: Any, lang: str = "en") -> str:
    """Years as ``12.3``; the words ``never`` and ``n/a`` in ``lang``."""
    if isinstance(value, (int, float)):
        return f"{value:.1f}"
    return text(WORDS[value], lang) if value in WORDS else str(value)


WORDS = {"never": "whatif.never", "n/a": "whatif.na"}
"""Words a payback may be instead of years (:func:`wasteopt.whatif.kpis.payback_years`, the comparison)."""


def _num(value: float | None, lang: str = "en") -> str:
    return text("whatif.na", lang) if value is None else f"{value:.2f}"


def _render(rows: list[list[str]]) -> str:
    """Left-aligned first column, right-aligned others, two spaces apart (by terminal width)."""
    widths = [max(width(row[k]) for row in rows) for k in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [_pad(row[0], widths[0], left=True)] + [_pad(cell, w) for cell, w in zip(row[1:], widths[1:])]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _pad(cell: str, columns: int, left: bool = False) -> str:
    """``cell`` padded to ``columns`` terminal places, on the right (``left``-aligned) or the left."""
    fill = " " * max(0, columns - width(cell))
    return cell + fill if left else fill + cell
