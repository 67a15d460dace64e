"""What ``wasteopt check`` prints about a valid scenario: its size, and warnings worth a look.

Warnings are things that load fine but will likely hurt a plan (too little station capacity for the
day's waste, a plant that cannot take it all, no haul trucks, rooms no truck can ever serve) or its
figures (cost and CO₂ fields left empty, which count as 0). Problems that make a scenario unusable
are errors raised by the loader instead. The summary also states what was assumed where the
scenario is silent (the hook-lift trucks' shift) and how each file was read (its encoding or sheet).

Which rooms can never be served is the solve layer's screen (``wasteopt.solve.collection.reachability``); data
flows one way, so this module only words its answer (:func:`unservable_warnings`) and the ``check``
command runs the screen.

Everything is said in English or Chinese (``lang``, texts ``check.*`` of :mod:`wasteopt.i18n`); the
reasons a room can never be served are the engine's, said in Chinese by :mod:`wasteopt.i18n_reasons`.
Ids, field names and figures are shown as they are.
"""

from __future__ import annotations

from collections.abc import Sequence

from wasteopt.i18n import plural, text
from wasteopt.i18n_reasons import engine_text
from wasteopt.scenario.input_files import InputFile, sheet_read_as
from wasteopt.scenario.models import HaulTruckType, Scenario, VehicleType, format_clock

UNSERVABLE_LISTED = 20
"""Rooms that can never be served listed one by one by ``check``; the rest are counted."""

COST_FIELDS = ("fixed_cost", "cost_per_km", "cost_per_hour")
"""A vehicle type's cost fields: left empty, each counts as 0 (so the plan's cost reads too low)."""
CO2_FIELD = "co2_kg_per_km"

KINDS = {"vehicle type": "check.vehicle_type", "haul truck type": "check.haul_truck_type"}
"""The kinds of vehicle type :func:`cost_warning` names, and their catalogue keys."""

SHEET = sheet_read_as("")
"""How a workbook's sheet was read begins so (``Excel, sheet 收集房``)."""


def summary_lines(scenario: Scenario, files: Sequence[InputFile] = (), lang: str = "en") -> list[str]:
    """A few lines describing the scenario's size, waste, capacities and fleet (with the haul shift
    assumed), and how each of ``files`` was read."""
    existing = scenario.active_stations
    candidates = [s for s in scenario.stations if s.status == "candidate"]
    towns = {r.town for r in scenario.rooms if r.town}
    villages = {(r.town, r.village) for r in scenario.rooms if r.village}
    trucks = sum(v.count for v in scenario.fleet)
    per_trip_t = sum(v.count * v.capacity_kg for v in scenario.fleet) / 1000
    haul = sum(h.count for h in scenario.haul_fleet)
    capacity = text("check.capacity", lang, tonnes=sum(s.capacity_t_per_day for s in existing))
    if candidates:
        capacity += text("check.capacity_candidates", lang, tonnes=sum(s.capacity_t_per_day for s in candidates))
    lines = [
        text("check.title", lang, name=scenario.name, rooms=_count(len(scenario.rooms), "rooms", lang),
             stations=_count(len(existing), "stations", lang), candidates=_count(len(candidates), "candidates", lang),
             plants=_count(len(scenario.plants), "plants", lang), garages=_count(len(scenario.garages), "garages", lang)),
        text("check.places", lang, towns=len(towns), villages=len(villages)),
        text("check.waste", lang, tonnes=waste_t(scenario)),
        capacity,
        text("check.fleet", lang, trucks=_count(trucks, "trucks", lang), types=_count(len(scenario.fleet), "types", lang),
             tonnes=per_trip_t),
    ]
    lines += [text("check.vehicle", lang, id=v.id, count=v.count, capacity=v.capacity_kg, vehicle_class=v.vehicle_class,
                   garage=v.garage)
              + "".join(text("check.part", lang, part=part) for part in (breaks_text(v, lang), limits_text(v, lang)) if part)
              for v in scenario.fleet]
    lines.append(text("check.haul_fleet", lang, trucks=_count(haul, "hook_trucks", lang)) + "".join(
        text("check.haul_type", lang, id=h.id, count=h.count, payload=h.container_payload_t, shift=shift_text(h, lang))
        for h in scenario.haul_fleet))
    if scenario.variants:
        lines.append(text("check.variants", lang, names=", ".join(scenario.variants)))
    if files:
        lines.append(text("check.files", lang))
        lines += [text("check.file", lang, file=file.file, read_as=_read_as(file.read_as, lang)) for file in files]
    return lines


def shift_text(vtype: VehicleType | HaulTruckType, lang: str = "en") -> str:
    """``shift 06:00–20:00``, saying which end is the default when the scenario leaves it empty."""
    said = text("check.shift", lang, start=_clock(vtype.shift_start), end=_clock(vtype.shift_end))
    unset = [name for name in ("shift_start", "shift_end") if name not in vtype.model_fields_set]
    if len(unset) == 2:
        return said + text("check.shift_default", lang)
    if unset:
        return said + text("check.shift_half", lang, field=unset[0])
    return said


