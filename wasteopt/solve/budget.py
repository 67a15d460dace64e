"""A run's budget: its time limit on the wall clock (from the start of the run to the plan being
written), iteration count, interrupt and progress callback, and how the time is shared between the
search and the finishing steps. The search's stopping criteria are built from it in
:mod:`wasteopt.solve.stop`.
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
