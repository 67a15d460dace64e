"""Reproducible runs never read the wall clock: CP-SAT on deterministic time, clocks that count."""

from __future__ import annotations

import time

from wasteopt.solve.clock import Clock, cp_solver, is_reproducible, reproducible


def test_a_counting_clock_only_spends_what_it_hands_out() -> None:
    with reproducible():
        clock = Clock(10.0)
        time.sleep(0.05)
        assert clock.left() == 10.0
        assert clock.share(0.4) == 4.0
        assert clock.left() == 6.0
        assert clock.take(0.01) == 0.1  # never less than a tenth of a second per solve
        assert abs(clock.left() - 5.9) < 1e-9


def test_a_wall_clock_runs_on_its_own() -> None:
    clock = Clock(10.0)
    time.sleep(0.05)
    assert clock.left() < 9.96
    assert not is_reproducible()


def test_cp_sat_stops_on_deterministic_time_in_a_reproducible_run() -> None:
    with reproducible():
        solver = cp_solver(3.0, seed=2, workers=8)
    assert solver.parameters.max_deterministic_time == 3.0
    assert solver.parameters.num_workers == 1
    assert not solver.parameters.catch_sigint_signal


def test_cp_sat_stops_on_the_wall_clock_otherwise() -> None:
    solver = cp_solver(3.0, seed=2, workers=8)
    assert solver.parameters.max_time_in_seconds == 3.0
    assert solver.parameters.num_workers == 8
    assert not solver.parameters.catch_sigint_signal
