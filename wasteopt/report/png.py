"""PNG plots for documents: station utilisation and the fleet's day (matplotlib, the ``plots`` extra).

One function per plot taking ``(scenario, plan, ax=None)`` as PyVRP's plotting does, so a caller can
place them in its own figures; :func:`write_pngs` writes both files atomically. Chinese names need
a CJK font: the first one installed from the report's font stack is used.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from wasteopt.files import write_atomic
from wasteopt.plan.models import Plan
from wasteopt.report.colors import SEGMENT_COLOURS
from wasteopt.report.summary import station_loads
from wasteopt.report.timeline import route_segments
from wasteopt.scenario.models import Scenario

CJK_FONTS = ["Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei"]


class PlotsUnavailable(RuntimeError):
    """matplotlib is not installed (``pip install 'wasteopt[plots]'``)."""


def _pyplot() -> Any:
    try:  # lazy on purpose: matplotlib is optional (the ``plots`` extra), needed only for PNGs
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib import font_manager
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise PlotsUnavailable("PNG plots need matplotlib: pip install 'wasteopt[plots]'") from error
    installed = {f.name for f in font_manager.fontManager.ttflist}
    plt.rcParams["font.family"] = "sans-serif"
    plt.rcParams["font.sans-serif"] = [f for f in CJK_FONTS if f in installed] + ["DejaVu Sans"]
    return plt


def plot_station_utilisation(scenario: Scenario, plan: Plan, ax: Any = None) -> Any:
    """Horizontal bars: each station's tonnes today as a share of its daily capacity."""
    plt = _pyplot()
    loads = station_loads(scenario, plan)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.45 * len(loads) + 1.4))
    labels = [f"{sl.station.id} {sl.station.name}".strip() for sl in loads]
    shares = [sl.utilisation * 100 for sl in loads]
    colours = ["#c0262d" if s > 100 else "#e0a41a" if s >= 85 else "#2e9d62" for s in shares]
    ax.barh(labels, shares, color=colours)
    for k, sl in enumerate(loads):
        ax.text(shares[k] + 1, k, f"{sl.load_kg / 1000:.1f} / {sl.station.capacity_t_per_day:g} t", va="center", fontsize=8)
    ax.axvline(100, color="#333", linewidth=1, linestyle="--")
    ax.invert_yaxis()
    ax.set_xlim(0, max([110.0, *(s + 25 for s in shares)]))
    ax.set_xlabel("share of daily capacity, %")
    ax.set_title(f"Station utilisation · {scenario.name}")
    return ax


def plot_fleet_timeline(scenario: Scenario, plan: Plan, ax: Any = None) -> Any:
    """One line per truck: driving, collecting, unloading, waiting and driver breaks through the day."""
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 0.3 * len(plan.routes) + 1.6))
    for row, route in enumerate(plan.routes):
        spans: dict[str, list[tuple[float, float]]] = {kind: [] for kind in SEGMENT_COLOURS}
        for seg in route_segments(scenario, route):
            spans[seg.kind].append((seg.start / 3600, (seg.end - seg.start) / 3600))
        for kind, ranges in spans.items():
            height = 0.3 if kind == "driving" else 0.7
            ax.broken_barh(ranges, (row - height / 2, height), facecolors=SEGMENT_COLOURS[kind], linewidth=0)
    ax.set_yticks(range(len(plan.routes)), [r.vehicle for r in plan.routes], fontsize=7)
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(lambda hours, _: f"{int(hours):02d}:{round(hours % 1 * 60) % 60:02d}")
    ax.set_xlabel("time of day")
    ax.grid(axis="x", color="#ddd")
    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in SEGMENT_COLOURS.values()]
    ax.legend(handles, list(SEGMENT_COLOURS), loc="lower center", bbox_to_anchor=(0.5, 1.0), fontsize=8,
              ncols=len(SEGMENT_COLOURS), frameon=False)
    ax.set_title(f"Fleet timeline · {scenario.name}", pad=22)
    return ax


PLOTS = {"station_utilisation.png": plot_station_utilisation, "fleet_timeline.png": plot_fleet_timeline}
"""The files :func:`write_pngs` writes, and the plot in each."""


def write_pngs(scenario: Scenario, plan: Plan, out_dir: str | Path) -> list[Path]:
    """Write ``station_utilisation.png`` and ``fleet_timeline.png`` into ``out_dir``."""
    plt = _pyplot()
    out = Path(out_dir)
    written = []
    for name, plot in PLOTS.items():
        ax = plot(scenario, plan)
        ax.figure.tight_layout()
        _save_atomic(ax.figure, out / name)
        plt.close(ax.figure)
        written.append(out / name)
    return written


def _save_atomic(figure: Any, path: Path) -> None:
    """Render the figure to PNG in memory, then write it atomically with ordinary permissions."""
    buffer = io.BytesIO()
    figure.savefig(buffer, dpi=130, format="png")
    write_atomic(path, buffer.getvalue())
