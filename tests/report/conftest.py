"""Small hand-built scenarios and engine plans for the report tests.

``tiny_scenario`` is a district of eight rooms (Chinese names) around Zhangdian with two small trucks
whose short shift forces several unload trips and both trucks; ``solved`` plans it with the engine
(a few hundred iterations, fixed seed) once per session. Every plan used here passes the validator.
"""

from __future__ import annotations

from functools import lru_cache

import pytest

from wasteopt.plan.models import Plan
from wasteopt.plan.validate import validate
from wasteopt.scenario.models import Garage, HaulTruckType, Plant, Room, Scenario, Station, Travel, VehicleType
from wasteopt.solve.engine import solve

VILLAGES = ["北沟村", "南定村", "东坪村", "西河村"]


def tiny_scenario(projected: bool = False, shift_end: int = 7 * 3600 + 1800) -> Scenario:
    """Eight rooms, two stations (and a candidate site), one garage, one plant, three small trucks."""

    def at(lat: float, lon: float) -> dict[str, float]:
        if projected:
            return {"x": 500_000 + (lon - 118.05) * 89_000, "y": 4_070_000 + (lat - 36.80) * 111_000}
        return {"lat": lat, "lon": lon}

    rooms = [
        Room(id=f"R{k:02d}", name=f"{VILLAGES[k % 4]}{k}号收集房", town="南定镇", village=VILLAGES[k % 4],
             waste_kg_per_day=200 + 40 * k, service_min=5, **at(36.80 + 0.01 * (k % 3) - 0.01, 118.02 + 0.008 * k))
        for k in range(1, 9)
    ]
    return Scenario(
        name="tiny",
        description="八个收集房 test district",
        travel=Travel(model="euclidean") if projected else Travel(),
        rooms=rooms,
        stations=[
            Station(id="S1", name="南定中转站", capacity_t_per_day=2.5, unload_min=10, **at(36.815, 118.03)),
            Station(id="S2", name="东坪中转站", capacity_t_per_day=4.0, unload_min=10, **at(36.79, 118.09)),
            Station(id="S9", name="候选站", capacity_t_per_day=3.0, status="candidate", **at(36.83, 118.07)),
        ],
        plants=[Plant(id="P1", name="张店焚烧厂", open=7 * 3600, close=18 * 3600, **at(36.85, 118.11))],
        garages=[Garage(id="G1", name="区环卫车库", **at(36.80, 118.05))],
        fleet=[VehicleType(id="c1t", count=3, garage="G1", capacity_kg=1000, fixed_cost=100, cost_per_km=2.0,
                           cost_per_hour=30.0, shift_end=shift_end)],
        haul_fleet=[HaulTruckType(id="H", count=1, garage="G1", container_payload_t=2.0)],
    )


@lru_cache(maxsize=None)
def solved(projected: bool = False, shift_end: int = 7 * 3600 + 1800) -> tuple[Scenario, Plan]:
    """The tiny scenario and the engine's plan for it (checked by the validator)."""
    scenario = tiny_scenario(projected, shift_end)
    plan = solve(scenario, iterations=200, seed=1)
    assert validate(scenario, plan) == []
    return scenario, plan


@pytest.fixture
def scenario() -> Scenario:
    """The tiny lat/lon scenario."""
    return solved()[0]


@pytest.fixture
def plan() -> Plan:
    """The engine's plan for the tiny scenario: two trucks, several unload trips, a haul."""
    return solved()[1]
