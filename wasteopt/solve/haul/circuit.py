"""The haul as a routing model (CP-SAT ``add_multiple_circuit``), for days with several plants.

Per truck type one multiple-circuit (node 0 = the type's garage, one node per job, a self-loop =
"not on this type") chains jobs into truck days; time variables per job (swap start, tip start) are
linked along the chosen arcs, so the drive from the previous job's plant to the next station is
exact whichever plants the jobs use. Arcs that cannot be in any feasible day (too late, against a
station's fill order) are not created. With one plant the per-truck model
(:mod:`wasteopt.solve.haul.trucks`) is exact too and proves optimality much faster.
"""

from __future__ import annotations

import itertools

from ortools.sat.python import cp_model

from wasteopt.solve.haul.cp import (
    busy_trucks,
    make_solver,
    storage_and_order,
    trucks_bound,
)
from wasteopt.solve.haul.problem import HORIZON_S, Fleet, HaulProblem, ModelResult


def solve_circuit(
    problem: HaulProblem,
    time_limit: float,
    *,
    optional: bool = False,
    seed: int = 0,
    workers: int = 1,
    cap: int | None = None,
    hint: ModelResult | None = None,
) -> ModelResult:
    """Build and solve the routes model; ``optional`` lets containers stay behind (at a large
    cost), ``cap`` limits the trucks of all types together, ``hint`` is a known plan to start from."""
    model = cp_model.CpModel()
    jobs, n = problem.jobs, len(problem.jobs)
    pickup = [model.new_int_var(job.container.full_at, HORIZON_S, f"pickup{j}") for j, job in enumerate(jobs)]
    tip = [
        model.new_int_var(problem.plants[job.plant].open, max(problem.plants[job.plant].open, problem.plant_close[job.plant]), f"tip{j}")
        for j, job in enumerate(jobs)
    ]
    presence: list[list[cp_model.IntVar]] = [[] for _ in jobs]
    used_terms, metre_terms = [], []
    arcs_by_fleet: dict[str, dict[tuple[int, int], cp_model.IntVar]] = {}
    max_metres = 1
    for fleet in problem.fleets:
        arcs = _fleet_arcs(model, problem, fleet, pickup, tip, presence)
        arcs_by_fleet[fleet.type.id] = arcs
        starts = [lit for (a, _), lit in arcs.items() if a == 0]
        if starts:
            model.add(sum(starts) <= fleet.count)
            used_terms += starts
        for (a, b), lit in arcs.items():
            if a != b:
                m = _arc_metres(problem, fleet, a, b)
                max_metres = max(max_metres, m)
                metre_terms.append(m * lit)
    if cap is not None:
        model.add(sum(used_terms) <= cap)
    done = []
    for j in range(n):
        if optional:
            flag = model.new_bool_var(f"done{j}")
            model.add(sum(presence[j]) == flag)
            done.append(flag)
        else:
            model.add(sum(presence[j]) == 1)
            done.append(None)
    storage_and_order(model, jobs, pickup, done)
    busy_trucks(model, problem, pickup, tip, done, sum(used_terms))
    big = (n + 1) * max_metres + 1
    objective = big * sum(used_terms) + sum(metre_terms)
    if optional:
        objective += big * (n + 1) * sum(1 - d for d in done)
    model.minimize(objective)
    if hint is not None:
        _add_hint(model, hint, arcs_by_fleet, pickup)
    solver = make_solver(time_limit, seed, workers)
    status = solver.status_name(solver.solve(model))
    if status not in ("OPTIMAL", "FEASIBLE"):
        return ModelResult(status, {}, 0, 0, 0)
    sequences = {fid: _sequences(solver, arcs) for fid, arcs in arcs_by_fleet.items()}
    used = sum(len(s) for s in sequences.values())
    hauled = sum(len(seq) for s in sequences.values() for seq in s)
    bound = used if status == "OPTIMAL" else trucks_bound(solver.best_objective_bound, big, optional)
    assignment = {
        j: (fid, position, solver.value(pickup[j]))
        for fid, days in sequences.items() for position, seq in enumerate(days) for j in seq
    }
    return ModelResult(status, sequences, used, bound, hauled, assignment)


