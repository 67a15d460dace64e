"""The search's stopping criteria, alone and combined."""

from __future__ import annotations

import threading
import time

from wasteopt.solve.budget import Budget
from wasteopt.solve.stop import AnyOf, Deadline, GiveUp, Interrupted, MaxIterations, ReportProgress, search_stop


def test_max_iterations_stops_after_the_last_one_and_says_how_far_it_is() -> None:
    stop = MaxIterations(3)
    assert [stop(0.0) for _ in range(4)] == [False, False, False, True]
    assert stop.fraction() == 4 / 3


def test_a_deadline_in_the_past_stops_and_one_ahead_does_not() -> None:
    assert Deadline(time.monotonic() - 1)(0.0)
    ahead = Deadline(time.monotonic() + 60)
    assert not ahead(0.0)
    assert 0.0 <= ahead.fraction() < 0.1
    assert not Deadline(float("inf"))(0.0)


def test_interrupted_once_the_event_is_set() -> None:
    event = threading.Event()
    stop = Interrupted(event)
    assert not stop(0.0)
    event.set()
    assert stop(0.0)
    assert not Interrupted(None)(0.0)


def test_progress_is_reported_in_yuan_at_most_every_interval_and_never_stops() -> None:
    seen: list[tuple[float, float]] = []
    report = ReportProgress(lambda elapsed, cost: seen.append((elapsed, cost)), lambda: 7.0, cost_scale=100.0, every=3600)
    assert not any(report(cost) for cost in (12_345.0, 11_000.0, 10_000.0))
    assert seen == [(7.0, 123.45)]


def test_give_up_is_asked_only_after_its_share_of_the_budget() -> None:
    asked: list[float] = []
    used = iter([0.1, 0.2, 0.5])

    def hopeless(done: float) -> bool:
        asked.append(done)
        return True

    stop = GiveUp(hopeless, lambda: next(used), after=0.3)
    assert [stop(0.0), stop(0.0)] == [False, False]
    assert not stop.abandoned
    assert stop(0.0) and stop.abandoned
    assert asked == [0.5]


def test_any_of_asks_in_order_and_stops_at_the_first_that_says_so() -> None:
    calls: list[str] = []

    def criterion(name: str, answer: bool):
        def ask(best_cost: float) -> bool:
            calls.append(name)
            return answer
        return ask

    assert AnyOf(criterion("a", False), criterion("b", True), criterion("c", True))(0.0)
    assert calls == ["a", "b"]
    assert not AnyOf(criterion("d", False))(0.0)


def test_a_search_stop_counts_the_budgets_iterations_and_reports_progress() -> None:
    seen: list[float] = []
    budget = Budget(iterations=5, progress=lambda elapsed, cost: seen.append(cost))
    stop, give_up = search_stop(budget, float("inf"), cost_scale=10.0)
    assert give_up is None
    assert [stop(50.0) for _ in range(6)] == [False] * 5 + [True]
    assert seen == [5.0]


def test_a_search_stop_gives_up_when_hopeless_and_stops_on_interrupt() -> None:
    event = threading.Event()
    budget = Budget(iterations=10, interrupt=event)
    stop, give_up = search_stop(budget, float("inf"), cost_scale=1.0, hopeless=lambda done: done >= 0.5)
    assert [stop(0.0) for _ in range(4)] == [False] * 4
    assert stop(0.0) and give_up.abandoned  # the 5th of 10 iterations: half the budget
    event.set()
    stop, give_up = search_stop(budget, float("inf"), cost_scale=1.0, hopeless=lambda done: False)
    assert stop(0.0) and not give_up.abandoned
