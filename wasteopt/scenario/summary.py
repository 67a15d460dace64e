"""What ``wasteopt check`` prints about a valid scenario: its size, and warnings worth a look.

Warnings are things that load fine but will likely hurt a plan (too little station capacity for the
day's waste, a plant that cannot take it all, no haul trucks, rooms no truck can ever serve) or its
figures (cost and CO₂ fields left empty, which count as 0). Problems that make a scenario unusable
are errors raised by the loader instead. The summary also states what was assumed where the
scenario is silent (the hook-lift trucks' shift) and how each file was read (its encoding or sheet).

Which rooms can never be served is the solve layer's screen (``wasteopt.solve.collection.reachability``); data
flows one way, so this module only words its answer (:func:`unservable_warnings`) and the ``check``
command runs the screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from wasteopt.scenario.input_files import InputFile
from wasteopt.scenario.models import HaulTruckType, Scenario, VehicleType, format_clock

UNSERVABLE_LISTED = 20
"""Rooms that can never be served listed one by one by ``check``; the rest are counted."""

COST_FIELDS = ("fixed_cost", "cost_per_km", "cost_per_hour")
"""A vehicle type's cost fields: left empty, each counts as 0 (so the plan's cost reads too low)."""
CO2_FIELD = "co2_kg_per_km"


def summary_lines(scenario: Scenario, files: Sequence[InputFile] = ()) -> list[str]:
    """A few lines describing the scenario's size, waste, capacities and fleet (with the haul shift
    assumed), and how each of ``files`` was read."""
    existing = scenario.active_stations
    candidates = [s for s in scenario.stations if s.status == "candidate"]
    towns = {r.town for r in scenario.rooms if r.town}
    villages = {(r.town, r.village) for r in scenario.rooms if r.village}
    trucks = sum(v.count for v in scenario.fleet)
    per_trip_t = sum(v.count * v.capacity_kg for v in scenario.fleet) / 1000
    haul = sum(h.count for h in scenario.haul_fleet)
    lines = [
        f"{scenario.name}: {_count(len(scenario.rooms), 'room')}, {_count(len(existing), 'station')} "
        f"(+{_count(len(candidates), 'candidate site')}), {_count(len(scenario.plants), 'plant')}, "
        f"{_count(len(scenario.garages), 'garage')}",
        f"  towns {len(towns)}, villages {len(villages)}",
        f"  waste {waste_t(scenario):.1f} t/day",
        f"  station capacity {sum(s.capacity_t_per_day for s in existing):.1f} t/day at existing stations"
        + (f", {sum(s.capacity_t_per_day for s in candidates):.1f} t/day at candidate sites" if candidates else ""),
        f"  collection fleet {_count(trucks, 'truck')} in {_count(len(scenario.fleet), 'type')}, {per_trip_t:.1f} t per trip "
        "(all trucks once; each can make several trips a shift)",
    ]
    lines += [f"    {v.id}: {v.count} × {v.capacity_kg:g} kg, class {v.vehicle_class}, garage {v.garage}"
              + "".join(f"; {part}" for part in (breaks_text(v), limits_text(v)) if part) for v in scenario.fleet]
    lines.append(f"  haul fleet {_count(haul, 'hook-lift truck')}" + "".join(
        f"; {h.id}: {h.count} × {h.container_payload_t:g} t containers, {shift_text(h)}" for h in scenario.haul_fleet))
    if scenario.variants:
        lines.append(f"  variants {', '.join(scenario.variants)}")
    if files:
        lines.append("  files read")
        lines += [f"    {file}" for file in files]
    return lines


def shift_text(vtype: VehicleType | HaulTruckType) -> str:
    """``shift 06:00–20:00``, saying which end is the default when the scenario leaves it empty."""
    text = f"shift {_clock(vtype.shift_start)}–{_clock(vtype.shift_end)}"
    unset = [name for name in ("shift_start", "shift_end") if name not in vtype.model_fields_set]
    if len(unset) == 2:
        return f"{text} (the default: shift_start and shift_end not given)"
    if unset:
        return f"{text} ({unset[0]} not given: the default)"
    return text


def breaks_text(vtype: VehicleType) -> str:
    """The type's driver breaks: ``break 60 min starting 11:00–13:00``, several joined by ``, ``."""
    return ", ".join(
        f"break {b.duration_min:g} min starting {_clock(b.earliest)}"
        + (f"–{_clock(b.latest)}" if b.latest != b.earliest else "")
        for b in vtype.breaks
    )


