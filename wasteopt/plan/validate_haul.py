"""Validator rules for the haul (stations → plant).

Recomputes everything from the scenario, the travel network and the plan (no engine code): each
station's unloads are replayed from the collection routes against the haul's pickups. Rules, one
stable code each:

- ``haul-unknown``: a trip's truck, truck type, station or plant is not in the scenario;
- ``haul-payload``: a container carries more than its truck type's ``container_payload_t`` (or nothing);
- ``haul-container``: the same container number hauled twice from one station;
- ``haul-time-format``: a time that is not ``HH:MM:SS`` (``pickup`` and ``unload`` may be left out:
  then the latest pickup and the earliest tipping consistent with ``arrive`` are assumed);
- ``haul-travel-time``: at the station before the drive from the garage / previous plant allows, at
  the plant before the swap and the drive allow, or ``back`` (at the next station, or home after the
  last trip) before tipping and the drive allow;
- ``haul-plant-hours``: tipping starts before arrival, before the plant opens or after it closes;
- ``haul-shift``: out of the garage before the shift starts, or home (at the earliest, or at the
  stated ``back``) after it ends;
- ``haul-overlap``: a truck leaves for a trip before it has finished tipping the previous container;
- ``haul-distance``: a trip's ``distance_km`` differs from the recomputed drive (to the station, on to
  the plant, and home after a truck's last trip);
- ``haul-early-pickup``: a container taken before the unloads that fill it are done;
- ``haul-storage``: a station needs a container while all its slots hold full ones;
- ``haul-plant-capacity``: a plant receives more than its daily capacity;
- ``mass-balance``: tonnes collected (rooms served) ≠ transferred (unloaded at stations), or a
  station's haul delivers more than it received — to the kilogram.

Nothing in the plan excuses a rule: its diagnostics are not read. Waste a station received and the
haul did not take away breaks no rule but leaves the plan *incomplete*
(:func:`wasteopt.plan.validate_shortfall.shortfall` says how much, per station); so does a plan that
hauls nothing at all although the scenario has a haul fleet.

Container model: the same as the engine's, written again on purpose (see
:mod:`wasteopt.plan.validate_containers`): a station's containers fill in unload order, the ``k``-th
holding the ``k``-th trip's payload (trips ordered by container number). A container is full when the
unloads reach its share; it needs a slot from the first unload that puts waste into it; a picked
container frees its slot when the swap ends (pickup + swap time).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from wasteopt.network.travel import TravelNetwork
from wasteopt.plan.models import HaulTrip, Plan, clock_text
from wasteopt.plan.validate_containers import Unload, station_unloads
from wasteopt.plan.validate_haul_days import trip_metres
from wasteopt.plan.violation import Violation
from wasteopt.scenario.models import HaulTruckType, Plant, Scenario, parse_clock

TOL_KG = 0.5
TOL_S = 1
TOL_KM = 0.01


@dataclass(frozen=True)
class _Trip:
    """A trip with its times in seconds (pickup and tip filled in when the plan leaves them out; back
    is None when the plan leaves it out)."""

    trip: HaulTrip
    depart: int
    pickup: int
    arrive: int
    tip: int
    back: int | None


def check_haul(scenario: Scenario, plan: Plan, network: TravelNetwork) -> list[Violation]:
    """Violations of the haul rules (containers, storage, plant hours, truck shifts, mass balance)."""
    if not plan.haul:
        return []
    unloads = station_unloads(scenario, plan)
    found = _check_references(scenario, plan.haul)
    if found:
        return found
    timed = _timed_trips(scenario, plan.haul, network, found)
    if timed is None:
        return found
    for truck, day in _by_truck(timed).items():
        found += _check_truck_day(scenario, network, truck, day)
    for station in scenario.stations:
        trips = [t for t in timed if t.trip.station == station.id]
        found += _check_station(station.id, station.container_slots, station.swap_min, unloads.get(station.id, []), trips)
    found += _check_plant_capacity(scenario, plan.haul)
    found += _check_mass_balance(scenario, plan, unloads)
    return found


def _check_references(scenario: Scenario, trips: list[HaulTrip]) -> list[Violation]:
    """Trucks, types, stations and plants the scenario knows."""
    trucks = {vid: t for t in scenario.haul_fleet for vid in t.vehicle_ids()}
    stations = {s.id for s in scenario.active_stations}
    plants = {p.id for p in scenario.plants}
    found = []
    for trip in trips:
        htype = trucks.get(trip.truck)
        if htype is None:
            found.append(Violation("haul-unknown", trip.truck, "not a hook-lift truck of the scenario's haul_fleet"))
        elif trip.truck_type is not None and trip.truck_type != htype.id:
            found.append(Violation("haul-unknown", trip.truck, f"is a {htype.id}, the trip says {trip.truck_type}"))
        if trip.station not in stations:
            found.append(Violation("haul-unknown", trip.station, f"{trip.truck} hauls from {trip.station}, not an open station"))
        if trip.plant not in plants:
            found.append(Violation("haul-unknown", trip.plant, f"{trip.truck} hauls to {trip.plant}, not a plant of the scenario"))
    return found


def _timed_trips(scenario: Scenario, trips: list[HaulTrip], network: TravelNetwork, found: list[Violation]) -> list[_Trip] | None:
    """Each trip's times in seconds; ``None`` (and violations) if any time cannot be read."""
    trucks = {vid: t for t in scenario.haul_fleet for vid in t.vehicle_ids()}
    stations = {s.id: s for s in scenario.stations}
    plants = {p.id: p for p in scenario.plants}
    timed, ok = [], True
    for trip in trips:
        htype, plant = trucks[trip.truck], plants[trip.plant]
        try:
            depart, arrive = parse_clock(trip.depart), parse_clock(trip.arrive)
            if trip.pickup is not None:
                pickup = parse_clock(trip.pickup)
            else:
                pickup = arrive - round(stations[trip.station].swap_min * 60) - _seconds(network, htype, scenario, trip.station, trip.plant)
            tip = parse_clock(trip.unload) if trip.unload is not None else max(arrive, plant.open)
            back = parse_clock(trip.back) if trip.back is not None else None
        except ValueError as error:
            found.append(Violation("haul-time-format", trip.truck, f"trip from {trip.station}: {error}"))
            ok = False
            continue
        timed.append(_Trip(trip, depart, pickup, arrive, tip, back))
    return timed if ok else None


