"""How well a cheap estimate ranks alternatives compared with their full plans."""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence

from scipy import stats


def rank_agreement(estimates: Sequence[float], actuals: Sequence[float]) -> dict[str, float | int | None]:
    """Spearman's rho and Kendall's tau between two cost lists (None where undefined: < 2 items or ties only)."""
    n = len(estimates)
    if n < 2:
        return {"n": n, "spearman": None, "kendall": None}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rho = stats.spearmanr(estimates, actuals).statistic
        tau = stats.kendalltau(estimates, actuals).statistic
    return {"n": n, "spearman": _finite(rho), "kendall": _finite(tau)}


def _finite(value: float) -> float | None:
    return None if value is None or math.isnan(value) else round(float(value), 4)
