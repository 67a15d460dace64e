"""Small hand-built scenarios for the what-if tests (projected x/y metres, euclidean travel)."""

from __future__ import annotations

import pytest

from wasteopt.scenario.models import Garage, Room, Scenario, Station, Travel, Variant, VehicleType


def rooms_around(village: str, x: float, y: float, n: int, kg: float, prefix: str) -> list[Room]:
    """``n`` rooms of one village on a small grid around (x, y), 400 m apart."""
    return [
        Room(id=f"{prefix}{k:02d}", x=x + 400 * (k % 3), y=y + 400 * (k // 3), village=village, town="T",
             waste_kg_per_day=kg, service_min=3)
        for k in range(n)
    ]


def truck(count: int = 3, capacity_kg: float = 2000) -> VehicleType:
    return VehicleType(id="V", count=count, garage="G1", capacity_kg=capacity_kg, shift_start="06:00",
                       shift_end="16:00", fixed_cost=100, cost_per_km=2.0, cost_per_hour=30.0, speed_kmh=30)


@pytest.fixture
def far_village() -> Scenario:
    """A village 25 km from the only station; candidate C1 sits in it, C2 and C3 lie far from everything."""
    rooms = rooms_around("Near", 1000, 1000, 8, 300, "N") + rooms_around("Far", 24000, 0, 6, 500, "F")
    stations = [
        Station(id="S1", x=0, y=1500, capacity_t_per_day=20),
        Station(id="C1", x=24400, y=200, capacity_t_per_day=10, status="candidate", build_cost=500_000, lifetime_years=20),
        Station(id="C2", x=-15000, y=15000, capacity_t_per_day=10, status="candidate", build_cost=400_000, lifetime_years=20),
        Station(id="C3", x=0, y=-20000, capacity_t_per_day=10, status="candidate", build_cost=300_000, lifetime_years=20),
    ]
    return Scenario(name="far-village", travel=Travel(model="euclidean", circuity=1.2, speed_kmh=30), rooms=rooms,
                    stations=stations, garages=[Garage(id="G1", x=0, y=0)], fleet=[truck()],
                    variants={"east": Variant(open=["C1"]), "more-trucks": Variant(fleet={"V": 5})})


@pytest.fixture
def two_stations() -> Scenario:
    """Two villages, each next to its own station; variants close one station or shrink the other."""
    rooms = rooms_around("West", -3000, 0, 6, 400, "W") + rooms_around("East", 3000, 0, 6, 400, "E")
    stations = [
        Station(id="S1", x=-3500, y=500, capacity_t_per_day=3),
        Station(id="S2", x=3500, y=500, capacity_t_per_day=3),
        Station(id="S3", x=0, y=3000, capacity_t_per_day=3),
    ]
    return Scenario(name="two-stations", travel=Travel(model="euclidean", circuity=1.2, speed_kmh=30), rooms=rooms,
                    stations=stations, garages=[Garage(id="G1", x=0, y=0)], fleet=[truck()],
                    variants={"s2-closed": Variant(close=["S2"]), "s1-closed": Variant(close=["S1"]),
                              "s2-and-s3-closed": Variant(close=["S2", "S3"]), "one-truck": Variant(fleet={"V": 1})})


@pytest.fixture(scope="session")
def pool():
    """One local process pool for the whole session (spawning workers is the slow part)."""
    from wasteopt.whatif.executors import make_executor

    executor = make_executor(None, workers=2)
    yield executor
    executor.shutdown(wait=True)
