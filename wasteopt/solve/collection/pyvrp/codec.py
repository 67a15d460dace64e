"""PyVRP solutions back as visit sequences, and visit sequences as PyVRP solutions to start from.

The model (:mod:`wasteopt.solve.collection.pyvrp.model`) leaves a route's last unload implicit in its
end depot; decoding puts the station it chose back in the sequence, and a warm start takes it out.
"""

from __future__ import annotations

import pyvrp

from wasteopt.solve.collection.pyvrp.model import PyVRPModel
from wasteopt.solve.collection.routes import RawRoute, Visit, drop_empty_unloads


def decode(model: PyVRPModel, solution: pyvrp.Solution) -> list[RawRoute]:
    """Visit sequences of a PyVRP solution, with the final unload station made explicit."""
    g, s = model.num_garages, model.num_stations
    routes: list[RawRoute] = []
    for route in solution.routes():
        visits: list[Visit] = []
        for activity in route.schedule():
            if activity.is_client():
                visits.append(Visit("room", activity.idx))
            elif activity.is_depot() and g <= activity.idx < g + s:
                visits.append(Visit("station", activity.idx - g))
        visits = drop_empty_unloads(visits)
        if not visits:
            continue
        if visits[-1].kind == "room":
            garage = model.data.vehicle_type(route.vehicle_type()).start_depot
            last_place = g + s + visits[-1].index  # room place index in the un-expanded table
            visits.append(Visit("station", int(model.final_station[route.vehicle_type()][garage, last_place])))
        routes.append(RawRoute(model.type_index[route.vehicle_type()], tuple(visits)))
    return routes


def unplanned_rooms(solution: pyvrp.Solution) -> list[int]:
    """Instance indices of rooms the solution leaves out."""
    return [activity.idx for activity in solution.unplanned() if activity.is_client()]


def warm_start(model, routes) -> pyvrp.Solution:
    """A PyVRP solution for the model holding the given routes (their last unload is implicit in
    the model's end depots), to start a search from. A route with more unloads than the model lets
    its type make (trips cut by a daily kg limit, see :mod:`wasteopt.solve.collection.workday`) is
    left out: its rooms start unplanned."""
    activity, kind = pyvrp.Activity, pyvrp.ActivityType
    out = []
    for raw in routes:
        visits = list(raw.visits)
        if visits and visits[-1].kind == "station":
            visits.pop()
        if raw.type_index not in model.type_index:  # a type held at no trucks: its rooms start unplanned
            continue
        vehicle_type = model.type_index.index(raw.type_index)
        if sum(v.kind == "station" for v in visits) > model.data.vehicle_type(vehicle_type).max_reloads:
            continue
        acts = [
            activity(kind.CLIENT, v.index) if v.kind == "room" else activity(kind.DEPOT, model.num_garages + v.index)
            for v in visits
        ]
        out.append(pyvrp.Route(model.data, acts, vehicle_type))
    return pyvrp.Solution(model.data, out)
