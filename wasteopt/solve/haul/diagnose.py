"""Why the haul cannot keep up, where and when, and the fix a planner would look for.

Called when the haul model has no schedule. The causes are separated in the order a planner can
act on them:

1. *Intrinsic* limits no number of trucks can beat, found per container from its earliest possible
   swap (full, and a truck straight from its garage at shift start): the plant closes before the
   container can arrive (fix: open until T), the trucks' shift ends before they can be home (fix:
   shift until T), or the station's storage fills before a truck can possibly take a container
   (fix: k more container slots at the station).
2. With those limits relaxed to what the fixes say, the fleet: if the current trucks still cannot
   do it, the model is solved with as many trucks as containers (always feasible once 1. is fixed)
   and its fewest trucks give "needs N more hook-lift trucks".
3. A partial schedule under the real limits (the model's optional mode: as many containers as
   possible), and one error per station naming the containers left behind and since when.
"""

from __future__ import annotations

from collections import defaultdict

from wasteopt.solve.clock import Clock
from wasteopt.network.travel import TravelNetwork
from wasteopt.plan.models import Diagnostic, clock_seconds, clock_text
from wasteopt.scenario.models import Scenario
from wasteopt.solve.haul.containers import Container, slots_needed
from wasteopt.solve.haul.model import (
    Fleet,
    HaulProblem,
    Job,
    ModelResult,
    solve_fewest_trucks,
    solve_model,
)
from wasteopt.solve.haul.problem import HORIZON_S, build_problem
from wasteopt.solve.haul.trips import build_trips


def diagnose(
    scenario: Scenario,
    containers: dict[str, list[Container]],
    network: TravelNetwork,
    problem: HaulProblem,
    result: ModelResult,
    time_limit: float,
) -> tuple[list[Diagnostic], ModelResult]:
    """Diagnostics for a haul without a full schedule, and the best partial schedule."""
    fleets = [f for f in problem.fleets if f.count > 0] or problem.fleets
    found: list[Diagnostic] = []
    closes = _plant_closes(problem, fleets, found)
    shifts = _shift_ends(problem, fleets, found)
    slots = _storage(scenario, problem, fleets, containers, found)
    relaxed = {"slots": slots, "plant_close": closes, "shift_end": shifts}
    clock = Clock(time_limit)
    status = result.status
    if found:
        status = solve_fewest_trucks(build_problem(scenario, containers, network, **relaxed), clock.take(time_limit / 4)).status
    partial = solve_model(problem, clock.share(1 / 3), optional=True)
    if partial.hauled == len(problem.jobs) and not found:
        note = "the full haul was found only by the search that may leave containers behind; not proven optimal"
        return [Diagnostic(level="info", code="haul-not-proven", message=note)], partial
    left = _left_behind(problem, partial)
    if status == "INFEASIBLE":
        found.append(_fleet(scenario, containers, network, relaxed, max(0.5, clock.left()) / 2, bool(found), left))
    elif status != "OPTIMAL" and status != "FEASIBLE":
        found.append(Diagnostic(level="warning", code="haul-unresolved", message=f"the haul model gave no answer within the time limit ({status})", fix="give the solve more time"))
    return found + [d for _, d in left], partial


def _earliest(problem: HaulProblem, fleets: list[Fleet], job: Job) -> tuple[int, int, Fleet]:
    """Earliest swap start of a container over all truck types, and the earliest plant arrival."""
    best = None
    for fleet in fleets:
        pickup = problem.earliest_pickup(fleet, job)
        arrive = pickup + job.swap_s + problem.seconds(fleet, job.station, job.plant)
        if best is None or arrive < best[1]:
            best = (pickup, arrive, fleet)
    assert best is not None
    return best


