"""Report panels that only appear when the plan or a comparison carries them: diagnostics and the
side-by-side of what-if variants (``comparison.json`` from ``wasteopt compare``).

With several seeds (``comparison.json`` from this version) the figures are the means over the seeds
and each variant also shows what it is compared with, its cost difference with the 95 % interval,
and the verdict. The comparison reader is tolerant: it shows whatever numeric figures each variant has, known ones
first, and ignores what it does not understand, so an older or newer comparison file still reports.
Labels in English or Chinese (``lang``); the diagnostics' messages and fixes are the engine's own,
said in Chinese where recognised (:func:`wasteopt.i18n_reasons.engine_text`).
"""

from __future__ import annotations

from typing import Any

from wasteopt.i18n import text
from wasteopt.i18n_reasons import engine_text
from wasteopt.plan.models import Plan
from wasteopt.report.fmt import DASH, esc, num

FIGURES = [
    ("trucks", 0), ("distance_km", 1), ("collection_km", 1), ("vehicle_hours", 1), ("unload_trips", 0), ("haul_trips", 0),
    ("cost", 0), ("unserved", 0), ("build_cost", 0), ("payback_years", 1),
]
"""Figures of a comparison in the order shown, with their decimals (label: ``figure.<key>`` in the catalogue)."""


def diagnostics(plan: Plan, lang: str = "en") -> str:
    """The plan's findings, most severe first, each with its suggested fix."""
    order = {"error": 0, "warning": 1, "info": 2}
    items = []
    for d in sorted(plan.diagnostics, key=lambda d: order.get(d.level, 3)):
        subject = f" <b>{esc(d.subject)}</b>" if d.subject else ""
        fix = f'<div class="fix">{esc(text("panel.fix", lang, fix=engine_text(d.fix, lang)))}</div>' if d.fix else ""
        items.append(f'<li class="diag {d.level}"><span class="badge {d.level}">{esc(text(f"level.{d.level}", lang))}</span>'
                     f'<code>{esc(d.code)}</code>{subject} {esc(engine_text(d.message, lang))}{fix}</li>')
    return f'<ul class="diagnostics">{"".join(items)}</ul>'


def comparison(data: Any, lang: str = "en") -> str:
    """Base and variants side by side: one column each, Δ to the base under each variant's figure."""
    if not isinstance(data, dict):
        return f'<p class="muted">{esc(text("panel.no_comparison", lang))}</p>'
    columns = [_column(data.get("base"), text("panel.base", lang), lang)]
    columns += [_column(v, text("panel.variant", lang, n=k + 1), lang) for k, v in enumerate(data.get("variants") or [])
                if isinstance(v, dict)]
    keys = [k for k, _ in FIGURES if any(k in c["figures"] for c in columns)]
    extra = sorted({k for c in columns for k in c["figures"]} - {k for k, _ in FIGURES})
    labels = {k: (text(f"figure.{k}", lang), digits) for k, digits in FIGURES} | {k: (k.replace("_", " "), 2) for k in extra}
    head = "".join(f'<th>{esc(c["name"])}{_subtitle(c, lang)}</th>' for c in columns)
    body = []
    for key in keys + extra:
        label, digits = labels[key]
        cells = "".join(_cell(c, key, digits) for c in columns)
        body.append(f'<tr><th scope="row">{esc(label)}</th>{cells}</tr>')
    if any(c["difference"] for c in columns):
        body += _measured_rows(columns, lang)
    notes = [note for entry in data.get("variants") or [] if isinstance(entry, dict) for note in _pair_notes(entry, lang)]
    table = f'<table id="comparison-table" class="comparison"><thead><tr><th></th>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
    return table + "".join(f'<p class="muted small plan-of">{esc(note)}</p>' for note in notes)


def _pair_notes(entry: dict[str, Any], lang: str) -> list[str]:
    """How the study came by the plans of a variant and of what it is compared with (:func:`run_notes`)."""
    name = str(entry.get("name") or "")
    notes = run_notes(name, entry.get("runs"), None, lang)
    if entry.get("baseline"):
        notes += run_notes(f"{entry['baseline']} ({name})", entry.get("baseline_runs"), None, lang)
    return notes


def run_notes(name: str, runs: Any, seeds: Any, lang: str = "en") -> list[str]:
    """How the study came by some of ``runs``' plans, naming their seeds (a run's own ``seed``, else
    the one in the same place of ``seeds``, else its position): one note per other side whose plan
    they count (``plan_of``), and one for the seeds re-planned again on a wider part
    (``wider_catchment``: ``tried``, or ``taken`` where that plan is the one counted)."""
    if not isinstance(runs, list):
        return []
    seeds = seeds if isinstance(seeds, list) else []
    by_other: dict[str, list[str]] = {}
    wider: list[str] = []
    taken: list[str] = []
    for k, run in enumerate(runs):
        if not isinstance(run, dict):
            continue
        seed = str(run.get("seed", seeds[k] if k < len(seeds) else k))
        if run.get("plan_of"):
            by_other.setdefault(str(run["plan_of"]), []).append(seed)
        if run.get("wider_catchment") in ("tried", "taken"):
            wider.append(seed)
            taken += [seed] if run["wider_catchment"] == "taken" else []
    notes = [text("whatif.plan_of_note", lang, name=name, seeds=", ".join(found), other=other) for other, found in by_other.items()]
    if wider:
        notes.append(text("whatif.wider_note", lang, name=name, seeds=", ".join(wider), taken=", ".join(taken) or "-"))
    return notes


