"""Capacitated facility location with OR-Tools CP-SAT: which K candidate stations to open.

Stations already in use stay open; exactly ``k`` candidates open. Every unit (a village's rooms) goes
to one open station, within each station's daily capacity, or — at a heavy penalty — to nobody, so
a district whose stations cannot take all its waste still gets an answer that says how much is left
over. The objective is the estimated daily cost: assignment costs plus each opened site's annualised
build cost per day. ``best_selections`` returns the best few *distinct* selections by re-solving with
a no-good cut on each selection found.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

SCALE = 100
"""Costs enter CP-SAT as integers: yuan × 100 (fen)."""


@dataclass(frozen=True)
class LocationProblem:
    """Units (rows) to assign to stations (columns); costs in yuan per day, demand and capacity in kg."""

    cost: np.ndarray
    demand_kg: np.ndarray
    capacity_kg: np.ndarray
    candidate: np.ndarray
    build_per_day: np.ndarray
    nearest: int | None = None
    allowed: np.ndarray | None = None
    """Unit–station pairs that may be assigned at all (e.g. a station closed when the truck gets there);
    None: every pair."""


@dataclass(frozen=True)
class Selection:
    """One choice of candidate sites with the assignment the model made for it."""

    opened: tuple[int, ...]
    assignment: np.ndarray
    assignment_cost: float
    build_per_day: float
    unserved_kg: float
    optimal: bool

    @property
    def estimate(self) -> float:
        """Estimated daily cost of the selection (assignments + annualised build cost)."""
        return self.assignment_cost + self.build_per_day


def best_selections(
    problem: LocationProblem,
    k: int,
    *,
    top: int = 1,
    time_limit: float | None = None,
    seed: int = 0,
    workers: int = 1,
    require: tuple[int, ...] = (),
) -> list[Selection]:
    """Up to ``top`` distinct selections of ``k`` candidates, best estimate first; with ``require``,
    only selections that open those candidates (station columns), e.g. to price another model's pick.

    ``time_limit`` is shared by all the solves; a solve that runs out of time returns its best
    selection so far (``optimal`` False).
    """
    model, x, y, spare = _build(problem, k)
    for c in require:
        model.add(y[c] == 1)
    found: list[Selection] = []
    for _ in range(top):
        solver = cp_model.CpSolver()
        solver.parameters.random_seed = seed
        solver.parameters.num_workers = workers
        solver.parameters.catch_sigint_signal = False  # keep the user's Ctrl-C for the whole study
        if time_limit is not None:
            solver.parameters.max_time_in_seconds = max(0.1, time_limit / top)
        status = solver.solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            break
        found.append(_read(problem, solver, x, y, spare, status == cp_model.OPTIMAL))
        if k == 0 or not found[-1].opened:
            break
        model.add(sum(y[c] for c in found[-1].opened) <= k - 1)
    return found


def _build(problem: LocationProblem, k: int) -> tuple[cp_model.CpModel, dict, dict, list]:
    """The model: x[u, s] unit u to station s, y[c] candidate c open, spare[u] unit u left unserved."""
    cost = np.rint(problem.cost * SCALE).astype(np.int64)
    allowed = _allowed(problem.cost, problem.nearest)
    if problem.allowed is not None:
        allowed &= problem.allowed
    model = cp_model.CpModel()
    cand = np.flatnonzero(problem.candidate)
    y = {int(c): model.new_bool_var(f"open_{c}") for c in cand}
    model.add(sum(y.values()) == k)
    x = {(u, s): model.new_bool_var(f"x_{u}_{s}") for u, s in zip(*np.nonzero(allowed))}
    spare = [model.new_bool_var(f"spare_{u}") for u in range(len(problem.demand_kg))]
    demand = np.rint(problem.demand_kg).astype(np.int64)
    by_unit: dict[int, list] = {}
    by_station: dict[int, list] = {}
    for (u, s), var in x.items():
        by_unit.setdefault(int(u), []).append(var)
        by_station.setdefault(int(s), []).append((int(demand[u]), var))
        if int(s) in y:
            model.add_implication(var, y[int(s)])
    for u, extra in enumerate(spare):
        model.add_exactly_one([*by_unit.get(u, []), extra])
    for s, terms in by_station.items():
        capacity = int(problem.capacity_kg[s])
        load = sum(d * v for d, v in terms)
        if s in y:
            model.add(load <= capacity * y[s])
        else:
            model.add(load <= capacity)
    penalty = _spare_penalty(cost, demand)
    build = np.rint(problem.build_per_day * SCALE).astype(np.int64)
    model.minimize(
        sum(int(cost[u, s]) * v for (u, s), v in x.items())
        + sum(int(build[c]) * v for c, v in y.items())
        + sum(int(p) * v for p, v in zip(penalty, spare))
    )
    return model, x, y, spare


def _allowed(cost: np.ndarray, nearest: int | None) -> np.ndarray:
    """Which unit–station pairs the model considers (all, or each unit's ``nearest`` cheapest)."""
    if nearest is None or nearest >= cost.shape[1]:
        return np.ones(cost.shape, dtype=bool)
    keep = np.argsort(cost, axis=1)[:, :nearest]
    allowed = np.zeros(cost.shape, dtype=bool)
    np.put_along_axis(allowed, keep, True, axis=1)
    return allowed


def _spare_penalty(cost: np.ndarray, demand: np.ndarray) -> np.ndarray:
    """Leaving a unit unserved costs far more than serving it from anywhere (1 yuan per kg on top)."""
    return 10 * cost.max(axis=1) + demand * SCALE + SCALE


def _read(problem: LocationProblem, solver: cp_model.CpSolver, x: dict, y: dict, spare: list, optimal: bool) -> Selection:
    assignment = np.full(len(problem.demand_kg), -1, dtype=np.int64)
    for (u, s), var in x.items():
        if solver.boolean_value(var):
            assignment[u] = s
    served = assignment >= 0
    opened = tuple(sorted(c for c, var in y.items() if solver.boolean_value(var)))
    return Selection(
        opened=opened,
        assignment=assignment,
        assignment_cost=float(problem.cost[np.flatnonzero(served), assignment[served]].sum()),
        build_per_day=float(problem.build_per_day[list(opened)].sum()) if opened else 0.0,
        unserved_kg=float(problem.demand_kg[~served].sum()),
        optimal=optimal,
    )