def _seconds(network: TravelNetwork, htype: HaulTruckType, scenario: Scenario, a: str, b: str) -> int:
    return int(network.duration_s([a], [b], htype.speed_kmh or scenario.travel.speed_kmh)[0, 0])


def _by_truck(timed: list[_Trip]) -> dict[str, list[_Trip]]:
    days: dict[str, list[_Trip]] = defaultdict(list)
    for trip in timed:
        days[trip.trip.truck].append(trip)
    return {truck: sorted(day, key=lambda t: (t.depart, t.pickup)) for truck, day in days.items()}


def _check_truck_day(scenario: Scenario, network: TravelNetwork, truck: str, day: list[_Trip]) -> list[Violation]:
    """One truck's trips: payload, drive and swap times, plant hours, shift, no overlap, distances."""
    htype = next(t for t in scenario.haul_fleet if truck in t.vehicle_ids())
    stations = {s.id: s for s in scenario.stations}
    plants = {p.id: p for p in scenario.plants}
    found: list[Violation] = []
    place, free = htype.garage, htype.shift_start
    if day[0].depart < htype.shift_start - TOL_S:
        found.append(Violation("haul-shift", truck, f"leaves {htype.garage} at {clock_text(day[0].depart)}, before the shift starts at {clock_text(htype.shift_start)}"))
    for k, t in enumerate(day):
        trip, plant = t.trip, plants[t.trip.plant]
        where = f"trip {k + 1} ({trip.station} container {trip.container})"
        found += _check_payload(truck, where, trip, htype)
        if k > 0 and t.depart < free - TOL_S:
            found.append(Violation("haul-overlap", truck, f"{where}: leaves {place} at {clock_text(t.depart)}, before it has tipped the previous container ({clock_text(free)})"))
        to_station = _seconds(network, htype, scenario, place, trip.station)
        if t.pickup < t.depart + to_station - TOL_S:
            found.append(Violation("haul-travel-time", truck, f"{where}: swap at {clock_text(t.pickup)}, but the drive from {place} takes {to_station} s, so {clock_text(t.depart + to_station)} at the earliest"))
        to_plant = round(stations[trip.station].swap_min * 60) + _seconds(network, htype, scenario, trip.station, trip.plant)
        if t.arrive < t.pickup + to_plant - TOL_S:
            found.append(Violation("haul-travel-time", truck, f"{where}: at {trip.plant} at {clock_text(t.arrive)}, but swap and drive take {to_plant} s from {clock_text(t.pickup)}"))
        found += _check_plant_hours(truck, where, t, plant)
        last = k == len(day) - 1
        metres = trip_metres(network, place, trip, htype.garage if last else None)
        free = t.tip + round(plant.unload_min * 60)
        place = trip.plant
        following = htype.garage if last else day[k + 1].trip.station
        earliest = free + _seconds(network, htype, scenario, place, following)
        if t.back is not None and t.back < earliest - TOL_S:
            found.append(Violation("haul-travel-time", truck, f"{where}: back at {following} at {clock_text(t.back)}, but tipping and the drive take until {clock_text(earliest)}"))
        if last:
            found += _check_home(truck, htype, earliest, t.back)
        if trip.distance_km is not None and abs(trip.distance_km - metres / 1000) > TOL_KM:
            found.append(Violation("haul-distance", truck, f"{where}: reports {trip.distance_km:g} km, recomputed {metres / 1000:.3f} km"))
    return found


def _check_home(truck: str, htype: HaulTruckType, earliest: int, back: int | None) -> list[Violation]:
    """Home by the end of the shift: at the earliest the drive allows, and at the time the plan states."""
    end = clock_text(htype.shift_end)
    if earliest > htype.shift_end + TOL_S:
        return [Violation("haul-shift", truck, f"home at {clock_text(earliest)} at the earliest, after the shift ends at {end}")]
    if back is not None and back > htype.shift_end + TOL_S:
        return [Violation("haul-shift", truck, f"home at {clock_text(back)}, after the shift ends at {end}")]
    return []


