"""Hub tables: every place to and from the stations, plants and garages, computed once per build.

On a large district every region's router asks for the legs between its rooms and the stations,
garages and plants — hundreds of hubs, far from many regions. Running Dijkstra from each hub in
every region would repeat the same work region after region, so an on-demand build computes, per
vehicle class, each hub's row to every place (Dijkstra from the hub) and each hub's column from
every place (Dijkstra from the hub on the reversed graph: the paths *to* it). Road seconds and
metres only (the places' access legs are added by whoever reads them), float32.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from wasteopt.network.osm_graph import ClassGraph
from wasteopt.network.osm_tables import rows_to


@dataclass
class HubTables:
    """``hubs``: place positions of the hubs; ``from_*``: hubs × places; ``to_*``: places × hubs."""

    hubs: np.ndarray
    from_s: np.ndarray
    from_m: np.ndarray
    to_s: np.ndarray
    to_m: np.ndarray

    def arrays(self, suffix: str) -> dict[str, np.ndarray]:
        """The tables as named arrays for an NPZ file."""
        return {f"hub_index{suffix}": self.hubs, f"hub_from_s{suffix}": self.from_s, f"hub_from_m{suffix}": self.from_m,
                f"hub_to_s{suffix}": self.to_s, f"hub_to_m{suffix}": self.to_m}


def hub_tables(graph: ClassGraph, reverse: ClassGraph, place_node: np.ndarray, hubs: np.ndarray, workers: int = 1) -> HubTables:
    """The hub tables of one class (``reverse``: the same class's graph turned round)."""
    zeros_h, zeros_p = np.zeros(len(hubs)), np.zeros(len(place_node))
    out = rows_to(graph, place_node[hubs], place_node, zeros_h, zeros_p, 1.0, workers=workers)
    back = rows_to(reverse, place_node[hubs], place_node, zeros_h, zeros_p, 1.0, workers=workers)
    return HubTables(hubs.astype(np.int64), out.seconds.astype(np.float32), out.metres.astype(np.float32),
                     back.seconds.T.astype(np.float32).copy(), back.metres.T.astype(np.float32).copy())
