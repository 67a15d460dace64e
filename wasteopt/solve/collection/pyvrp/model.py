"""The collection problem as PyVRP data (:mod:`wasteopt.solve.collection.pyvrp.codec` reads its
solutions back).

Modelling choices (PyVRP ≥ 0.14, locations separate from depots and clients):

- Garages are start depots; open transfer stations are *reload depots* with their opening hours as
  time windows and the unload time as service duration, so a truck empties itself whenever full.
- *Unload before going home*: each garage has a virtual end depot whose incoming distance from a
  place x is ``min over stations s of d(x, s) + penalty_s + d(s, garage)`` (and the matching
  duration including the unload). A route therefore always ends via a station; which one is
  recorded here and put back in the visit sequence when decoding.
- Rooms are optional clients with a prize far above any route cost, so the solver serves every
  room it can, and a room it cannot fit is reported unserved instead of making the run infeasible.
- Access restrictions (narrow lanes, and roads closed to larger classes): one routing profile per
  (vehicle class, speed), each with its class's own distances and durations where roads differ by
  class (``network.for_class``); in a profile the rooms a class may not reach are made prohibitively far.
- Breaks and daily limits (:mod:`wasteopt.solve.collection.workday`): the search sees a shift
  shortened by the breaks owed, windows closing after a break may start brought forward by its
  length, the payload cut to the daily kg limit and the unloads to the trips the limits allow; km and
  duty hours are PyVRP's own limits. The exact rules are kept by the engine's timing and repair.
- Station capacity enters as a per-visit penalty on the station's incoming distances (priced by
  :mod:`wasteopt.solve.stations.prices`); the exact daily limits are enforced afterwards by
  :mod:`wasteopt.solve.stations.assign`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyvrp

from wasteopt.network.travel import TravelNetwork
from wasteopt.scenario.models import VehicleType
from wasteopt.solve.collection.instance import COST_UNITS_PER_YUAN, CollectionInstance
from wasteopt.solve.collection.workday import (
    owed_in_shift,
    search_capacity_kg,
    search_close,
    search_max_trips,
    search_shift_end,
)


FORBIDDEN_M = 10**11
"""Distance standing in for 'this vehicle class cannot drive here'; its cost exceeds any room prize."""


@dataclass(frozen=True)
class PyVRPModel:
    """PyVRP data plus what is needed to read its solutions back."""

    data: pyvrp.ProblemData
    final_station: list[np.ndarray]  # per PyVRP vehicle type, [garage, location] -> station index used to go home from there
    num_garages: int
    num_stations: int
    type_index: list[int]  # PyVRP vehicle type -> instance vehicle type


def build_model(
    instance: CollectionInstance,
    network: TravelNetwork,
    station_penalty_m: np.ndarray | None = None,
    fleet_cap: list[int] | None = None,
) -> PyVRPModel:
    """PyVRP problem data for the instance, with optional station penalties and fleet caps."""
    scenario = instance.scenario
    g, s = len(instance.garage_ids), len(instance.station_ids)
    place_ids = instance.garage_ids + instance.station_ids + instance.room_ids
    penalty = np.zeros(s, dtype=np.int64) if station_penalty_m is None else station_penalty_m.astype(np.int64)
    allowed_final = final_stations(instance, network)
    homes: dict[int, _Home] = {}
    for vt in instance.vehicle_types:  # one set of tables per network the fleet drives on (one unless roads differ by class)
        net = instance.travel(network, vt)
        if id(net) not in homes:
            homes[id(net)] = _going_home(net, place_ids, penalty, allowed_final, g, s)
    base_m = network.distance_m(place_ids, place_ids) if id(network) not in homes else homes[id(network)].base_m

    locations = [pyvrp.Location(0.0, 0.0, name=pid) for pid in place_ids]
    locations[g + s : g + s] = [pyvrp.Location(0.0, 0.0, name=f"home:{gid}") for gid in instance.garage_ids]
    n = len(locations)
    room_offset = 2 * g + s

    def expand(inner: np.ndarray, home: np.ndarray) -> np.ndarray:
        full = np.zeros((n, n), dtype=np.int64)
        real = np.r_[0 : g + s, room_offset:n]
        full[np.ix_(real, real)] = inner
        full[np.ix_(real, np.arange(g + s, room_offset))] = home
        return full

    profiles: dict[tuple[int, float], int] = {}
    final_station: list[np.ndarray] = []
    distance_matrices: list[np.ndarray] = []
    duration_matrices: list[np.ndarray] = []
    vehicle_types: list[pyvrp.VehicleType] = []
    depots = [pyvrp.Depot(k, name=gid) for k, gid in enumerate(instance.garage_ids)]
    station_close = _search_close(instance, instance.station_open_s, instance.station_close_s)
    depots += [
        pyvrp.Depot(
            g + k,
            tw_early=int(instance.station_open_s[k]),
            tw_late=int(station_close[k]),
            service_duration=int(instance.station_unload_s[k]),
            name=sid,
        )
        for k, sid in enumerate(instance.station_ids)
    ]
    depots += [pyvrp.Depot(g + s + k, name=f"home:{gid}") for k, gid in enumerate(instance.garage_ids)]
    weights = scenario.planning.objective
    garage_pos = {gid: k for k, gid in enumerate(instance.garage_ids)}

    type_index = [t for t, vt in enumerate(instance.vehicle_types) if fleet_cap is None or min(vt.count, fleet_cap[t]) > 0]
    for t in type_index:
        vt = instance.vehicle_types[t]
        speed = instance.type_speed(vt)
        key = (vt.vehicle_class, speed)
        net = instance.travel(network, vt)
        home = homes[id(net)]
        final_station.append(home.final_station)
        if key not in profiles:
            profiles[key] = len(distance_matrices)
            forbidden = np.flatnonzero(instance.max_class < vt.vehicle_class) + g + s
            inner_m = home.penalised.copy()
            inner_m[forbidden, :] += FORBIDDEN_M
            inner_m[:, forbidden] += FORBIDDEN_M
            dist = expand(inner_m, home.home_m)
            dist[forbidden + g, g + s : room_offset] += FORBIDDEN_M
            np.fill_diagonal(dist, 0)  # penalties are for arriving from elsewhere
            base_s = net.duration_s(place_ids, place_ids, speed)
            home_s = _home_durations(base_s, home.final_station, instance.station_unload_s, g, s)
            duration_matrices.append(expand(base_s, home_s))
            distance_matrices.append(dist)
        garage = garage_pos[vt.garage]
        vehicle_types.append(
            pyvrp.VehicleType(
                num_available=vt.count if fleet_cap is None else min(vt.count, fleet_cap[t]),
                capacity=[search_capacity_kg(vt), *instance.capacity(vt)[1:]],
                start_depot=garage,
                end_depot=g + s + garage,
                fixed_cost=round(vt.fixed_cost * weights.fixed_cost * COST_UNITS_PER_YUAN),
                tw_early=vt.shift_start,
                tw_late=search_shift_end(vt),
                **_day_limits(vt),
                unit_distance_cost=max(1, round(vt.cost_per_km * weights.distance_cost * COST_UNITS_PER_YUAN / 1000)),
                unit_duration_cost=round(vt.cost_per_hour * weights.time_cost * COST_UNITS_PER_YUAN / 3600),
                profile=profiles[key],
                reload_depots=list(range(g, g + s)),
                name=vt.id,
            )
        )

    prize = room_prize(instance, base_m, vehicle_types)
    room_close = _search_close(instance, instance.tw_open_s, instance.tw_close_s)
    clients = []
    for k, rid in enumerate(instance.room_ids):
        pickup = [int(instance.waste_kg[k])]
        if instance.volume_l is not None:
            pickup.append(int(instance.volume_l[k]))
        clients.append(
            pyvrp.Client(
                location=room_offset + k,
                pickup=pickup,
                delivery=[0] * len(pickup),
                service_duration=int(instance.service_s[k]),
                tw_early=int(instance.tw_open_s[k]),
                tw_late=int(room_close[k]),
                prize=prize,
                required=False,
                name=rid,
            )
        )
    data = pyvrp.ProblemData(locations, clients, depots, vehicle_types, distance_matrices, duration_matrices)
    return PyVRPModel(data, final_station, g, s, type_index)


@dataclass(frozen=True)
class _Home:
    """One network's tables for going home via a station: its metres between the places, with the
    station penalties, the station each (garage, place) goes home by, and that way's metres."""

    base_m: np.ndarray
    penalised: np.ndarray
    final_station: np.ndarray  # garage × place
    home_m: np.ndarray  # place × garage


