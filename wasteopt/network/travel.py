"""Travel distance and time between places: the one place that computes them.

The engine and the validator both ask this module, so a plan's reported kilometres and times can be
recomputed exactly. Results are integer metres and integer seconds (what PyVRP needs); a leg's
duration is its distance at the vehicle's speed, unless a matrix file gives durations.

Geometric models (haversine × circuity for lat/lon; euclidean / manhattan for projected x/y) are
computed on demand for the rows and columns asked for, so no full n×n matrix is built unless a
caller asks for one.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from wasteopt.scenario.models import Room, Scenario

EARTH_RADIUS_M = 6_371_008.8
NO_CLASS = 0
"""A room's class limit when no vehicle class of the fleet has a road to it."""
HAUL_VEHICLE_CLASS = 99
"""The class the haul is planned, checked and drawn for: above any collection truck's, so the
largest class built (hook-lift trucks have no class of their own)."""


class TravelNetwork:
    """Distances (m) and durations (s) between any places of a scenario, by id."""

    def __init__(self, scenario: Scenario, matrix: "MatrixTable | None" = None) -> None:
        self._travel = scenario.travel
        places = scenario.locations()
        self._index = {pid: k for k, pid in enumerate(places)}
        geographic = any(p.is_geographic for p in places.values())
        self._is_geographic = geographic
        if geographic:
            self._coords = np.radians([[p.lat, p.lon] for p in places.values()], dtype=float)
        else:
            self._coords = np.array([[p.x, p.y] for p in places.values()], dtype=float)
        self._matrix = matrix
        if self._travel.model == "matrix" and matrix is None:
            raise ValueError("travel model 'matrix' needs a MatrixTable (see wasteopt.network.matrix_file)")

    def indices(self, ids: Sequence[str]) -> np.ndarray:
        """Positions of the given ids in this network's coordinate table."""
        return np.fromiter((self._index[i] for i in ids), dtype=np.int64, count=len(ids))

    @property
    def is_geometric(self) -> bool:
        """Whether distances follow from coordinates (so straight-line order is travel order)."""
        return self._matrix is None

    def for_haul(self) -> "TravelNetwork":
        """The network the hook-lift trucks drive on: the largest vehicle class's roads (they have no
        class in the scenario and are the largest vehicles on the road)."""
        return self.for_class(HAUL_VEHICLE_CLASS)

    def for_class(self, vehicle_class: int) -> "TravelNetwork":
        """The network trucks of ``vehicle_class`` drive on: this one, unless roads differ by class
        (:class:`wasteopt.network.osm_classes.ClassedNetwork`,
        :class:`wasteopt.network.osm_network.RoadNetwork`)."""
        return self

    def road_limits(self) -> dict[str, int | None]:
        """Room id → the largest vehicle class whose roads reach it (``None``: no class of the
        fleet), for the rooms only smaller classes reach; none where roads do not differ by class."""
        return {}

    @property
    def on_demand(self) -> bool:
        """Whether legs between rooms are computed on request (a search each), so that no caller
        should ask for a rooms × rooms table of a large district."""
        return False

    def points(self, ids: Sequence[str]) -> np.ndarray:
        """Coordinates in which straight-line order is travel order for the geometric models: unit-sphere
        xyz for lat/lon (chord order is great-circle order), x/y otherwise."""
        coords = self._coords[self.indices(ids)]
        if self._coords.shape[1] == 2 and self._is_geographic:
            lat, lon = coords[:, 0], coords[:, 1]
            return np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])
        return coords

    @property
    def straight_line_norm(self) -> int:
        """The Minkowski norm whose order is travel order (1 for manhattan, else 2)."""
        return 1 if self._travel.model == "manhattan" else 2

    def distance_m(self, origins: Sequence[str], destinations: Sequence[str]) -> np.ndarray:
        """Road distance in integer metres, ``len(origins) × len(destinations)``."""
        if self._matrix is not None:
            return self._matrix.distance_m(origins, destinations)
        a = self._coords[self.indices(origins)]
        b = self._coords[self.indices(destinations)]
        return np.rint(self._geometric_m(a, b)).astype(np.int64)

    def duration_s(
        self, origins: Sequence[str], destinations: Sequence[str], speed_kmh: float | None = None
    ) -> np.ndarray:
        """Travel time in integer seconds at ``speed_kmh`` (default: the travel model's speed)."""
        if self._matrix is not None and self._matrix.has_durations:
            return self._matrix.duration_s(origins, destinations)
        metres = self.distance_m(origins, destinations)
        return seconds_at_speed(metres, speed_kmh or self._travel.speed_kmh)

    def legs_m(self, path: Sequence[str]) -> np.ndarray:
        """Distance in metres of each consecutive leg of a path (``len(path) - 1`` values)."""
        if len(path) < 2:
            return np.zeros(0, dtype=np.int64)
        if self._matrix is not None:
            return self._matrix.legs(path, self._matrix.distance)
        coords = self._coords[self.indices(path)]
        return np.rint(self._geometric(coords[:-1], coords[1:])).astype(np.int64)

    def legs_s(self, path: Sequence[str], speed_kmh: float | None = None) -> np.ndarray:
        """Travel time in seconds of each consecutive leg of a path."""
        if self._matrix is not None and self._matrix.has_durations:
            return self._matrix.legs(path, self._matrix.duration)
        return seconds_at_speed(self.legs_m(path), speed_kmh or self._travel.speed_kmh)

    def leg(self, origin: str, destination: str, speed_kmh: float | None = None) -> tuple[int, int]:
        """Distance (m) and duration (s) of one leg."""
        d = int(self.distance_m([origin], [destination])[0, 0])
        t = int(self.duration_s([origin], [destination], speed_kmh)[0, 0])
        return d, t

    def _geometric_m(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """All pairs: ``len(a) × len(b)`` road metres."""
        return self._geometric(a[:, None, :], b[None, :, :])

    def _geometric(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Road metres between coordinate rows that broadcast against each other."""
        model = self._travel.model
        if model == "haversine":
            lat1, lon1, lat2, lon2 = a[..., 0], a[..., 1], b[..., 0], b[..., 1]
            h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
            straight = 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
            return straight * self._travel.circuity
        diff = a - b
        if model == "euclidean":
            return np.hypot(diff[..., 0], diff[..., 1]) * self._travel.circuity
        if model == "manhattan":
            return np.abs(diff).sum(axis=-1) * self._travel.circuity
        raise ValueError(f"unknown travel model {model!r}")


def room_class_limits(network: TravelNetwork, rooms: Sequence[Room]) -> list[int | None]:
    """Per room, the largest vehicle class that may serve it: the room table's
    ``max_vehicle_class`` and the roads' limit (:meth:`TravelNetwork.road_limits`), whichever is
    smaller (``None``: any class; :data:`NO_CLASS`: none of the fleet's has a road to it)."""
    roads = network.road_limits()
    limits: list[int | None] = []
    for room in rooms:
        limit = room.max_vehicle_class
        if room.id in roads:
            road = roads[room.id] or NO_CLASS
            limit = road if limit is None else min(limit, road)
        limits.append(limit)
    return limits


def seconds_at_speed(metres: np.ndarray, speed_kmh: float) -> np.ndarray:
    """Integer seconds to cover ``metres`` at ``speed_kmh``."""
    return np.rint(metres / (speed_kmh / 3.6)).astype(np.int64)


class MatrixTable:
    """Distances (and optionally durations) read from a file, keyed by location id."""

    def __init__(self, ids: Sequence[str], distance_m: np.ndarray, duration_s: np.ndarray | None) -> None:
        self._index = {pid: k for k, pid in enumerate(ids)}
        self._distance = np.asarray(distance_m, dtype=np.int64)
        self._duration = None if duration_s is None else np.asarray(duration_s, dtype=np.int64)

    @property
    def has_durations(self) -> bool:
        """Whether the file gave durations (otherwise they follow from speed)."""
        return self._duration is not None

    def _rows_cols(self, origins: Sequence[str], destinations: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        rows = np.fromiter((self._index[i] for i in origins), dtype=np.int64, count=len(origins))
        cols = np.fromiter((self._index[i] for i in destinations), dtype=np.int64, count=len(destinations))
        return rows, cols

    @property
    def distance(self) -> np.ndarray:
        """The whole distance table (m), in file order."""
        return self._distance

    @property
    def duration(self) -> np.ndarray:
        """The whole duration table (s), in file order."""
        assert self._duration is not None
        return self._duration

    def legs(self, path: Sequence[str], table: np.ndarray) -> np.ndarray:
        """Entries of ``table`` for each consecutive leg of a path."""
        where = np.fromiter((self._index[i] for i in path), dtype=np.int64, count=len(path))
        return table[where[:-1], where[1:]]

    def distance_m(self, origins: Sequence[str], destinations: Sequence[str]) -> np.ndarray:
        """Distances in metres between the given ids."""
        rows, cols = self._rows_cols(origins, destinations)
        return self._distance[np.ix_(rows, cols)]

    def duration_s(self, origins: Sequence[str], destinations: Sequence[str]) -> np.ndarray:
        """Durations in seconds between the given ids."""
        assert self._duration is not None
        rows, cols = self._rows_cols(origins, destinations)
        return self._duration[np.ix_(rows, cols)]
