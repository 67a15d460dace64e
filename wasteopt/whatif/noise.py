"""How sure a what-if difference is: the spread of a figure over seeds, and a paired interval.

The engine's plans vary from seed to seed (on Zhangdian the unchanged base came out 16,564 to 17,010
yuan/day), so a single "variant minus base" says little. A study plans the baseline and the variant
with the same seeds, the variant starting from the baseline's plan of that seed, and this module
turns the per-seed figures into:

- :func:`spread`: mean, standard deviation, min and max of one figure over the seeds;
- :func:`paired_difference`: the variant minus its baseline seed by seed, its mean and a 95 %
  Student-t interval on that mean (``mean ± t(0.975, n−1) · sd / √n``; none from a single seed);
- :func:`verdict`: ``cheaper`` / ``dearer`` when the whole interval lies below / above zero, else
  ``no-difference`` ("no difference we can measure at this budget"); ``one-run`` from one seed.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from typing import Any

from scipy import stats

CONFIDENCE = 0.95
"""Coverage of the interval on a paired difference."""

VERDICTS = ("cheaper", "dearer", "no-difference", "one-run")
"""What a difference may be said to be (labels ``whatif.verdict.<verdict>`` in the catalogue)."""


def spread(values: Sequence[float]) -> dict[str, float | int]:
    """Mean, sample standard deviation (0 for one value), min, max and count of one figure over seeds."""
    n = len(values)
    return {
        "mean": round(statistics.fmean(values), 3),
        "sd": round(statistics.stdev(values), 3) if n > 1 else 0.0,
        "min": round(min(values), 3),
        "max": round(max(values), 3),
        "n": n,
    }


def paired_difference(variant: Sequence[float], baseline: Sequence[float]) -> dict[str, Any]:
    """``variant − baseline`` seed by seed: the differences, their mean, and the 95 % t-interval on
    the mean (``low``/``high``; None from a single seed)."""
    if len(variant) != len(baseline) or not variant:
        raise ValueError("paired figures need one value per seed on both sides")
    diffs = [v - b for v, b in zip(variant, baseline)]
    n = len(diffs)
    mean = statistics.fmean(diffs)
    low = high = None
    if n > 1:
        half = stats.t.ppf(0.5 + CONFIDENCE / 2, n - 1) * statistics.stdev(diffs) / math.sqrt(n)
        low, high = round(mean - half, 3), round(mean + half, 3)
    return {"mean": round(mean, 3), "low": low, "high": high, "n": n, "per_seed": [round(d, 3) for d in diffs]}


def verdict(difference: dict[str, Any], tolerance: float = 1e-6) -> str:
    """``cheaper``, ``dearer``, ``no-difference`` (the interval holds 0) or ``one-run`` (no interval)."""
    low, high = difference.get("low"), difference.get("high")
    if low is None or high is None:
        return "one-run"
    if high < -tolerance:
        return "cheaper"
    if low > tolerance:
        return "dearer"
    return "no-difference"
