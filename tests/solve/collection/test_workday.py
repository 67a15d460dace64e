"""The search's view of breaks and daily limits, and the exact checks of a day's limits."""

from __future__ import annotations

import numpy as np

from tests.solve.scenarios import truck
from wasteopt.scenario.models import Break
from wasteopt.solve.collection.workday import (
    limit_breach,
    limits_reached,
    search_capacity_kg,
    search_close,
    search_max_trips,
    search_shift_end,
)

H = 3600
LUNCH = Break(duration_min=60, earliest="11:00", latest="13:00")


def test_the_search_sees_the_shift_less_the_breaks_owed_before_its_end() -> None:
    """06:00–14:00 with lunch: back by 13:00; a break that could only start after 14:00 is never owed."""
    assert search_shift_end(truck("T", "G", 1000.0, breaks=(LUNCH,))) == 13 * H
    late = Break(duration_min=30, earliest="14:00", latest="15:00")
    assert search_shift_end(truck("T", "G", 1000.0, breaks=(late,))) == 14 * H
    assert search_shift_end(truck("T", "G", 1000.0, breaks=(LUNCH,), max_duty_hours=6)) == 11 * H


def test_windows_closing_after_a_break_may_start_close_earlier_for_the_search() -> None:
    vt = truck("T", "G", 1000.0, breaks=(LUNCH,))
    opens = np.array([0, 0, 11 * H + 1800])
    closes = np.array([10 * H, 12 * H, 12 * H])
    # before the break: unchanged; after it may start: an hour earlier, but never before opening
    assert search_close(opens, closes, vt).tolist() == [10 * H, 11 * H, 11 * H + 1800]


def test_the_search_payload_and_trips_follow_the_daily_limits() -> None:
    assert search_capacity_kg(truck("T", "G", 1000.0, max_kg_per_day=600)) == 600
    assert search_capacity_kg(truck("T", "G", 1000.0)) == 1000
    assert search_capacity_kg(truck("T", "G", 280.0, max_kg_per_day=400)) == 200  # two trips of 200
    assert search_capacity_kg(truck("T", "G", 300.0, max_kg_per_day=1000, max_trips=2)) == 300
    assert search_max_trips(truck("T", "G", 1000.0, max_kg_per_day=2500)) == 3
    assert search_max_trips(truck("T", "G", 1000.0, max_kg_per_day=2500, max_trips=2)) == 2
    assert search_max_trips(truck("T", "G", 1000.0)) is None


def test_the_first_limit_broken_and_where() -> None:
    kinds = ["room", "room", "station", "room", "station"]
    kg = np.array([300, 300, 0, 300, 0])
    assert limit_breach(truck("T", "G", 1000.0, max_kg_per_day=900), kinds, kg, None, 0) is None
    assert limit_breach(truck("T", "G", 1000.0, max_kg_per_day=899), kinds, kg, None, 0) == (3, "max_kg_per_day")
    assert limit_breach(truck("T", "G", 1000.0, max_stops=2), kinds, kg, None, 0) == (3, "max_stops")
    assert limit_breach(truck("T", "G", 1000.0, max_trips=1), kinds, kg, None, 0) == (4, "max_trips")
    assert limit_breach(truck("T", "G", 1000.0, max_km_per_day=10), kinds, kg, 10.5, 0) == (5, "max_km_per_day")
    assert limit_breach(truck("T", "G", 1000.0, max_duty_hours=2), kinds, kg, None, 2 * H + 1) == (5, "max_duty_hours")
    assert limit_breach(truck("T", "G", 1000.0, max_duty_hours=2), kinds, kg, None, 2 * H) is None


def test_limits_reached_when_nothing_more_fits() -> None:
    vt = truck("T", "G", 1000.0, max_kg_per_day=900, max_stops=3, max_trips=3)
    kinds = ["room", "room", "station", "room", "station"]
    assert limits_reached(vt, kinds, 900, 1) == ["max_kg_per_day", "max_stops"]
    assert limits_reached(vt, kinds[:2] + ["station"], 600, 300) == []