def limits_text(vtype: VehicleType) -> str:
    """The type's daily limits that are set: ``≤ 4 trips, ≤ 6,000 kg/day, ≤ 120 rooms/day, ≤ 200 km/day, ≤ 9 h duty``."""
    limits = [(vtype.max_trips, "trip" if vtype.max_trips == 1 else "trips"), (vtype.max_kg_per_day, "kg/day"),
              (vtype.max_stops, "room/day" if vtype.max_stops == 1 else "rooms/day"), (vtype.max_km_per_day, "km/day"),
              (vtype.max_duty_hours, "h duty")]
    return ", ".join(f"≤ {_amount(value)} {unit}" for value, unit in limits if value is not None)


def warnings(scenario: Scenario) -> list[str]:
    """Things that load fine but will likely leave waste uncollected or unhauled."""
    found = []
    daily = waste_t(scenario)
    capacity = sum(s.capacity_t_per_day for s in scenario.active_stations)
    if not scenario.active_stations:
        found.append("no existing station: trucks have nowhere to unload unless a variant opens a candidate site")
    elif capacity < daily:
        found.append(f"existing station capacity {capacity:.1f} t/day is below the daily waste {daily:.1f} t")
    plant_capacity = [p.capacity_t_per_day for p in scenario.plants]
    if not scenario.plants:
        found.append("no treatment plant: the haul to the plant cannot be planned")
    elif None not in plant_capacity and sum(plant_capacity) < daily:  # type: ignore[arg-type]
        found.append(f"plant capacity {sum(plant_capacity):.1f} t/day is below the daily waste {daily:.1f} t")  # type: ignore[arg-type]
    if scenario.plants and not any(h.count for h in scenario.haul_fleet):
        found.append("no hook-lift trucks: containers cannot be hauled to the plant")
    per_trip = sum(v.count * v.capacity_kg for v in scenario.fleet) / 1000
    if 0 < per_trip < daily / 4:
        found.append(f"the fleet carries {per_trip:.1f} t per trip: the daily waste needs more than 4 trips per truck")
    found += [w for v in scenario.fleet if (w := cost_warning("vehicle type", v))]
    found += [w for h in scenario.haul_fleet if (w := cost_warning("haul truck type", h))]
    return found


def cost_warning(what: str, vtype: VehicleType | HaulTruckType) -> str:
    """A warning naming the cost and CO₂ fields of a vehicle type left empty (each counts as 0), or ``""``.

    A field given as 0 is the user's word and is not warned about; one left out is likely forgotten,
    and would make the plan's cost or CO₂ read 0 without a word."""
    costs = [name for name in COST_FIELDS if name not in vtype.model_fields_set]
    co2 = CO2_FIELD not in vtype.model_fields_set
    if not costs and not co2:
        return ""
    if costs:
        effect = "the plan will show no cost" if len(costs) == len(COST_FIELDS) else "the plan's cost leaves them out"
        effect += " and no CO₂" if co2 else ""
    else:
        effect = "the plan will show no CO₂"
    return f"{what} {vtype.id}: {', '.join(costs + [CO2_FIELD] * co2)} not given, taken as 0 ({effect} for these trucks)"


def unservable_warnings(reasons: dict[str, str], limit: int = UNSERVABLE_LISTED) -> list[str]:
    """One warning per room no truck can ever serve (room id → reason), the first ``limit`` of them,
    then how many more there are."""
    listed = [f"room {rid} can never be served: {reason}" for rid, reason in list(reasons.items())[:limit]]
    rest = len(reasons) - len(listed)
    if rest > 0:
        listed.append(f"{_count(rest, 'more room')} can never be served ({len(listed)} listed above)")
    return listed


def waste_t(scenario: Scenario) -> float:
    """Total waste per day, tonnes."""
    return sum(r.waste_kg_per_day for r in scenario.rooms) / 1000


def _clock(seconds: int) -> str:
    """``11:00`` (``11:00:30`` when there are seconds)."""
    text = format_clock(seconds)
    return text[:-3] if text.endswith(":00") else text


def _amount(value: float) -> str:
    """``6,000`` / ``7.5``: thousands separated, no trailing ``.0``."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def _count(number: int, noun: str) -> str:
    """``1 station`` / ``13 stations``."""
    return f"{number} {noun}{'' if number == 1 else 's'}"