def _add_hint(model: cp_model.CpModel, hint: ModelResult, arcs_by_fleet: dict, pickup: list) -> None:
    """Hint the arcs and swap times of a known plan (its trucks' job sequences)."""
    chosen = set()
    for fid, days in hint.sequences.items():
        for seq in days:
            nodes = [0] + [j + 1 for j in seq] + [0]
            chosen |= {(fid, a, b) for a, b in itertools.pairwise(nodes)}
    on = {(fid, j + 1) for fid, days in hint.sequences.items() for seq in days for j in seq}
    for fid, arcs in arcs_by_fleet.items():
        for (a, b), lit in arcs.items():
            if a == b:
                model.add_hint(lit, (fid, a) not in on)
            else:
                model.add_hint(lit, (fid, a, b) in chosen)
    for j, (_, _, when) in hint.assignment.items():
        model.add_hint(pickup[j], when)


def _fleet_arcs(
    model: cp_model.CpModel,
    problem: HaulProblem,
    fleet: Fleet,
    pickup: list[cp_model.IntVar],
    tip: list[cp_model.IntVar],
    presence: list[list[cp_model.IntVar]],
) -> dict[tuple[int, int], cp_model.IntVar]:
    """One truck type's routes (node 0 its garage, node j+1 job j) and the timing along them."""
    jobs, tid = problem.jobs, fleet.type.id
    if fleet.count <= 0:
        return {}
    early = [problem.earliest_pickup(fleet, job) for job in jobs]
    late = [problem.latest_pickup(fleet, job) for job in jobs]
    ends = [problem.tip_end(fleet, job, early[j]) for j, job in enumerate(jobs)]
    possible = [early[j] <= late[j] for j in range(len(jobs))]
    arcs: dict[tuple[int, int], cp_model.IntVar] = {}
    for j, job in enumerate(jobs):
        skip = model.new_bool_var(f"{tid}skip{j}")
        arcs[(j + 1, j + 1)] = skip
        if not possible[j]:
            model.add(skip == 1)
            continue
        on = skip.negated()
        presence[j].append(on)
        model.add(tip[j] >= pickup[j] + job.swap_s + problem.seconds(fleet, job.station, job.plant)).only_enforce_if(on)
        model.add(pickup[j] >= early[j]).only_enforce_if(on)
        model.add(pickup[j] <= late[j]).only_enforce_if(on)
        out = model.new_bool_var(f"{tid}out{j}")
        arcs[(0, j + 1)] = out
        back = model.new_bool_var(f"{tid}back{j}")
        arcs[(j + 1, 0)] = back
        home = problem.unload_s(job.plant) + problem.seconds(fleet, job.plant, fleet.type.garage)
        model.add(tip[j] + home <= fleet.shift_end).only_enforce_if(on)  # home after this job or later ones
    for i, a in enumerate(jobs):
        for j, b in enumerate(jobs):
            if i == j or not (possible[i] and possible[j]):
                continue
            if a.station == b.station and a.container.index > b.container.index:
                continue  # a station's containers leave in fill order
            drive = problem.unload_s(a.plant) + problem.seconds(fleet, a.plant, b.station)
            if ends[i] - problem.unload_s(a.plant) + drive > late[j]:
                continue
            lit = model.new_bool_var(f"{tid}x{i}_{j}")
            arcs[(i + 1, j + 1)] = lit
            model.add(pickup[j] >= tip[i] + drive).only_enforce_if(lit)
    if len(arcs) > len(jobs):
        model.add_multiple_circuit([(a, b, lit) for (a, b), lit in arcs.items()])
    else:
        for lit in arcs.values():
            model.add(lit == 1)
    return arcs


def _arc_metres(problem: HaulProblem, fleet: Fleet, a: int, b: int) -> int:
    """Metres driven on an arc: to the station (from garage or previous plant), and on to the plant."""
    jobs, garage = problem.jobs, fleet.type.garage
    if b == 0:
        return problem.metres(jobs[a - 1].plant, garage)
    job = jobs[b - 1]
    origin = garage if a == 0 else jobs[a - 1].plant
    return problem.metres(origin, job.station) + problem.metres(job.station, job.plant)


def _sequences(solver: cp_model.CpSolver, arcs: dict[tuple[int, int], cp_model.IntVar]) -> list[list[int]]:
    """Each truck's jobs in order (0-based job indices), read off the chosen arcs."""
    succ = {a: b for (a, b), lit in arcs.items() if a != b and solver.value(lit)}
    firsts = sorted(b for (a, b), lit in arcs.items() if a == 0 and solver.value(lit))
    days = []
    for first in firsts:
        seq, node = [], first
        while node != 0:
            seq.append(node - 1)
            node = succ[node]
        days.append(seq)
    return days
