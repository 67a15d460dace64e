"""Each hook-lift truck's day, recomputed: km from the travel network, hours, cost and CO₂.

The haul echelon's totals in a plan's ``kpis`` (``haul_cost``, ``haul.km`` ...) are checked against
these figures, never against what the trips state. Definitions (the plan contract's, see the haul
module's docstring): a truck drives garage → station → plant → next station → plant ... → garage; a
trip's km are the drive to its station and on to its plant, a truck's last trip also counts the drive
home. Hours on duty run from the truck's first departure to its last return (``back``, else the
arrival at the plant) — times the haul rules check against driving, swapping and tipping. Cost =
fixed cost + km × cost per km + hours × cost per hour of the truck's type; CO₂ = km × its factor.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from wasteopt.network.travel import TravelNetwork
from wasteopt.plan.models import HaulTrip
from wasteopt.scenario.models import HaulTruckType, Scenario, parse_clock


@dataclass(frozen=True)
class TruckDay:
    """One hook-lift truck's trips in driving order, with the recomputed km of each."""

    truck: str
    htype: HaulTruckType
    trips: list[HaulTrip]
    trip_km: list[float]
    hours: float

    @property
    def km(self) -> float:
        """Kilometres driven over the day, the drive home included."""
        return sum(self.trip_km)

    @property
    def cost(self) -> float:
        """The truck's day at its type's raw rates."""
        return self.htype.fixed_cost + self.km * self.htype.cost_per_km + self.hours * self.htype.cost_per_hour

    @property
    def co2_kg(self) -> float:
        """Emissions: km × the type's factor."""
        return self.km * self.htype.co2_kg_per_km


def trip_metres(network: TravelNetwork, start: str, trip: HaulTrip, home: str | None) -> int:
    """A trip's drive: ``start`` (garage or previous plant) → its station → its plant (→ ``home``)."""
    metres = network.distance_m([start], [trip.station])[0, 0] + network.distance_m([trip.station], [trip.plant])[0, 0]
    if home is not None:
        metres += network.distance_m([trip.plant], [home])[0, 0]
    return int(metres)


def truck_days(scenario: Scenario, trips: list[HaulTrip], network: TravelNetwork) -> list[TruckDay] | None:
    """Every truck's day, or None when a trip names a truck, station or plant the scenario lacks, or
    has an unreadable time (the haul rules report those; the days cannot be recomputed)."""
    types = {vid: t for t in scenario.haul_fleet for vid in t.vehicle_ids()}
    stations = {s.id for s in scenario.active_stations}
    plants = {p.id for p in scenario.plants}
    if any(t.truck not in types or t.station not in stations or t.plant not in plants for t in trips):
        return None
    by_truck: dict[str, list[HaulTrip]] = defaultdict(list)
    for trip in trips:
        by_truck[trip.truck].append(trip)
    try:
        return [_day(network, truck, types[truck], day) for truck, day in by_truck.items()]
    except ValueError:
        return None


def _day(network: TravelNetwork, truck: str, htype: HaulTruckType, trips: list[HaulTrip]) -> TruckDay:
    """One truck's day; raises ValueError on an unreadable time."""
    ordered = sorted(trips, key=lambda t: (parse_clock(t.depart), parse_clock(t.arrive)))
    km, place = [], htype.garage
    for k, trip in enumerate(ordered):
        home = htype.garage if k == len(ordered) - 1 else None
        km.append(trip_metres(network, place, trip, home) / 1000)
        place = trip.plant
    start = min(parse_clock(t.depart) for t in ordered)
    end = max(parse_clock(t.back or t.arrive) for t in ordered)
    return TruckDay(truck, htype, ordered, km, (end - start) / 3600)
