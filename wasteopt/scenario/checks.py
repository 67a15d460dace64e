"""Cross-checks between the records of a scenario, run after each record passed its own validation.

Each check looks at the valid records only and skips itself when a section it depends on had a
rejected record, so one mistake is reported once instead of echoing as dangling references.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from wasteopt.scenario.errors import Problem
from wasteopt.scenario.models import Room, Travel, Variant, VehicleType
from wasteopt.scenario.sections import Origin, Section
from wasteopt.scenario.yaml_source import YamlDocument

LOCATION_SECTIONS = ("rooms", "stations", "plants", "garages")
VEHICLE_SECTIONS = ("fleet", "haul_fleet")


@dataclass
class Context:
    """What the checks look at: valid records by section, the YAML document, the validated top level."""

    sections: dict[str, Section]
    document: YamlDocument
    yaml_display: str
    travel: Travel | None
    variants: dict[str, Variant] | None

    def records(self, name: str) -> list[tuple[Any, Origin]]:
        """Valid records of section ``name`` (empty when the section is absent)."""
        section = self.sections.get(name)
        return section.records if section else []

    def complete(self, *names: str) -> bool:
        """Whether every record of these sections was valid (so references into them can be checked)."""
        return all(self.sections[name].complete for name in names if name in self.sections)

    def at(self, path: tuple[Any, ...], label: str, message: str) -> Problem:
        """A problem at a path of ``scenario.yaml``."""
        return Problem(self.yaml_display, self.document.line_of(path), label, message)


def cross_check(context: Context) -> list[Problem]:
    """Every cross-record problem of the scenario."""
    return [
        *duplicate_ids(context, LOCATION_SECTIONS, "place"),
        *duplicate_ids(context, VEHICLE_SECTIONS, "vehicle type"),
        *unknown_garages(context),
        *empty_fleet(context),
        *coordinate_systems(context),
        *unreachable_rooms(context),
        *variant_references(context),
    ]


def duplicate_ids(context: Context, names: Iterable[str], kind: str) -> list[Problem]:
    """Ids must be unique across ``names`` (places share one namespace: they key the travel network)."""
    first: dict[str, Origin] = {}
    problems = []
    for name in names:
        for record, origin in context.records(name):
            if record.id in first:
                problems.append(origin.problem("id", f"duplicate {kind} id '{record.id}' (first at {first[record.id]})"))
            else:
                first[record.id] = origin
    return problems


def unknown_garages(context: Context) -> list[Problem]:
    """Every vehicle type must start from a garage that exists."""
    if not context.complete("garages"):
        return []
    garages = {garage.id for garage, _ in context.records("garages")}
    return [
        origin.problem("garage", f"unknown garage '{vehicle.garage}'")
        for name in VEHICLE_SECTIONS
        for vehicle, origin in context.records(name)
        if vehicle.garage not in garages
    ]


def empty_fleet(context: Context) -> list[Problem]:
    """At least one collection truck must exist."""
    if "fleet" not in context.sections or not context.complete("fleet"):
        return []
    if any(vehicle.count > 0 for vehicle, _ in context.records("fleet")):
        return []
    return [context.at(("fleet",), "fleet", "no collection vehicles (no vehicle types, or every count is 0)")]


def coordinate_systems(context: Context) -> list[Problem]:
    """All places in one coordinate system, and the one the travel model needs."""
    places = [(record, origin) for name in LOCATION_SECTIONS for record, origin in context.records(name)]
    if not places:
        return []
    reference, reference_origin = places[0]
    system = _system(reference)
    problems = []
    for name in LOCATION_SECTIONS:
        odd = [origin for record, origin in context.records(name) if _system(record) != system]
        if odd:
            count = f"{len(odd)} places here use" if len(odd) > 1 else "this place uses"
            problems.append(odd[0].problem(_system(None, other=system), (
                f"{count} {_system(None, other=system)} but {reference_origin} uses {system}; "
                "give every place in one coordinate system")))
    if context.travel is not None and not problems:
        needs = {"haversine": "lat/lon", "euclidean": "x/y", "manhattan": "x/y", "roads": "lat/lon"}.get(context.travel.model)
        if needs is not None and needs != system:
            hint = "use euclidean or manhattan" if system == "x/y" else "use haversine"
            problems.append(context.at(("travel", "model"), "travel.model", (
                f"'{context.travel.model}' needs places in {needs}, but they are given in {system} ({hint})")))
    return problems


def _system(record: Any, other: str | None = None) -> str:
    if other is not None:
        return "x/y" if other == "lat/lon" else "lat/lon"
    return "lat/lon" if record.is_geographic else "x/y"


def unreachable_rooms(context: Context) -> list[Problem]:
    """Rooms no truck can serve: lanes too narrow for every vehicle class, or more waste than any
    vehicle able to reach them carries (by weight, and by volume where both are given)."""
    if not context.complete("fleet"):
        return []
    vehicles = [vehicle for vehicle, _ in context.records("fleet") if vehicle.count > 0]
    if not vehicles:
        return []
    smallest = min(vehicle.vehicle_class for vehicle in vehicles)
    limits: dict[int | None, tuple[float, float | None]] = {}
    problems = []
    for room, origin in context.records("rooms"):
        if room.max_vehicle_class is not None and room.max_vehicle_class < smallest:
            problems.append(origin.problem("max_vehicle_class", (
                f"room {room.id} admits vehicle class {room.max_vehicle_class} at most, "
                f"but the smallest vehicle is class {smallest}")))
            continue
        if room.max_vehicle_class not in limits:
            limits[room.max_vehicle_class] = _largest(vehicles, room.max_vehicle_class)
        problems += _too_heavy(room, origin, *limits[room.max_vehicle_class])
    return problems


def _largest(vehicles: list[VehicleType], max_class: int | None) -> tuple[float, float | None]:
    """Largest capacity (kg, m³) among vehicles up to ``max_class``; m³ is ``None`` if any has no limit."""
    reach = [v for v in vehicles if max_class is None or v.vehicle_class <= max_class]
    volumes = [v.capacity_m3 for v in reach]
    return max(v.capacity_kg for v in reach), None if None in volumes else max(volumes)  # type: ignore[type-var]


def _too_heavy(room: Room, origin: Origin, largest: float, largest_m3: float | None) -> list[Problem]:
    which = "any vehicle that can reach it" if room.max_vehicle_class is not None else "any vehicle"
    problems = []
    if room.waste_kg_per_day > largest:
        problems.append(origin.problem("waste_kg_per_day", (
            f"room {room.id} has {room.waste_kg_per_day:g} kg a day, more than {which} carries "
            f"(largest capacity {largest:g} kg)")))
    if room.volume_m3_per_day is not None and largest_m3 is not None and room.volume_m3_per_day > largest_m3:
        problems.append(origin.problem("volume_m3_per_day", (
            f"room {room.id} has {room.volume_m3_per_day:g} m³ a day, more than {which} holds "
            f"(largest capacity {largest_m3:g} m³)")))
    return problems


def variant_references(context: Context) -> list[Problem]:
    """Variants may only open candidate sites, close known stations and resize known vehicle types."""
    if not context.variants:
        return []
    stations = {s.id: s for s, _ in context.records("stations")} if context.complete("stations") else None
    fleet = {v.id for v, _ in context.records("fleet")} if context.complete("fleet") else None
    haul = {v.id for v, _ in context.records("haul_fleet")} if context.complete("haul_fleet") else None
    problems = []
    for name, variant in context.variants.items():
        base = ("variants", name)
        if stations is not None:
            for index, sid in enumerate(variant.open):
                where = (*base, "open", index)
                if sid not in stations:
                    problems.append(context.at(where, f"variants.{name}.open[{index}]", f"unknown station '{sid}'"))
                elif stations[sid].status != "candidate":
                    problems.append(context.at(where, f"variants.{name}.open[{index}]", (
                        f"station '{sid}' is not a candidate site (status {stations[sid].status})")))
            for index, sid in enumerate(variant.close):
                if sid not in stations:
                    problems.append(context.at((*base, "close", index), f"variants.{name}.close[{index}]",
                                               f"unknown station '{sid}'"))
        for key, known, what in (("fleet", fleet, "vehicle type"), ("haul_fleet", haul, "haul truck type")):
            for vid in getattr(variant, key):
                if known is not None and vid not in known:
                    problems.append(context.at((*base, key, vid), f"variants.{name}.{key}.{vid}", f"unknown {what} '{vid}'"))
    return problems
