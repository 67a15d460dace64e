"""Fit the routes to every station's daily capacity: move unloads if possible, else shed rooms.

The router sees station capacity only through prices, so its routes may overload a station. First
the exact station assignment (:mod:`wasteopt.solve.stations.assign`) moves unloads to other
stations; when no choice of unload stations fits, the last rooms of trips into overloaded stations
are shed, and the caller tries to place them elsewhere (:mod:`wasteopt.solve.collection.insert`).
"""

from __future__ import annotations

from wasteopt.network.travel import TravelNetwork
from wasteopt.solve.budget import Budget, finishing_limit
from wasteopt.solve.collection.instance import CollectionInstance
from wasteopt.solve.collection.routes import RawRoute, drop_empty_unloads
from wasteopt.solve.stations.assign import assign_stations, station_loads


def enforce_station_capacity(
    instance: CollectionInstance, network: TravelNetwork, raws: list[RawRoute], budget: Budget
) -> tuple[list[RawRoute], list[int]]:
    """Routes whose unloads fit every station's daily capacity, and the rooms shed if no choice of
    unload stations fits (the caller tries to place them elsewhere)."""
    limit = finishing_limit(budget, 5.0, 2)
    assigned = assign_stations(instance, network, raws, time_limit=limit)
    if assigned is not None:
        return assigned, []
    return shed_overload(instance, raws)


def shed_overload(instance: CollectionInstance, raws: list[RawRoute]) -> tuple[list[RawRoute], list[int]]:
    """Drop the last rooms of trips into overloaded stations until every station fits."""
    over = station_loads(instance, raws) - instance.station_capacity_kg
    visits = [list(raw.visits) for raw in raws]
    shed: list[int] = []
    for r in range(len(visits) - 1, -1, -1):
        k = len(visits[r]) - 1
        while k >= 0:
            visit = visits[r][k]
            if visit.kind == "station" and over[visit.index] > 0:
                j = k - 1
                while j >= 0 and visits[r][j].kind == "room" and over[visit.index] > 0:
                    room = visits[r].pop(j)
                    over[visit.index] -= instance.waste_kg[room.index]
                    shed.append(room.index)
                    k -= 1
                    j -= 1
            k -= 1
    kept = [RawRoute(raw.type_index, tuple(drop_empty_unloads(v))) for raw, v in zip(raws, visits)]
    return [raw for raw in kept if raw.visits], shed
