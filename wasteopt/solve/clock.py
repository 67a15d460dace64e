"""Time budgets for the exact models (CP-SAT), on the wall clock or, for reproducible runs, counted.

A run given ``--iterations`` and no time limit must give the same plan on any machine, however busy.
CP-SAT stopping on the wall clock breaks that, and so does a loop that asks "how much time is left?"
between solves. In *reproducible* mode (a context set by the engine and by each decomposition part)
every CP-SAT solve stops on its deterministic time instead (``max_deterministic_time``: work units,
about a second each), and a :class:`Clock` counts the seconds it has handed out rather than reading
the wall clock, so every decision between solves is the same on every run.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from ortools.sat.python import cp_model

_REPRODUCIBLE: ContextVar[bool] = ContextVar("wasteopt_reproducible", default=False)


@contextmanager
def reproducible(enabled: bool = True) -> Iterator[None]:
    """Within this block, exact models stop on deterministic time and clocks count handed-out seconds."""
    token = _REPRODUCIBLE.set(enabled)
    try:
        yield
    finally:
        _REPRODUCIBLE.reset(token)


def is_reproducible() -> bool:
    """Whether the current run must not depend on the wall clock."""
    return _REPRODUCIBLE.get()


def cp_solver(time_limit: float, seed: int = 0, workers: int = 1) -> cp_model.CpSolver:
    """A CP-SAT solver stopping after ``time_limit`` seconds (deterministic units when reproducible;
    then also on one worker, since several workers race). It leaves Ctrl-C alone: by default CP-SAT
    installs its own handler and leaves the default one behind, which kills the process."""
    solver = cp_model.CpSolver()
    limit = max(0.1, time_limit)
    if is_reproducible():
        solver.parameters.max_deterministic_time = limit
        solver.parameters.num_workers = 1
    else:
        solver.parameters.max_time_in_seconds = limit
        solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.catch_sigint_signal = False  # Ctrl-C belongs to the run, not to one solve
    return solver


class Clock:
    """What is left of a budget of seconds: read off the wall clock, or (reproducible) what has not
    been handed out yet through :meth:`take`."""

    def __init__(self, seconds: float) -> None:
        self._end = time.monotonic() + seconds
        self._unspent = seconds
        self._counted = is_reproducible()

    def left(self) -> float:
        """Seconds left (never negative)."""
        if self._counted:
            return max(0.0, self._unspent)
        return max(0.0, self._end - time.monotonic())

    def take(self, seconds: float) -> float:
        """Hand out ``seconds`` for one solve (at least 0.1); a counting clock books them as spent."""
        seconds = max(0.1, seconds)
        self._unspent -= seconds
        return seconds

    def share(self, fraction: float) -> float:
        """Hand out ``fraction`` of what is left."""
        return self.take(self.left() * fraction)
