"""The haul problem as the CP-SAT models see it: containers as jobs, truck types, plants, travel.

Plain data plus the time arithmetic both haul models share (earliest and latest swap of a container,
when its tipping ends). Integer seconds and metres throughout.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from wasteopt.network.travel import TravelNetwork
from wasteopt.scenario.models import HaulTruckType, Plant, Scenario
from wasteopt.solve.haul.containers import Container, swap_deadline

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

    def metres_of(self, result: ModelResult) -> int:
        """Metres the trucks of a solution drive: garage → station → plant → station ... → garage."""
        fleets = {f.type.id: f for f in self.fleets}
        total = 0
        for fid, days in result.sequences.items():
            garage = fleets[fid].type.garage
            for seq in days:
                place = garage
                for j in seq:
                    job = self.jobs[j]
                    total += self.metres(place, job.station) + self.metres(job.station, job.plant)
                    place = job.plant
                total += self.metres(place, garage)
        return total

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
    metres_bound: int = 0
    """Metres no plan with this many trucks can beat (0: not known)."""
    assignment: dict[int, tuple[str, int, int]] = field(default_factory=dict)
    """Job → (truck type, truck position in its type, swap start): a start for a follow-up solve."""

    @property
    def found(self) -> bool:
        return self.status in ("OPTIMAL", "FEASIBLE")


def nearest_plant(scenario: Scenario, network: TravelNetwork, station: str) -> str:
    """The plant a station's containers go to: the nearest by road (ties: first listed)."""
    ids = [p.id for p in scenario.plants]
    metres = network.distance_m([station], ids)[0]
    return ids[int(metres.argmin())]


def build_problem(
    scenario: Scenario,
    containers: dict[str, list[Container]],
    network: TravelNetwork,
    *,
    slots: dict[str, int] | None = None,
    plant_close: dict[str, int] | None = None,
    shift_end: dict[str, int] | None = None,
    counts: dict[str, int] | None = None,
) -> HaulProblem:
    """The model's input; the keyword overrides relax one limit to find what a fix must be."""
    stations = {s.id: s for s in scenario.stations}
    jobs = []
    for sid, items in sorted(containers.items()):
        station = stations[sid]
        plant = nearest_plant(scenario, network, sid)
        limit = (slots or {}).get(sid, station.container_slots)
        for position, container in enumerate(items):
            deadline = swap_deadline(items, position, limit)
            jobs.append(Job(container, plant, round(station.swap_min * 60), deadline))
    jobs.sort(key=lambda job: (job.container.full_at, job.station, job.container.index))
    fleets = [
        Fleet(t, (counts or {}).get(t.id, t.count), (shift_end or {}).get(t.id, t.shift_end))
        for t in scenario.haul_fleet
    ]
    closes = {p.id: (plant_close or {}).get(p.id, p.close) for p in scenario.plants}
    return HaulProblem(jobs, fleets, {p.id: p for p in scenario.plants}, closes, network, scenario.travel.speed_kmh)
