"""The files ``wasteopt network build`` writes into its output folder, and reading them back.

- ``matrix.npz``: the travel matrix in the ordinary matrix-file format (``ids``, ``distance_km``,
  ``duration_min``; see :mod:`wasteopt.scenario.matrix_file`) for the smallest vehicle class of the
  fleet, every entry finite. Extra arrays say where the rest is: ``roads`` (the geometry file, a
  name relative to this file), ``vehicle_class`` (the class of this table), ``class_numbers`` and
  ``class_files`` (one table per vehicle class of the fleet). The scenario's
  ``travel: {model: matrix, matrix: {file: DIR/matrix.npz}}`` is all a user writes.
- ``matrix.class{K}.npz``: the same for vehicle class K; ``inf`` where class K has no route.
- ``roads.npz``: the road graph (node coordinates, edges with metres, seconds, class bits, and the
  nodes each contracted edge passes, numbered after the ``routed_nodes`` junctions that searches
  span, :mod:`wasteopt.network.osm_contract`), each
  place's road node and snap metres, and per class the predecessor trees that trace any leg
  between places along the roads (``tree_*_c{K}``) or, in an on-demand build, the hub tables
  (``hub_*_c{K}``, :mod:`wasteopt.network.osm_hubs`). :class:`RoadFile` reads it.
- ``build.json``: the cache key (a hash of the extract, the profile, the places and the classes)
  and what the build found (snaps, limits from the roads).
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import numpy as np

from wasteopt.network.osm_graph import RoadGraph
from wasteopt.network.osm_hubs import HubTables
from wasteopt.network.osm_tables import Trees
from wasteopt.network.travel import MatrixTable

MATRIX = "matrix.npz"
ROADS = "roads.npz"
BUILD = "build.json"
FORMAT = 3
"""Bumped when the files change shape: a cache written by another format is rebuilt."""
HUB_PARTS = ("hub_index", "hub_from_s", "hub_from_m", "hub_to_s", "hub_to_m")
T = TypeVar("T")
NO_ROUTE_M = 10**9
"""What a class table holds (metres, and seconds) where that class has no route: far beyond any day."""


def class_file(vehicle_class: int) -> str:
    """The name of vehicle class ``vehicle_class``'s table."""
    return f"matrix.class{vehicle_class}.npz"


def write_matrix(path: Path, ids: list[str], metres: np.ndarray, seconds: np.ndarray, extra: dict[str, np.ndarray]) -> None:
    """One table in the matrix-file format (km, minutes), with ``extra`` arrays beside it."""
    np.savez_compressed(path, ids=np.array(ids), distance_km=metres / 1000.0, duration_min=seconds / 60.0, **extra)


def write_roads(path: Path, graph: RoadGraph, ids: list[str], node: np.ndarray, snap_m: np.ndarray,
                access_speed_kmh: float, trees: dict[int, Trees], hubs: dict[int, HubTables] | None = None,
                classes: list[int] | None = None) -> None:
    """The road graph, the places on it, each class's trees and (on-demand builds) hub tables, and
    the vehicle classes built."""
    arrays: dict[str, np.ndarray] = {
        "node_lat": graph.lat, "node_lon": graph.lon, "tail": graph.tail, "head": graph.head,
        "length_m": graph.length_m.astype(np.float32), "time_s": graph.time_s.astype(np.float32),
        "classes": graph.classes, "class_numbers": graph.class_numbers, "routed_nodes": np.array(graph.routed_nodes),
        **({"via_ptr": graph.via_ptr, "via_node": graph.via_node} if graph.via_ptr is not None and graph.via_node is not None else {}),
        "place_ids": np.array(ids), "place_node": node, "snap_m": snap_m, "access_speed_kmh": np.array(access_speed_kmh),
        "built_classes": np.array(classes or [], dtype=np.int64),
    }
    for k, tree in trees.items():
        arrays.update({f"tree_sources_c{k}": tree.sources, f"tree_ptr_c{k}": tree.ptr,
                       f"tree_node_c{k}": tree.node, f"tree_pred_c{k}": tree.pred})
    for k, table in (hubs or {}).items():
        arrays.update(table.arrays(f"_c{k}"))
    np.savez(path, **arrays)


