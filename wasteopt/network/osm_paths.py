"""Each leg of a plan along its road: the points a map or a GeoJSON line should follow.

A scenario whose matrix file was written by ``wasteopt network build`` names its ``roads.npz`` (and
one with ``travel: {model: roads}`` names it itself); :func:`road_paths_for` then gives a :class:`RoadPaths` (otherwise ``None``, and legs stay straight
lines). A leg runs from its place to its road node, along the road nodes of the fastest path for
the vehicle's class, and from the last node to the destination. The path comes from the
predecessor trees the build stored; a leg they do not cover (a build without tables, for large
districts, or one whose trees were too big to keep) is traced by a Dijkstra run from its source
limited to the leg's surroundings, kept for the next leg from there.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

import numpy as np
from scipy.sparse.csgraph import dijkstra

from wasteopt.network.osm_files import RoadFile, read_roads, roads_path
from wasteopt.network.osm_graph import ClassGraph, haversine_m
from wasteopt.scenario.models import Scenario

LatLon = tuple[float, float]
PATH_STRETCH = 3.0
PATH_KMH = 15.0
PATH_SLACK_S = 120.0
"""A leg the stored trees do not cover is traced by Dijkstra from its source, first within
``PATH_STRETCH`` × its straight line at ``PATH_KMH`` plus ``PATH_SLACK_S`` seconds (legs of a route
are mostly short: the search stays near), then without a limit if the target lies beyond."""
CACHED_SOURCES = 64


class RoadPaths:
    """Leg geometry on a road file, for the places of one scenario."""

    def __init__(self, scenario: Scenario, roads: RoadFile) -> None:
        self._roads = roads
        self._places = {pid: (float(p.lat), float(p.lon)) for pid, p in scenario.locations().items() if p.is_geographic}  # type: ignore[arg-type]
        self._class_of = {vid: vt.vehicle_class for vid, vt in scenario.vehicle_ids.items()}
        self._graphs: dict[int, ClassGraph] = {}
        self._rows: OrderedDict[tuple[int, int], tuple[float, np.ndarray]] = OrderedDict()

    def vehicle_class(self, vehicle: str | None, number: int | None = None) -> int:
        """The built class a vehicle's legs (or class ``number``'s) are drawn for: the largest built
        class not above it; the smallest when the vehicle is unknown."""
        built = self._roads.built_classes()
        wanted = number if number is not None else self._class_of.get(vehicle or "", built[0])
        below = [k for k in built if k <= wanted]
        return below[-1] if below else built[0]

    def leg(self, origin: str, destination: str, vehicle: str | None = None, vehicle_class: int | None = None) -> list[LatLon]:
        """Points (lat, lon) from ``origin`` to ``destination`` along the road for the vehicle's class
        (or ``vehicle_class``); the straight line when either place is not on the road file or there
        is no route."""
        start, end = self._places.get(origin), self._places.get(destination)
        if start is None or end is None:
            return []
        if origin == destination or not (self._roads.has(origin) and self._roads.has(destination)):
            return [start, end]
        cls = self.vehicle_class(vehicle, vehicle_class)
        nodes = self.nodes(self._roads.node_of(origin), self._roads.node_of(destination), cls)
        if not nodes:
            return [start, end]
        graph = self._roads.graph
        return [start, *((float(graph.lat[n]), float(graph.lon[n])) for n in nodes), end]

    def path(self, ids: list[str], vehicle: str | None = None) -> list[LatLon]:
        """Points along consecutive legs of a sequence of places (shared ends once)."""
        points: list[LatLon] = []
        for a, b in zip(ids[:-1], ids[1:]):
            leg = self.leg(a, b, vehicle)
            points += leg[1:] if points and leg and points[-1] == leg[0] else leg
        return points

    def nodes(self, source: int, target: int, vehicle_class: int) -> list[int]:
        """Road nodes of the fastest path (stored tree first, else Dijkstra), with the nodes each
        contracted edge passes put back."""
        tree = self._roads.trees.get(vehicle_class)
        found = tree.path(source, target) if tree is not None else []
        if not found:
            graph = self._roads.graph
            straight = float(haversine_m(graph.lat[source], graph.lon[source], graph.lat[target], graph.lon[target]))
            found = self._traced(vehicle_class, source, target, PATH_STRETCH * straight / (PATH_KMH / 3.6) + PATH_SLACK_S)
            if not found:
                found = self._traced(vehicle_class, source, target, np.inf)
            if not found:
                return []
        if self._roads.graph.via_ptr is None:
            return found
        graph = self._class_graph(vehicle_class)
        out = found[:1]
        for a, b in zip(found[:-1], found[1:]):
            out += [*self._roads.graph.via(graph.edge_number(a, b)), b]
        return out

    def _class_graph(self, vehicle_class: int) -> ClassGraph:
        graph = self._graphs.get(vehicle_class)
        if graph is None:
            graph = self._graphs[vehicle_class] = self._roads.graph.for_class(vehicle_class)
        return graph

    def _traced(self, vehicle_class: int, source: int, target: int, limit_s: float) -> list[int]:
        """The path by Dijkstra from ``source``, searched ``limit_s`` seconds around it; ``[]`` when
        the target lies beyond (or has no route)."""
        key = (vehicle_class, source)
        cached = self._rows.get(key)
        if cached is None or cached[0] < limit_s:
            _, pred = dijkstra(self._class_graph(vehicle_class).seconds, directed=True, indices=source,
                               return_predecessors=True, limit=limit_s)
            cached = self._rows[key] = (limit_s, pred)
            while len(self._rows) > CACHED_SOURCES:
                self._rows.popitem(last=False)
        self._rows.move_to_end(key)
        pred = cached[1]
        out = [target]
        while out[-1] != source:
            back = int(pred[out[-1]])
            if back < 0:
                return []
            out.append(back)
        return out[::-1]


def road_paths_for(scenario: Scenario) -> RoadPaths | None:
    """The road geometry a scenario's travel refers to, or ``None`` (legs are then drawn straight)."""
    travel = scenario.travel
    if travel.model == "roads" and travel.roads is not None:
        path: Path | None = Path(travel.roads) if Path(travel.roads).exists() else None
    elif travel.model != "matrix" or travel.matrix is None:
        return None
    else:
        path = roads_path(travel.matrix.file)
    if not all(p.is_geographic for p in scenario.locations().values()):
        return None
    return None if path is None else RoadPaths(scenario, read_roads(path))
