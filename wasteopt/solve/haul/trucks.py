"""The haul as a per-truck scheduling model (CP-SAT optional intervals + ``add_no_overlap``).

Exact when a truck's containers all go to one plant (the usual district: one incinerator or
landfill). Each truck's day is a sequence of jobs; job ``j`` keeps its truck busy from the moment it
leaves the plant for ``j``'s station (``pickup − drive(plant → station)``) until its tipping ends,
so "the next swap is no earlier than the previous tip plus the drive" is exactly "the intervals of
one truck do not overlap". The first job comes from the garage instead: ``pickup ≥ shift start +
drive(garage → station)`` — imposed on every job of the truck, which loses nothing because any later
job is further still (triangle inequality); likewise every job must leave time to drive home. Only the
kilometres depend on which job is first, through one "first" literal per job and truck.

Identical trucks are interchangeable: a job may only go to a truck whose position in its type is at
most the job's index (jobs are ordered by the time they are full), and used trucks come first.

The search (:func:`solve_trucks`): a greedy plan (containers in the order they are full, each onto
a truck already out unless it would wait too long) gives a first truck count; a bisection between a
work-based lower bound and that count, each step a pure feasibility solve with at most that many
trucks, finds the fewest; a last solve with that many trucks minimises km, started from the best
plan so far. Measured on fabricated Zhangdian-sized days (13 stations, 36–48 small containers) with
5 s on a loaded machine: the proven fewest trucks and km within 0.1–2.1 % of :func:`_metres_bound`
in three runs of four; in the fourth 6 trucks where 5 suffice (the bisection ran out of time).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from wasteopt.solve.clock import Clock
from wasteopt.solve.haul.cp import (
    busy_trucks,
    make_solver,
    storage_and_order,
    trucks_bound,
)
from wasteopt.solve.haul.problem import HORIZON_S, Fleet, HaulProblem, ModelResult


@dataclass(frozen=True)
class _Truck:
    fleet: Fleet
    position: int


def single_plant(problem: HaulProblem) -> bool:
    """Whether every job goes to the same plant (the case this model is exact for)."""
    return len({job.plant for job in problem.jobs}) <= 1


def solve_trucks(
    problem: HaulProblem, time_limit: float, *, optional: bool = False, seed: int = 0, workers: int = 1, trucks_only: bool = False
) -> ModelResult:
    """Fewest trucks, then fewest metres, within ``time_limit`` s (``optional``: haul as many
    containers as possible instead of all).

    Two phases, because "how many trucks" is a feasibility question CP-SAT answers fast while a
    weighted objective hides it: a bisection on the truck count between a lower bound and the greedy
    plan's count (each step a pure feasibility solve), then the metres with that many trucks
    (skipped with ``trucks_only``: then OPTIMAL means the truck count is proven fewest)."""
    clock = Clock(time_limit)
    hint = greedy(problem)
    if optional or not problem.jobs:
        return _solve(problem, clock.share(1.0), seed, workers, hint, optional=True)
    total = sum(min(f.count, len(problem.jobs)) for f in problem.fleets)
    low, best = max(1, min(total, _energy_bound(problem))), None
    high = len({(fid, pos) for fid, pos, _ in hint.values()}) if len(hint) == len(problem.jobs) else None
    if high is None:
        best = _solve(problem, clock.share(0.5), seed, workers, hint, minimize=False)
        if not best.found:
            return best
        high, hint = best.trucks_used, best.assignment
    while low < high and clock.left() > 0.05:
        middle = (low + high) // 2
        trial = _solve(problem, clock.share(0.4), seed, workers, hint, cap=middle, minimize=False)
        if trial.found:
            high, hint, best = trial.trucks_used, trial.assignment, trial
        elif trial.status == "INFEASIBLE":
            low = middle + 1
        else:
            break
    if trucks_only:
        if best is None:
            best = _solve(problem, clock.share(1.0), seed, workers, hint, cap=high, minimize=False)
        if best.found:
            best = replace(best, status="OPTIMAL" if low >= best.trucks_used else "FEASIBLE", trucks_lower_bound=min(low, best.trucks_used))
        return best
    final = _solve(problem, clock.share(1.0), seed, workers, hint, cap=high)
    if not final.found:
        final = best or final
    status = "OPTIMAL" if final.status == "OPTIMAL" and low >= high else ("FEASIBLE" if final.found else final.status)
    if not final.found:
        return final
    metres = _metres_bound(problem, final.trucks_used) if low >= final.trucks_used else 0
    return replace(final, status=status, trucks_lower_bound=min(low, final.trucks_used), metres_bound=metres)


def _solve(
    problem: HaulProblem,
    time_limit: float,
    seed: int,
    workers: int,
    hint: dict[int, tuple[str, int, int]],
    *,
    optional: bool = False,
    cap: int | None = None,
    minimize: bool = True,
) -> ModelResult:
    """One CP-SAT solve of the per-truck model (at most ``cap`` trucks; without ``minimize`` just
    any feasible plan)."""
    jobs, n = problem.jobs, len(problem.jobs)
    plant = jobs[0].plant
    trucks = _trucks(problem, hint, cap)
    model = cp_model.CpModel()
    pickup = [model.new_int_var(job.container.full_at, HORIZON_S, f"pickup{j}") for j, job in enumerate(jobs)]
    opens, closes = problem.plants[plant].open, max(problem.plants[plant].open, problem.plant_close[plant])
    tip = [model.new_int_var(opens, closes, f"tip{j}") for j in range(n)]
    on: dict[tuple[int, int], cp_model.IntVar] = {}
    used = [model.new_bool_var(f"used{k}") for k in range(len(trucks))]
    metre_terms = []
    for k, truck in enumerate(trucks):
        metre_terms += _truck_day(model, problem, truck, k, pickup, tip, used[k], on)
        if k > 0 and trucks[k - 1].fleet is truck.fleet:
            model.add_implication(used[k], used[k - 1])
    if cap is not None:
        model.add(sum(used) <= cap)
    done = []
    for j in range(n):
        mine = [lit for (jj, _), lit in on.items() if jj == j]
        if optional:
            flag = model.new_bool_var(f"done{j}")
            model.add(sum(mine) == flag)
            done.append(flag)
        else:
            model.add(sum(mine) == 1)
            done.append(None)
    storage_and_order(model, jobs, pickup, done)
    busy_trucks(model, problem, pickup, tip, done, sum(used))
    big = 4 * (n + 1) * _max_metres(problem, trucks) + 1
    objective = big * sum(used) + sum(metre_terms)
    if optional:
        objective += big * (len(trucks) + 1) * sum(1 - d for d in done)
    if minimize:
        model.minimize(objective)
    _add_hint(model, hint, trucks, pickup, on, used)
    solver = make_solver(time_limit, seed, workers)
    status = solver.status_name(solver.solve(model))
    if status not in ("OPTIMAL", "FEASIBLE"):
        return ModelResult(status, {}, 0, 0, 0)
    sequences: dict[str, list[list[int]]] = {f.type.id: [] for f in problem.fleets}
    assignment = {}
    for k, truck in enumerate(trucks):
        mine = sorted((j for (j, kk), lit in on.items() if kk == k and solver.value(lit)), key=lambda j: solver.value(pickup[j]))
        if mine:
            sequences[truck.fleet.type.id].append(mine)
            assignment |= {j: (truck.fleet.type.id, truck.position, solver.value(pickup[j])) for j in mine}
    count = sum(len(days) for days in sequences.values())
    bound = count if status == "OPTIMAL" or not minimize else trucks_bound(solver.best_objective_bound, big, optional)
    return ModelResult(status, sequences, count, bound, len(assignment), assignment)


def greedy_result(problem: HaulProblem, optional: bool = False) -> ModelResult:
    """The greedy plan as a model result. Unless containers may be left (``optional``), a plan that
    places fewer than all is reported as not found, so the caller's diagnosis names what is short."""
    plan = greedy(problem)
    if len(plan) < len(problem.jobs) and not optional:
        return ModelResult("UNKNOWN", {}, 0, 0, 0)
    days: dict[tuple[str, int], list[int]] = {}
    for j, (type_id, position, _) in sorted(plan.items(), key=lambda item: item[1][2]):
        days.setdefault((type_id, position), []).append(j)
    sequences: dict[str, list[list[int]]] = {f.type.id: [] for f in problem.fleets}
    for (type_id, _), jobs in sorted(days.items()):
        sequences[type_id].append(jobs)
    bound = min(len(days), _energy_bound(problem))
    return ModelResult("FEASIBLE", sequences, len(days), bound, len(plan), plan)