def breaks_text(vtype: VehicleType, lang: str = "en") -> str:
    """The type's driver breaks: ``break 60 min starting 11:00–13:00``, several joined by ``, ``."""
    return text("join.list", lang).join(
        text("check.break_window", lang, minutes=b.duration_min, start=_clock(b.earliest), end=_clock(b.latest))
        if b.latest != b.earliest else text("check.break", lang, minutes=b.duration_min, start=_clock(b.earliest))
        for b in vtype.breaks
    )


def limits_text(vtype: VehicleType, lang: str = "en") -> str:
    """The type's daily limits that are set: ``≤ 4 trips, ≤ 6,000 kg/day, ≤ 120 rooms/day, ≤ 200 km/day, ≤ 9 h duty``."""
    limits = [(vtype.max_trips, "trips"), (vtype.max_kg_per_day, "kg"), (vtype.max_stops, "rooms"),
              (vtype.max_km_per_day, "km"), (vtype.max_duty_hours, "hours")]
    return text("join.list", lang).join(
        text(f"check.limit.{unit}", lang, value=_amount(value), s=plural(1 if value == 1 else 2))
        for value, unit in limits if value is not None)


def warnings(scenario: Scenario, lang: str = "en") -> list[str]:
    """Things that load fine but will likely leave waste uncollected or unhauled."""
    found = []
    daily = waste_t(scenario)
    capacity = sum(s.capacity_t_per_day for s in scenario.active_stations)
    if not scenario.active_stations:
        found.append(text("check.no_station", lang))
    elif capacity < daily:
        found.append(text("check.station_capacity", lang, capacity=capacity, daily=daily))
    plant_capacity = [p.capacity_t_per_day for p in scenario.plants]
    if not scenario.plants:
        found.append(text("check.no_plant", lang))
    elif None not in plant_capacity and sum(plant_capacity) < daily:  # type: ignore[arg-type]
        found.append(text("check.plant_capacity", lang, capacity=sum(plant_capacity), daily=daily))  # type: ignore[arg-type]
    if scenario.plants and not any(h.count for h in scenario.haul_fleet):
        found.append(text("check.no_hook_trucks", lang))
    per_trip = sum(v.count * v.capacity_kg for v in scenario.fleet) / 1000
    if 0 < per_trip < daily / 4:
        found.append(text("check.few_trips", lang, tonnes=per_trip))
    found += [w for v in scenario.fleet if (w := cost_warning("vehicle type", v, lang))]
    found += [w for h in scenario.haul_fleet if (w := cost_warning("haul truck type", h, lang))]
    return found


def cost_warning(what: str, vtype: VehicleType | HaulTruckType, lang: str = "en") -> str:
    """A warning naming the cost and CO₂ fields of a vehicle type left empty (each counts as 0), or ``""``;
    ``what`` is ``vehicle type`` or ``haul truck type`` (:data:`KINDS`).

    A field given as 0 is the user's word and is not warned about; one left out is likely forgotten,
    and would make the plan's cost or CO₂ read 0 without a word."""
    costs = [name for name in COST_FIELDS if name not in vtype.model_fields_set]
    co2 = CO2_FIELD not in vtype.model_fields_set
    if not costs and not co2:
        return ""
    if costs:
        effect = "no_cost" if len(costs) == len(COST_FIELDS) else "partial"
        effect += "_co2" if co2 else ""
    else:
        effect = "no_co2"
    kind = text(KINDS[what], lang) if what in KINDS else what
    return text("check.costs", lang, what=kind, id=vtype.id, fields=", ".join(costs + [CO2_FIELD] * co2),
                effect=text(f"check.effect.{effect}", lang))


def unservable_warnings(reasons: dict[str, str], limit: int = UNSERVABLE_LISTED, lang: str = "en") -> list[str]:
    """One warning per room no truck can ever serve (room id → reason), the first ``limit`` of them,
    then how many more there are."""
    listed = [text("check.never_served", lang, id=rid, reason=engine_text(reason, lang))
              for rid, reason in list(reasons.items())[:limit]]
    rest = len(reasons) - len(listed)
    if rest > 0:
        listed.append(text("check.more_never_served", lang, n=rest, s=plural(rest), listed=len(listed)))
    return listed


def waste_t(scenario: Scenario) -> float:
    """Total waste per day, tonnes."""
    return sum(r.waste_kg_per_day for r in scenario.rooms) / 1000


def _read_as(read_as: str, lang: str) -> str:
    """How a file was read, in ``lang``: an encoding as it is, a workbook's sheet in words."""
    if read_as.startswith(SHEET) and SHEET:
        return text("check.sheet", lang, sheet=read_as[len(SHEET):])
    return read_as


def _clock(seconds: int) -> str:
    """``11:00`` (``11:00:30`` when there are seconds)."""
    said = format_clock(seconds)
    return said[:-3] if said.endswith(":00") else said


def _amount(value: float) -> str:
    """``6,000`` / ``7.5``: thousands separated, no trailing ``.0``."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def _count(number: int, noun: str, lang: str) -> str:
    """``1 station`` / ``13 stations`` (``13 个中转站``): ``noun`` names a ``check.*`` key."""
    return text(f"check.{noun}", lang, n=number, s=plural(number))
