"""``wasteopt network build``'s work: OSM extract + places → road graph → snapped places → contracted
graph → tables → files.

One call, :func:`build_network`, with the places as plain (id, lat, lon) so that this module needs
no scenario: the command gathers the places, their file lines for warnings, and the fleet's vehicle
classes. When ``full`` is false (districts the engine splits into regions) no places × places
table is written, only the road graph with the places on it and the hub tables (every place to and
from each station, plant and garage), from which :class:`wasteopt.network.osm_network.RoadNetwork`
answers any rows on demand.

The result is cached: a folder whose ``build.json`` holds the same input key (extract bytes,
profile, places, classes) is reused as it is.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from wasteopt.network.osm_files import (
    BUILD, MATRIX, ROADS, cached_build, class_file, input_key, road_max_class, write_matrix, write_roads,
)
from wasteopt.network.osm_contract import contract, routed_first
from wasteopt.network.osm_graph import ClassGraph, RoadGraph, build_graph
from wasteopt.network.osm_hubs import HubTables, hub_tables
from wasteopt.network.osm_profile import RoadProfile
from wasteopt.network.osm_read import read_ways
from wasteopt.network.osm_snap import snap_places
from wasteopt.network.osm_tables import Trees, place_tables

TREE_ENTRIES = 25_000_000
"""Stored tree entries at most (8 bytes each: 200 MB); beyond, the build keeps no trees and the
report traces each leg by a Dijkstra run around it (:mod:`wasteopt.network.osm_paths`)."""

PlaceRow = tuple[str, float, float]
"""A place as (id, lat, lon)."""


class Disconnected(ValueError):
    """Places with no road route to the rest (or none back)."""

    def __init__(self, ids: list[str]) -> None:
        self.ids = ids
        super().__init__(f"{len(ids)} places have no road route to the rest: {', '.join(ids)}")


@dataclass
class BuildResult:
    """What a build wrote or found cached."""

    out: Path
    reused: bool
    snap_m: dict[str, float]
    far: list[str]  # places snapped farther than the profile's max_snap_m
    classes: list[int]
    road_limits: dict[str, int | None] = field(default_factory=dict)  # place → largest class the roads allow
    nodes: int = 0
    edges: int = 0
    seconds: float = 0.0
    full: bool = True
    joined_edges: int = 0  # edges after contraction (what Dijkstra searches)

    def record(self, key: str, files: list[str]) -> dict[str, object]:
        """``build.json``'s content."""
        return {"key": key, "files": files, "snap_m": self.snap_m, "far": self.far, "classes": self.classes,
                "road_limits": self.road_limits, "nodes": self.nodes, "edges": self.edges, "seconds": self.seconds,
                "full": self.full, "joined_edges": self.joined_edges}


