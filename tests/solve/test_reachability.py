"""Rooms no truck can serve: the shortlist of near stations and garages never changes the answer."""

from __future__ import annotations

import numpy as np

from tests.solve.scenarios import room, scenario, station, truck
from wasteopt.network import network_for
from wasteopt.scenario.models import Scenario
from wasteopt.solve.reachability import SHORTLIST_STATIONS, UNREACHABLE, unservable_rooms


def by_brute_force(sc: Scenario) -> set[str]:
    """Rooms with no (truck type, station) giving garage → room → station → garage within the shift."""
    net = network_for(sc)
    out = set()
    for r in sc.rooms:
        ok = False
        for vt in sc.fleet:
            speed = vt.speed_kmh or sc.travel.speed_kmh
            if r.max_vehicle_class is not None and vt.vehicle_class > r.max_vehicle_class:
                continue
            start = max(vt.shift_start + net.leg(vt.garage, r.id, speed)[1], r.tw_open or 0)
            if r.tw_close is not None and start > r.tw_close:
                continue
            for s in sc.stations:
                back = net.leg(r.id, s.id, speed)[1] + s.unload_min * 60 + net.leg(s.id, vt.garage, speed)[1]
                ok |= start + r.service_min * 60 + back <= vt.shift_end
        if not ok:
            out.add(r.id)
    return out


def test_a_room_served_only_through_a_far_station_is_found_servable() -> None:
    # The room's nearest stations all lie west, away from the garage; only the station on the way
    # home (east) makes the day fit.
    west = [station(f"W{k}", -1_000.0 - 100 * k, 0.0) for k in range(SHORTLIST_STATIONS + 2)]
    sc = scenario(
        [room("R", 0.0, 0.0, 10.0), room("FAR", 300_000.0, 0.0, 10.0)],
        west + [station("E", 30_000.0, 0.0)],
        [("G", 40_000.0, 0.0)],
        # out 4,000 s + 60 s service + back via E 3,000 + 300 + 1,000 s = 8,360 s; via W0 ≥ 10,400 s
        [truck("t", "G", 1_000.0, shift_start=6 * 3600, shift_end=6 * 3600 + 9_000)],
    )
    assert by_brute_force(sc) == {"FAR"}
    assert unservable_rooms(sc, network_for(sc), sc.rooms, sc.stations, sc.fleet) == {"FAR": UNREACHABLE}


def test_shortlist_and_brute_force_agree_on_random_districts() -> None:
    rng = np.random.default_rng(11)
    for trial in range(5):
        rooms = [room(f"R{k}", *rng.uniform(0, 60_000, 2), kg=10.0, tw_open=int(rng.integers(6, 9)) * 3600) for k in range(40)]
        stations = [station(f"S{k}", *rng.uniform(0, 60_000, 2), unload_min=float(rng.uniform(1, 30))) for k in range(12)]
        garages = [(f"G{k}", *rng.uniform(0, 60_000, 2)) for k in range(6)]
        fleet = [
            truck(f"T{k}", garages[k][0], 1_000.0, speed_kmh=float(rng.choice([20.0, 36.0])),
                  shift_start=6 * 3600, shift_end=6 * 3600 + int(rng.integers(2_000, 12_000)))
            for k in range(6)
        ]
        sc = scenario(rooms, stations, garages, fleet)
        got = unservable_rooms(sc, network_for(sc), sc.rooms, sc.stations, sc.fleet)
        assert set(got) == by_brute_force(sc), f"trial {trial}"
        assert 0 < len(got) < len(rooms), "the districts should mix servable and unservable rooms"


def test_load_and_access_reasons_come_first() -> None:
    sc = scenario(
        [room("HEAVY", 0.0, 0.0, 2_000.0), room("NARROW", 10.0, 0.0, 10.0, max_vehicle_class=1), room("OK", 20.0, 0.0, 10.0)],
        [station("S", 100.0, 0.0)],
        [("G", 0.0, 0.0)],
        [truck("t", "G", 1_000.0, vehicle_class=2)],
    )
    got = unservable_rooms(sc, network_for(sc), sc.rooms, sc.stations, sc.fleet)
    assert got == {
        "HEAVY": "too heavy for every vehicle that can reach it",
        "NARROW": "no vehicle of class ≤ 1 in the fleet (narrow access)",
    }
