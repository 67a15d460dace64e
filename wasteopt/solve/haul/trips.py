"""The haul's trips as the plan shows them: each truck's job sequence timed forward from its shift start.

The models decide which truck takes which container in what order; :func:`build_trips` turns that
into the plan's ``HaulTrip`` rows (depart, pickup, arrive, unload, back, km), each as early as it may
go, which keeps every deadline the solver met.
"""

from __future__ import annotations

from wasteopt.plan.models import HaulTrip, clock_text
from wasteopt.solve.haul.problem import Fleet, HaulProblem, ModelResult


def build_trips(problem: HaulProblem, result: ModelResult) -> list[HaulTrip]:
    """The plan's haul trips: each truck's sequence timed as early as it may go (containers full,
    swaps just in time), which keeps every deadline the solver met."""
    trips: list[HaulTrip] = []
    fleets = {f.type.id: f for f in problem.fleets}
    for tid, days in result.sequences.items():
        fleet = fleets[tid]
        assert len(days) <= fleet.count, "more truck days than trucks"
        for truck, seq in zip(fleet.type.vehicle_ids(), days, strict=False):
            trips += _truck_day(problem, fleet, truck, seq)
    return sorted(trips, key=lambda t: (t.truck, t.depart))


def _truck_day(problem: HaulProblem, fleet: Fleet, truck: str, seq: list[int]) -> list[HaulTrip]:
    """One truck's trips, timed forward from its shift start."""
    garage = fleet.type.garage
    place, ready = garage, fleet.type.shift_start
    rows = []
    for j in seq:
        job = problem.jobs[j]
        drive = problem.seconds(fleet, place, job.station)
        pickup = max(job.container.full_at, ready + drive)
        arrive = pickup + job.swap_s + problem.seconds(fleet, job.station, job.plant)
        tip = max(arrive, problem.plants[job.plant].open)
        metres = problem.metres(place, job.station) + problem.metres(job.station, job.plant)
        rows.append([job, pickup - drive, pickup, arrive, tip, metres])
        place, ready = job.plant, tip + problem.unload_s(job.plant)
    trips = []
    for k, (job, depart, pickup, arrive, tip, metres) in enumerate(rows):
        done = tip + problem.unload_s(job.plant)
        if k + 1 < len(rows):
            nxt = rows[k + 1][0].station
            back = rows[k + 1][1] + problem.seconds(fleet, job.plant, nxt)
        else:
            back = done + problem.seconds(fleet, job.plant, garage)
            metres += problem.metres(job.plant, garage)
        trips.append(
            HaulTrip(
                truck=truck, truck_type=fleet.type.id, container=job.container.index, station=job.station,
                plant=job.plant, depart=clock_text(depart), arrive=clock_text(arrive),
                payload_kg=round(job.container.payload_kg, 3), pickup=clock_text(pickup), unload=clock_text(tip),
                back=clock_text(back), distance_km=round(metres / 1000, 3),
            )
        )
    return trips
