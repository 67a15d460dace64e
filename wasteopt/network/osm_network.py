"""A travel network on the road graph itself, answering any rows on demand (large districts).

Above the engine's decomposition threshold a places × places table is not built (20,000 places are
3.2 GB a table); ``wasteopt network build`` then writes only ``roads.npz``, and
:class:`RoadNetwork` answers ``distance_m`` / ``duration_s`` for whatever ids it is asked, running
Dijkstra from the sources it has not seen yet (in batches) and keeping their rows to every place
(float32 seconds and metres, a bounded least-recently-used cache). A region's small matrix then
costs one Dijkstra per place of the region, and a row asked twice is computed once.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from wasteopt.network.osm_files import RoadFile
from wasteopt.network.osm_graph import ClassGraph
from wasteopt.network.osm_tables import rows_to
from wasteopt.network.travel import TravelNetwork
from wasteopt.scenario.models import Scenario

CACHE_ROWS = 4096
"""Source rows kept (each 8 bytes per distinct place node: 160 KB at 20,000 places)."""


class RoadNetwork(TravelNetwork):
    """Distances (m) and durations (s) on the road graph of one vehicle class, by place id.

    It does not call :class:`TravelNetwork`'s constructor (which wants a matrix table for the
    ``matrix`` model) but sets the same coordinate tables, so the inherited helpers work."""

    def __init__(self, scenario: Scenario, roads: RoadFile, vehicle_class: int | None = None,
                 cache_rows: int = CACHE_ROWS) -> None:
        places = scenario.locations()
        missing = [pid for pid in places if not roads.has(pid)]
        if missing:
            raise KeyError(f"{len(missing)} places are not in the road file, e.g. {missing[0]}: rebuild it (wasteopt network build)")
        self._travel = scenario.travel
        self._index = {pid: k for k, pid in enumerate(places)}
        self._is_geographic = True
        self._coords = np.radians([[p.lat, p.lon] for p in places.values()], dtype=float)
        self._matrix = None
        self._roads = roads
        classes = [int(k) for k in roads.graph.class_numbers]
        self.vehicle_class = vehicle_class if vehicle_class is not None else classes[0]
        self._graph: ClassGraph = roads.graph.for_class(self.vehicle_class)
        rows = np.array([roads.place_index[pid] for pid in places], dtype=np.int64)
        self._node = roads.place_node[rows].astype(np.int64)
        self._snap = roads.snap_m[rows].astype(float)
        self._targets, self._column = np.unique(self._node, return_inverse=True)
        self._access = 3.6 / roads.access_speed_kmh
        self._rows: OrderedDict[int, np.ndarray] = OrderedDict()
        self._cache_rows = cache_rows
        self.dijkstra_runs = 0

    @property
    def is_geometric(self) -> bool:
        """Road distances follow no straight-line order."""
        return False

    def distance_m(self, origins: Sequence[str], destinations: Sequence[str]) -> np.ndarray:
        """Road metres, ``len(origins) × len(destinations)`` (access legs included; huge where no route)."""
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
        self._fill(np.unique(self._node[o]))
        rows = np.stack([self._rows[int(n)][which] for n in self._node[o]]) if len(o) else np.zeros((0, len(self._targets)))
        road = rows[:, self._column[d]].astype(float)
        access = self._snap[o][:, None] + self._snap[d][None, :]
        value = road + (access * self._access if which == 0 else access)
        value[np.asarray(origins)[:, None] == np.asarray(destinations)[None, :]] = 0.0
        return np.rint(np.nan_to_num(value, posinf=1e9)).astype(np.int64)

    def _fill(self, sources: np.ndarray) -> None:
        """Run Dijkstra from the sources not in the cache; keep their rows."""
        missing = [int(s) for s in sources if int(s) not in self._rows]
        for s in sources:
            if int(s) in self._rows:
                self._rows.move_to_end(int(s))
        if missing:
            zeros_o, zeros_t = np.zeros(len(missing)), np.zeros(len(self._targets))
            tables = rows_to(self._graph, np.array(missing, dtype=np.int64), self._targets, zeros_o, zeros_t, 1.0)
            self.dijkstra_runs += len(missing)
            for k, s in enumerate(missing):
                self._rows[s] = np.stack([tables.seconds[k], tables.metres[k]]).astype(np.float32)
        while len(self._rows) > max(self._cache_rows, len(sources)):
            self._rows.popitem(last=False)