def _check_payload(truck: str, where: str, trip: HaulTrip, htype: HaulTruckType) -> list[Violation]:
    limit = htype.container_payload_t * 1000
    if trip.payload_kg > limit + TOL_KG:
        return [Violation("haul-payload", truck, f"{where}: carries {trip.payload_kg:g} kg, a {htype.id} container holds {limit:g} kg")]
    if trip.payload_kg <= 0:
        return [Violation("haul-payload", truck, f"{where}: carries {trip.payload_kg:g} kg (an empty container)")]
    return []


def _check_plant_hours(truck: str, where: str, t: _Trip, plant: Plant) -> list[Violation]:
    if t.tip < t.arrive - TOL_S:
        return [Violation("haul-plant-hours", plant.id, f"{truck} {where}: tips at {clock_text(t.tip)}, before arriving at {clock_text(t.arrive)}")]
    if t.tip < plant.open - TOL_S or t.tip > plant.close + TOL_S:
        return [Violation("haul-plant-hours", plant.id, f"{truck} {where}: tips at {clock_text(t.tip)}, the plant receives {clock_text(plant.open)}–{clock_text(plant.close)}")]
    return []


def _check_station(station: str, slots: int, swap_min: float, unloads: list[Unload], trips: list[_Trip]) -> list[Violation]:
    """Replay the station's day: containers picked only when full, never more than ``slots`` on site."""
    found: list[Violation] = []
    numbers = [t.trip.container for t in trips if t.trip.container is not None]
    for number in sorted({n for n in numbers if numbers.count(n) > 1}):
        found.append(Violation("haul-container", station, f"container {number} is hauled {numbers.count(number)} times"))
    trips = sorted(trips, key=lambda t: (t.trip.container if t.trip.container is not None else 10**9, t.pickup))
    swap_s = round(swap_min * 60)
    reached, cumulative = [], 0.0
    for event in unloads:
        cumulative += event.kg
        reached.append(cumulative)
    bound = 0.0
    for k, t in enumerate(trips):
        lower, bound = bound, bound + t.trip.payload_kg
        name = f"container {t.trip.container if t.trip.container is not None else k + 1}"
        filling = next((u for u, total in enumerate(reached) if total >= bound - TOL_KG), None)
        if filling is not None and t.pickup < unloads[filling].end - TOL_S:
            found.append(Violation("haul-early-pickup", station, f"{name} is taken at {clock_text(t.pickup)}, but it is full only at {clock_text(unloads[filling].end)}"))
        first = next((u for u, total in enumerate(reached) if total > lower + TOL_KG), None)
        if first is None:
            continue
        needed = unloads[first].start
        waiting = [trips[j] for j in range(k) if trips[j].pickup + swap_s > needed + TOL_S]
        if len(waiting) + 1 > slots:
            names = ", ".join(str(w.trip.container) for w in waiting)
            held = f"container {names} is" if len(waiting) == 1 else f"containers {names} are"
            found.append(Violation("haul-storage", station, f"needs {name} at {clock_text(needed)}, but full {held} still there ({slots} slot{'s' if slots > 1 else ''})"))
    return found


def _check_plant_capacity(scenario: Scenario, trips: list[HaulTrip]) -> list[Violation]:
    received: dict[str, float] = defaultdict(float)
    for trip in trips:
        received[trip.plant] += trip.payload_kg
    found = []
    for plant in scenario.plants:
        if plant.capacity_t_per_day is not None and received[plant.id] > plant.capacity_t_per_day * 1000 + TOL_KG:
            found.append(Violation("haul-plant-capacity", plant.id, f"receives {received[plant.id]:.1f} kg, daily capacity {plant.capacity_t_per_day * 1000:g} kg"))
    return found


def _check_mass_balance(scenario: Scenario, plan: Plan, unloads: dict[str, list[Unload]]) -> list[Violation]:
    """Collected = transferred (whole plan), and no station's haul delivers more than it received, to
    the kilogram. Delivering less is no violation: the waste left behind makes the plan incomplete."""
    waste = {r.id: r.waste_kg_per_day for r in scenario.rooms}
    collected = sum(waste.get(s.id, 0.0) for r in plan.routes for s in r.stops if s.kind == "room")
    transferred = sum(e.kg for events in unloads.values() for e in events)
    found = []
    if abs(collected - transferred) >= TOL_KG:
        found.append(Violation("mass-balance", "plan", f"rooms served hold {collected:.1f} kg, the stations receive {transferred:.1f} kg"))
    delivered: dict[str, float] = defaultdict(float)
    for trip in plan.haul:
        delivered[trip.station] += trip.payload_kg
    for station in sorted(delivered):
        got = sum(e.kg for e in unloads.get(station, []))
        if delivered[station] - got >= TOL_KG:
            found.append(Violation("mass-balance", station, f"receives {got:.1f} kg, the haul delivers {delivered[station]:.1f} kg from it"))
    return found
