"""PNG plots: both files written, real PNGs, one bar per station and one line per truck."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.report.conftest import break_plan, solved

pytest.importorskip("matplotlib", reason="PNG plots need the 'plots' extra (matplotlib)")

from matplotlib.colors import to_hex  # noqa: E402

from wasteopt.report.colors import SEGMENT_COLOURS  # noqa: E402
from wasteopt.report.png import plot_fleet_timeline, plot_station_utilisation, write_pngs  # noqa: E402


def test_both_pngs_are_written(tmp_path: Path) -> None:
    scenario, plan = solved()
    written = write_pngs(scenario, plan, tmp_path / "png")
    assert [p.name for p in written] == ["station_utilisation.png", "fleet_timeline.png"]
    for path in written:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not list((tmp_path / "png").glob(".*.tmp"))


def test_plots_draw_what_the_plan_says() -> None:
    scenario, plan = solved()
    ax = plot_station_utilisation(scenario, plan)
    widths = [bar.get_width() for bar in ax.patches]
    loads = plan.kpis["station_load_kg"]
    capacity = {s.id: s.capacity_t_per_day for s in scenario.stations}
    assert widths == pytest.approx([loads[sid] / 1000 / capacity[sid] * 100 for sid in ("S1", "S2")])
    ax = plot_fleet_timeline(scenario, plan)
    assert [t.get_text() for t in ax.get_yticklabels()] == [r.vehicle for r in plan.routes]


def test_fleet_timeline_draws_breaks_in_their_colour() -> None:
    scenario, plan = break_plan()
    ax = plot_fleet_timeline(scenario, plan)
    breaks = [c for c in ax.collections if to_hex(c.get_facecolor()[0]) == SEGMENT_COLOURS["break"]]
    assert len(breaks) == len(plan.routes)
    assert [len(c.get_paths()) for c in breaks] == [2, 2]
    assert "break" in [t.get_text() for t in ax.get_legend().get_texts()]
