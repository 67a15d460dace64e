"""The shortest travel over several vehicle classes' networks: what a lower bound may use.

Where roads differ by class, each class drives its own fastest paths; a bound valid for every truck
of the fleet must not exceed any of them, so it reads the elementwise minimum of the classes'
metres and seconds. A network that is the same for every class is returned as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from wasteopt.network.travel import TravelNetwork


class ShortestOf(TravelNetwork):
    """Distances and durations: the least over the given networks (same places, by id).

    It does not call :class:`TravelNetwork`'s constructor but shares the first network's
    coordinate tables, so the inherited helpers (``indices``, ``points``) work."""

    def __init__(self, networks: Sequence[TravelNetwork]) -> None:
        first = networks[0]
        self._networks = list(networks)
        self._travel = first._travel
        self._index = first._index
        self._is_geographic = first._is_geographic
        self._coords = first._coords
        self._matrix = None

    @property
    def is_geometric(self) -> bool:
        """Several class networks follow no straight-line order."""
        return False

    @property
    def on_demand(self) -> bool:
        """Whether any of the networks computes its legs on request."""
        return any(net.on_demand for net in self._networks)

    def distance_m(self, origins: Sequence[str], destinations: Sequence[str]) -> np.ndarray:
        """The least metres over the networks."""
        return np.minimum.reduce([net.distance_m(origins, destinations) for net in self._networks])

    def duration_s(self, origins: Sequence[str], destinations: Sequence[str], speed_kmh: float | None = None) -> np.ndarray:
        """The least seconds over the networks."""
        return np.minimum.reduce([net.duration_s(origins, destinations, speed_kmh) for net in self._networks])

    def legs_m(self, path: Sequence[str]) -> np.ndarray:
        """The least metres of each leg over the networks."""
        return np.minimum.reduce([net.legs_m(path) for net in self._networks])

    def legs_s(self, path: Sequence[str], speed_kmh: float | None = None) -> np.ndarray:
        """The least seconds of each leg over the networks."""
        return np.minimum.reduce([net.legs_s(path, speed_kmh) for net in self._networks])


def shortest_network(network: TravelNetwork, vehicle_classes: Iterable[int]) -> TravelNetwork:
    """The network of the least metres and seconds over the given classes' networks (``network``
    itself when they all drive on it)."""
    unique: dict[int, TravelNetwork] = {}
    for k in sorted(set(vehicle_classes)):
        net = network.for_class(k)
        unique.setdefault(id(net), net)
    nets = list(unique.values())
    if not nets:
        return network
    return nets[0] if len(nets) == 1 else ShortestOf(nets)
