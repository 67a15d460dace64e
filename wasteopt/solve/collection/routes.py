"""Routes as the engine passes them around: a truck type and its visit sequence, by instance index.

Plain data shared by every step (construction, search, repair, insertion, station assignment, the
parts of a decomposed district), so none of them depends on the solver adapter to hold a route.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Visit:
    """One stop of a decoded route: a room or a station, by position in the instance."""

    kind: str  # "room" | "station"
    index: int


@dataclass(frozen=True)
class RawRoute:
    """A truck's visit sequence as the engine produced it (garage start and end are implicit)."""

    type_index: int
    visits: tuple[Visit, ...]


def drop_empty_unloads(visits: list[Visit]) -> list[Visit]:
    """Station visits with nothing collected since the last unload carry no waste: leave them out."""
    kept: list[Visit] = []
    collected = False
    for visit in visits:
        if visit.kind == "room":
            kept.append(visit)
            collected = True
        elif collected:
            kept.append(visit)
            collected = False
    return kept
