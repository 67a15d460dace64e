"""Charts of the report: station loads against capacity (bars) and each truck's day (timeline).

The bars and the timeline's segments are SVG rectangles with their own ``fill``, placed in percent of
the width: crisp at any width, no charting library to inline, and they print — a browser leaves CSS
backgrounds out of a printout unless asked, but never an SVG fill. Labels and tooltips are in
English or Chinese (``lang``).
"""

from __future__ import annotations

import math

from wasteopt.i18n import text
from wasteopt.plan.models import Plan
from wasteopt.report.colors import SEGMENT_COLOURS
from wasteopt.report.fmt import esc, hhmm, num
from wasteopt.report.summary import station_loads
from wasteopt.report.timeline import Segment, route_segments, route_span
from wasteopt.scenario.models import Scenario, format_clock

SEGMENT_KINDS = ("driving", "collecting", "unloading", "waiting", "break")
"""The timeline's segment kinds in the legend's order (``segment.<kind>`` in the catalogue)."""

LEVEL_COLOURS = {"ok": "#2e9d62", "high": "#e0a41a", "over": "#c0262d"}
"""A station bar's fill: within capacity, at 85 % or more, over capacity."""

BAR_BACK = "#e9edf0"
TRACK_BACK = "#f6f7f9"
SHIFT_FILL = "#e4ebe8"


def station_bars(scenario: Scenario, plan: Plan, lang: str = "en") -> str:
    """One bar per station: today's tonnes against the daily capacity (red past 100 %)."""
    rows = []
    for load in station_loads(scenario, plan):
        share = load.utilisation
        level = "over" if share > 1.0 + 1e-9 else "high" if share >= 0.85 else "ok"
        station = load.station
        label = text("chart.bar", lang, load=num(load.load_kg / 1000, 2), capacity=num(station.capacity_t_per_day, 1),
                     share=f"{share * 100:.0f}")
        rows.append(
            f'<div class="bar-row" data-station="{esc(station.id)}"><div class="bar-label">'
            f'<b>{esc(station.id)}</b> {esc(station.name)}</div><div class="bar {level}">'
            f'<svg class="bar-svg" width="100%" height="20" aria-hidden="true">'
            f'<rect class="bar-back" width="100%" height="100%" rx="4" fill="{BAR_BACK}"/>'
            f'<rect class="bar-fill" width="{min(share, 1.0) * 100:.1f}%" height="100%" rx="4" fill="{LEVEL_COLOURS[level]}"/>'
            f'</svg><span class="bar-text">{esc(label)}</span></div></div>'
        )
    return "".join(rows) or f'<p class="muted">{esc(text("chart.no_stations", lang))}</p>'


def timeline(scenario: Scenario, plan: Plan, colours: dict[str, str], lang: str = "en") -> str:
    """Each truck's day on one shared time axis (whole hours), with its shift as a pale band behind."""
    shifts = {vt.id: (vt.shift_start, vt.shift_end) for vt in scenario.fleet}
    times = [t for r in plan.routes for t in (route_span(r) or ())]
    times += [t for r in plan.routes if r.vehicle_type in shifts for t in shifts[r.vehicle_type]]
    if not times:
        return f'<p class="muted">{esc(text("chart.no_times", lang))}</p>'
    axis = _Axis(math.floor(min(times) / 3600) * 3600, math.ceil(max(times) / 3600) * 3600)
    ticks = "".join(f'<span class="tick" style="left:{axis.pos(t):.3f}%">{format_clock(t)[:5]}</span>'
                    for t in range(axis.start, axis.end + 1, 3600))
    rows = [f'<div class="tl-row tl-axis"><span class="tl-label"></span><div class="tl-track">{ticks}</div></div>']
    shift_word = text("segment.shift", lang)
    for route in plan.routes:
        parts = [f'<rect class="tl-back" width="100%" height="100%" fill="{TRACK_BACK}"/>']
        if route.vehicle_type in shifts:
            parts.append(axis.bar("shift", SHIFT_FILL, *shifts[route.vehicle_type], shift_word))
        parts += [axis.bar(f"seg {seg.kind}", SEGMENT_COLOURS[seg.kind], seg.start, seg.end, *_segment_title(seg, lang))
                  for seg in route_segments(scenario, route, lang)]
        span = route_span(route)
        when = f"{hhmm(format_clock(span[0]))}–{hhmm(format_clock(span[1]))}" if span else ""
        rows.append(
            f'<div class="tl-row" data-select="{esc(route.vehicle)}"><span class="tl-label">'
            f'<i class="swatch" style="background:{colours[route.vehicle]}"></i>{esc(route.vehicle)}'
            f'<small>{when}</small></span><div class="tl-track"><svg class="tl-svg" width="100%" height="14">'
            f'{"".join(parts)}</svg></div></div>'
        )
    keys = [(f"seg {kind}", SEGMENT_COLOURS[kind], text(f"segment.{kind}", lang)) for kind in SEGMENT_KINDS]
    keys.append(("shift", SHIFT_FILL, shift_word))
    legend = "".join(f'<span><svg class="key {css}" width="14" height="10" aria-hidden="true"><rect width="14" '
                     f'height="10" fill="{fill}"/></svg>{esc(label)}</span>' for css, fill, label in keys)
    return f'<div class="timeline">{"".join(rows)}</div><div class="tl-legend">{legend}</div>'


def _segment_title(seg: Segment, lang: str) -> tuple[str, str]:
    """What a segment's tooltip says before and after its times: ``collecting R01``; a break, how
    long and where (``break 11:00–12:00 (60 min), en route R01 → R02``)."""
    if seg.kind == "break":
        minutes = f"{round((seg.end - seg.start) / 60, 1):g}"
        return text("segment.break_short", lang), text("segment.break_after", lang, minutes=minutes, where=seg.where)
    return f"{text(f'segment.{seg.kind}', lang)} {seg.stop or ''}", ""


class _Axis:
    """Places clock times on the timeline's shared axis, in percent of its width."""

    def __init__(self, start: int, end: int) -> None:
        self.start, self.end = start, end
        self.width = max(end - start, 3600)

    def pos(self, t: int) -> float:
        """Where ``t`` sits, in percent from the left."""
        return (t - self.start) / self.width * 100

    def bar(self, css: str, fill: str, a: int, b: int, what: str, after: str = "") -> str:
        """An SVG bar from ``a`` to ``b`` in ``fill`` with a tooltip naming it, its times, then ``after``."""
        title = f"{what.strip()} {format_clock(a)[:5]}–{format_clock(b)[:5]}{after}"
        height = 'y="4" height="6"' if css.endswith("driving") else 'y="0" height="100%"'
        return (f'<rect class="{css}" x="{self.pos(a):.3f}%" width="{self.pos(b) - self.pos(a):.3f}%" {height} '
                f'fill="{fill}"><title>{esc(title)}</title></rect>')
