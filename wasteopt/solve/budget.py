"""Search budgets: wall-clock deadlines, iteration counts, interruption and progress reports.

A user's ``--time-limit`` counts from the start of the run to the plan being written; PyVRP's own
``MaxRuntime`` only starts after its initial construction. So the engine keeps one deadline on the
wall clock and hands PyVRP a stopping criterion (a tiny callable, as PyVRP's own are) that checks it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

ProgressCallback = Callable[[float, float], None]
"""Called with (seconds elapsed, best cost so far in yuan)."""


@dataclass
class Budget:
    """How long the whole run may take, and when to stop searching."""

    time_limit: float | None = None
    iterations: int | None = None
    interrupt: threading.Event | None = None
    progress: ProgressCallback | None = None
    started: float = field(default_factory=time.monotonic)

    def elapsed(self) -> float:
        """Seconds since the run started."""
        return time.monotonic() - self.started

    def remaining(self) -> float:
        """Seconds left before the deadline (infinite without a time limit)."""
        if self.time_limit is None:
            return float("inf")
        return self.time_limit - self.elapsed()

    def interrupted(self) -> bool:
        """Whether the user asked to stop (Ctrl-C)."""
        return self.interrupt is not None and self.interrupt.is_set()

    def search_deadline(self, reserve: float) -> float:
        """Monotonic time at which search must stop to leave ``reserve`` seconds for finishing."""
        if self.time_limit is None:
            return float("inf")
        return self.started + self.time_limit - reserve

    def finishing_reserve(self) -> float:
        """Seconds kept back for station assignment, haul and writing the plan."""
        if self.time_limit is None:
            return 0.0
        return min(0.25 * self.time_limit, 1.5 + 0.05 * self.time_limit)


class SearchStop:
    """PyVRP stopping criterion: deadline, iteration count or interrupt, whichever comes first."""

    def __init__(
        self,
        budget: Budget,
        deadline: float,
        iterations: int | None,
        cost_scale: float,
        abandon: Callable[[float], bool] | None = None,
        abandon_after: float = 0.3,
    ) -> None:
        self._budget = budget
        self._deadline = deadline
        self._iterations = iterations
        self._count = 0
        self._scale = cost_scale
        self._last_report = 0.0
        self._started = time.monotonic()
        self._abandon = abandon
        self._abandon_after = abandon_after
        self.abandoned = False
        """Whether the search was given up early because ``abandon`` (asked with the fraction of the
        budget used) said it was hopeless."""

    def _fraction_done(self, now: float) -> float:
        if self._iterations is not None:
            return self._count / self._iterations
        return (now - self._started) / max(self._deadline - self._started, 1e-9)

    def __call__(self, best_cost: float) -> bool:
        self._count += 1
        now = time.monotonic()
        if self._budget.progress is not None and now - self._last_report >= 0.5:
            self._last_report = now
            self._budget.progress(self._budget.elapsed(), best_cost / self._scale)
        if self._iterations is not None and self._count > self._iterations:
            return True
        if self._abandon is not None:
            done = self._fraction_done(now)
            if done >= self._abandon_after and self._abandon(done):
                self.abandoned = True
                return True
        return now >= self._deadline or self._budget.interrupted()


WRITE_RESERVE_S = 1.0
"""Seconds of a time limit kept for writing the plan after the haul is scheduled."""


def finishing_limit(budget: Budget, most: float, share: float) -> float:
    """Seconds for a finishing model: at most ``most``, at most 1/``share`` of the time left, and
    short once the user has interrupted (the plan must be written within seconds of Ctrl-C)."""
    if budget.interrupted():
        return 0.5
    if budget.time_limit is None:
        return most
    return max(1.0, min(most, (budget.remaining() - WRITE_RESERVE_S) / share))
