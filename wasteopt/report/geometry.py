"""Planar map coordinates for a scenario's places, shared by the HTML map and the PNG plots.

Lat/lon scenarios are projected with a simple equirectangular projection centred on the district's
mean latitude (metres east and north of the centre): at district scale (tens of km) its distortion
is far below what a manager can see, and it needs no projection library. Projected x/y scenarios
are drawn as given.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from wasteopt.scenario.models import Located, Scenario

EARTH_RADIUS_M = 6_371_008.8


@dataclass(frozen=True)
class Projection:
    """Turns a place into planar metres ``(east, north)``."""

    geographic: bool
    lat0: float = 0.0
    lon0: float = 0.0

    def __call__(self, place: Located) -> tuple[float, float]:
        """The place's ``(east, north)`` in metres (x/y scenarios: the coordinates themselves)."""
        if not self.geographic:
            return float(place.x), float(place.y)  # type: ignore[arg-type]
        scale = math.radians(1.0) * EARTH_RADIUS_M
        east = (place.lon - self.lon0) * scale * math.cos(math.radians(self.lat0))  # type: ignore[operator]
        north = (place.lat - self.lat0) * scale  # type: ignore[operator]
        return east, north


def projection_for(scenario: Scenario) -> Projection:
    """The projection for a scenario: centred on its places when they are lat/lon."""
    places = list(scenario.locations().values())
    if not places or not all(p.is_geographic for p in places):
        return Projection(geographic=False)
    lats = [p.lat for p in places]
    lons = [p.lon for p in places]
    return Projection(True, (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2)  # type: ignore[type-var]


def is_geographic(scenario: Scenario) -> bool:
    """Whether every place has lat/lon (needed for GeoJSON, which is WGS84 only)."""
    return all(p.is_geographic for p in scenario.locations().values())
