"""Read the roads of an OpenStreetMap extract (``.osm.pbf`` or ``.osm`` XML) with pyosmium.

The only module that imports ``osmium`` (an optional import here: everything else in
:mod:`wasteopt.network` works without it). It keeps what the road graph needs of every
``highway=*`` way trucks may use: its nodes' ids and coordinates, one-way direction, speed, and the
``maxwidth`` / ``maxweight`` / ``hgv=no`` / track facts that close it to larger vehicle classes. Ways with a
closed or unknown highway class, ``access=no``/``private`` or ``motor_vehicle=no`` are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from wasteopt.network.osm_profile import RoadProfile

try:
    import osmium
except ImportError:  # pragma: no cover - the command says how to install it
    osmium = None

ONEWAY_FORWARD = ("yes", "true", "1")
ONEWAY_BACKWARD = ("-1", "reverse")
IMPLIED_ONEWAY = ("motorway",)
"""Highway classes one-way unless tagged ``oneway=no`` (motorway carriageways are mapped one per direction)."""
NO_ACCESS = ("no", "private")


class OsmUnavailable(RuntimeError):
    """pyosmium is not installed."""


@dataclass
class RoadWays:
    """The usable ways as flat arrays: way ``k``'s nodes are ``refs[start[k]:start[k+1]]``."""

    refs: np.ndarray  # int64 OSM node ids, way after way
    lat: np.ndarray  # float64 degrees, one per entry of refs
    lon: np.ndarray
    start: np.ndarray  # int64, len(ways) + 1
    speed_kmh: np.ndarray  # float64 per way
    direction: np.ndarray  # int8 per way: 0 both ways, 1 forward only, -1 backward only
    track: np.ndarray  # bool per way: highway=track
    maxwidth_m: np.ndarray  # float64 per way, inf when untagged
    maxweight_t: np.ndarray  # float64 per way, inf when untagged
    hgv_no: np.ndarray  # bool per way: hgv=no (closed to classes heavier than 3.5 t)

    @property
    def ways(self) -> int:
        """Number of ways kept."""
        return len(self.start) - 1


def read_ways(path: str | Path, profile: RoadProfile) -> RoadWays:
    """The ways of the extract at ``path`` that the profile lets trucks use."""
    if osmium is None:
        raise OsmUnavailable("reading OpenStreetMap files needs pyosmium: pip install osmium")
    refs: list[int] = []
    lat: list[float] = []
    lon: list[float] = []
    start = [0]
    speed: list[float] = []
    direction: list[int] = []
    track: list[bool] = []
    width: list[float] = []
    weight: list[float] = []
    hgv: list[bool] = []
    processor = osmium.FileProcessor(str(path), osmium.osm.NODE | osmium.osm.WAY).with_locations()
    for way in processor.with_filter(osmium.filter.EntityFilter(osmium.osm.WAY)).with_filter(osmium.filter.KeyFilter("highway")):
        tags = way.tags
        highway = tags.get("highway", "")
        kmh = profile.speed(highway)
        if kmh is None or tags.get("access", "") in NO_ACCESS or tags.get("motor_vehicle", "") in NO_ACCESS:
            continue
        nodes = [(n.ref, n.lat, n.lon) for n in way.nodes if n.location.valid()]
        if len(nodes) < 2:
            continue
        for ref, la, lo in nodes:
            refs.append(ref)
            lat.append(la)
            lon.append(lo)
        start.append(len(refs))
        speed.append(_maxspeed(tags.get("maxspeed", ""), kmh))
        direction.append(_direction(highway, tags.get("oneway", ""), tags.get("junction", "")))
        track.append(highway == "track")
        width.append(_measure(tags.get("maxwidth", "")))
        weight.append(_measure(tags.get("maxweight", "")))
        hgv.append(tags.get("hgv", "") in NO_ACCESS)
    return RoadWays(
        np.array(refs, dtype=np.int64), np.array(lat, dtype=float), np.array(lon, dtype=float),
        np.array(start, dtype=np.int64), np.array(speed, dtype=float), np.array(direction, dtype=np.int8),
        np.array(track, dtype=bool), np.array(width, dtype=float), np.array(weight, dtype=float), np.array(hgv, dtype=bool),
    )


def _direction(highway: str, oneway: str, junction: str) -> int:
    """1 forward only, -1 backward only, 0 both ways."""
    oneway = oneway.strip().lower()
    if oneway in ONEWAY_BACKWARD:
        return -1
    if oneway in ONEWAY_FORWARD or junction in ("roundabout", "circular"):
        return 1
    if oneway == "no":
        return 0
    return 1 if highway in IMPLIED_ONEWAY else 0


def _maxspeed(text: str, kmh: float) -> float:
    """The profile's speed, lowered to a posted ``maxspeed`` (km/h, or ``mph``) below it."""
    limit = _number(text)
    if limit is None:
        return kmh
    if "mph" in text:
        limit *= 1.609344
    return min(kmh, limit) if limit > 0 else kmh


def _measure(text: str) -> float:
    """A ``maxwidth`` (m) or ``maxweight`` (t) tag as a number; ``inf`` when absent or unreadable."""
    value = _number(text)
    return float("inf") if value is None or value <= 0 else value


def _number(text: str) -> float | None:
    found = re.match(r"\s*([0-9]+(?:[.,][0-9]+)?)", text)
    return float(found.group(1).replace(",", ".")) if found else None
