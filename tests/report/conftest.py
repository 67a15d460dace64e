"""Small hand-built scenarios and engine plans for the report tests.

``tiny_scenario`` is a district of eight rooms (Chinese names) around Zhangdian with two small trucks
whose short shift forces several unload trips and both trucks; ``solved`` plans it with the engine
(a few hundred iterations, fixed seed) once per session. Every plan used here passes the validator.

``break_plan`` is a hand-made plan (no solve) on the tiny scenario whose trucks take driver breaks and
have daily limits: every place a break can be taken (en route, at a room after its service, at a
station after unloading, at the next room waiting to serve it). ``many_trucks_plan`` repeats its two
days under 17 names, for the printed report (no solve either).
"""

from __future__ import annotations

from functools import lru_cache

import pytest

from wasteopt.plan.models import LowerBound, Plan, Route, Stop
from wasteopt.plan.validate import validate
from wasteopt.scenario.models import Break, Garage, HaulTruckType, Plant, Room, Scenario, Station, Travel, VehicleType
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


def break_scenario() -> Scenario:
    """The tiny scenario, its trucks owing a 15-minute and a 60-minute break, with daily limits."""
    scenario = tiny_scenario()
    vtype = scenario.fleet[0].model_copy(update={
        "breaks": (Break(duration_min=15, earliest=6 * 3600, latest=7 * 3600),
                   Break(duration_min=60, earliest=7 * 3600, latest=9 * 3600)),
        "max_trips": 4, "max_kg_per_day": 600, "max_duty_hours": 9, "shift_end": 14 * 3600,
    })
    return scenario.model_copy(update={"fleet": [vtype]})


def break_plan() -> tuple[Scenario, Plan]:
    """Two trucks with breaks. ``c1t-01``: G1 → R01 → break en route → R02 → S1 → break at S1 → G1.
    ``c1t-02``: G1 → R03 → break at R03 → R05 (arrives 06:40, breaks there 07:00–08:00, then
    serves it) → S2 → G1, collecting 700 kg against a 600 kg limit."""

    def stop(kind: str, ident: str, arrive: str | None, depart: str | None, load: float, **more: object) -> Stop:
        return Stop(kind=kind, id=ident, arrive=arrive, depart=depart, load_kg=load, **more)  # type: ignore[arg-type]

    first = [
        stop("garage", "G1", None, "06:00:00", 0),
        stop("room", "R01", "06:10:00", "06:15:00", 240, collected_kg=240),
        stop("break", "break-1", "06:20:00", "06:35:00", 240),
        stop("room", "R02", "06:45:00", "06:50:00", 520, collected_kg=280),
        stop("station", "S1", "07:00:00", "07:10:00", 0, unloaded_kg=520),
        stop("break", "break-2", "07:10:00", "08:10:00", 0, at="S1"),
        stop("garage", "G1", "08:20:00", None, 0),
    ]
    second = [
        stop("garage", "G1", None, "06:00:00", 0),
        stop("room", "R03", "06:10:00", "06:15:00", 320, collected_kg=320),
        stop("break", "break-1", "06:15:00", "06:30:00", 320, at="R03"),
        stop("break", "break-2", "07:00:00", "08:00:00", 320, at="R05"),
        stop("room", "R05", "06:40:00", "08:05:00", 700, collected_kg=380),
        stop("station", "S2", "08:20:00", "08:30:00", 0, unloaded_kg=700),
        stop("garage", "G1", "08:45:00", None, 0),
    ]
    routes = [Route(vehicle=f"c1t-0{k}", vehicle_type="c1t", garage="G1", distance_km=12.5 + k, duration_h=2.5,
                    cost=150.0, stops=stops, unload_trips=1) for k, stops in ((1, first), (2, second))]
    return break_scenario(), Plan(scenario="tiny", routes=routes)


def many_trucks_plan(trucks: int = 17) -> tuple[Scenario, Plan]:
    """A report-only plan (no solve, not a valid plan: rooms repeat) with ``trucks`` trucks, each driving
    one of :func:`break_plan`'s two days under its own name, and a lower bound: enough rows that the
    route table, the truck list and the timeline run past one printed page."""
    scenario, plan = break_plan()
    routes = [plan.routes[k % 2].model_copy(update={"vehicle": f"c1t-{k + 1:02d}"}) for k in range(trucks)]
    fleet = [scenario.fleet[0].model_copy(update={"count": trucks})]
    bound = LowerBound(distance_km=9.0 * trucks, cost=110.0 * trucks, method="incoming edges")
    return scenario.model_copy(update={"fleet": fleet}), plan.model_copy(update={"routes": routes, "lower_bound": bound})
