"""Constraints both haul models share: storage deadlines, fill order, and a truck-count bound."""

from __future__ import annotations

import itertools

from ortools.sat.python import cp_model

from wasteopt.solve.clock import cp_solver

from wasteopt.solve.haul.problem import HORIZON_S, HaulProblem, Job


def storage_and_order(model: cp_model.CpModel, jobs: list[Job], pickup: list[cp_model.IntVar], done: list) -> None:
    """Storage deadlines, and a station's containers taken in fill order (no loss: they are alike)."""
    by_station: dict[str, list[int]] = {}
    for j, job in enumerate(jobs):
        by_station.setdefault(job.station, []).append(j)
        if job.deadline is not None:
            c = model.add(pickup[j] + job.swap_s <= job.deadline)
            if done[j] is not None:
                c.only_enforce_if(done[j])
    for members in by_station.values():
        members.sort(key=lambda j: jobs[j].container.index)
        for a, b in itertools.pairwise(members):
            c = model.add(pickup[a] <= pickup[b])
            if done[b] is not None:
                c.only_enforce_if(done[b])
                model.add_implication(done[b], done[a])


def busy_trucks(
    model: cp_model.CpModel, problem: HaulProblem, pickup: list, tip: list, done: list, trucks: cp_model.LinearExprT
) -> None:
    """Redundant, for strong truck-count bounds: each job keeps a truck busy from its drive to the
    station until its tip ends, so at no time are more jobs busy than trucks used (a cumulative with
    the trucks as capacity). The drive counted is the shortest from any plant: a job after another
    comes from a plant; a truck's first job comes from its garage, and the part of its interval
    before the truck leaves home overlaps nothing else of that truck's, so the bound stays valid."""
    fleets = [f for f in problem.fleets if f.count > 0]
    if not fleets or not problem.jobs:
        return
    intervals = []
    for j, job in enumerate(problem.jobs):
        lead = min(problem.seconds(f, p, job.station) for f in fleets for p in {jb.plant for jb in problem.jobs})
        least = lead + job.swap_s + min(problem.seconds(f, job.station, job.plant) for f in fleets) + problem.unload_s(job.plant)
        size = model.new_int_var(least, 2 * HORIZON_S, f"busy{j}")
        start, end = pickup[j] - lead, tip[j] + problem.unload_s(job.plant)
        if done[j] is None:
            intervals.append(model.new_interval_var(start, size, end, f"job{j}"))
        else:
            intervals.append(model.new_optional_interval_var(start, size, end, done[j], f"job{j}"))
    capacity = model.new_int_var(0, sum(f.count for f in fleets), "trucks")
    model.add(capacity == trucks)
    model.add_cumulative(intervals, [1] * len(intervals), capacity)




def make_solver(time_limit: float, seed: int, workers: int) -> cp_model.CpSolver:
    """A CP-SAT solver with the haul's settings (see :func:`wasteopt.solve.clock.cp_solver`)."""
    solver = cp_solver(time_limit, seed, workers)
    solver.parameters.use_overload_checker_in_cumulative = True
    solver.parameters.use_timetable_edge_finding_in_cumulative = True
    return solver


def trucks_bound(objective_bound: float, big: int, optional: bool) -> int:
    """Trucks no solution can do without, from the solver's objective bound (feasible, not optimal)."""
    if optional:
        return 0
    return int(max(0.0, objective_bound) // big)
