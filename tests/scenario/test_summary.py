"""What ``wasteopt check`` says about a scenario: the fleet lines name breaks and daily limits where set."""

from __future__ import annotations

from wasteopt.scenario.models import Break, Garage, Room, Scenario, Station, VehicleType
from wasteopt.scenario.summary import breaks_text, limits_text, summary_lines


def _scenario(*fleet: VehicleType) -> Scenario:
    return Scenario(
        name="small", rooms=[Room(id="R1", lat=36.8, lon=118.0, waste_kg_per_day=100)],
        stations=[Station(id="S1", lat=36.81, lon=118.01, capacity_t_per_day=10)],
        garages=[Garage(id="G1", lat=36.8, lon=118.02)], fleet=list(fleet),
    )


def _truck(**more: object) -> VehicleType:
    return VehicleType(id="small", count=2, garage="G1", capacity_kg=1500, **more)  # type: ignore[arg-type]


def test_fleet_line_names_breaks_and_limits_where_set() -> None:
    limited = _truck(breaks=[Break(duration_min=15, earliest="09:00", latest="09:00"),
                             Break(duration_min=60, earliest="11:00", latest="13:00")],
                     max_trips=4, max_kg_per_day=6000, max_stops=120, max_km_per_day=200, max_duty_hours=9)
    plain = VehicleType(id="big", count=1, garage="G1", capacity_kg=3000, vehicle_class=2)
    lines = summary_lines(_scenario(limited, plain))
    assert "    small: 2 × 1500 kg, class 1, garage G1; break 15 min starting 09:00, break 60 min starting 11:00–13:00; "\
           "≤ 4 trips, ≤ 6,000 kg/day, ≤ 120 rooms/day, ≤ 200 km/day, ≤ 9 h duty" in lines
    assert "    big: 1 × 3000 kg, class 2, garage G1" in lines


def test_only_what_is_set_is_named() -> None:
    assert breaks_text(_truck()) == limits_text(_truck()) == ""
    assert limits_text(_truck(max_trips=1, max_kg_per_day=7500.5)) == "≤ 1 trip, ≤ 7,500.5 kg/day"
    assert limits_text(_truck(max_stops=1, max_duty_hours=8.5)) == "≤ 1 room/day, ≤ 8.5 h duty"
    assert breaks_text(_truck(breaks=[Break(duration_min=7.5, earliest="10:30:30", latest="26:00")])) == \
        "break 7.5 min starting 10:30:30–26:00"
    line = next(k for k in summary_lines(_scenario(_truck(max_km_per_day=120))) if k.startswith("    small"))
    assert line == "    small: 2 × 1500 kg, class 1, garage G1; ≤ 120 km/day"
