"""The cheapest fleet that could do the day's unavoidable work: a lower bound on collection cost.

Whatever the routes, the trucks of each type together serve some of the rooms (only those their
class and payload allow), carry their waste in whole trips of at most their payload, unload once per
trip, drive some share of the km no plan can avoid, and do all of it within their shifts and daily
limits, each truck used ending its day with a drive home from a station. Those totals, per vehicle
type, are the variables of a small integer program (scipy's HiGHS); its optimum prices them at each
type's own rates, so no plan can cost less. Every constraint is a necessary condition of a feasible
plan, which makes the program a relaxation: its value is a valid bound.

Why: pricing the bound's trucks, hours and km at the cheapest rate of the whole fleet ignores that
the cheap small trucks carry half the payload, so they need twice the unloads; this program weighs
that trade-off as the plans must.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from wasteopt.network.travel import TravelNetwork
from wasteopt.scenario.models import VehicleType
from wasteopt.solve.collection.instance import CollectionInstance

NODE_LIMIT = 20_000
"""HiGHS stops after this many branch-and-bound nodes (a node limit, not a time limit, so the bound is
the same on any machine and executor); its proven bound, not its best solution, is what counts."""


@dataclass(frozen=True)
class FleetBound:
    """The bound (yuan) and the totals behind it: trucks, duty hours and km."""

    cost: float
    trucks: int
    hours: float
    km: float


def fleet_cost_bound(
    instance: CollectionInstance, network: TravelNetwork, room_legs_m: float, waste_kg: np.ndarray
) -> FleetBound | None:
    """Least cost of any fleet that serves the instance's rooms (``waste_kg``: each room's waste as
    given, not rounded), given that the legs into and out of rooms total at least ``room_legs_m``
    metres; None if HiGHS proves nothing."""
    types = instance.vehicle_types
    groups = _room_groups(instance, waste_kg)
    model = _Program(len(types), len(groups))
    service, kg, count = [], [], []
    for rooms, allowed in groups:
        service.append(float(instance.service_s[rooms].sum()))
        kg.append(float(waste_kg[rooms].sum()))
        count.append(float(len(rooms)))
        for column, total in ((model.s, service[-1]), (model.k, kg[-1]), (model.c, count[-1])):
            model.row({column(len(service) - 1, t): 1.0 for t in allowed}, total, total)
            for t in set(range(len(types))) - set(allowed):  # types that may not serve the group do none of its work
                model.upper[column(len(service) - 1, t)] = 0.0
    unload_s = float(instance.station_unload_s.min()) if len(instance.station_ids) else 0.0
    timed_by_speed = instance.scenario.travel.model not in ("matrix", "roads")  # a matrix file's or the roads' durations are their own
    home = [_home_m(instance, instance.travel(network, vt), vt.garage) for vt in types]  # on the type's own roads
    km_row = {}
    for t, vt in enumerate(types):
        speed = instance.type_speed(vt) / 3.6
        shift = float(vt.shift_end - vt.shift_start)
        if vt.max_duty_hours is not None:
            shift = min(shift, vt.max_duty_hours * 3600)
        n, trips, hours, metres = model.n(t), model.trips(t), model.h(t), model.m(t)
        model.upper[n] = vt.count
        kg_t = {model.k(g, t): 1.0 for g in range(len(groups))}
        model.row({trips: vt.capacity_kg, **{key: -1.0 for key in kg_t}}, 0.0, np.inf)  # trips carry the kg
        model.row({trips: 1.0, n: -1.0}, 0.0, np.inf)  # every truck used unloads at least once
        # hours cover service, unloads and driving (legs are timed to the second: half a second each may round away)
        duty = {hours: 1.0, trips: -unload_s + 0.5, n: 0.5, metres: -1.0 / speed if timed_by_speed else 0.0}
        duty |= {model.s(g, t): -1.0 for g in range(len(groups))} | {model.c(g, t): 0.5 for g in range(len(groups))}
        model.row(duty, 0.0, np.inf)
        model.row({hours: 1.0, n: -shift}, -np.inf, 0.0)  # within the shifts
        model.row({metres: 1.0, n: -home[t]}, 0.0, np.inf)  # each truck drives home from a station
        _daily_limits(model, vt, t, len(groups))
        km_row[metres] = 1.0
        model.cost[n] = vt.fixed_cost
        model.cost[hours] = vt.cost_per_hour / 3600
        model.cost[metres] = vt.cost_per_km / 1000
    home_total = {model.n(t): -home[t] for t in range(len(types))}
    model.row({**km_row, **home_total}, room_legs_m, np.inf)  # the room legs, plus each truck's drive home
    result = model.solve()
    if result is None:
        return None
    value, x = result
    trucks = int(round(sum(x[model.n(t)] for t in range(len(types)))))
    hours = float(sum(x[model.h(t)] for t in range(len(types)))) / 3600
    km = float(sum(x[model.m(t)] for t in range(len(types)))) / 1000
    return FleetBound(value, trucks, hours, km)


def _home_m(instance: CollectionInstance, network: TravelNetwork, garage: str) -> float:
    """The shortest drive from a station to ``garage`` (0 without stations)."""
    if not instance.station_ids:
        return 0.0
    return float(network.distance_m(instance.station_ids, [garage]).min())


def _daily_limits(model: "_Program", vt: VehicleType, t: int, groups: int) -> None:
    """A type's daily limits on kg, rooms, trips and km, summed over its trucks."""
    n = model.n(t)
    if vt.max_kg_per_day is not None:
        model.row({**{model.k(g, t): 1.0 for g in range(groups)}, n: -vt.max_kg_per_day}, -np.inf, 0.0)
    if vt.max_stops is not None:
        model.row({**{model.c(g, t): 1.0 for g in range(groups)}, n: -vt.max_stops}, -np.inf, 0.0)
    if vt.max_trips is not None:
        model.row({model.trips(t): 1.0, n: -vt.max_trips}, -np.inf, 0.0)
    if vt.max_km_per_day is not None:
        model.row({model.m(t): 1.0, n: -vt.max_km_per_day * 1000}, -np.inf, 0.0)


