"""A travel network on the road graph itself, answering any rows on demand (large districts).

Above the engine's decomposition threshold a places × places table is not built (20,000 places are
3.2 GB a table); ``wasteopt network build`` then writes ``roads.npz`` with the road graph and the
hub tables (every place to and from each station, plant and garage), and :class:`RoadNetwork`
answers ``distance_m`` / ``duration_s`` for whatever ids it is asked:

- a leg from or to a hub is read from the hub tables (no search);
- a leg between two rooms comes from a Dijkstra run from the first room, kept as a row to every
  place (float32, a least-recently-used cache of :data:`CACHE_BYTES`). A region asks for legs among its own rooms,
  so each run stops at a time radius that surely covers them: the longest of the source's legs to
  the asked targets by way of its best hub (hub tables, triangle inequality); without hub tables,
  :data:`LIMIT_STRETCH` × the asked places' span at :data:`LIMIT_KMH`, plus :data:`LIMIT_SLACK_S`.
  Either way a target the search misses but may have a route to (same weakly connected part of
  the class's graph) is searched again without a limit, so every answer is exact.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy.sparse.csgraph import connected_components

from wasteopt.network.osm_files import NO_ROUTE_M, RoadFile, read_roads_once
from wasteopt.network.osm_graph import EARTH_RADIUS_M, ClassGraph
from wasteopt.network.osm_hubs import HubTables
from wasteopt.network.osm_tables import road_rows
from wasteopt.network.travel import TravelNetwork
from wasteopt.scenario.models import Scenario

CACHE_BYTES = 128 * 2**20
"""Memory for kept source rows, per vehicle class (each 8 bytes per distinct place node: 160 KB at
20,000 places, so about 800 rows — a region's rooms)."""
HUB_BOUND_CELLS = 4_000_000
"""Sources × hubs × destinations computed at once for the search radii (32 MB of float64)."""
LIMIT_STRETCH = 2.5
LIMIT_KMH = 15.0
LIMIT_SLACK_S = 300.0
"""A room's Dijkstra stops at ``LIMIT_STRETCH × straight metres to its farthest asked target / LIMIT_KMH
+ LIMIT_SLACK_S`` seconds (a road 2.5 times the straight line at 15 km/h, plus 5 minutes)."""


class RoadNetwork(TravelNetwork):
    """Distances (m) and durations (s) on the road graph of one vehicle class, by place id.

    It does not call :class:`TravelNetwork`'s constructor (which wants a matrix table for the
    ``matrix`` model) but sets the same coordinate tables, so the inherited helpers work."""

    def __init__(self, scenario: Scenario, roads: RoadFile, vehicle_class: int | None = None,
                 cache_rows: int | None = None, family: "_Family | None" = None) -> None:
        places = scenario.locations()
        missing = [pid for pid in places if not roads.has(pid)]
        if missing:
            raise KeyError(f"{len(missing)} places are not in the road file, e.g. {missing[0]}: rebuild it (wasteopt network build)")
        self._scenario = scenario
        self._travel = scenario.travel
        self._index = {pid: k for k, pid in enumerate(places)}
        self._is_geographic = True
        self._coords = np.radians([[p.lat, p.lon] for p in places.values()], dtype=float)
        self._matrix = None
        self._roads = roads
        self.vehicle_class = vehicle_class if vehicle_class is not None else roads.built_classes()[0]
        self._graph: ClassGraph = roads.once("graph", self.vehicle_class, lambda: roads.graph.for_class(self.vehicle_class))
        self._place = np.array([roads.place_index[pid] for pid in places], dtype=np.int64)  # position in the road file
        self._node = roads.place_node[self._place].astype(np.int64)
        self._snap = roads.snap_m[self._place].astype(float)
        self._targets, self._column = np.unique(self._node, return_inverse=True)
        self._part = roads.once("weak", self.vehicle_class,
                                lambda: connected_components(self._graph.seconds, directed=True, connection="weak")[1])
        self._target_part = self._part[self._targets]
        self._access = 3.6 / roads.access_speed_kmh
        self._hubs: HubTables | None = roads.hubs.get(self.vehicle_class)
        self._hub_of = np.full(len(roads.place_node), -1, dtype=np.int64)
        if self._hubs is not None:
            self._hub_of[self._hubs.hubs] = np.arange(len(self._hubs.hubs))
        self._rows: OrderedDict[int, tuple[np.ndarray, float]] = OrderedDict()
        self._cache_rows_given = cache_rows
        self._cache_rows = cache_rows if cache_rows is not None else max(1, CACHE_BYTES // (8 * len(self._targets)))
        self.dijkstra_runs = 0
        self._family = family if family is not None else _Family()
        self._family.members.setdefault(self.vehicle_class, self)

    @classmethod
    def from_file(cls, scenario: Scenario, path: str | Path, vehicle_class: int | None = None) -> "RoadNetwork":
        """The network of a ``roads.npz`` written by ``wasteopt network build`` (read once per process)."""
        return cls(scenario, read_roads_once(path), vehicle_class)

    def for_class(self, vehicle_class: int) -> "RoadNetwork":
        """The network of the largest class built not above ``vehicle_class`` (the smallest built when
        it is below them all), made once and shared by every member of the family."""
        built = self._roads.built_classes()
        below = [k for k in built if k <= vehicle_class]
        chosen = below[-1] if below else built[0]
        if chosen not in self._family.members:
            RoadNetwork(self._scenario, self._roads, chosen, self._cache_rows_given, self._family)
        return self._family.members[chosen]

    def road_limits(self) -> dict[str, int | None]:
        """Room id → the largest class built whose roads lead to it and back from it (``None``:
        none), for the rooms some class built cannot reach: a place is reached by a class when its
        road node lies in the class's strongly connected part holding the most places."""
        if self._family.limits is None:
            built = self._roads.built_classes()
            reached = {}
            for k in built:
                member = self.for_class(k)
                labels = member._strong()[member._node]
                reached[k] = labels == np.bincount(labels).argmax()
            rooms = {room.id for room in self._scenario.rooms}
            limits: dict[str, int | None] = {}
            for pid, k in self._index.items():
                allowed = [c for c in built if reached[c][k]]
                if pid in rooms and len(allowed) < len(built):
                    limits[pid] = max(allowed) if allowed else None
            self._family.limits = limits
        return self._family.limits

    @property
    def on_demand(self) -> bool:
        """Legs between rooms are Dijkstra runs."""
        return True

    def are_hubs(self, ids: Sequence[str]) -> bool:
        """Whether every one of ``ids`` has hub tables (legs to and from them need no search)."""
        return self._hubs is not None and bool((self._hub_of[self._place[self.indices(ids)]] >= 0).all())

    @property
    def is_geometric(self) -> bool:
        """Road distances follow no straight-line order."""
        return False

    def distance_m(self, origins: Sequence[str], destinations: Sequence[str]) -> np.ndarray:
        """Road metres, ``len(origins) × len(destinations)`` (access legs included; ``NO_ROUTE_M`` where none)."""
        return self._table(origins, destinations, 1)

    def duration_s(self, origins: Sequence[str], destinations: Sequence[str], speed_kmh: float | None = None) -> np.ndarray:
        """Road seconds by the profile's speeds (``speed_kmh`` does not apply: roads have their own)."""
        return self._table(origins, destinations, 0)

    def legs_m(self, path: Sequence[str]) -> np.ndarray:
        """Metres of each consecutive leg of a path."""
        return self._legs(path, 1)

    def legs_s(self, path: Sequence[str], speed_kmh: float | None = None) -> np.ndarray:
        """Seconds of each consecutive leg of a path."""
        return self._legs(path, 0)

    def _legs(self, path: Sequence[str], which: int) -> np.ndarray:
        if len(path) < 2:
            return np.zeros(0, dtype=np.int64)
        return np.array([self._table([a], [b], which)[0, 0] for a, b in zip(path[:-1], path[1:])], dtype=np.int64)

    def _table(self, origins: Sequence[str], destinations: Sequence[str], which: int) -> np.ndarray:
        """``which`` 0: seconds, 1: metres; integer, access legs added, the diagonal 0."""
        o, d = self.indices(origins), self.indices(destinations)
        road = np.full((len(o), len(d)), np.nan)
        from_hub, to_hub = self._hub_of[self._place[o]], self._hub_of[self._place[d]]
        if self._hubs is not None:
            rows_h, cols_h = from_hub >= 0, to_hub >= 0
            table = self._hubs.from_m if which else self._hubs.from_s
            road[rows_h] = table[np.ix_(from_hub[rows_h], self._place[d])]
            table = self._hubs.to_m if which else self._hubs.to_s
            road[np.ix_(~rows_h, cols_h)] = table[np.ix_(self._place[o[~rows_h]], to_hub[cols_h])]
        rest_rows = np.flatnonzero(np.isnan(road).any(axis=1))
        if len(rest_rows):
            rest_cols = np.flatnonzero(np.isnan(road[rest_rows]).any(axis=0))
            columns = self._column[d[rest_cols]]
            self._fill(o[rest_rows], d[rest_cols], columns)
            rows = np.stack([self._rows[int(n)][0][which] for n in self._node[o[rest_rows]]])
            road[np.ix_(rest_rows, rest_cols)] = rows[:, columns]
        access = self._snap[o][:, None] + self._snap[d][None, :]
        value = road + (access * self._access if which == 0 else access)
        value[np.asarray(origins)[:, None] == np.asarray(destinations)[None, :]] = 0.0
        value[~np.isfinite(value)] = NO_ROUTE_M
        return np.rint(value).astype(np.int64)

    def _fill(self, origins: np.ndarray, destinations: np.ndarray, columns: np.ndarray) -> None:
        """Make sure the rows of ``origins`` (scenario positions) hold exact values at ``columns``
        (the destinations' target columns): Dijkstra, limited around the destinations, from sources
        not in the cache; again without a limit where a limited row misses a target."""
        sources = np.unique(self._node[origins])
        for s in sources:
            if int(s) in self._rows:
                self._rows.move_to_end(int(s))
        missing = [int(s) for s in sources if int(s) not in self._rows]
        if missing:
            if self._hubs is not None:
                self._run(missing, self._hub_limits(missing, origins, destinations))
            else:
                self._run(missing, self._limit(origins, destinations))
        short = [int(s) for s in sources if np.isfinite(self._rows[int(s)][1]) and self._misses(int(s), columns)]
        if short:
            self._run(short, np.inf)
        while len(self._rows) > max(self._cache_rows, len(sources)):
            self._rows.popitem(last=False)

    def _misses(self, source: int, columns: np.ndarray) -> bool:
        """Whether a limited row lacks a target it may have a route to: one in the same weakly
        connected part of the graph (in another there is none, searched or not), unless the
        search's radius came from the hub tables and the source shares a strongly connected part
        with a hub: whatever it reaches, that hub reaches too, so a target with a route from it
        has a route by way of the hub, within the radius."""
        if self._hubs is not None and self._with_hub()[source]:
            return False
        unknown = ~np.isfinite(self._rows[source][0][0][columns])
        return bool((unknown & (self._target_part[columns] == self._part[source])).any())

    def _with_hub(self) -> np.ndarray:
        """Per road node, whether its strongly connected part holds a hub's node."""
        def build() -> np.ndarray:
            strong = self._strong()
            hub_parts = np.unique(strong[self._roads.place_node[self._hubs.hubs]])
            return np.isin(strong, hub_parts)

        return self._roads.once("with-hub", self.vehicle_class, build)

    def _strong(self) -> np.ndarray:
        """Strongly connected part of each road node on this class's roads (computed once per file)."""
        return self._roads.once("strong", self.vehicle_class,
                                lambda: connected_components(self._graph.seconds, directed=True, connection="strong")[1])

    def _hub_limits(self, sources: list[int], origins: np.ndarray, destinations: np.ndarray) -> np.ndarray:
        """Per source, seconds that surely reach every destination with a route through some hub:
        the longest of its legs to them by way of the best hub (to the hub, on from it), a bound
        by the triangle inequality — no search is repeated for lack of radius."""
        assert self._hubs is not None
        first = {}
        for k in origins.tolist():
            first.setdefault(int(self._node[k]), k)
        rows = self._place[[first[s] for s in sources]]
        cols = self._place[np.unique(destinations)]
        onward = self._hubs.from_s[:, cols].astype(float)[None, :, :]
        step = max(1, HUB_BOUND_CELLS // max(onward.size, 1))
        worst = np.empty(len(rows))
        for lo in range(0, len(rows), step):  # sources × hubs × destinations, a slice at a time
            bound = (self._hubs.to_s[rows[lo:lo + step]].astype(float)[:, :, None] + onward).min(axis=1)
            bound[~np.isfinite(bound)] = -np.inf
            worst[lo:lo + step] = bound.max(axis=1)
        return np.where(np.isfinite(worst), worst * (1 + 1e-5) + 1.0, np.inf)

    def _run(self, sources: list[int], limit_s: float | np.ndarray) -> None:
        limits = np.broadcast_to(np.asarray(limit_s, dtype=float), (len(sources),)).copy()
        road_s, road_m, _ = road_rows(self._graph, np.array(sources, dtype=np.int64), self._targets, limits,
                                      one_limit=np.ndim(limit_s) == 0, keep_trees=False)
        self.dijkstra_runs += len(sources)
        for k, s in enumerate(sources):
            self._rows[s] = (np.stack([road_s[k], road_m[k]]).astype(np.float32), float(limits[k]))

    def _limit(self, origins: np.ndarray, destinations: np.ndarray) -> float:
        """Seconds within which Dijkstra from these origins most likely finds every destination."""
        a, b = self._coords[np.unique(origins)], self._coords[np.unique(destinations)]
        lo, hi = np.minimum(a.min(axis=0), b.min(axis=0)), np.maximum(a.max(axis=0), b.max(axis=0))
        span = EARTH_RADIUS_M * float(np.hypot(hi[0] - lo[0], (hi[1] - lo[1]) * np.cos((hi[0] + lo[0]) / 2)))
        return LIMIT_STRETCH * span / (LIMIT_KMH / 3.6) + LIMIT_SLACK_S


class _Family:
    """The networks of one road file, one per vehicle class built, and the rooms' class limits."""

    def __init__(self) -> None:
        self.members: dict[int, RoadNetwork] = {}
        self.limits: dict[str, int | None] | None = None
