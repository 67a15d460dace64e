"""Rooms no truck can serve: the shortlist of near stations and garages never changes the answer,
station hours count, and each kind of obstacle gets its own reason with the figures."""

from __future__ import annotations

import numpy as np

from tests.solve.scenarios import room, scenario, station, truck
from wasteopt.network import network_for
from wasteopt.scenario.models import Scenario
from wasteopt.solve.collection.reachability import (
    NO_SINGLE_VEHICLE,
    SHORTLIST_STATIONS,
    TOO_BULKY,
    TOO_HEAVY,
    narrow,
    unservable_rooms,
)

H = 3600


def by_brute_force(sc: Scenario) -> set[str]:
    """Rooms with no (truck type, station) giving garage → room → station → garage within the shift,
    the room's window and the station's hours (waiting for an opening, unloading by the closing)."""
    net = network_for(sc)
    out = set()
    for r in sc.rooms:
        ok = False
        for vt in sc.fleet:
            speed = vt.speed_kmh or sc.travel.speed_kmh
            if r.max_vehicle_class is not None and vt.vehicle_class > r.max_vehicle_class:
                continue
            if vt.capacity_kg < r.waste_kg_per_day:
                continue
            start = max(vt.shift_start + net.leg(vt.garage, r.id, speed)[1], r.tw_open or 0)
            if r.tw_close is not None and start > r.tw_close:
                continue
            for s in sc.stations:
                unload = max(start + r.service_min * 60 + net.leg(r.id, s.id, speed)[1], s.open)
                back = unload + s.unload_min * 60 + net.leg(s.id, vt.garage, speed)[1]
                ok |= unload <= s.close and back <= vt.shift_end
        if not ok:
            out.add(r.id)
    return out


def screen(sc: Scenario) -> dict[str, str]:
    return unservable_rooms(sc, network_for(sc), sc.rooms, sc.stations, sc.fleet)


def test_a_room_served_only_through_a_far_station_is_found_servable() -> None:
    # The room's nearest stations all lie west, away from the garage; only the station on the way
    # home (east) makes the day fit.
    west = [station(f"W{k}", -1_000.0 - 100 * k, 0.0) for k in range(SHORTLIST_STATIONS + 2)]
    sc = scenario(
        [room("R", 0.0, 0.0, 10.0), room("FAR", 300_000.0, 0.0, 10.0)],
        west + [station("E", 30_000.0, 0.0)],
        [("G", 40_000.0, 0.0)],
        # out 4,000 s + 60 s service + back via E 3,000 + 300 + 1,000 s = 8,360 s; via W0 ≥ 10,400 s
        [truck("t", "G", 1_000.0, shift_start=6 * H, shift_end=6 * H + 9_000)],
    )
    assert by_brute_force(sc) == {"FAR"}
    # FAR: out 26,000 s + 60 s + to E 27,000 s + 300 s + home 1,000 s = 54,360 s = 15.1 h
    assert screen(sc) == {
        "FAR": "too far: the shortest round trip garage → room → station → garage takes 15.1 h, the longest shift is 2.5 h"
    }


def test_shortlist_and_brute_force_agree_on_random_districts() -> None:
    rng = np.random.default_rng(11)
    for trial in range(5):
        rooms = [room(f"R{k}", *rng.uniform(0, 60_000, 2), kg=10.0, tw_open=int(rng.integers(6, 9)) * H) for k in range(40)]
        stations = [
            station(f"S{k}", *rng.uniform(0, 60_000, 2), unload_min=float(rng.uniform(1, 30)),
                    open=(opens := int(rng.integers(5, 9)) * H), close=opens + int(rng.integers(1, 4)) * H)
            for k in range(12)
        ]
        garages = [(f"G{k}", *rng.uniform(0, 60_000, 2)) for k in range(6)]
        fleet = [
            truck(f"T{k}", garages[k][0], 1_000.0, speed_kmh=float(rng.choice([20.0, 36.0])),
                  shift_start=6 * H, shift_end=6 * H + int(rng.integers(2_000, 12_000)))
            for k in range(6)
        ]
        sc = scenario(rooms, stations, garages, fleet)
        got = screen(sc)
        assert set(got) == by_brute_force(sc), f"trial {trial}"
        assert 0 < len(got) < len(rooms), "the districts should mix servable and unservable rooms"


def test_load_and_access_reasons_come_first() -> None:
    sc = scenario(
        [room("HEAVY", 0.0, 0.0, 2_000.0), room("NARROW", 10.0, 0.0, 10.0, max_vehicle_class=1), room("OK", 20.0, 0.0, 10.0)],
        [station("S", 100.0, 0.0)],
        [("G", 0.0, 0.0)],
        [truck("t", "G", 1_000.0, vehicle_class=2)],
    )
    assert screen(sc) == {
        "HEAVY": "too heavy for every vehicle that can reach it",
        "NARROW": "no vehicle of class ≤ 1 in the fleet (narrow access)",
    }
    assert (TOO_HEAVY, narrow(1)) == (screen(sc)["HEAVY"], screen(sc)["NARROW"])


def test_volume_reasons() -> None:
    sc = scenario(
        [room("BULKY", 0.0, 0.0, 100.0, volume_m3_per_day=30.0), room("MIXED", 10.0, 0.0, 2_000.0, volume_m3_per_day=10.0),
         room("OK", 20.0, 0.0, 2_000.0, volume_m3_per_day=4.0)],
        [station("S", 100.0, 0.0)],
        [("G", 0.0, 0.0)],
        [truck("dense", "G", 3_000.0, capacity_m3=5.0), truck("light", "G", 1_000.0, capacity_m3=20.0)],
    )
    assert screen(sc) == {"BULKY": TOO_BULKY, "MIXED": NO_SINGLE_VEHICLE}
    assert (TOO_BULKY, NO_SINGLE_VEHICLE) == (
        "too bulky for every vehicle that can reach it", "no vehicle that can reach it carries both its weight and its volume")


