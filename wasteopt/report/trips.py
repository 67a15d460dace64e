"""A route cut into its trips: each trip starts at the garage or a station and ends at the station
where the truck unloads; what follows the last unload (driving home) is the return leg.

Driver sheets, GeoJSON and the map all need the same cut, so it is made here once. A driver break
belongs to the trip it is taken on (a break after an unload, at the station, opens the next trip).
"""

from __future__ import annotations

from dataclasses import dataclass

from wasteopt.plan.models import Route, Stop
from wasteopt.report.breaks import is_break


@dataclass(frozen=True)
class Trip:
    """Consecutive stops of one route; ``seqs`` are the stops' positions in ``route.stops``."""

    vehicle: str
    number: int
    seqs: tuple[int, ...]
    stops: tuple[Stop, ...]
    kind: str = "trip"
    """``"trip"`` (collecting, ends at an unload) or ``"return"`` (from the last unload home)."""

    @property
    def rooms(self) -> list[Stop]:
        """The rooms emptied on this trip, in order."""
        return [s for s in self.stops[1:] if s.kind == "room"]

    @property
    def places(self) -> list[Stop]:
        """The trip's stops that are places, in order (driver breaks left out): the legs it drives."""
        return [s for s in self.stops if not is_break(s)]

    @property
    def breaks(self) -> list[Stop]:
        """The driver breaks taken on this trip, in order."""
        return [s for s in self.stops if is_break(s)]

    @property
    def unload(self) -> Stop | None:
        """The station stop that ends the trip, if it ends at one."""
        last = self.stops[-1]
        return last if last.kind == "station" else None

    @property
    def kg(self) -> float:
        """Waste carried on this trip: what is unloaded at its end (else what was collected)."""
        unload = self.unload
        if unload is not None and unload.unloaded_kg is not None:
            return float(unload.unloaded_kg)
        return float(sum(s.collected_kg or 0.0 for s in self.rooms))


def route_trips(route: Route) -> list[Trip]:
    """The route's trips in order, then its return leg (when it has one of at least two stops)."""
    pieces: list[Trip] = []
    start = 0
    for seq in range(1, len(route.stops)):
        if route.stops[seq].kind == "station":
            pieces.append(_piece(route, len(pieces) + 1, start, seq, "trip"))
            start = seq
    if start < len(route.stops) - 1:
        tail = route.stops[start + 1 :]
        kind = "trip" if any(s.kind == "room" for s in tail) else "return"
        number = len(pieces) + 1 if kind == "trip" else max(len(pieces), 1)
        pieces.append(_piece(route, number, start, len(route.stops) - 1, kind))
    return pieces


def unload_station_by_seq(route: Route) -> dict[int, str]:
    """For each room stop (by position), the station where its waste will be unloaded."""
    where: dict[int, str] = {}
    for trip in route_trips(route):
        unload = trip.unload
        if unload is None:
            continue
        for seq, stop in zip(trip.seqs, trip.stops):
            if stop.kind == "room":
                where[seq] = unload.id
    return where


def _piece(route: Route, number: int, first: int, last: int, kind: str) -> Trip:
    seqs = tuple(range(first, last + 1))
    return Trip(route.vehicle, number, seqs, tuple(route.stops[k] for k in seqs), kind)