def _column(entry: Any, fallback: str, lang: str = "en") -> dict[str, Any]:
    entry = entry if isinstance(entry, dict) else {}
    kpis = entry.get("kpis") if isinstance(entry.get("kpis"), dict) else entry
    figures = {k: v for k, v in kpis.items() if _is_number(v) or k == "payback_years" and isinstance(v, str)}
    mean = entry.get("mean") if isinstance(entry.get("mean"), dict) else {}
    figures.update({k: v for k, v in mean.items() if _is_number(v)})  # several seeds: their mean, as Δ is
    for key in ("build_cost", "payback_years"):
        if key in entry and (_is_number(entry[key]) or isinstance(entry[key], str)):
            figures[key] = entry[key]
    delta = entry.get("delta") if isinstance(entry.get("delta"), dict) else {}
    variant = entry.get("variant")
    difference = entry.get("difference") if isinstance(entry.get("difference"), dict) else {}
    cost = difference.get("cost") if isinstance(difference.get("cost"), dict) else None
    if entry.get("pays_back_within_life") is False and _is_number(entry.get("payback_years")) and _is_number(entry.get("lifetime_years")):
        figures["payback_years"] = text("whatif.beyond_life", lang, years=f"{entry['payback_years']:.1f}", life=entry["lifetime_years"])
    return {"name": str(entry.get("name") or fallback), "figures": figures, "difference": cost,
            "verdict": entry.get("verdict") if isinstance(entry.get("verdict"), str) else None,
            "baseline": str(entry["baseline"]) if entry.get("baseline") else None,
            "delta": {k: v for k, v in delta.items() if _is_number(v)},
            "variant": " + ".join(map(str, variant)) if isinstance(variant, list) else "",
            "opened": entry.get("opened") if isinstance(entry.get("opened"), list) else []}


def _measured_rows(columns: list[dict[str, Any]], lang: str) -> list[str]:
    """What each variant is compared with, its cost difference with the 95 % interval, and the verdict."""
    rows = []
    against = "".join(f"<td>{esc(c['baseline'] or DASH)}</td>" for c in columns)
    rows.append(f'<tr class="measured"><th scope="row">{esc(text("panel.against", lang))}</th>{against}</tr>')
    cells = "".join(f"<td>{esc(_difference(c['difference']))}</td>" for c in columns)
    rows.append(f'<tr class="measured"><th scope="row">{esc(text("panel.difference", lang))}</th>{cells}</tr>')
    verdicts = "".join(f'<td class="verdict {esc(c["verdict"] or "")}">{esc(_verdict(c["verdict"], lang))}</td>' for c in columns)
    rows.append(f'<tr class="measured"><th scope="row">{esc(text("panel.verdict", lang))}</th>{verdicts}</tr>')
    return rows


def _difference(cost: dict[str, Any] | None) -> str:
    """``-812.40 [-950.10, -674.70]``: the mean cost difference and its interval (mean alone from one seed)."""
    if not cost or not _is_number(cost.get("mean")):
        return DASH
    if _is_number(cost.get("low")) and _is_number(cost.get("high")):
        return f"{cost['mean']:+,.2f} [{cost['low']:+,.2f}, {cost['high']:+,.2f}]"
    return f"{cost['mean']:+,.2f}"


def _verdict(verdict: str | None, lang: str) -> str:
    return text(f"whatif.verdict.{verdict}", lang) if verdict in ("cheaper", "dearer", "no-difference", "one-run") else DASH


def _subtitle(column: dict[str, Any], lang: str) -> str:
    parts = [column["variant"]] if column["variant"] and column["variant"] != column["name"] else []
    if column["opened"]:
        parts.append(text("panel.opens", lang, sites=", ".join(map(str, column["opened"]))))
    return f'<div class="muted small">{esc(" · ".join(parts))}</div>' if parts else ""


def _cell(column: dict[str, Any], key: str, digits: int) -> str:
    value = column["figures"].get(key)
    shown = num(value, digits) if _is_number(value) else esc(value) if value is not None else DASH
    change = column["delta"].get(key)
    if change is None or key not in column["figures"]:
        return f"<td>{shown}</td>"
    tone = "better" if change < 0 else "worse" if change > 0 else "same"
    return f'<td>{shown}<div class="delta {tone}">{"+" if change > 0 else ""}{num(change, digits)}</div></td>'


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
