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
from wasteopt.report.panels import run_notes
from wasteopt.whatif.compare import Comparison, Outcome
from wasteopt.whatif.site import SiteChoice, SiteResult

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
    """The side-by-side table of a comparison (means over the seeds, Δ to the base), then each
    variant's difference to what it is compared with, its interval and verdict, then the findings."""
    outcomes = comparison.outcomes
    rows = [["", *(o.name for o in outcomes)]]
    for key, fmt in FIGURES:
        rows.append([text(f"whatif.{key}", lang), *(_with_delta(o, key, fmt) for o in outcomes)])
    if any(len(o.runs) > 1 for o in outcomes):
        rows.append([text("whatif.cost_range", lang), *(_range(o.spread["cost"]) for o in outcomes)])
    for sid in _station_ids(outcomes):
        rows.append([text("whatif.station", lang, id=sid), *(_station_cell(o, sid, lang) for o in outcomes)])
    rows.append([text("whatif.build_cost", lang), *(_money(o.build_cost) if o.opened else "-" for o in outcomes)])
    rows.append([text("whatif.payback_years", lang), *(_payback_cell(o, lang) if o.opened else "-" for o in outcomes)])
    rows.append([text("whatif.violations", lang), *(str(len(o.kpis["violations"])) for o in outcomes)])
    rows.append([text("whatif.errors", lang), *(str(len(o.kpis["errors"])) for o in outcomes)])
    lines = [_render(rows)]
    compared = [o for o in comparison.variants if o.difference is not None]
    if compared:
        lines += ["", difference_table(compared, lang), *_study_notes(comparison, lang)]
    for outcome in outcomes:
        lines += _findings(outcome.name, outcome.kpis, lang)
    return "\n".join(lines)


def difference_table(outcomes: Sequence[Outcome], lang: str = "en") -> str:
    """One line per variant: what it is compared with, Δ cost, trucks and km with their 95 %
    intervals, and the verdict on the cost."""
    rows = [["", text("whatif.against", lang), text("whatif.d_cost", lang), text("whatif.d_trucks", lang),
             text("whatif.d_km", lang), text("whatif.verdict", lang)]]
    for o in outcomes:
        d = o.difference or {}
        rows.append([o.name, o.baseline or "base", interval_text(d.get("cost"), "{:+,.2f}"),
                     interval_text(d.get("trucks"), "{:+.1f}"), interval_text(d.get("distance_km"), "{:+.1f}"),
                     verdict_text(o.verdict, lang)])
    return _render(rows)


def interval_text(difference: dict[str, Any] | None, fmt: str) -> str:
    """``-812.40 [-950.10, -674.70]`` (the mean and its interval; the mean alone from one seed)."""
    if not difference:
        return "-"
    mean = fmt.format(difference["mean"])
    if difference.get("low") is None:
        return mean
    return f"{mean} [{fmt.format(difference['low'])}, {fmt.format(difference['high'])}]"


def verdict_text(verdict: str | None, lang: str = "en") -> str:
    """The verdict in words (``-`` when there is none)."""
    return text(f"whatif.verdict.{verdict}", lang) if verdict else "-"


def _study_notes(comparison: Comparison, lang: str) -> list[str]:
    seeds = comparison.base.seeds or [0]
    notes = [text("whatif.seeds_note", lang, n=len(seeds), seeds=", ".join(map(str, seeds)), first=seeds[0]),
             text("whatif.warm_note" if comparison.warm else "whatif.cold_note", lang),
             text("whatif.interval_note", lang)]
    if any(o.opened for o in comparison.variants):
        notes.append(text("whatif.payback_note", lang, rate=comparison.discount_rate))
    notes += [text("whatif.added_note", lang, name=o.name) for o in comparison.variants if o.added]
    notes += [note for o in comparison.variants for note in _run_notes(o, lang)]
    notes += [text("whatif.beyond_life_note", lang, name=o.name, life=o.lifetime_years)
              for o in comparison.variants if o.within_life is False and o.lifetime_years]
    return notes


def _run_notes(outcome: Outcome, lang: str) -> list[str]:
    """How the study came by the plans of a variant and of what it is compared with, seed by seed:
    the other side's plan taken, a second try on a wider part (:func:`~wasteopt.report.panels.run_notes`)."""
    notes = run_notes(outcome.name, outcome.runs, outcome.seeds, lang)
    if outcome.compared_with is not None:
        other = outcome.compared_with
        notes += run_notes(f"{other.name} ({outcome.name})", other.runs, other.seeds, lang)
    return notes