def build_network(places: list[PlaceRow], osm: Path, profile: RoadProfile, out: Path, classes: list[int],
                  full: bool = True, hubs: list[str] | None = None, workers: int = 1) -> BuildResult:
    """Build (or reuse) the road travel files for ``places`` in ``out``; raises :class:`Disconnected`.
    Without ``full`` tables, the places ``hubs`` (stations, plants, garages) get hub tables. Large
    searches are shared among ``workers`` processes."""
    classes = sorted(set(classes)) or [1]
    hub_ids = [] if full else sorted(set(hubs or []))
    key = input_key(osm, profile.digest(), [list(p) for p in places], classes, full, hub_ids)  # type: ignore[misc]
    record = cached_build(out, key)
    if record is not None:
        return _from_record(out, record)
    started = time.perf_counter()
    graph = build_graph(read_ways(osm, profile), profile)
    ids = [p[0] for p in places]
    lat = np.array([p[1] for p in places], dtype=float)
    lon = np.array([p[2] for p in places], dtype=float)
    base = graph.for_class(classes[0])
    snapped = snap_places(graph, base, lat, lon, profile.max_snap_m)
    if not snapped.connected.all():
        raise Disconnected([pid for pid, ok in zip(ids, snapped.connected) if not ok])
    keep = np.zeros(graph.nodes, dtype=bool)
    keep[snapped.node] = True
    road_edges = len(graph.tail)
    graph, renumbered = routed_first(contract(graph, keep), keep)
    snapped.node = renumbered[snapped.node]
    base = graph.for_class(classes[0])
    out.mkdir(parents=True, exist_ok=True)
    _remove_earlier_build(out)
    files = [ROADS]
    trees: dict[int, Trees] = {}
    hub_tables_by_class: dict[int, HubTables] = {}
    if full:
        files += _write_tables(out, graph, classes, base, ids, snapped.node, snapped.metres, profile, trees, workers)
    elif hub_ids:
        at = {pid: k for k, pid in enumerate(ids)}
        where = np.array([at[h] for h in hub_ids if h in at], dtype=np.int64)
        for k in classes:
            forward = base if k == classes[0] else graph.for_class(k)
            hub_tables_by_class[k] = hub_tables(forward, graph.for_class(k, reverse=True), snapped.node, where, workers)
    if sum(len(tree.node) for tree in trees.values()) > TREE_ENTRIES:
        trees = {}  # too big to keep: legs are traced on demand when drawn
    write_roads(out / ROADS, graph, ids, snapped.node, snapped.metres, profile.access_speed_kmh, trees, hub_tables_by_class,
                classes)
    result = BuildResult(
        out, False, {pid: round(float(m), 1) for pid, m in zip(ids, snapped.metres)},
        [pid for pid, m in zip(ids, snapped.metres) if m > profile.max_snap_m], classes,
        road_max_class(out / MATRIX) if full else {},
        graph.nodes, road_edges, round(time.perf_counter() - started, 2), full, len(graph.tail),
    )
    (out / BUILD).write_text(json.dumps(result.record(key, files), indent=1), encoding="utf-8")
    return result


def _write_tables(out: Path, graph: RoadGraph, classes: list[int], base: ClassGraph, ids: list[str], node: np.ndarray,
                  snap_m: np.ndarray, profile: RoadProfile, trees: dict[int, Trees], workers: int = 1) -> list[str]:
    """Each class's table (the smallest class's as ``matrix.npz`` too); fills ``trees``."""
    written = []
    base_tables = None
    for k in classes:
        class_graph = base if k == classes[0] else graph.for_class(k)
        tables = place_tables(class_graph, node, snap_m, profile.access_speed_kmh, workers=workers)
        assert tables.trees is not None
        trees[k] = tables.trees
        write_matrix(out / class_file(k), ids, tables.metres, tables.seconds, {"vehicle_class": np.array(k)})
        written.append(class_file(k))
        if base_tables is None:
            base_tables = tables
    assert base_tables is not None
    write_matrix(out / MATRIX, ids, base_tables.metres, base_tables.seconds, {
        "roads": np.array(ROADS), "vehicle_class": np.array(classes[0]),
        "class_numbers": np.array(classes), "class_files": np.array([class_file(k) for k in classes]),
    })
    return [MATRIX, *written]


def _remove_earlier_build(out: Path) -> None:
    """Remove the files an earlier build left in ``out`` (only those a build writes), so that no
    table of other places or another kind of build stays behind."""
    for path in [out / BUILD, out / MATRIX, out / ROADS, *out.glob(class_file(0).replace("0", "*"))]:
        path.unlink(missing_ok=True)


def _from_record(out: Path, record: dict[str, object]) -> BuildResult:
    limits = record.get("road_limits") or {}
    return BuildResult(
        out, True, dict(record.get("snap_m") or {}), list(record.get("far") or []),  # type: ignore[call-overload]
        list(record.get("classes") or []), dict(limits), int(record.get("nodes") or 0),  # type: ignore[call-overload]
        int(record.get("edges") or 0), float(record.get("seconds") or 0.0), bool(record.get("full", True)),  # type: ignore[arg-type]
        int(record.get("joined_edges") or 0),  # type: ignore[call-overload]
    )
