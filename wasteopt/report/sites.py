"""The report's site panel (``site.json`` from ``wasteopt site``): candidates on a map coloured by
their saving, and the ranking with each saving's interval and verdict.

A candidate's colour is the daily operating saving of the best-ranked selection it is part of (for
``--open 1``, its own): green where it saves, red where it costs more, grey where the interval holds
zero ("no difference we can measure"), white where it was not re-planned at all. Stations in use are
dark, rooms faint dots. Like the comparison panel, the reader is tolerant: what it does not find it
leaves out, so an older ``site.json`` (no intervals) still reports.
"""

from __future__ import annotations

from typing import Any

from wasteopt.i18n import text
from wasteopt.report.fmt import DASH, esc, num
from wasteopt.report.geometry import projection_for
from wasteopt.report.mapsvg import frame_for
from wasteopt.report.panels import run_notes
from wasteopt.scenario.models import Scenario

SAVES, COSTS, UNSURE, UNPLANNED = "#2e9d62", "#c0262d", "#9aa3ad", "#ffffff"
"""Fill of a candidate that saves, costs more, cannot be told apart from the base, was not re-planned."""


def is_site_result(data: Any) -> bool:
    """Whether a parsed JSON file is a ``site.json`` (it has ranked ``choices``), not a ``comparison.json``."""
    return isinstance(data, dict) and isinstance(data.get("choices"), list)


def site_panel(scenario: Scenario, data: dict[str, Any], lang: str = "en") -> str:
    """The candidates' map and the ranking table."""
    choices = [c for c in data.get("choices", []) if isinstance(c, dict)]
    return (f'<div class="grid2">{candidate_map(scenario, choices, lang)}{_legend(lang)}</div>'
            f'<div class="table-scroll">{ranking_table(data, choices, lang)}</div>{_notes(data, lang)}')