def _range(values: dict[str, float | int]) -> str:
    return f"{values['min']:,.0f}–{values['max']:,.0f}"


def _payback_cell(outcome: Outcome, lang: str) -> str:
    """Years (or a word), marked when beyond the station's life."""
    years = _payback(outcome.payback_years, lang)
    if outcome.within_life is False and isinstance(outcome.payback_years, (int, float)) and outcome.lifetime_years:
        return text("whatif.beyond_life", lang, years=years, life=outcome.lifetime_years)
    return years


def site_table(result: SiteResult, lang: str = "en") -> str:
    """The ranked selections with estimate vs actual, savings (with their 95 % intervals and verdicts
    when planned with seeds) and payback, and the rank agreement."""
    base = result.base_kpis
    measured = any(c.difference is not None for c in result.choices)
    columns = [*SITE_COLUMNS, "verdict"] if measured else list(SITE_COLUMNS)
    rows = [[text(f"whatif.{key}", lang) for key in columns]]
    if measured:
        rows[0][SITE_COLUMNS.index("saving")] = text("whatif.saving_interval", lang)
    rows.append(["-", "base", "-", f"{_base_cost(result):.2f}", "-", "-", "-", "-",
                 str(base["unserved"]), str(len(base["violations"])), str(len(base["errors"]))] + (["-"] if measured else []))
    for c in result.choices:
        saving = interval_text(c.saving, "{:,.2f}") if c.saving is not None else f"{c.saving_per_day:.2f}"
        row = [str(c.rank), ",".join(c.sites), f"{c.estimated_cost:.2f}", f"{c.full_cost:.2f}",
               saving, f"{c.saving_per_day - c.build_cost_per_day:.2f}",
               _money(c.build_cost), _site_payback(c, lang), str(c.kpis["unserved"]),
               str(len(c.kpis["violations"])), str(len(c.kpis["errors"]))]
        rows.append(row + ([verdict_text(c.verdict, lang)] if measured else []))
    agreement = result.agreement
    cal = result.calibration
    notes = [
        text("whatif.actual_note", lang),
        text("whatif.route_estimate", lang, units=cal["units"]) if cal.get("estimate") == "routes" else
        text("whatif.calibration", lang, alpha=cal["alpha"], cost_per_km=cal["cost_per_km"], units=cal["units"]),
        text("whatif.agreement", lang, n=agreement["n"], spearman=_num(agreement["spearman"], lang),
             kendall=_num(agreement["kendall"], lang)),
    ]
    if measured and result.base_runs is not None:
        seeds = list(result.base_runs.seeds)
        notes += [text("whatif.seeds_note", lang, n=len(seeds), seeds=", ".join(map(str, seeds)), first=seeds[0]),
                  text("whatif.warm_note" if result.base_runs.warm else "whatif.cold_note", lang),
                  text("whatif.interval_note", lang),
                  text("whatif.payback_note", lang, rate=result.discount_rate)]
        notes += [text("whatif.beyond_life_note", lang, name=c.name, life=c.lifetime_years)
                  for c in result.choices if c.within_life is False and c.lifetime_years]
        notes += [note for c in result.choices for note in run_notes(c.name, c.runs, seeds, lang)]
    other = "stem" if result.calibration.get("estimate") == "routes" else "routes"
    notes += [text("whatif.second_opinion_note", lang, name=c.name, other=other) for c in result.choices if c.second_opinion]
    findings = [("base", base), *((c.name, c.kpis) for c in result.choices)]
    return "\n".join([_render(rows), *notes, *(line for name, kpis in findings for line in _findings(name, kpis, lang))])


def _base_cost(result: SiteResult) -> float:
    """The base's cost per day: the mean over its seeds when there are several."""
    runs = result.base_run_kpis or [result.base_kpis]
    return sum(r["cost"] for r in runs) / len(runs)


def _site_payback(choice: SiteChoice, lang: str) -> str:
    years = _payback(choice.payback_years, lang)
    if choice.within_life is False and isinstance(choice.payback_years, (int, float)) and choice.lifetime_years:
        return text("whatif.beyond_life", lang, years=years, life=choice.lifetime_years)
    return years


def _findings(name: str, kpis: dict[str, Any], lang: str) -> list[str]:
    """``name: finding`` for each violation (as written) and error diagnostic (``code: message``) of a plan."""
    said = [*kpis["violations"], *(coded_text(e, lang) for e in kpis["errors"])]
    return [text("whatif.finding", lang, name=name, finding=finding) for finding in said]


def _with_delta(outcome: Outcome, key: str, fmt: str) -> str:
    value = fmt.format(outcome.mean[key])
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
