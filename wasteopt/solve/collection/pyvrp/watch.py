"""Watching a search round from PyVRP's callbacks: its best solution, and whether to give it up.

The round (:func:`wasteopt.solve.collection.routing.route_collection`) asks :meth:`RoundWatch.hopeless`
through its stopping criterion; a round is given up when rooms stay out while more trucks could come
or while the floor serves them all, or when (at a few points of the round) the best routes overload
stations beyond what station assignment can fix.
"""

from __future__ import annotations

import pyvrp

from wasteopt.network.travel import TravelNetwork
from wasteopt.solve.collection.instance import CollectionInstance
from wasteopt.solve.collection.pyvrp.codec import decode
from wasteopt.solve.collection.pyvrp.model import PyVRPModel
from wasteopt.solve.stations.assign import assign_stations, station_loads

CAPACITY_CHECKPOINTS = (0.3, 0.6, 0.85)
"""Fractions of a round's budget at which its best routes are checked against station capacity."""


class RoundWatch(pyvrp.IteratedLocalSearchCallbacks):
    """Follows a round's best solution and says when the round is not worth finishing."""

    def __init__(
        self, instance: CollectionInstance, network: TravelNetwork, model: PyVRPModel, can_grow: bool, fall_back: bool
    ) -> None:
        self._instance, self._network, self._model = instance, network, model
        self._can_grow, self._fall_back = can_grow, fall_back
        self._checkpoints = list(CAPACITY_CHECKPOINTS)
        self.best: pyvrp.Solution | None = None
        self.reason = ""

    def on_start(self, ils: pyvrp.IteratedLocalSearch) -> None:
        self.best = ils.initial_solution

    def on_best(self, best: pyvrp.Solution) -> None:
        self.best = best

    def hopeless(self, done: float) -> bool:
        """Rooms missing though more trucks could come or the floor serves them all, or (checked at a
        few points of the round) stations overloaded beyond repair."""
        if self.best is None:
            return False
        if self.best.num_missing_clients() > 0 and (self._can_grow or self._fall_back):
            self.reason = "fleet" if self._can_grow else "floor"
            return True
        if not self._checkpoints or done < self._checkpoints[0] or not self.best.is_feasible():
            return False
        while self._checkpoints and done >= self._checkpoints[0]:
            self._checkpoints.pop(0)
        raws = decode(self._model, self.best)
        over = station_loads(self._instance, raws) > self._instance.station_capacity_kg
        if over.any() and assign_stations(self._instance, self._network, raws, time_limit=2.0) is None:
            self.reason = "capacity"
            return True
        return False
