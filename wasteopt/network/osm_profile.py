"""The road profile: which OpenStreetMap roads a truck may use, how fast, and what each vehicle class fits.

``wasteopt network build`` turns an OSM extract into a road graph; the profile decides what goes
into it. The defaults suit collection trucks on rural Chinese roads (county and township roads
rarely allow the posted speed to a loaded truck; village lanes are slow); a YAML file given with
``--profile`` overrides any part of it, e.g.::

    speeds_kmh: {tertiary: 35, track: 8}
    max_snap_m: 300
    vehicle_classes:
      1: {width_m: 2.0, weight_t: 4.5, tracks: true}
      2: {width_m: 2.5, weight_t: 16, tracks: false}

A vehicle class (``fleet.vehicle_class`` in the scenario: 1 the smallest) is a width, a weight and
whether it may drive on ``highway=track``; a road whose ``maxwidth`` / ``maxweight`` is below the
class's, or a track for a class without ``tracks``, is closed to it. A class above the largest
listed is treated as the largest listed.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from wasteopt.scenario.errors import Problem, ScenarioError
from wasteopt.scenario.text_file import read_text

DEFAULT_SPEEDS_KMH: dict[str, float] = {
    "motorway": 80.0, "motorway_link": 40.0,
    "trunk": 60.0, "trunk_link": 35.0,
    "primary": 50.0, "primary_link": 30.0,
    "secondary": 45.0, "secondary_link": 30.0,
    "tertiary": 35.0, "tertiary_link": 25.0,
    "unclassified": 30.0, "road": 25.0,
    "residential": 20.0, "living_street": 10.0,
    "service": 15.0, "track": 10.0,
}
"""km/h per ``highway`` class for a loaded collection truck on rural Chinese roads: below the legal
limits (trucks, mixed traffic, villages on the road)."""

CLOSED_HIGHWAYS: tuple[str, ...] = (
    "footway", "path", "steps", "cycleway", "pedestrian", "bridleway", "construction", "proposed",
    "corridor", "elevator", "platform", "bus_stop", "abandoned", "razed", "raceway",
)
"""``highway`` values no truck drives on (anything not in ``speeds_kmh`` is closed as well)."""


class VehicleClass(BaseModel):
    """What a vehicle class needs of a road."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    width_m: float = Field(gt=0, description="Vehicle width: roads with a smaller maxwidth are closed to it.")
    weight_t: float = Field(gt=0, description="Laden weight: roads with a smaller maxweight are closed to it.")
    tracks: bool = Field(default=True, description="Whether it may use highway=track.")


DEFAULT_CLASSES: dict[int, VehicleClass] = {
    1: VehicleClass(width_m=2.0, weight_t=4.5, tracks=True),
    2: VehicleClass(width_m=2.5, weight_t=16.0, tracks=False),
    3: VehicleClass(width_m=2.55, weight_t=25.0, tracks=False),
}
"""Class 1: small (3–5 t) collection trucks that reach village lanes; 2: standard compactors;
3: hook-lift and larger."""


class RoadProfile(BaseModel):
    """Speeds, closed roads, snapping limits and vehicle classes for one build."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    speeds_kmh: dict[str, float] = Field(default_factory=lambda: dict(DEFAULT_SPEEDS_KMH))
    closed: tuple[str, ...] = CLOSED_HIGHWAYS
    max_snap_m: float = Field(default=500.0, gt=0, description="A place farther than this from any road is warned about.")
    access_speed_kmh: float = Field(default=10.0, gt=0, description="Speed between a place and its road node.")
    split_m: float = Field(default=100.0, gt=0, description="Longer road segments get extra nodes, so places snap close to the road.")
    vehicle_classes: dict[int, VehicleClass] = Field(default_factory=lambda: dict(DEFAULT_CLASSES))

    def speed(self, highway: str) -> float | None:
        """km/h on a road of this class, or ``None`` when trucks may not use it."""
        kmh = self.speeds_kmh.get(highway)
        return None if highway in self.closed or kmh is None or kmh <= 0 else kmh

    def vehicle_class(self, number: int) -> VehicleClass:
        """The class ``number`` (above the largest listed: the largest listed; below the smallest: the smallest)."""
        listed = sorted(self.vehicle_classes)
        below = [k for k in listed if k <= number]
        return self.vehicle_classes[below[-1] if below else listed[0]]

    def digest(self) -> str:
        """A hash of the whole profile, part of the build's cache key."""
        return hashlib.sha256(json.dumps(self.model_dump(mode="json"), sort_keys=True).encode()).hexdigest()


def load_profile(path: str | Path | None) -> RoadProfile:
    """The default profile, with what the YAML file at ``path`` overrides (``speeds_kmh`` is merged
    into the defaults; other fields replace them). Raises :class:`ScenarioError` naming the file."""
    if path is None:
        return RoadProfile()
    shown = str(path)
    source, problems = read_text(Path(path), shown)  # UTF-8 or GB18030, as the scenario's files
    if source is None:
        raise ScenarioError(problems)
    try:
        data = yaml.safe_load(source.text) or {}
    except yaml.YAMLError as error:
        raise ScenarioError([Problem(shown, None, "file", f"not a readable YAML file ({error})")]) from None
    if not isinstance(data, dict):
        raise ScenarioError([Problem(shown, 1, "profile", "must be a mapping (speeds_kmh:, max_snap_m:, ...)")])
    if isinstance(data.get("speeds_kmh"), dict):
        data = {**data, "speeds_kmh": {**DEFAULT_SPEEDS_KMH, **data["speeds_kmh"]}}
    try:
        return RoadProfile.model_validate(data)
    except ValidationError as error:
        raise ScenarioError([
            Problem(shown, None, ".".join(str(p) for p in detail["loc"]) or "profile", detail["msg"]) for detail in error.errors()
        ]) from None
