"""A cheap estimate of what a station choice costs per day, for the facility-location model.

Routing cost is approximated by the *stem* distance: each room's waste makes ``waste / truckload``
truck trips' worth of a round trip between the room and the station it is unloaded at. The rest of a
route (driving between rooms, the legs to and from the garage) barely depends on which stations are
open, so it is left out of the model and the stem kilometres are calibrated against a real plan:
``alpha = real collection km / estimated km`` for the base configuration. A kilometre then costs the
fleet's average ``cost_per_km + cost_per_hour / speed`` (time follows distance). Where the scenario
has plants and haul trucks, each tonne also pays its station's container round trip to the nearest
plant, so the estimate covers the whole chain.

Rooms are grouped into *units* — a village's rooms (``town``/``village``), or a room alone when it
names no village — each assigned to one station as a whole: fewer variables, and trucks do serve a
village from one station in practice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from wasteopt.network import network_for
from wasteopt.solve.haul.price import container_price
from wasteopt.scenario.models import Scenario, Station
from wasteopt.whatif.kpis import annualised_per_day


@dataclass(frozen=True)
class CostModel:
    """Everything the location model needs, as arrays over units (rows) and stations (columns)."""

    station_ids: list[str]
    candidate: np.ndarray
    unit_ids: list[str]
    unit_rooms: list[list[str]]
    demand_kg: np.ndarray
    capacity_kg: np.ndarray
    stem_km: np.ndarray
    haul_cost: np.ndarray
    build_cost: np.ndarray
    build_per_day: np.ndarray
    cost_per_km: float
    truckload_kg: float

    def assignment_cost(self, alpha: float) -> np.ndarray:
        """Yuan per day of serving each unit from each station, with stem km scaled by ``alpha``."""
        return alpha * self.stem_km * self.cost_per_km + self.haul_cost


def village_units(scenario: Scenario) -> dict[str, list[str]]:
    """Room ids grouped by village (``town/village``); a room without a village is its own unit."""
    units: dict[str, list[str]] = defaultdict(list)
    for room in scenario.rooms:
        key = f"{room.town}/{room.village}" if room.village else f"room:{room.id}"
        units[key].append(room.id)
    return dict(units)


def build_cost_model(scenario: Scenario, candidates: Sequence[Station]) -> CostModel:
    """The cost model over the scenario's stations in use plus the given candidate sites."""
    stations = [*scenario.active_stations, *candidates]
    ids = [s.id for s in stations]
    units = village_units(scenario)
    network = network_for(scenario)
    room_ids = [r for rooms in units.values() for r in rooms]
    weight = {r.id: r.waste_kg_per_day for r in scenario.rooms}
    w = np.array([weight[r] for r in room_ids], dtype=float)
    owner = np.repeat(np.arange(len(units)), [len(v) for v in units.values()])
    truckload = _truckload_kg(scenario)
    per_room = 2.0 * network.distance_m(room_ids, ids) / 1000.0 * (w / truckload)[:, None]
    stem = np.zeros((len(units), len(ids)))
    np.add.at(stem, owner, per_room)
    demand = np.bincount(owner, weights=w, minlength=len(units))
    build = np.array([(s.build_cost or 0.0) if s.status == "candidate" else 0.0 for s in stations])
    life = [s.lifetime_years for s in stations]
    return CostModel(
        station_ids=ids,
        candidate=np.array([s.status == "candidate" for s in stations]),
        unit_ids=list(units),
        unit_rooms=list(units.values()),
        demand_kg=demand,
        capacity_kg=np.array([s.capacity_t_per_day * 1000.0 for s in stations]),
        stem_km=stem,
        haul_cost=demand[:, None] * haul_cost_per_kg(scenario, ids)[None, :],
        build_cost=build,
        build_per_day=np.array([annualised_per_day(b, lt, scenario.planning.discount_rate) for b, lt in zip(build, life)]),
        cost_per_km=_cost_per_km(scenario),
        truckload_kg=truckload,
    )


def _truckload_kg(scenario: Scenario) -> float:
    """The fleet's average payload, weighted by how many trucks of each type there are."""
    counts = np.array([max(vt.count, 0) for vt in scenario.fleet], dtype=float)
    caps = np.array([vt.capacity_kg for vt in scenario.fleet], dtype=float)
    return float((counts @ caps) / counts.sum()) if counts.sum() > 0 else float(caps.mean())


def _cost_per_km(scenario: Scenario) -> float:
    """Yuan per collection km: distance cost plus the hourly cost of the time it takes."""
    speed = scenario.travel.speed_kmh
    per_km = [vt.cost_per_km + vt.cost_per_hour / (vt.speed_kmh or speed) for vt in scenario.fleet]
    counts = np.array([max(vt.count, 0) for vt in scenario.fleet], dtype=float)
    return float(np.average(per_km, weights=counts)) if counts.sum() > 0 else float(np.mean(per_km))


def haul_cost_per_kg(scenario: Scenario, station_ids: list[str]) -> np.ndarray:
    """Yuan per kg for the container round trip from each station to its nearest plant (0 without a haul)."""
    price = container_price(scenario, network_for(scenario), station_ids)
    return np.zeros(len(station_ids)) if price is None else price.yuan / price.payload_kg
