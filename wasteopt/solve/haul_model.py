"""The haul as a CP-SAT model: which hook-lift truck takes which container, in what order.

Each container is a job at its station: released when full, swapped out (``swap`` seconds) no later
than its storage deadline, carried to its plant (arrival within reception hours, then ``unload``
seconds to tip), after which the truck drives on with the emptied container to its next station or
home. Per truck type one ``AddMultipleCircuit`` (node 0 = the type's garage, one node per job, a
self-loop = "not on this type") chains jobs into truck days; time variables per job (swap start,
tip start) are linked along the chosen arcs. Objective, lexicographic by weights: containers left at
the station (only in the *optional* mode used for partial schedules), then trucks used, then metres.

At district scale (13 stations, tens of containers) CP-SAT proves optimality in seconds; arcs that
cannot be in any feasible day (too late, against the station's fill order) are not created at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from ortools.sat.python import cp_model

from wasteopt.network.travel import TravelNetwork
from wasteopt.scenario.models import HaulTruckType, Plant
from wasteopt.solve.containers import Container

HORIZON_S = 48 * 3600


@dataclass(frozen=True)
class Job:
    """One container to haul, with everything the model needs about it."""

    container: Container
    plant: str
    swap_s: int
    deadline: int | None
    """Latest end of the swap (storage); ``None``: no later container needs the slot."""

    @property
    def station(self) -> str:
        return self.container.station


@dataclass(frozen=True)
class Fleet:
    """A haul truck type as the model sees it: how many trucks, and its shift end (may be relaxed)."""

    type: HaulTruckType
    count: int
    shift_end: int


@dataclass
class HaulProblem:
    """Jobs, truck types, plants (reception hours may be relaxed) and the travel between the places."""

    jobs: list[Job]
    fleets: list[Fleet]
    plants: dict[str, Plant]
    plant_close: dict[str, int]
    network: TravelNetwork
    speed_default: float
    _ids: list[str] = field(default_factory=list)
    _metres: np.ndarray | None = None
    _seconds: dict[str, np.ndarray] = field(default_factory=dict)

    def __post_init__(self) -> None:
        ids = {job.station for job in self.jobs} | {job.plant for job in self.jobs}
        ids |= {fleet.type.garage for fleet in self.fleets}
        self._ids = sorted(ids)
        self._pos = {pid: k for k, pid in enumerate(self._ids)}
        self._metres = self.network.distance_m(self._ids, self._ids)
        for fleet in self.fleets:
            speed = fleet.type.speed_kmh or self.speed_default
            self._seconds[fleet.type.id] = self.network.duration_s(self._ids, self._ids, speed)

    def metres(self, a: str, b: str) -> int:
        """Road metres from ``a`` to ``b``."""
        assert self._metres is not None
        return int(self._metres[self._pos[a], self._pos[b]])

    def seconds(self, fleet: Fleet, a: str, b: str) -> int:
        """Driving seconds from ``a`` to ``b`` for a truck of ``fleet``."""
        return int(self._seconds[fleet.type.id][self._pos[a], self._pos[b]])

    def unload_s(self, plant: str) -> int:
        """Seconds to tip a container at ``plant``."""
        return round(self.plants[plant].unload_min * 60)

    def earliest_pickup(self, fleet: Fleet, job: Job) -> int:
        """Earliest swap start: the container is full and a truck can be there from its garage."""
        reach = fleet.type.shift_start + self.seconds(fleet, fleet.type.garage, job.station)
        return max(job.container.full_at, reach)

    def tip_end(self, fleet: Fleet, job: Job, pickup: int) -> int:
        """End of tipping at the plant for a swap started at ``pickup`` (waits for opening)."""
        arrive = pickup + job.swap_s + self.seconds(fleet, job.station, job.plant)
        return max(arrive, self.plants[job.plant].open) + self.unload_s(job.plant)

    def latest_pickup(self, fleet: Fleet, job: Job) -> int:
        """Latest swap start that meets storage, reception hours and the truck's shift end."""
        to_plant = job.swap_s + self.seconds(fleet, job.station, job.plant)
        latest = self.plant_close[job.plant] - to_plant
        home = self.unload_s(job.plant) + self.seconds(fleet, job.plant, fleet.type.garage)
        latest = min(latest, fleet.shift_end - home - to_plant)
        if self.plants[job.plant].open + home > fleet.shift_end:
            latest = -1
        if job.deadline is not None:
            latest = min(latest, job.deadline - job.swap_s)
        return latest


@dataclass(frozen=True)
class ModelResult:
    """What a solve found: per truck type the job sequences of its trucks (indices into the jobs)."""

    status: str
    sequences: dict[str, list[list[int]]]
    trucks_used: int
    trucks_lower_bound: int
    hauled: int

    @property
    def found(self) -> bool:
        return self.status in ("OPTIMAL", "FEASIBLE")