def _going_home(
    network: TravelNetwork, place_ids: list[str], penalty: np.ndarray, allowed: np.ndarray, g: int, s: int
) -> _Home:
    """Going home via a station on ``network``: best station for (place, garage), by penalised
    distance, among the stations open whenever a truck of that garage could arrive (``allowed``;
    the device cannot see the clock)."""
    base_m = network.distance_m(place_ids, place_ids)
    penalised = base_m.copy()
    penalised[:, g : g + s] += penalty[None, :]
    via = penalised[:, g : g + s][:, :, None] + base_m[g : g + s, :g][None, :, :]  # place × station × garage
    via = via + np.where(allowed, 0, FORBIDDEN_M).T[None, :, :]
    final_station = via.argmin(axis=1).T  # garage × place
    home_m = via.min(axis=1)  # place × garage
    station_rows = np.arange(g, g + s)
    home_m[station_rows, :] = base_m[station_rows, :g]  # already unloaded: drive straight home
    garage_rows = np.arange(g)
    home_m[garage_rows, :] = base_m[garage_rows, :g]  # unused truck: stays home
    return _Home(base_m, penalised, final_station, home_m)


def _search_close(instance: CollectionInstance, opens: np.ndarray, closes: np.ndarray) -> np.ndarray:
    """Closing times the search sees: brought forward by the breaks a truck owes before it
    (:func:`workday.search_close`); windows are shared by every type, so by the least any type needs."""
    per_type = [search_close(opens, closes, vt) for vt in instance.vehicle_types]
    return np.max(per_type, axis=0) if per_type else np.asarray(closes, dtype=np.int64)