def _plant_closes(problem: HaulProblem, fleets: list[Fleet], found: list[Diagnostic]) -> dict[str, int]:
    """Containers that cannot reach the plant before it closes, whatever the fleet; the closing
    time each plant would need."""
    needed: dict[str, int] = {}
    worst: dict[str, tuple[Job, int]] = {}
    for job in problem.jobs:
        _, arrive, _ = _earliest(problem, fleets, job)
        if arrive > problem.plant_close[job.plant]:
            needed[job.plant] = max(needed.get(job.plant, 0), arrive)
            if job.station not in worst or arrive > worst[job.station][1]:
                worst[job.station] = (job, arrive)
    for station, (job, arrive) in sorted(worst.items()):
        plant = problem.plants[job.plant]
        found.append(Diagnostic(
            level="error", code="haul-plant-closed", subject=station,
            message=(f"container {job.container.index} at {station} is full at {clock_text(job.container.full_at)}; "
                     f"the earliest it can reach plant {plant.id} is {clock_text(arrive)}, "
                     f"after the plant closes at {clock_text(plant.close)}"),
            fix=f"plant {plant.id} must stay open until {clock_text(needed[job.plant])[:5]}",
        ))
    return needed


def _shift_ends(problem: HaulProblem, fleets: list[Fleet], found: list[Diagnostic]) -> dict[str, int]:
    """Containers no hook-lift truck can haul and still be home by its shift end; the shift end
    the trucks would need."""
    needed: dict[str, int] = {}
    worst: tuple[Job, int, Fleet] | None = None
    for job in problem.jobs:
        options = []
        for fleet in fleets:
            pickup = problem.earliest_pickup(fleet, job)
            home = problem.tip_end(fleet, job, pickup) + problem.seconds(fleet, job.plant, fleet.type.garage)
            options.append((home, fleet))
        home, fleet = min(options, key=lambda o: o[0])
        if home > fleet.shift_end:
            needed[fleet.type.id] = max(needed.get(fleet.type.id, 0), home)
            if worst is None or home > worst[1]:
                worst = (job, home, fleet)
    if worst is not None:
        job, home, fleet = worst
        found.append(Diagnostic(
            level="error", code="haul-shift-end", subject=job.station,
            message=(f"container {job.container.index} at {job.station} is full at {clock_text(job.container.full_at)}; "
                     f"a hook-lift truck hauling it is home at {clock_text(home)} at the earliest, "
                     f"after the shift ends at {clock_text(fleet.shift_end)}"),
            fix=f"hook-lift trucks ({fleet.type.id}) must work until {clock_text(needed[fleet.type.id])[:5]}",
        ))
    return needed


def _storage(
    scenario: Scenario, problem: HaulProblem, fleets: list[Fleet], containers: dict[str, list[Container]], found: list[Diagnostic]
) -> dict[str, int]:
    """Stations whose storage fills before any truck could take a container; the slots they need."""
    stations = {s.id: s for s in scenario.stations}
    by_station: dict[str, list[Job]] = defaultdict(list)
    for job in problem.jobs:
        by_station[job.station].append(job)
    needed: dict[str, int] = {}
    for sid, jobs in sorted(by_station.items()):
        jobs.sort(key=lambda j: j.container.index)
        swaps = [_earliest(problem, fleets, job)[0] + job.swap_s for job in jobs]
        have = stations[sid].container_slots
        need = slots_needed(containers[sid], swaps)
        if need <= have:
            continue
        needed[sid] = need
        late = next(k for k, job in enumerate(jobs) if job.deadline is not None and swaps[k] > job.deadline)
        blocked = containers[sid][late + have]
        more = need - have
        found.append(Diagnostic(
            level="error", code="haul-storage", subject=sid,
            message=(f"{sid} holds {have} container{'s' if have > 1 else ''} and needs container {blocked.index} at {clock_text(blocked.needed_from)}, "
                     f"but container {jobs[late].container.index} can be swapped out at {clock_text(swaps[late])} at the earliest"),
            fix=f"{more} more container slot{'s' if more > 1 else ''} at {sid}",
        ))
    return needed