def solve_model(problem: HaulProblem, time_limit: float, *, optional: bool = False, seed: int = 0) -> ModelResult:
    """Build and solve the haul model; ``optional`` lets containers stay behind (at a large cost)."""
    model = cp_model.CpModel()
    jobs, n = problem.jobs, len(problem.jobs)
    pickup = [model.NewIntVar(job.container.full_at, HORIZON_S, f"pickup{j}") for j, job in enumerate(jobs)]
    tip = [
        model.NewIntVar(problem.plants[job.plant].open, max(problem.plants[job.plant].open, problem.plant_close[job.plant]), f"tip{j}")
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
            model.Add(sum(starts) <= fleet.count)
            used_terms += starts
        for (a, b), lit in arcs.items():
            if a != b:
                m = _arc_metres(problem, fleet, a, b)
                max_metres = max(max_metres, m)
                metre_terms.append(m * lit)
    done = []
    for j in range(n):
        if optional:
            flag = model.NewBoolVar(f"done{j}")
            model.Add(sum(presence[j]) == flag)
            done.append(flag)
        else:
            model.Add(sum(presence[j]) == 1)
            done.append(None)
    _storage_and_order(model, jobs, pickup, done)
    big = (n + 1) * max_metres + 1
    objective = big * sum(used_terms) + sum(metre_terms)
    if optional:
        objective += big * (n + 1) * sum(1 - d for d in done)
    model.Minimize(objective)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, time_limit)
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    status = solver.StatusName(solver.Solve(model))
    if status not in ("OPTIMAL", "FEASIBLE"):
        return ModelResult(status, {}, 0, 0, 0)
    sequences = {fid: _sequences(solver, arcs) for fid, arcs in arcs_by_fleet.items()}
    used = sum(len(s) for s in sequences.values())
    hauled = sum(len(seq) for s in sequences.values() for seq in s)
    bound = used if status == "OPTIMAL" else _trucks_bound(solver.BestObjectiveBound(), big, optional, n)
    return ModelResult(status, sequences, used, bound, hauled)


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
        skip = model.NewBoolVar(f"{tid}skip{j}")
        arcs[(j + 1, j + 1)] = skip
        if not possible[j]:
            model.Add(skip == 1)
            continue
        on = skip.Not()
        presence[j].append(on)
        model.Add(tip[j] >= pickup[j] + job.swap_s + problem.seconds(fleet, job.station, job.plant)).OnlyEnforceIf(on)
        model.Add(pickup[j] >= early[j]).OnlyEnforceIf(on)
        model.Add(pickup[j] <= late[j]).OnlyEnforceIf(on)
        out = model.NewBoolVar(f"{tid}out{j}")
        arcs[(0, j + 1)] = out
        back = model.NewBoolVar(f"{tid}back{j}")
        arcs[(j + 1, 0)] = back
        home = problem.unload_s(job.plant) + problem.seconds(fleet, job.plant, fleet.type.garage)
        model.Add(tip[j] + home <= fleet.shift_end).OnlyEnforceIf(back)
    for i, a in enumerate(jobs):
        for j, b in enumerate(jobs):
            if i == j or not (possible[i] and possible[j]):
                continue
            if a.station == b.station and a.container.index > b.container.index:
                continue  # a station's containers leave in fill order
            drive = problem.unload_s(a.plant) + problem.seconds(fleet, a.plant, b.station)
            if ends[i] - problem.unload_s(a.plant) + drive > late[j]:
                continue
            lit = model.NewBoolVar(f"{tid}x{i}_{j}")
            arcs[(i + 1, j + 1)] = lit
            model.Add(pickup[j] >= tip[i] + drive).OnlyEnforceIf(lit)
    if len(arcs) > len(jobs):
        model.AddMultipleCircuit([(a, b, lit) for (a, b), lit in arcs.items()])
    else:
        for lit in arcs.values():
            model.Add(lit == 1)
    return arcs


def _storage_and_order(model: cp_model.CpModel, jobs: list[Job], pickup: list[cp_model.IntVar], done: list) -> None:
    """Storage deadlines, and a station's containers taken in fill order (no loss: they are alike)."""
    by_station: dict[str, list[int]] = {}
    for j, job in enumerate(jobs):
        by_station.setdefault(job.station, []).append(j)
        if job.deadline is not None:
            c = model.Add(pickup[j] + job.swap_s <= job.deadline)
            if done[j] is not None:
                c.OnlyEnforceIf(done[j])
    for members in by_station.values():
        members.sort(key=lambda j: jobs[j].container.index)
        for a, b in zip(members, members[1:]):
            c = model.Add(pickup[a] <= pickup[b])
            if done[b] is not None:
                c.OnlyEnforceIf(done[b])
                model.AddImplication(done[b], done[a])


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
    succ = {a: b for (a, b), lit in arcs.items() if a != b and solver.Value(lit)}
    firsts = sorted(b for (a, b), lit in arcs.items() if a == 0 and solver.Value(lit))
    days = []
    for first in firsts:
        seq, node = [], first
        while node != 0:
            seq.append(node - 1)
            node = succ[node]
        days.append(seq)
    return days


def _trucks_bound(objective_bound: float, big: int, optional: bool, n: int) -> int:
    """Trucks no solution can do without, from the solver's objective bound (feasible, not optimal)."""
    if optional:
        return 0
    return int(max(0.0, objective_bound) // big)