def _day_limits(vt: VehicleType) -> dict[str, int]:
    """The daily limits PyVRP can hold itself: trips (as reloads before the last unload), km (on
    distances that include station prices, so never looser than the real km) and hours on duty."""
    limits: dict[str, int] = {}
    trips = search_max_trips(vt)
    if trips is not None:
        limits["max_reloads"] = trips - 1
    if vt.max_km_per_day is not None:
        limits["max_distance"] = int(vt.max_km_per_day * 1000)
    if vt.max_duty_hours is not None:
        limits["shift_duration"] = int(vt.max_duty_hours * 3600) - sum(rule.duration for rule in owed_in_shift(vt))
    return limits


def final_stations(instance: CollectionInstance, network: TravelNetwork) -> np.ndarray:
    """Garage × station: where a route of that garage may make its implicit last unload. A station
    qualifies when it is open at every time a truck of the garage could get there within its shift
    (the earliest a truck can arrive, and the latest from which it can still unload and get home).
    A garage with no such station keeps those that close latest; routes the device then sends to a
    closed station are moved to an open one, or repaired, after decoding. Where roads differ by
    class, the quickest of the garage's classes counts."""
    stations = instance.station_ids
    allowed = np.ones((len(instance.garage_ids), len(stations)), dtype=bool)
    for gi, gid in enumerate(instance.garage_ids):
        types = [vt for vt in instance.vehicle_types if vt.garage == gid]
        if not types or not stations:
            continue
        fastest = max(instance.type_speed(vt) for vt in types)
        nets = list({id(net): net for net in (instance.travel(network, vt) for vt in types)}.values())
        out = np.minimum.reduce([net.duration_s([gid], stations, fastest)[0] for net in nets])
        back = np.minimum.reduce([net.duration_s(stations, [gid], fastest)[:, 0] for net in nets])
        earliest = min(vt.shift_start for vt in types) + out
        latest = max(vt.shift_end for vt in types) - instance.station_unload_s - back
        safe = (instance.station_open_s <= earliest) & (instance.station_close_s >= latest)
        allowed[gi] = safe if safe.any() else instance.station_close_s == instance.station_close_s.max()
    return allowed


def room_prize(instance: CollectionInstance, metres: np.ndarray, types: list[pyvrp.VehicleType]) -> int:
    """What leaving a room out costs the router: ten times a dedicated truck's day, so a room is only
    left out when no truck can take it (but small enough that overloading stays dearer)."""
    longest = int(metres.max()) if metres.size else 0
    dedicated = max(
        vt.fixed_cost + 2 * longest * vt.unit_distance_cost + (vt.tw_late - vt.tw_early) * vt.unit_duration_cost
        for vt in types
    )
    return int(10 * dedicated)


def _home_durations(
    base_s: np.ndarray, final_station: np.ndarray, unload_s: np.ndarray, g: int, s: int
) -> np.ndarray:
    """Duration of 'unload at the chosen station, then drive home' from every place to every garage."""
    places = base_s.shape[0]
    rows = np.arange(places)[:, None]
    chosen = final_station.T  # place × garage, station index
    to_station = base_s[rows, g + chosen]
    station_home = base_s[g + chosen, np.arange(g)[None, :]]
    home = to_station + unload_s[chosen] + station_home
    home[g : g + s, :] = base_s[g : g + s, :g]
    home[:g, :] = base_s[:g, :g]
    return home
