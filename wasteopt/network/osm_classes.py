"""Travel per vehicle class, from the tables ``wasteopt network build`` writes beside ``matrix.npz``.

Roads differ by class (tracks, ``maxwidth``, ``maxweight``): a larger truck may need a detour, or
have no route at all to a room down a track. The engine's one :class:`TravelNetwork` is the
smallest class's; :func:`class_networks` gives one per class built (same ids, the class's own
metres and seconds, :data:`~wasteopt.network.osm_files.NO_ROUTE_M` where it has no route), and
:func:`road_class_limits` the rooms that only smaller classes reach — narrow-lane rooms that follow
from the roads, as ``max_vehicle_class`` follows from the room table.
"""

from __future__ import annotations

from wasteopt.network.osm_files import matrix_extras, read_class_tables, road_max_class
from wasteopt.network.travel import MatrixTable, TravelNetwork
from wasteopt.scenario.models import Scenario


class ClassedNetwork(TravelNetwork):
    """The smallest class's network (what every caller gets), which also knows each class's own:
    :meth:`for_class` reads the class tables the first time one is asked for (once: the same
    network object is handed out for a class every time), and :meth:`road_limits` the rooms only
    smaller classes reach."""

    def __init__(self, scenario: Scenario, matrix: MatrixTable) -> None:
        super().__init__(scenario, matrix)
        self._scenario = scenario
        self._classes: dict[int, TravelNetwork] | None = None
        self._limits: dict[str, int | None] | None = None

    def for_class(self, vehicle_class: int) -> TravelNetwork:
        """The network of the largest class built not above ``vehicle_class`` (the smallest built
        when it is below them all); for the smallest class built, this one (``matrix.npz`` is its table)."""
        if self._classes is None:
            self._classes = class_networks(self._scenario)
        built = sorted(self._classes)
        if not built:
            return self
        below = [k for k in built if k <= vehicle_class]
        chosen = below[-1] if below else built[0]
        return self if chosen == built[0] else self._classes[chosen]

    def road_limits(self) -> dict[str, int | None]:
        """The rooms only smaller classes reach (:func:`road_class_limits`), read once."""
        if self._limits is None:
            self._limits = road_class_limits(self._scenario)
        return self._limits


def has_class_tables(scenario: Scenario) -> bool:
    """Whether the scenario's matrix file names per-class tables (a build from OpenStreetMap)."""
    if scenario.travel.model != "matrix" or scenario.travel.matrix is None:
        return False
    return bool(matrix_extras(scenario.travel.matrix.file)["class_files"])


def class_networks(scenario: Scenario) -> dict[int, TravelNetwork]:
    """Vehicle class → its travel network (empty unless the scenario's matrix file came from a build)."""
    if scenario.travel.model != "matrix" or scenario.travel.matrix is None:
        return {}
    return {k: TravelNetwork(scenario, table.table) for k, table in read_class_tables(scenario.travel.matrix.file).items()}


def road_class_limits(scenario: Scenario) -> dict[str, int | None]:
    """Room id → the largest vehicle class of the build that has a route to it and back (``None``:
    none of them); rooms every class built reaches are left out."""
    if scenario.travel.model != "matrix" or scenario.travel.matrix is None:
        return {}
    rooms = {room.id for room in scenario.rooms}
    return {pid: k for pid, k in road_max_class(scenario.travel.matrix.file).items() if pid in rooms}


def vehicle_class_limit(scenario: Scenario, room_id: str, limits: dict[str, int | None]) -> int | None:
    """The largest class that may serve the room: the room table's ``max_vehicle_class`` and the
    roads' limit, whichever is smaller (``None``: no limit; ``0``: no class of the build)."""
    table = next((room.max_vehicle_class for room in scenario.rooms if room.id == room_id), None)
    if room_id not in limits:
        return table
    road = limits[room_id] or 0
    return road if table is None else min(table, road)