@dataclass
class RoadFile:
    """``roads.npz`` read back: the graph, the places on it, and the stored trees by class."""

    graph: RoadGraph
    place_index: dict[str, int]
    place_node: np.ndarray
    snap_m: np.ndarray
    access_speed_kmh: float
    trees: dict[int, Trees] = field(default_factory=dict)
    hubs: dict[int, HubTables] = field(default_factory=dict)
    classes: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # the fleet's classes built
    derived: dict[tuple[str, int], object] = field(default_factory=dict, repr=False, compare=False)
    """What networks on this file work out once per class and share (:meth:`once`)."""

    def once(self, what: str, vehicle_class: int, make: Callable[[], T]) -> T:
        """``make()`` the first time ``what`` of ``vehicle_class`` is asked for, the kept result after:
        each class's graph and its connected parts are made once however many networks read the file
        (one per region of a large district)."""
        key = (what, vehicle_class)
        if key not in self.derived:
            self.derived[key] = make()
        return self.derived[key]  # type: ignore[return-value]

    def node_of(self, place_id: str) -> int:
        """The road node a place is snapped to."""
        return int(self.place_node[self.place_index[place_id]])

    def has(self, place_id: str) -> bool:
        """Whether the place was snapped in this build."""
        return place_id in self.place_index

    def built_classes(self) -> list[int]:
        """The vehicle classes the build made tables for (else every class of the profile)."""
        return [int(k) for k in (self.classes if len(self.classes) else self.graph.class_numbers)]


def read_roads_once(path: str | Path) -> RoadFile:
    """``roads.npz`` read once per process while the file stays the same (every region of a large
    district plans on the same road file)."""
    path = Path(path).resolve()
    stat = path.stat()
    return _read_roads_kept(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=2)
def _read_roads_kept(path: str, mtime_ns: int, size: int) -> RoadFile:
    return read_roads(path)


def read_roads(path: str | Path) -> RoadFile:
    """Read ``roads.npz``."""
    with np.load(path, allow_pickle=False) as data:
        graph = RoadGraph(data["node_lat"], data["node_lon"], data["tail"], data["head"],
                          data["length_m"].astype(float), data["time_s"].astype(float), data["classes"], data["class_numbers"],
                          data["via_ptr"] if "via_ptr" in data.files else None, data["via_node"] if "via_node" in data.files else None,
                          int(data["routed_nodes"]) if "routed_nodes" in data.files else 0)
        ids = [str(i) for i in data["place_ids"]]
        trees = {
            int(name[len("tree_sources_c"):]): Trees(data[name], data[f"tree_ptr_c{name[len('tree_sources_c'):]}"],
                                                     data[f"tree_node_c{name[len('tree_sources_c'):]}"],
                                                     data[f"tree_pred_c{name[len('tree_sources_c'):]}"])
            for name in data.files if name.startswith("tree_sources_c")
        }
        hubs = {
            int(name[len("hub_index_c"):]): HubTables(*(data[f"{part}_c{name[len('hub_index_c'):]}"] for part in HUB_PARTS))
            for name in data.files if name.startswith("hub_index_c")
        }
        built = data["built_classes"] if "built_classes" in data.files else np.zeros(0, dtype=np.int64)
        return RoadFile(graph, {pid: k for k, pid in enumerate(ids)}, data["place_node"], data["snap_m"],
                        float(data["access_speed_kmh"]), trees, hubs, built)


