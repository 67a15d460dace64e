"""One colour per truck, distinct enough to tell routes apart on the map and in the timeline; and the
colours of a truck's activities (driving, collecting, unloading, waiting, driver break) in the
timeline and its PNG plot."""

from __future__ import annotations

import colorsys

BASE = [
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
    "#bcbd22", "#393b79", "#7f7f7f", "#00563f", "#c9a100", "#6b0f1a",
]
"""Well-separated colours for the first trucks (matplotlib's tab10, then dark and muted hues unlike them)."""

SEGMENT_COLOURS = {"driving": "#9aa7b4", "collecting": "#2e9d62", "unloading": "#e07b1a", "waiting": "#f1d77a",
                   "break": "#7e57c2"}
"""Timeline colours by segment kind; a driver break is violet, unlike any activity and the shift band."""

GOLDEN_ANGLE = 137.508


def route_colours(count: int) -> list[str]:
    """``count`` colours: the base list, then hues a golden angle apart at alternating lightness."""
    colours = BASE[:count]
    for k in range(len(colours), count):
        hue = ((k - len(BASE)) * GOLDEN_ANGLE % 360) / 360
        light = 0.30 if k % 2 else 0.62
        r, g, b = colorsys.hls_to_rgb(hue, light, 0.70)
        colours.append(f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}")
    return colours
