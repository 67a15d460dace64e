"""What one container costs the haul from each station (wasteopt.solve.haul.price), worked by hand."""

from __future__ import annotations

import pytest

from tests.solve.scenarios import room, scenario, station, truck
from wasteopt.network import network_for
from wasteopt.scenario.models import HaulTruckType, Plant
from wasteopt.solve.haul.price import container_price


def test_a_container_costs_the_round_trip_to_the_nearest_plant() -> None:
    sc = scenario([room("R", 0, 0, 100)], [station("A", 2000, 0), station("B", 2000, 1000)], [("G", 0, 0)],
                  [truck("T", "G", 1000.0)])
    assert container_price(sc, network_for(sc), ["A", "B"]) is None  # no haul
    hauled = sc.model_copy(update={
        "plants": [Plant(id="P", x=20000, y=0), Plant(id="Q", x=-40000, y=0)],
        "haul_fleet": [HaulTruckType(id="H", count=1, garage="G", container_payload_t=1.2, cost_per_km=5.0,
                                     cost_per_hour=36.0, speed_kmh=36.0)],
    })
    price = container_price(hauled, network_for(hauled), ["A", "B"])
    assert price is not None and price.payload_kg == 1200
    per_km = 5.0 + 36.0 / 36.0  # distance cost plus an hour's cost per 36 km
    # distances in whole metres: 18,000 and 18,028
    assert price.yuan == pytest.approx([2 * 18.0 * per_km, 2 * 18.028 * per_km])