def _energy_bound(problem: HaulProblem) -> int:
    """Trucks needed by work alone: every job's least busy time (drive in from the plant, swap,
    drive, tip) over the span from the earliest possible start to the latest possible end."""
    fleets = [f for f in problem.fleets if f.count > 0]
    if not fleets:
        return 1
    work, first, last = 0, HORIZON_S, 0
    for job in problem.jobs:
        lead = min(problem.seconds(f, job.plant, job.station) for f in fleets)
        work += lead + job.swap_s + min(problem.seconds(f, job.station, job.plant) for f in fleets) + problem.unload_s(job.plant)
        first = min(first, min(problem.earliest_pickup(f, job) for f in fleets) - lead)
        last = max(last, max(f.shift_end - problem.seconds(f, job.plant, f.type.garage) for f in fleets))
    return max(1, -(-work // max(1, last - first)))


def _metres_bound(problem: HaulProblem, trucks: int) -> int:
    """Metres any plan with ``trucks`` trucks (one plant, one truck type) drives at least: every job's
    plant → station → plant, plus per truck the drive home and the cheapest switch of a first job
    from "comes from the plant" to "comes from the garage" (the ``trucks`` smallest switches)."""
    if len(problem.fleets) != 1 or not problem.jobs:
        return 0
    garage, plant = problem.fleets[0].type.garage, problem.jobs[0].plant
    base = sum(problem.metres(plant, j.station) + problem.metres(j.station, plant) for j in problem.jobs)
    switch = sorted(problem.metres(garage, j.station) - problem.metres(plant, j.station) for j in problem.jobs)
    return base + trucks * problem.metres(plant, garage) + sum(switch[:trucks])


def _max_metres(problem: HaulProblem, trucks: list[_Truck]) -> int:
    places = {job.station for job in problem.jobs} | {t.fleet.type.garage for t in trucks} | {problem.jobs[0].plant}
    return max([1] + [problem.metres(a, b) for a in places for b in places])


def _trucks(problem: HaulProblem, hint: dict[int, tuple[str, int, int]], cap: int | None) -> list[_Truck]:
    """The trucks the model considers: each type's count, at most one per job, at most ``cap`` of a
    type (the cap is on all types together; no type can use more than all of it)."""
    n = len(problem.jobs)
    trucks = []
    for fleet in problem.fleets:
        limit = min(fleet.count, n, cap if cap is not None else n)
        trucks += [_Truck(fleet, p) for p in range(limit)]
    return trucks


def _truck_day(
    model: cp_model.CpModel,
    problem: HaulProblem,
    truck: _Truck,
    k: int,
    pickup: list[cp_model.IntVar],
    tip: list[cp_model.IntVar],
    used: cp_model.IntVar,
    on: dict,
) -> list:
    """One truck's jobs: optional intervals that do not overlap, timing, and its metres."""
    fleet, garage = truck.fleet, truck.fleet.type.garage
    start = model.new_int_var(0, HORIZON_S, f"start{k}")
    intervals, metres, firsts = [], [], []
    for j, job in enumerate(problem.jobs):
        early, late = problem.earliest_pickup(fleet, job), problem.latest_pickup(fleet, job)
        if truck.position > j or early > late:
            continue
        lit = model.new_bool_var(f"on{j}_{k}")
        on[(j, k)] = lit
        model.add_implication(lit, used)
        lead = problem.seconds(fleet, job.plant, job.station)
        to_plant = job.swap_s + problem.seconds(fleet, job.station, job.plant)
        unload = problem.unload_s(job.plant)
        model.add(pickup[j] >= early).only_enforce_if(lit)
        model.add(pickup[j] <= late).only_enforce_if(lit)
        model.add(tip[j] >= pickup[j] + to_plant).only_enforce_if(lit)
        model.add(tip[j] + unload + problem.seconds(fleet, job.plant, garage) <= fleet.shift_end).only_enforce_if(lit)
        model.add(pickup[j] >= start).only_enforce_if(lit)
        size = model.new_int_var(lead + to_plant + unload, 2 * HORIZON_S, f"size{j}_{k}")
        intervals.append(model.new_optional_interval_var(pickup[j] - lead, size, tip[j] + unload, lit, f"job{j}_{k}"))
        lead_in = model.new_bool_var(f"first{j}_{k}")
        firsts.append(lead_in)
        model.add_implication(lead_in, lit)
        model.add(pickup[j] == start).only_enforce_if(lead_in)
        metres.append((problem.metres(job.plant, job.station) + problem.metres(job.station, job.plant)) * lit)
        metres.append((problem.metres(garage, job.station) - problem.metres(job.plant, job.station)) * lead_in)
    if not intervals:
        model.add(used == 0)
        return []
    model.add(sum(firsts) == used)
    model.add_no_overlap(intervals)
    plant = problem.jobs[0].plant
    metres.append(problem.metres(plant, garage) * used)
    return metres


def greedy(problem: HaulProblem) -> dict[int, tuple[str, int, int]]:
    """A quick feasible plan: containers in the order they are full, each onto the truck already out
    that can swap it earliest — unless that makes the container wait longer than a patience, then
    onto a new truck. Several patiences are tried; the plan that hauls more containers, then uses
    fewer trucks, wins. Returns job → (truck type, position of the truck in its type, swap start);
    jobs a plan cannot place are left out."""
    plans = [_greedy(problem, patience) for patience in (0, 1800, 3600, 7200, 10800, HORIZON_S)]
    return min(plans, key=lambda plan: (-len(plan), len({(f, p) for f, p, _ in plan.values()})))


def _greedy(problem: HaulProblem, patience: int) -> dict[int, tuple[str, int, int]]:
    plan: dict[int, tuple[str, int, int]] = {}
    ready: dict[tuple[str, int], tuple[Fleet, int, str]] = {}
    opened = {f.type.id: 0 for f in problem.fleets}
    last_pickup: dict[str, int] = {}
    for j, job in enumerate(problem.jobs):
        floor = max(job.container.full_at, last_pickup.get(job.station, 0))
        used, new = [], []
        for key, (fleet, free, place) in ready.items():
            used.append((max(floor, free + problem.seconds(fleet, place, job.station)), key, fleet))
        for fleet in problem.fleets:
            position = opened[fleet.type.id]
            if position < min(fleet.count, len(problem.jobs)) and position <= j:
                new.append((max(floor, problem.earliest_pickup(fleet, job)), (fleet.type.id, position), fleet))
        used = sorted(o for o in used if o[0] <= problem.latest_pickup(o[2], job))
        new = sorted(o for o in new if o[0] <= problem.latest_pickup(o[2], job))
        if used and (used[0][0] <= floor + patience or not new):
            when, key, fleet = used[0]
        elif new:
            when, key, fleet = new[0]
            opened[fleet.type.id] += 1
        else:
            continue
        ready[key] = (fleet, problem.tip_end(fleet, job, when), job.plant)
        last_pickup[job.station] = when
        plan[j] = (key[0], key[1], when)
    return plan


def _add_hint(
    model: cp_model.CpModel, hint: dict[int, tuple[str, int, int]], trucks: list[_Truck], pickup: list, on: dict, used: list
) -> None:
    """Give a known plan (greedy, or an earlier solve) to the solver as a starting point."""
    index = {(t.fleet.type.id, t.position): k for k, t in enumerate(trucks)}
    hinted = set()
    for j, (fid, position, when) in hint.items():
        k = index.get((fid, position))
        if k is not None and (j, k) in on:
            model.add_hint(on[(j, k)], 1)
            model.add_hint(pickup[j], when)
            hinted.add(k)
    for k in range(len(trucks)):
        model.add_hint(used[k], k in hinted)