def _room_groups(instance: CollectionInstance, kg: np.ndarray) -> list[tuple[np.ndarray, list[int]]]:
    """Rooms grouped by the vehicle types that may serve them (class and payload)."""
    types = instance.vehicle_types
    allowed = np.array(
        [[vt.vehicle_class <= instance.max_class[i] and kg[i] <= vt.capacity_kg for vt in types] for i in range(len(kg))],
        dtype=bool,
    ).reshape(len(kg), len(types))
    keys, inverse = np.unique(allowed, axis=0, return_inverse=True)
    inverse = np.asarray(inverse).reshape(-1)
    return [(np.flatnonzero(inverse == g), np.flatnonzero(key).tolist()) for g, key in enumerate(keys) if key.any()]


class _Program:
    """Column layout and rows of the integer program: per type n (trucks), trips, h (duty seconds),
    m (metres); per room group and type s (service seconds), k (kg), c (rooms)."""

    def __init__(self, types: int, groups: int) -> None:
        self.types, self.groups = types, groups
        self.size = 4 * types + 3 * groups * types
        self.cost = np.zeros(self.size)
        self.upper = np.full(self.size, np.inf)
        self.rows: list[tuple[dict[int, float], float, float]] = []

    def n(self, t: int) -> int:
        return 4 * t

    def trips(self, t: int) -> int:
        return 4 * t + 1

    def h(self, t: int) -> int:
        return 4 * t + 2

    def m(self, t: int) -> int:
        return 4 * t + 3

    def _group(self, g: int, t: int, which: int) -> int:
        return 4 * self.types + 3 * (g * self.types + t) + which

    def s(self, g: int, t: int) -> int:
        return self._group(g, t, 0)

    def k(self, g: int, t: int) -> int:
        return self._group(g, t, 1)

    def c(self, g: int, t: int) -> int:
        return self._group(g, t, 2)

    def row(self, coefficients: dict[int, float], lower: float, upper: float) -> None:
        self.rows.append((coefficients, lower, upper))

    def solve(self) -> tuple[float, np.ndarray] | None:
        """HiGHS's proven lower bound and its best solution; None when it proves none."""
        matrix = np.zeros((len(self.rows), self.size))
        for r, (coefficients, _, _) in enumerate(self.rows):
            for column, value in coefficients.items():
                matrix[r, column] += value
        integrality = np.zeros(self.size)
        for t in range(self.types):
            integrality[[self.n(t), self.trips(t)]] = 1
        result = milp(
            c=self.cost,
            constraints=LinearConstraint(matrix, [row[1] for row in self.rows], [row[2] for row in self.rows]),
            integrality=integrality,
            bounds=Bounds(0, self.upper),
            options={"node_limit": NODE_LIMIT, "mip_rel_gap": 1e-6},
        )
        bound = getattr(result, "mip_dual_bound", None)
        if result.x is None or bound is None or not np.isfinite(bound):
            return None
        return float(bound), result.x