def matrix_extras(path: str | Path) -> dict[str, object]:
    """What a matrix file says beyond its table: ``roads`` (a path, or ``None``), ``vehicle_class``
    (or ``None``) and ``class_files`` (class → path). Empty facts for a CSV or a user's own file."""
    path = Path(path)
    facts: dict[str, object] = {"roads": None, "vehicle_class": None, "class_files": {}}
    if path.suffix.lower() != ".npz":
        return facts
    try:
        with np.load(path, allow_pickle=False) as data:
            if "roads" in data.files:
                facts["roads"] = path.parent / str(data["roads"])
            if "vehicle_class" in data.files:
                facts["vehicle_class"] = int(data["vehicle_class"])
            if "class_numbers" in data.files and "class_files" in data.files:
                facts["class_files"] = {int(k): path.parent / str(f) for k, f in zip(data["class_numbers"], data["class_files"])}
    except (OSError, ValueError, zipfile.BadZipFile):
        pass
    return facts


def roads_path(matrix_path: str | Path) -> Path | None:
    """The geometry file a matrix file names, if it names one and it exists."""
    roads = matrix_extras(matrix_path)["roads"]
    return roads if isinstance(roads, Path) and roads.exists() else None


@dataclass
class ClassTable:
    """One vehicle class's table: a :class:`MatrixTable` (``NO_ROUTE_M`` where there is no route) and
    which pairs have a route."""

    table: MatrixTable
    reachable: np.ndarray
    ids: list[str]


def read_class_table(path: str | Path) -> ClassTable:
    """A ``matrix.class{K}.npz`` file."""
    with np.load(path, allow_pickle=False) as data:
        ids = [str(i) for i in data["ids"]]
        km, minutes = data["distance_km"], data["duration_min"]
    reachable = np.isfinite(km) & np.isfinite(minutes)
    metres = np.where(reachable, np.rint(np.nan_to_num(km, posinf=0.0) * 1000), NO_ROUTE_M).astype(np.int64)
    seconds = np.where(reachable, np.rint(np.nan_to_num(minutes, posinf=0.0) * 60), NO_ROUTE_M).astype(np.int64)
    return ClassTable(MatrixTable(ids, metres, seconds), reachable, ids)


def read_class_tables(matrix_path: str | Path) -> dict[int, ClassTable]:
    """Every vehicle class's table that a matrix file names (empty for other matrix files)."""
    files = matrix_extras(matrix_path)["class_files"]
    assert isinstance(files, dict)
    return {k: read_class_table(f) for k, f in files.items() if Path(f).exists()}


def road_max_class(matrix_path: str | Path) -> dict[str, int | None]:
    """Per place, the largest vehicle class of the build that has a route to and from every other
    place (``None``: not even the smallest; places every class reaches are left out)."""
    tables = read_class_tables(matrix_path)
    if not tables:
        return {}
    classes = sorted(tables)
    ids = tables[classes[0]].ids
    ok = {k: _in_largest_group(tables[k].reachable) for k in classes}
    out: dict[str, int | None] = {}
    for i, pid in enumerate(ids):
        allowed = [k for k in classes if ok[k][i]]
        if len(allowed) < len(classes):
            out[pid] = max(allowed) if allowed else None
    return out


def _in_largest_group(reachable: np.ndarray) -> np.ndarray:
    """Places in the largest group that all reach each other (most finite entries in row and column)."""
    count = reachable.sum(axis=1) + reachable.sum(axis=0)
    return count == count.max()


def input_key(osm: Path, profile_digest: str, places: list[tuple[str, float, float]], classes: list[int], full: bool,
              hubs: list[str] | None = None) -> str:
    """The cache key of a build: the extract's bytes, the profile, the places, the classes, the hubs, the format."""
    digest = hashlib.sha256()
    with open(osm, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    digest.update(json.dumps([FORMAT, profile_digest, places, classes, full, hubs or []]).encode())
    return digest.hexdigest()


def cached_build(out: Path, key: str) -> dict[str, object] | None:
    """The earlier build's record in ``out`` when it was made from the same inputs and its files are there."""
    try:
        record = json.loads((out / BUILD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("key") != key:
        return None
    files = [str(f) for f in record.get("files", [])]
    return record if all((out / f).exists() for f in files) else None
