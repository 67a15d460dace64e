"""Each hook-lift truck's day recomputed (the hand-checked one-station day, tests/plan/test_validate_haul.py):
G → S1 (6 km) → P (12 km) = 18 km, P → S1 → P = 24 km plus P → G 18 km = 42 km; 10:00–13:25."""

from __future__ import annotations

import pytest

from tests.plan.test_validate_haul import TRIP_1, TRIP_2
from tests.solve.haul_cases import one_station
from wasteopt.network.travel import TravelNetwork
from wasteopt.plan.validate_haul_days import truck_days


def test_the_one_station_day() -> None:
    sc, _ = one_station()
    (day,) = truck_days(sc, [TRIP_2, TRIP_1], TravelNetwork(sc))  # any order in the plan
    assert day.trips == [TRIP_1, TRIP_2]
    assert day.trip_km == [18.0, 42.0]
    assert day.hours == pytest.approx(205 / 60)
    assert day.cost == pytest.approx(300 + 60 * 2 + 205 / 60 * 50)
    assert day.co2_kg == pytest.approx(72.0)


def test_the_stated_distances_are_not_read() -> None:
    sc, _ = one_station()
    (day,) = truck_days(sc, [TRIP_1.model_copy(update={"distance_km": 1.0}), TRIP_2.model_copy(update={"distance_km": None})], TravelNetwork(sc))
    assert day.km == 60.0


def test_hours_end_at_the_arrival_when_back_is_not_stated() -> None:
    sc, _ = one_station()
    (day,) = truck_days(sc, [TRIP_1, TRIP_2.model_copy(update={"back": None})], TravelNetwork(sc))
    assert day.hours == pytest.approx(160 / 60)  # 10:00–12:40


@pytest.mark.parametrize("change", [{"truck": "X-01"}, {"station": "S9"}, {"plant": "Q"}, {"depart": "ten"}])
def test_trips_that_cannot_be_recomputed(change: dict[str, str]) -> None:
    sc, _ = one_station()
    assert truck_days(sc, [TRIP_1.model_copy(update=change), TRIP_2], TravelNetwork(sc)) is None
