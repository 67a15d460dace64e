"""What the haul charges for one container from each station: the price collection pays for packing.

Every container a station fills is one hook-lift round trip to the plant (the last, part-full one
too: everything leaves the station the same day). So where collection trucks unload decides the haul's
work: 10.1 t at a station of 5 t containers is three trips, 9.9 t two. The station assignment
(:mod:`wasteopt.solve.stations.assign`) uses this price to fill containers rather than start new ones,
and the site estimate (:mod:`wasteopt.whatif.estimate`) spreads it over the kilograms a container holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from wasteopt.network.travel import TravelNetwork
from wasteopt.scenario.models import Scenario


@dataclass(frozen=True)
class ContainerPrice:
    """The payload of a container and the yuan one container trip costs from each station."""

    payload_kg: float
    yuan: np.ndarray


def container_price(scenario: Scenario, network: TravelNetwork, station_ids: Sequence[str]) -> ContainerPrice | None:
    """The round trip to the nearest plant, on the haul's roads, at the haul fleet's mean yuan per km
    (distance cost plus the hourly cost of the time it takes); None without a haul."""
    if not scenario.plants or not scenario.haul_fleet or not station_ids:
        return None
    trucks = scenario.haul_fleet
    km = network.for_haul().distance_m(list(station_ids), [p.id for p in scenario.plants]).min(axis=1) / 1000.0
    speed = scenario.travel.speed_kmh
    per_km = float(np.mean([h.cost_per_km + h.cost_per_hour / (h.speed_kmh or speed) for h in trucks]))
    payload_kg = float(np.mean([h.container_payload_t for h in trucks])) * 1000.0
    return ContainerPrice(payload_kg, 2.0 * km * per_km)