def test_a_room_is_judged_only_by_the_trucks_that_can_carry_it() -> None:
    # The small truck at the near garage cannot carry HEAVY; the big one is 500 km away.
    sc = scenario(
        [room("HEAVY", 1_000.0, 0.0, 2_000.0)],
        [station("S", 0.0, 1_000.0)],
        [("NEAR", 0.0, 0.0), ("FAR", 500_000.0, 0.0)],
        [truck("small", "NEAR", 1_000.0), truck("big", "FAR", 3_000.0)],
    )
    # big: out 49,900 s + 60 s + to S 141 s + unload 300 s + home 50,001 s = 100,402 s = 27.9 h
    assert screen(sc) == {
        "HEAVY": "too far: the shortest round trip garage → room → station → garage takes 27.9 h, the longest shift is 8.0 h"
    }


def test_each_obstacle_has_its_own_reason() -> None:
    # One garage, one station beside it, trucks 06:00–14:00 at 36 km/h (10 m/s).
    sc = scenario(
        [
            room("OK", 2_000.0, 0.0, 10.0),
            room("FAR", 1_500_000.0, 0.0, 10.0),
            room("NIGHT", 2_000.0, 0.0, 10.0, tw_open=2 * H, tw_close=3 * H),
            room("SLOW", 2_000.0, 0.0, 10.0, service_min=900.0),
            room("EARLY", 15_000.0, 0.0, 10.0, tw_open=5 * H, tw_close=6 * H + 600),
        ],
        [station("S", 1_000.0, 0.0)],
        [("G", 0.0, 0.0)],
        [truck("t", "G", 1_000.0)],
    )
    assert screen(sc) == {
        # out 150,000 s + 60 s + to S 149,900 s + unload 300 s + home 100 s = 300,360 s = 83.4 h → 83.5 h
        "FAR": "too far: the shortest round trip garage → room → station → garage takes 83.5 h, the longest shift is 8.0 h",
        "NIGHT": "opening hours 02:00–03:00 lie outside every shift (earliest 06:00–14:00)",
        "SLOW": "service takes 900 min, longer than any shift (480 min)",
        # 15 km at 10 m/s: 1,500 s after 06:00
        "EARLY": "closes 06:10, the earliest truck arrives 06:25",
    }


def test_a_room_whose_stations_are_closed_when_a_truck_gets_there_is_unservable() -> None:
    # Both stations close at 07:00; the truck leaves at 06:00 and reaches FARAWAY after 1.5 h.
    sc = scenario(
        [room("NEAR", 1_000.0, 0.0, 10.0), room("FARAWAY", 54_000.0, 0.0, 10.0)],
        [station("N", 0.0, 1_000.0, close=7 * H), station("S", 55_000.0, 0.0, close=7 * H)],
        [("G", 0.0, 0.0)],
        [truck("t", "G", 1_000.0, shift_start=6 * H)],
    )
    assert by_brute_force(sc) == {"FARAWAY"}
    # at FARAWAY 07:30, emptied 07:31, at S 100 s later: 07:32:40, shown rounded up
    assert screen(sc) == {
        "FARAWAY": "every station is closed by the time a truck could unload (earliest arrival 07:33 at S, which closes 07:00)"
    }


def test_a_station_opening_too_late_to_be_back_in_the_shift() -> None:
    sc = scenario(
        [room("R", 1_000.0, 0.0, 10.0)],
        [station("L", 0.0, 1_000.0, open=13 * H + 55 * 60, close=20 * H)],
        [("G", 0.0, 0.0)],
        [truck("t", "G", 1_000.0)],
    )
    # waits for 13:55, unloads 5 min, 100 s home: 14:01:40
    assert screen(sc) == {
        "R": "no station opens early enough: waiting for L to open at 13:55, a truck is back at its garage at 14:02, "
             "after its shift ends at 14:00"
    }


def test_a_room_opening_too_late_in_the_shift() -> None:
    sc = scenario(
        [room("R", 1_000.0, 0.0, 10.0, tw_open=13 * H + 50 * 60, tw_close=14 * H)],
        [station("S", 0.0, 1_000.0)],
        [("G", 0.0, 0.0)],
        [truck("t", "G", 1_000.0)],
    )
    # 13:50 + 60 s + 141 s to S + 300 s unload + 100 s home = 14:00:01
    assert screen(sc) == {
        "R": "opening hours 13:50–14:00 leave no time to unload and return: the earliest a truck is back is 14:01, "
             "its shift ends 14:00"
    }


def test_too_far_when_the_fast_trucks_have_the_short_shifts() -> None:
    sc = scenario(
        [room("R", 30_000.0, 0.0, 10.0)],
        [station("S", 0.0, 1.0)],
        [("G", 0.0, 0.0)],
        [truck("fast", "G", 1_000.0, speed_kmh=36.0, shift_end=7 * H), truck("slow", "G", 1_000.0, speed_kmh=18.0, shift_end=9 * H)],
    )
    # fast: 3,000 + 60 + 3,000 + 300 s = 1.8 h in a 1 h shift; slow: 6,000 + 60 + 6,000 + 300 s = 3.5 h in 3 h
    assert screen(sc) == {
        "R": "too far: every truck type's shortest round trip garage → room → station → garage is longer than its "
             "shift (closest: slow takes 3.5 h, its shift is 3.0 h)"
    }
