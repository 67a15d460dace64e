"""The validator's container model: unloads fill containers in order; full ones wait until swapped."""

from __future__ import annotations

from tests.solve.haul_cases import one_station
from wasteopt.plan.models import Plan
from wasteopt.plan.validate_containers import Fill, Unload, container_payload_kg, fill, on_site, station_fills, station_unloads


def test_an_unload_that_does_not_fit_spills_into_the_next_container() -> None:
    unloads = [Unload(0, 600, 6000), Unload(1000, 1600, 6000), Unload(2000, 2600, 5000)]
    assert fill(unloads, 10000) == [Fill(1, 1600), Fill(2, 2600)]


def test_exactly_full_containers_and_no_empty_last_one() -> None:
    assert fill([Unload(0, 10, 5000), Unload(20, 30, 5000)], 5000) == [Fill(1, 10), Fill(2, 30)]


def test_the_one_station_day() -> None:
    # Unloads end 08:10, 10:10 and 12:10 with 6, 6 and 5 t; 10 t containers.
    sc, routes = one_station()
    plan = Plan(scenario=sc.name, routes=routes)
    assert [(u.start, u.end, u.kg) for u in station_unloads(sc, plan)["S1"]] == [
        (8 * 3600, 8 * 3600 + 600, 6000), (10 * 3600, 10 * 3600 + 600, 6000), (12 * 3600, 12 * 3600 + 600, 5000)
    ]
    assert station_fills(sc, plan) == {"S1": [Fill(1, 10 * 3600 + 600), Fill(2, 12 * 3600 + 600)]}


def test_payload_is_unlimited_without_a_haul_fleet() -> None:
    sc, _ = one_station()
    assert container_payload_kg(sc) == 10000
    assert container_payload_kg(sc.model_copy(update={"haul_fleet": []})) == float("inf")


def test_containers_on_site_over_the_day() -> None:
    fills = [Fill(1, 100), Fill(2, 200), Fill(3, 300)]
    # Container 1 leaves when container 2 is full (leaving first), container 3 is never picked up.
    assert on_site(fills, {1: 200, 2: 250}) == [(100, 1), (200, 1), (250, 0), (300, 1)]
