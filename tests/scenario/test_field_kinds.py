"""Which fields are clock times and which are text, read from the models' annotations."""

from __future__ import annotations

from wasteopt.scenario.field_kinds import CLOCK, OTHER, TEXT, field_kinds
from wasteopt.scenario.models import HaulTruckType, Room, Station


def test_kinds_of_room_station_and_haul_fields() -> None:
    room = field_kinds(Room)
    assert (room["tw_open"], room["tw_close"]) == (CLOCK, CLOCK)  # optional clock times (ClockTime | None)
    assert (room["id"], room["name"], room["town"]) == (TEXT, TEXT, TEXT)
    assert (room["waste_kg_per_day"], room["lat"], room["max_vehicle_class"]) == (OTHER, OTHER, OTHER)
    station = field_kinds(Station)
    assert (station["open"], station["close"], station["status"]) == (CLOCK, CLOCK, TEXT)  # status: a choice of words
    haul = field_kinds(HaulTruckType)
    assert (haul["shift_start"], haul["garage"], haul["count"]) == (CLOCK, TEXT, OTHER)