def site_savings(choices: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Candidate id → the best-ranked choice containing it."""
    best: dict[str, dict[str, Any]] = {}
    for choice in sorted(choices, key=lambda c: c.get("rank") or 0):
        for site in choice.get("sites") or []:
            best.setdefault(str(site), choice)
    return best


def candidate_colour(choice: dict[str, Any] | None) -> str:
    """The fill of a candidate from its choice's verdict (or, without one, the sign of its saving)."""
    if choice is None:
        return UNPLANNED
    verdict = choice.get("verdict")
    saving = choice.get("saving_per_day")
    if verdict == "cheaper" or verdict in (None, "one-run") and _number(saving) and saving > 0:
        return SAVES
    if verdict == "dearer" or verdict in (None, "one-run") and _number(saving) and saving < 0:
        return COSTS
    return UNSURE


def candidate_map(scenario: Scenario, choices: list[dict[str, Any]], lang: str = "en") -> str:
    """An SVG of the district: rooms, stations in use, and every candidate coloured by its saving."""
    project = projection_for(scenario)
    places = {pid: project(place) for pid, place in scenario.locations().items()}
    frame = frame_for(list(places.values()))
    xy = {pid: frame.xy(*p) for pid, p in places.items()}
    best = site_savings(choices)
    parts = [f'<svg id="site-map" class="map-svg" viewBox="0 0 {frame.width:.1f} {frame.height:.1f}" role="img" '
             f'aria-label="{esc(text("site.map_label", lang))}">']
    parts += [f'<circle cx="{xy[r.id][0]}" cy="{xy[r.id][1]}" r="1.6" fill="#b9c4cf"/>' for r in scenario.rooms]
    for station in scenario.stations:
        x, y = xy[station.id]
        if station.status != "candidate":
            parts.append(f'<g class="station"><circle cx="{x}" cy="{y}" r="6" fill="#1d2733"/>'
                         f'<title>{esc(station.id)} {esc(station.name)}</title></g>')
            continue
        choice = best.get(station.id)
        said = _said(station.id, choice, lang)
        parts.append(f'<g class="candidate" data-site="{esc(station.id)}" data-fill="{candidate_colour(choice)}">'
                     f'<circle cx="{x}" cy="{y}" r="10" fill="{candidate_colour(choice)}" stroke="#1d2733" stroke-width="1.5"/>'
                     f'<text x="{x}" y="{y + 24:.1f}" text-anchor="middle" font-size="13">{esc(station.id)}</text>'
                     f'<title>{esc(said)}</title></g>')
    parts.append("</svg>")
    return f'<div class="map-box">{"".join(parts)}</div>'


def ranking_table(data: dict[str, Any], choices: list[dict[str, Any]], lang: str = "en") -> str:
    """Rank, sites, estimated and actual daily cost, saving with its interval, net saving, payback
    (flagged beyond the station's life) and verdict; the base first."""
    heads = ["rank", "sites", "estimated", "actual", "saving_interval", "net_saving", "build_cost", "payback_years", "verdict"]
    head = "".join(f"<th>{esc(text(f'whatif.{key}', lang))}</th>" for key in heads)
    base = data.get("base") if isinstance(data.get("base"), dict) else {}
    base_cost = (base.get("spread") or {}).get("cost", {}).get("mean") if isinstance(base.get("spread"), dict) else None
    if base_cost is None and isinstance(base.get("kpis"), dict):
        base_cost = base["kpis"].get("cost")
    rows = [f'<tr class="base"><td>{DASH}</td><td>{esc(text("panel.base", lang))}</td><td>{DASH}</td>'
            f'<td>{num(base_cost, 2) if _number(base_cost) else DASH}</td>' + f"<td>{DASH}</td>" * 5 + "</tr>"]
    for c in sorted(choices, key=lambda c: c.get("rank") or 0):
        rows.append(
            f'<tr data-choice="{esc(c.get("name", ""))}"><td>{esc(c.get("rank", DASH))}</td>'
            f'<td>{esc(", ".join(map(str, c.get("sites") or [])))}</td>'
            f'<td>{_money(c.get("estimated_cost"))}</td><td>{_money(c.get("actual_cost"))}</td>'
            f'<td>{esc(_interval(c))}</td><td>{_money(c.get("net_saving_per_day"))}</td>'
            f'<td>{num(c.get("build_cost"), 0) if _number(c.get("build_cost")) else DASH}</td>'
            f'<td>{esc(_payback(c, lang))}</td><td>{esc(_verdict(c.get("verdict"), lang))}</td></tr>')
    return f'<table id="site-table" class="comparison"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _interval(choice: dict[str, Any]) -> str:
    """``812.40 [700.10, 950.00]`` (the saving, and its 95 % interval when there is one)."""
    saving = choice.get("saving_interval") if isinstance(choice.get("saving_interval"), dict) else None
    mean = saving.get("mean") if saving else choice.get("saving_per_day")
    if not _number(mean):
        return DASH
    if saving and _number(saving.get("low")) and _number(saving.get("high")):
        return f"{mean:,.2f} [{saving['low']:,.2f}, {saving['high']:,.2f}]"
    return f"{mean:,.2f}"


def _payback(choice: dict[str, Any], lang: str) -> str:
    years = choice.get("payback_years")
    shown = f"{years:.1f}" if _number(years) else text({"never": "whatif.never", "n/a": "whatif.na"}.get(years, "whatif.na"), lang) \
        if years is not None else DASH
    life = choice.get("lifetime_years")
    if choice.get("pays_back_within_life") is False and _number(years) and _number(life):
        return text("whatif.beyond_life", lang, years=shown, life=life)
    return shown


def _verdict(verdict: Any, lang: str) -> str:
    return text(f"whatif.verdict.{verdict}", lang) if verdict in ("cheaper", "dearer", "no-difference", "one-run") else DASH


def _said(site: str, choice: dict[str, Any] | None, lang: str) -> str:
    if choice is None:
        return text("site.not_planned", lang, site=site)
    return text("site.tooltip", lang, site=site, name=choice.get("name", ""), saving=_interval(choice),
                verdict=_verdict(choice.get("verdict"), lang))


def _legend(lang: str) -> str:
    items = [(SAVES, "site.saves"), (COSTS, "site.costs"), (UNSURE, "site.unsure"), (UNPLANNED, "site.unplanned")]
    rows = "".join(f'<div><svg viewBox="0 0 20 20" width="18" height="18"><circle cx="10" cy="10" r="8" fill="{fill}" '
                   f'stroke="#1d2733"/></svg> {esc(text(key, lang))}</div>' for fill, key in items)
    return f'<aside class="legend"><h3>{esc(text("report.legend", lang))}</h3>{rows}</aside>'


def _notes(data: dict[str, Any], lang: str) -> str:
    notes = []
    seeds = data.get("seeds")
    if isinstance(seeds, list) and seeds:
        notes.append(text("whatif.seeds_note", lang, n=len(seeds), seeds=", ".join(map(str, seeds)), first=seeds[0]))
        notes.append(text("whatif.interval_note", lang))
    if _number(data.get("discount_rate")):
        notes.append(text("whatif.payback_note", lang, rate=data["discount_rate"]))
    agreement = data.get("agreement") if isinstance(data.get("agreement"), dict) else {}
    if agreement:
        notes.append(text("whatif.agreement", lang, n=agreement.get("n", 0), spearman=_num(agreement.get("spearman")),
                          kendall=_num(agreement.get("kendall"))))
    calibration = data.get("calibration") if isinstance(data.get("calibration"), dict) else {}
    other = "stem" if calibration.get("estimate") == "routes" else "routes"
    for choice in data.get("choices") or []:
        if isinstance(choice, dict):
            notes += run_notes(str(choice.get("name") or ""), choice.get("runs"), seeds, lang)
            if choice.get("second_opinion"):
                notes.append(text("whatif.second_opinion_note", lang, name=str(choice.get("name") or ""), other=other))
    return "".join(f'<p class="muted small">{esc(n)}</p>' for n in notes)


def _num(value: Any) -> str:
    return f"{value:.2f}" if _number(value) else DASH


def _money(value: Any) -> str:
    return num(value, 2) if _number(value) else DASH


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
