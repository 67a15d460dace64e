"""Snap every place of a scenario to a road node, and find the places with no route to the rest.

A place goes to the nearest node a truck can use (a k-d tree on a local plane, metres). Roads in an
extract often include bits cut off from the network (a farm yard, a road cut at the extract's
edge); a place whose nearest node lies in such a bit is moved to the nearest node of the main road
network when that is within ``max_snap_m``. The main network is the strongly connected part
of the graph holding most places; a place still outside it has no route to the rest (or none back)
and the build refuses it, naming it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

from wasteopt.network.osm_graph import EARTH_RADIUS_M, ClassGraph, RoadGraph


class NoRoads(ValueError):
    """The extract has no road a truck may use (wrong file, or a profile that closes every road)."""


@dataclass
class Snapped:
    """Per place: its road node, the straight metres to it, and whether it is on the main network."""

    node: np.ndarray  # int64
    metres: np.ndarray  # float64
    connected: np.ndarray  # bool


def plane(lat: np.ndarray, lon: np.ndarray, lat0: float) -> np.ndarray:
    """Equirectangular metres (east, north) about latitude ``lat0``: enough for nearest-node queries."""
    scale = math.radians(1.0) * EARTH_RADIUS_M
    return np.column_stack([lon * scale * math.cos(math.radians(lat0)), lat * scale])


def snap_places(graph: RoadGraph, base: ClassGraph, lat: np.ndarray, lon: np.ndarray, max_snap_m: float) -> Snapped:
    """Snap places (degrees) to nodes of ``base`` (the graph of the most permissive class)."""
    seconds = base.seconds
    degree = np.diff(seconds.indptr) + np.bincount(seconds.indices, minlength=graph.nodes)
    usable = np.flatnonzero(degree > 0)
    if len(usable) == 0:
        raise NoRoads("the extract has no road a truck may use")
    lat0 = float(np.mean(lat)) if len(lat) else float(np.mean(graph.lat))
    nodes_xy = plane(graph.lat[usable], graph.lon[usable], lat0)
    places_xy = plane(lat, lon, lat0)
    metres, which = cKDTree(nodes_xy).query(places_xy)
    node = usable[which]
    _, label = connected_components(seconds, directed=True, connection="strong")
    main = _main_component(label, node)
    outside = label[node] != main
    if outside.any():
        in_main = usable[label[usable] == main]
        near_m, near = cKDTree(plane(graph.lat[in_main], graph.lon[in_main], lat0)).query(places_xy[outside])
        move = near_m <= max_snap_m
        idx = np.flatnonzero(outside)[move]
        node[idx] = in_main[near[move]]
        metres[idx] = near_m[move]
    return Snapped(node.astype(np.int64), np.asarray(metres, dtype=float), label[node] == main)


def _main_component(label: np.ndarray, node: np.ndarray) -> int:
    """The component holding most places (ties: the one with more nodes)."""
    places = np.bincount(label[node], minlength=label.max() + 1)
    size = np.bincount(label, minlength=label.max() + 1)
    return int(np.lexsort((size, places))[-1])
