"""When the search stops: small criteria, combined with :class:`AnyOf`.

Each criterion is a callable that PyVRP calls once per iteration with the best cost so far and that
answers "stop now?" — the protocol of PyVRP's own ``pyvrp.stop`` criteria, so any of theirs could
be combined with ours, yet nothing here imports PyVRP. A user's ``--time-limit`` counts from the
start of the run to the plan being written, while PyVRP's own ``MaxRuntime`` starts after its
initial construction, so the deadline here is a point on the wall clock, not a duration.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from wasteopt.solve.budget import Budget

Criterion = Callable[[float], bool]
"""Called with the best cost so far; True means stop."""


class MaxIterations:
    """Stop after ``iterations`` calls; counts every call, so it goes first in :class:`AnyOf`."""

    def __init__(self, iterations: int) -> None:
        self.iterations = iterations
        self.count = 0

    def __call__(self, best_cost: float) -> bool:
        self.count += 1
        return self.count > self.iterations

    def fraction(self) -> float:
        """Share of the iterations used."""
        return self.count / self.iterations


class Deadline:
    """Stop at a point on the monotonic clock (never, for ``inf``)."""

    def __init__(self, at: float) -> None:
        self.at = at
        self.started = time.monotonic()

    def __call__(self, best_cost: float) -> bool:
        return time.monotonic() >= self.at

    def fraction(self) -> float:
        """Share of the time from this criterion's creation to the deadline that has passed."""
        return (time.monotonic() - self.started) / max(self.at - self.started, 1e-9)


class Interrupted:
    """Stop once the event is set (Ctrl-C, or a stop file seen by a worker)."""

    def __init__(self, event: threading.Event | None) -> None:
        self.event = event

    def __call__(self, best_cost: float) -> bool:
        return self.event is not None and self.event.is_set()


class ReportProgress:
    """Never stops; passes (seconds elapsed, best cost in yuan) to ``report`` at most every ``every`` s."""

    def __init__(self, report: Callable[[float, float], None], elapsed: Callable[[], float], cost_scale: float, every: float = 0.5) -> None:
        self.report, self.elapsed, self.cost_scale, self.every = report, elapsed, cost_scale, every
        self._last = 0.0

    def __call__(self, best_cost: float) -> bool:
        now = time.monotonic()
        if now - self._last >= self.every:
            self._last = now
            self.report(self.elapsed(), best_cost / self.cost_scale)
        return False


class GiveUp:
    """Stop when ``hopeless`` (asked with the share of the budget used, once at least ``after`` of
    it is) says the search will not get anywhere; ``abandoned`` tells the caller it happened."""

    def __init__(self, hopeless: Callable[[float], bool], used: Callable[[], float], after: float = 0.3) -> None:
        self.hopeless, self.used, self.after = hopeless, used, after
        self.abandoned = False

    def __call__(self, best_cost: float) -> bool:
        done = self.used()
        if done >= self.after and self.hopeless(done):
            self.abandoned = True
        return self.abandoned


class AnyOf:
    """Stop when the first of the criteria, asked in order, says so (those after it are not asked)."""

    def __init__(self, *criteria: Criterion) -> None:
        self.criteria = criteria

    def __call__(self, best_cost: float) -> bool:
        return any(criterion(best_cost) for criterion in self.criteria)


def search_stop(
    budget: Budget, deadline: float, cost_scale: float, hopeless: Callable[[float], bool] | None = None
) -> tuple[AnyOf, GiveUp | None]:
    """The criteria of one search: progress reports, the iteration count, giving up early (when
    ``hopeless`` is given), the deadline and the user's interrupt; and the give-up criterion, whose
    ``abandoned`` says whether it ended the search."""
    deadline_stop = Deadline(deadline)
    iterations = MaxIterations(budget.iterations) if budget.iterations is not None else None
    give_up = GiveUp(hopeless, (iterations or deadline_stop).fraction) if hopeless is not None else None
    parts: list[Criterion] = []
    if budget.progress is not None:
        parts.append(ReportProgress(budget.progress, budget.elapsed, cost_scale))
    parts += [c for c in (iterations, give_up) if c is not None]
    parts += [deadline_stop, Interrupted(budget.interrupt)]
    return AnyOf(*parts), give_up
