"""The haul as a CP-SAT model: which hook-lift truck takes which container, in what order.

Each container is a job at its station: released when full, swapped out (``swap`` seconds) no later
than its storage deadline, carried to its plant (arrival within reception hours, then ``unload``
seconds to tip), after which the truck drives on with the emptied container to its next station or
home. Objective, lexicographic by weights: containers left at the station (only in the *optional*
mode used for partial schedules), then trucks used, then metres.

Two exact models behind one call: with one plant the per-truck scheduling model
(:mod:`wasteopt.solve.haul.trucks`, intervals + no-overlap, proves optimality in well under a second
at district scale); with several plants the routing model (:mod:`wasteopt.solve.haul.circuit`),
whose arcs carry the plant-to-station drive exactly. Both add a redundant cumulative over all jobs
(capacity = trucks used) for strong truck-count bounds.
"""

from __future__ import annotations

from dataclasses import replace

from wasteopt.solve.clock import Clock
from wasteopt.solve.haul.circuit import solve_circuit
from wasteopt.solve.haul.problem import Fleet, HaulProblem, Job, ModelResult
from wasteopt.solve.haul.trucks import greedy_result, single_plant, solve_trucks

EXACT_UP_TO = 300
"""Containers up to which the day is scheduled by CP-SAT. The model has one optional interval per
container and truck, rebuilt at every bisection step; a city-sized day (≈1,000 containers and 50+
trucks) spends minutes just building it. Above this the greedy plan is the schedule, reported as
not proven optimal, with the work-based truck bound beside it."""

ROUTING_FIRST_UP_TO = 30
"""Containers up to which the routing model gets a first try on a one-plant day."""

__all__ = ["Fleet", "HaulProblem", "Job", "ModelResult", "solve_fewest_trucks", "solve_model"]


def solve_fewest_trucks(problem: HaulProblem, time_limit: float, *, seed: int = 0, workers: int = 1) -> ModelResult:
    """A plan with as few trucks as CP-SAT can show within ``time_limit`` s (km not optimised);
    OPTIMAL means the count is proven fewest."""
    if len(problem.jobs) > EXACT_UP_TO:
        return greedy_result(problem)
    if single_plant(problem):
        return solve_trucks(problem, time_limit, seed=seed, workers=workers, trucks_only=True)
    return solve_circuit(problem, time_limit, seed=seed, workers=workers)


def solve_model(problem: HaulProblem, time_limit: float, *, optional: bool = False, seed: int = 0, workers: int = 1) -> ModelResult:
    """The best haul CP-SAT finds within ``time_limit`` s; ``optional`` allows leaving containers.

    Several plants: the routing model. One plant and up to :data:`ROUTING_FIRST_UP_TO` containers:
    the routing model first with 40 % of the time (there it often proves the optimum at once),
    then, unless it did, the per-truck model (fewest trucks by bisection, then km) with the rest;
    the better plan wins. More containers: the per-truck model only (the routing model stalls).
    Above :data:`EXACT_UP_TO` containers, or when the model finds no complete plan in time while the
    greedy plan is complete: the greedy plan."""
    if len(problem.jobs) > EXACT_UP_TO:
        return greedy_result(problem, optional)
    exact = _exact(problem, time_limit, optional, seed, workers)
    if exact.found or optional:
        return exact
    floor = greedy_result(problem)  # a complete haul beats none when the exact model runs out of time
    return floor if floor.found else exact


def _exact(problem: HaulProblem, time_limit: float, optional: bool, seed: int, workers: int) -> ModelResult:
    if not single_plant(problem):
        return solve_circuit(problem, time_limit, optional=optional, seed=seed, workers=workers)
    if optional:
        return solve_trucks(problem, time_limit, optional=True, seed=seed, workers=workers)
    if len(problem.jobs) > ROUTING_FIRST_UP_TO:
        return solve_trucks(problem, time_limit, seed=seed, workers=workers)
    clock = Clock(time_limit)
    quick = solve_circuit(problem, clock.take(time_limit * 0.4), seed=seed, workers=workers)
    if quick.status in ("OPTIMAL", "INFEASIBLE"):
        return quick
    full = solve_trucks(problem, clock.share(1.0), seed=seed, workers=workers)
    if not quick.found or full.status in ("OPTIMAL", "INFEASIBLE"):
        return full
    if not full.found:
        return quick
    better = min((quick, full), key=lambda r: (r.trucks_used, problem.metres_of(r)))
    return replace(better, trucks_lower_bound=max(quick.trucks_lower_bound, full.trucks_lower_bound), metres_bound=full.metres_bound)
