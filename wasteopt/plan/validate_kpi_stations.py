"""The plan's station figures (``kpis.station_load_kg`` and ``kpis.stations``) against their recomputation.

- ``station_load_kg``: per station, the waste unloaded there, recomputed from the rooms each route
  serves before the unload (rule ``kpi-station-load``);
- ``stations``: per open station its ``tonnes`` received, ``capacity_t`` and ``container_slots``
  (the scenario's), ``utilisation`` (tonnes / capacity), ``containers`` (full containers on site over
  the day as ``[time, count]`` steps) and ``max_full_containers`` (rule ``kpi-stations``).

A station that receives waste must be listed in a table the plan states; a listed station that is
not an open station of the scenario is wrong too.
"""

from __future__ import annotations

from typing import Any

from wasteopt.plan.models import Plan, clock_text
from wasteopt.plan.validate_containers import on_site
from wasteopt.plan.validate_kpis import TOL_T, Figure, compare, show
from wasteopt.plan.validate_recount import Recount
from wasteopt.plan.validate_route import TOL_KG, TOL_S
from wasteopt.plan.violation import Violation
from wasteopt.scenario.models import Scenario, Station, parse_clock

FIELDS = ("tonnes", "capacity_t", "utilisation", "container_slots", "containers", "max_full_containers")


def check_station_kpis(scenario: Scenario, plan: Plan, count: Recount) -> list[Violation]:
    """Violations of ``kpis.station_load_kg`` and ``kpis.stations`` (each only if stated)."""
    return _check_station_load(plan.kpis.get("station_load_kg"), count) + _check_stations(scenario, plan.kpis.get("stations"), count)


def _kg_tolerance(count: Recount, station: str) -> float:
    """Each unload's stated kilograms may be half a kilogram off (the route rules allow it)."""
    return TOL_KG * max(1, count.unloads_at[station])


def _check_station_load(stated: Any, count: Recount) -> list[Violation]:
    if not isinstance(stated, dict):
        return []
    found = []
    for station, kg in stated.items():
        figure = Figure(("station_load_kg", str(station)), "kpi-station-load", count.station_load_kg.get(station, 0.0), _kg_tolerance(count, station), 1)
        found += compare(figure, kg, subject=str(station))
    for station, kg in count.station_load_kg.items():
        if station not in stated and kg >= TOL_KG:
            found.append(Violation("kpi-station-load", station, f"station_load_kg has no entry for {station}, recomputed {kg:.1f}"))
    return found


def _check_stations(scenario: Scenario, stated: Any, count: Recount) -> list[Violation]:
    if not isinstance(stated, dict):
        return []
    open_stations = {s.id: s for s in scenario.active_stations}
    found = []
    for sid, entry in stated.items():
        if sid not in open_stations:
            found.append(Violation("kpi-stations", str(sid), f"stations lists {sid}, which is not an open station of the scenario"))
        elif not isinstance(entry, dict):
            found.append(Violation("kpi-shape", str(sid), f"stations.{sid} is {show(entry)}, not a table"))
        else:
            found += _check_station(open_stations[sid], entry, count)
    for sid, kg in count.station_load_kg.items():
        if sid in open_stations and sid not in stated and kg >= TOL_KG:
            found.append(Violation("kpi-stations", sid, f"stations has no entry for {sid}, which receives {kg / 1000:.3f} t"))
    return found


def _check_station(station: Station, entry: dict[str, Any], count: Recount) -> list[Violation]:
    """One station's figures, each only if stated."""
    sid = station.id
    tonnes = count.station_load_kg.get(sid, 0.0) / 1000
    tonnes_tol = _kg_tolerance(count, sid) / 1000 + TOL_T
    steps = on_site(count.fills.get(sid, []), count.swap_end.get(sid, {}))
    expected = {
        "tonnes": Figure(("tonnes",), "kpi-stations", tonnes, tonnes_tol, 3),
        "capacity_t": Figure(("capacity_t",), "kpi-stations", station.capacity_t_per_day, 1e-9, 3),
        "utilisation": Figure(("utilisation",), "kpi-stations", tonnes / station.capacity_t_per_day, tonnes_tol / station.capacity_t_per_day + 0.00005, 4),
        "container_slots": Figure(("container_slots",), "kpi-stations", station.container_slots, 0, 0),
        "max_full_containers": Figure(("max_full_containers",), "kpi-stations", max((n for _, n in steps), default=0), 0, 0),
    }
    found = []
    for key, figure in expected.items():
        if key in entry:
            found += compare(figure, entry[key], subject=sid, name=f"stations.{sid}.{key}")
    if "containers" in entry:
        found += _check_steps(sid, entry["containers"], steps)
    return found


def _check_steps(sid: str, stated: Any, steps: list[tuple[int, int]]) -> list[Violation]:
    """The stated ``[time, count]`` steps equal the recomputed ones (times to the second)."""
    name = f"stations.{sid}.containers"
    parsed = _parse_steps(stated)
    if parsed is None:
        return [Violation("kpi-shape", sid, f"{name} is not a list of [HH:MM:SS, count] steps")]
    for k in range(max(len(parsed), len(steps))):
        mine = parsed[k] if k < len(parsed) else None
        theirs = steps[k] if k < len(steps) else None
        if mine is None or theirs is None or abs(mine[0] - theirs[0]) > TOL_S or mine[1] != theirs[1]:
            return [Violation("kpi-stations", sid, f"{name} step {k + 1}: stated {_step(mine)}, recomputed {_step(theirs)}")]
    return []


def _parse_steps(stated: Any) -> list[tuple[int, int]] | None:
    if not isinstance(stated, list):
        return None
    steps = []
    for step in stated:
        if not (isinstance(step, list) and len(step) == 2 and isinstance(step[1], int) and not isinstance(step[1], bool)):
            return None
        try:
            steps.append((parse_clock(step[0]), step[1]))
        except ValueError:
            return None
    return steps


def _step(step: tuple[int, int] | None) -> str:
    return "none" if step is None else f"[{clock_text(step[0])}, {step[1]}]"
