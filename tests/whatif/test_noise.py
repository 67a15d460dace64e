"""Spread over seeds, the paired difference with its t-interval, and the verdict on it."""

from __future__ import annotations

import pytest
from scipy import stats

from wasteopt.whatif.noise import paired_difference, spread, verdict


def test_spread_of_a_figure_over_seeds():
    assert spread([10.0, 12.0, 14.0]) == {"mean": 12.0, "sd": 2.0, "min": 10.0, "max": 14.0, "n": 3}
    assert spread([5.0]) == {"mean": 5.0, "sd": 0.0, "min": 5.0, "max": 5.0, "n": 1}


def test_paired_difference_is_seed_by_seed_with_a_student_t_interval():
    d = paired_difference([110.0, 95.0, 130.0], [100.0, 100.0, 100.0])
    assert d["per_seed"] == [10.0, -5.0, 30.0] and d["mean"] == pytest.approx(11.667, abs=1e-3)
    half = stats.t.ppf(0.975, 2) * 17.559 / 3 ** 0.5
    assert d["low"] == pytest.approx(11.667 - half, abs=0.01) and d["high"] == pytest.approx(11.667 + half, abs=0.01)
    assert verdict(d) == "no-difference"


def test_pairing_removes_what_the_seeds_share():
    # base and variant move together from seed to seed: unpaired they overlap, paired the gap is clear
    base, variant = [1000.0, 1200.0, 1100.0], [950.0, 1148.0, 1051.0]
    d = paired_difference(variant, base)
    assert d["high"] < 0 and verdict(d) == "cheaper"
    assert verdict(paired_difference(base, variant)) == "dearer"


def test_one_seed_has_no_interval_and_no_verdict_beyond_that():
    d = paired_difference([90.0], [100.0])
    assert d["low"] is None and d["high"] is None and verdict(d) == "one-run"


def test_identical_runs_are_no_difference():
    assert verdict(paired_difference([100.0, 101.0], [100.0, 101.0])) == "no-difference"


def test_unpaired_lists_are_refused():
    with pytest.raises(ValueError):
        paired_difference([1.0, 2.0], [1.0])
