"""HTML charts of the report: station loads against capacity (bars) and each truck's day (timeline).

Plain ``<div>`` bars positioned in percent: crisp at any width, printable, and no charting library
to inline.
"""

from __future__ import annotations

import math

from wasteopt.plan.models import Plan
from wasteopt.report.fmt import esc, hhmm, num
from wasteopt.report.summary import station_loads
from wasteopt.report.timeline import Segment, route_segments, route_span
from wasteopt.scenario.models import Scenario, format_clock

SEGMENT_LABEL = {"driving": "driving", "collecting": "collecting", "unloading": "unloading", "waiting": "waiting",
                 "break": "driver break"}


def station_bars(scenario: Scenario, plan: Plan) -> str:
    """One bar per station: today's tonnes against the daily capacity (red past 100 %)."""
    rows = []
    for load in station_loads(scenario, plan):
        share = load.utilisation
        level = "over" if share > 1.0 + 1e-9 else "high" if share >= 0.85 else "ok"
        station = load.station
        rows.append(
            f'<div class="bar-row" data-station="{esc(station.id)}"><div class="bar-label">'
            f'<b>{esc(station.id)}</b> {esc(station.name)}</div><div class="bar {level}">'
            f'<div class="bar-fill" style="width:{min(share, 1.0) * 100:.1f}%"></div>'
            f'<span class="bar-text">{num(load.load_kg / 1000, 2)} / {num(station.capacity_t_per_day, 1)} t '
            f'· {share * 100:.0f} %</span></div></div>'
        )
    return "".join(rows) or '<p class="muted">No station receives waste in this plan.</p>'


def timeline(scenario: Scenario, plan: Plan, colours: dict[str, str]) -> str:
    """Each truck's day on one shared time axis (whole hours), with its shift as a pale band behind."""
    shifts = {vt.id: (vt.shift_start, vt.shift_end) for vt in scenario.fleet}
    times = [t for r in plan.routes for t in (route_span(r) or ())]
    times += [t for r in plan.routes if r.vehicle_type in shifts for t in shifts[r.vehicle_type]]
    if not times:
        return '<p class="muted">The plan has no stop times.</p>'
    axis = _Axis(math.floor(min(times) / 3600) * 3600, math.ceil(max(times) / 3600) * 3600)
    ticks = "".join(f'<span class="tick" style="left:{axis.pos(t):.3f}%">{format_clock(t)[:5]}</span>'
                    for t in range(axis.start, axis.end + 1, 3600))
    rows = [f'<div class="tl-row tl-axis"><span class="tl-label"></span><div class="tl-track">{ticks}</div></div>']
    for route in plan.routes:
        parts = [axis.bar("shift", *shifts[route.vehicle_type], "shift")] if route.vehicle_type in shifts else []
        parts += [axis.bar(f"seg {seg.kind}", seg.start, seg.end, *_segment_title(seg)) for seg in route_segments(scenario, route)]
        span = route_span(route)
        when = f"{hhmm(format_clock(span[0]))}–{hhmm(format_clock(span[1]))}" if span else ""
        rows.append(
            f'<div class="tl-row" data-select="{esc(route.vehicle)}"><span class="tl-label">'
            f'<i class="swatch" style="background:{colours[route.vehicle]}"></i>{esc(route.vehicle)}'
            f'<small>{when}</small></span><div class="tl-track">{"".join(parts)}</div></div>'
        )
    legend = "".join(f'<span><i class="seg {k}"></i>{v}</span>' for k, v in SEGMENT_LABEL.items())
    return f'<div class="timeline">{"".join(rows)}</div><div class="tl-legend">{legend}<span><i class="shift"></i>shift</span></div>'


def _segment_title(seg: Segment) -> tuple[str, str]:
    """What a segment's tooltip says before and after its times: ``collecting R01``; a break, how
    long and where (``break 11:00–12:00 (60 min), en route R01 → R02``)."""
    if seg.kind == "break":
        return "break", f" ({round((seg.end - seg.start) / 60, 1):g} min), {seg.where}"
    return f"{seg.kind} {seg.stop or ''}", ""


class _Axis:
    """Places clock times on the timeline's shared axis, in percent of its width."""

    def __init__(self, start: int, end: int) -> None:
        self.start, self.end = start, end
        self.width = max(end - start, 3600)

    def pos(self, t: int) -> float:
        """Where ``t`` sits, in percent from the left."""
        return (t - self.start) / self.width * 100

    def bar(self, css: str, a: int, b: int, what: str, after: str = "") -> str:
        """A bar from ``a`` to ``b`` with a tooltip naming it, its times, then ``after``."""
        title = f"{what.strip()} {format_clock(a)[:5]}–{format_clock(b)[:5]}{after}"
        return f'<i class="{css}" style="left:{self.pos(a):.3f}%;width:{self.pos(b) - self.pos(a):.3f}%" title="{esc(title)}"></i>'