def _fleet(
    scenario: Scenario,
    containers: dict[str, list[Container]],
    network: TravelNetwork,
    relaxed: dict,
    time_limit: float,
    after_fixes: bool,
    left: list[tuple[Job, Diagnostic]],
) -> Diagnostic:
    """How many more hook-lift trucks the haul needs (with the other fixes applied); the subject is
    the station where the current fleet first leaves a container behind."""
    many = sum(len(c) for c in containers.values())
    counts = {t.id: max(t.count, many) for t in scenario.haul_fleet}
    result = solve_fewest_trucks(build_problem(scenario, containers, network, counts=counts, **relaxed), time_limit)
    have = sum(t.count for t in scenario.haul_fleet)
    also = " (with the fixes above)" if after_fixes else ""
    first = min((job for job, _ in left), key=lambda job: job.container.full_at, default=None)
    where = ""
    if first is not None:
        where = f"; the first container left behind is {first.container.index} at {first.station}, full at {clock_text(first.container.full_at)}"
    subject = first.station if first is not None else None
    if not result.found:
        return Diagnostic(level="error", code="haul-fleet", subject=subject, message=f"{_trucks(have)} cannot haul every container{also}{where}", fix="more hook-lift trucks (how many: not found within the time limit)")
    extra = max(1, result.trucks_used - have)
    exact = result.status == "OPTIMAL"
    low = max(1, result.trucks_lower_bound - have)
    how_many = f"{extra} more" if exact or low >= extra else f"{low} to {extra} more"
    fix = f"needs {how_many} hook-lift truck{'s' if extra > 1 else ''}"
    slots = _storage_alternative(scenario, containers, network, relaxed, time_limit)
    if slots:
        fix += ", or with the current trucks: " + ", ".join(f"{n} more container slot{'s' if n > 1 else ''} at {sid}" for sid, n in slots.items())
    return Diagnostic(
        level="error", code="haul-fleet", subject=subject,
        message=f"{_trucks(have)} cannot haul every container in time{also}; {result.trucks_used} can{where}",
        fix=fix,
    )


def _storage_alternative(
    scenario: Scenario, containers: dict[str, list[Container]], network: TravelNetwork, relaxed: dict, time_limit: float
) -> dict[str, int]:
    """Whether the trucks there are could do it with more storage, and how many more slots per
    station the schedule found that way needs (a fix that works, not necessarily the smallest)."""
    ample = {sid: len(items) for sid, items in containers.items()}
    roomy = dict(relaxed, slots=ample)
    problem = build_problem(scenario, containers, network, **roomy)
    result = solve_fewest_trucks(problem, time_limit)
    if not result.found:
        return {}
    stations = {s.id: s for s in scenario.stations}
    swap_end: dict[str, dict[int, int]] = defaultdict(dict)
    for trip in build_trips(problem, result):
        swap_end[trip.station][trip.container or 0] = clock_seconds(trip.pickup or trip.depart) + round(stations[trip.station].swap_min * 60)
    more = {}
    for sid, items in sorted(containers.items()):
        need = max(
            1 + sum(1 for j in items[:k] if swap_end[sid].get(j.index, HORIZON_S) > c.needed_from)
            for k, c in enumerate(items)
        )
        have = relaxed["slots"].get(sid, stations[sid].container_slots)
        if need > have:
            more[sid] = need - have
    return more


def _trucks(n: int) -> str:
    return f"{n} hook-lift truck" + ("" if n == 1 else "s")


def _left_behind(problem: HaulProblem, partial: ModelResult) -> list[tuple[Job, Diagnostic]]:
    """One error per station whose containers the partial schedule leaves behind: which and since
    when (with the first of them, to find the earliest)."""
    hauled = {j for days in partial.sequences.values() for seq in days for j in seq}
    missing: dict[str, list[Job]] = defaultdict(list)
    for j, job in enumerate(problem.jobs):
        if j not in hauled:
            missing[job.station].append(job)
    found = []
    for sid, jobs in sorted(missing.items()):
        jobs.sort(key=lambda j: j.container.index)
        names = ", ".join(str(j.container.index) for j in jobs)
        tonnes = sum(j.container.payload_kg for j in jobs) / 1000
        found.append((jobs[0], Diagnostic(
            level="error", code="haul-left-behind", subject=sid,
            message=(f"container{'s' if len(jobs) > 1 else ''} {names} at {sid} ({tonnes:.1f} t) cannot be hauled today "
                     f"under the current limits; the first is full at {clock_text(jobs[0].container.full_at)}"),
            fix="see the other haul diagnostics for the fix",
        )))
    return found
