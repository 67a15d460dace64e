"""The station container model: fill order, splits, storage deadlines, slots needed, on-site series."""

from __future__ import annotations

from tests.solve.haul_cases import hm, one_station
from wasteopt.network.travel import TravelNetwork
from wasteopt.solve.haul.containers import (
    Container,
    UnloadEvent,
    containers_on_site,
    fill_containers,
    slots_needed,
    swap_deadline,
    unload_events,
)


def _event(start: str, end: str, kg: float) -> UnloadEvent:
    return UnloadEvent("S1", "c-01", hm(start), hm(end), kg)


def test_unload_events_read_start_and_end_from_the_route():
    sc, routes = one_station()
    events = unload_events(sc, routes)
    # Unload 10 min: the waste goes in from depart − 10 min (the truck arrived earlier) to depart.
    assert [(e.start, e.end, e.kg) for e in events["S1"]] == [
        (hm("08:00"), hm("08:10"), 6000.0),
        (hm("10:00"), hm("10:10"), 6000.0),
        (hm("12:00"), hm("12:10"), 5000.0),
    ]


def test_an_unload_is_split_across_two_containers():
    events = [_event("08:00", "08:10", 6000), _event("10:00", "10:10", 6000), _event("12:00", "12:10", 5000)]
    assert fill_containers(events, 10000) == [
        Container("S1", 1, 10000, hm("08:00"), hm("10:10")),
        Container("S1", 2, 7000, hm("10:00"), hm("12:10")),
    ]


def test_an_exact_fill_starts_the_next_container_at_the_next_unload():
    events = [_event("08:00", "08:10", 10000), _event("09:00", "09:10", 25000)]
    got = fill_containers(events, 10000)
    assert [(c.index, c.payload_kg, c.needed_from, c.full_at) for c in got] == [
        (1, 10000, hm("08:00"), hm("08:10")),
        (2, 10000, hm("09:00"), hm("09:10")),
        (3, 10000, hm("09:00"), hm("09:10")),
        (4, 5000, hm("09:00"), hm("09:10")),
    ]
    assert sum(c.payload_kg for c in got) == 35000


def test_swap_deadline_is_when_the_container_slots_later_is_needed():
    containers = [Container("S1", k, 10000, hm(f"0{k + 5}:00"), hm(f"0{k + 5}:10")) for k in range(1, 5)]
    # Slots 2: container 1 must be out when container 3 is needed (08:00); container 3 and 4: never.
    assert [swap_deadline(containers, p, 2) for p in range(4)] == [hm("08:00"), hm("09:00"), None, None]


def test_slots_needed_grows_until_each_container_can_leave_in_time():
    containers = [Container("S1", k, 10000, hm(f"0{k + 5}:00"), hm(f"0{k + 5}:10")) for k in range(1, 5)]
    # Container 1 leaves 08:20 at the earliest: container 3 (08:00) would not find a slot with 2,
    # container 4 (09:00) would with 3.
    assert slots_needed(containers, [hm("08:20"), hm("07:20"), hm("09:20"), hm("09:30")]) == 3
    assert slots_needed(containers, [hm("06:20"), hm("07:20"), hm("08:20"), hm("09:20")]) == 1


def test_full_containers_on_site_over_the_day():
    containers = [Container("S1", 1, 10000, hm("08:00"), hm("10:10")), Container("S1", 2, 7000, hm("10:00"), hm("12:10"))]
    series = containers_on_site(containers, {1: hm("11:00")})
    assert series == [(hm("10:10"), 1), (hm("11:00"), 0), (hm("12:10"), 1)]


def test_network_helper_matches_hand_figures():
    sc, _ = one_station()
    net = TravelNetwork(sc)
    assert net.leg("G", "S1", 36) == (6000, 600)
    assert net.leg("S1", "P", 36) == (12000, 1200)
