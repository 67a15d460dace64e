"""Fewer trucks: take the lightest route off and put its rooms on the other trucks, while they all fit.

A truck's day rate is most of what a light route costs, and the search (PyVRP) seldom empties a
route once its rooms are spread over it: a plan may keep a truck with a handful of rooms that the
others could take. The engine trims the finished plan last, where a route goes only if the plan's
cost does not rise.

Removals are tried lightest route first (fewest rooms, then least waste); every vehicle type and
garage is a candidate, and a route's rooms may go to trucks of any type that may enter their lanes.
"""

from __future__ import annotations

from collections.abc import Callable

from wasteopt.network.travel import TravelNetwork
from wasteopt.solve.collection.insert import insert_rooms
from wasteopt.solve.collection.instance import CollectionInstance
from wasteopt.solve.collection.routes import RawRoute
from wasteopt.solve.collection.schedule import route_cost

FAILURES_AT_MOST = 3
"""Light routes in a row whose rooms did not all fit elsewhere (or cost more there) before trimming
stops: heavier routes are even less likely to go."""


def trim_fleet(
    instance: CollectionInstance,
    network: TravelNetwork,
    routes: list[RawRoute],
    *,
    go_on: Callable[[], bool] = lambda: True,
) -> list[RawRoute]:
    """``routes`` with as many light routes removed as their rooms fit elsewhere without raising the
    plan's cost. ``go_on`` is asked before each try (time left)."""
    routes = [raw for raw in routes if any(v.kind == "room" for v in raw.visits)]
    known: dict[tuple, float] = {}

    def cost(plan: list[RawRoute]) -> float:
        for raw in plan:
            if (raw.type_index, raw.visits) not in known:
                known[raw.type_index, raw.visits] = route_cost(instance, network, raw)
        return sum(known[raw.type_index, raw.visits] for raw in plan)

    now = cost(routes)
    failed: set[tuple] = set()
    while len(routes) > 1 and go_on():
        candidates = [r for r in _lightest_first(instance, routes) if routes[r].visits not in failed]
        if not candidates or len(failed) >= FAILURES_AT_MOST:
            break
        r = candidates[0]
        rooms = [v.index for v in routes[r].visits if v.kind == "room"]
        others = routes[:r] + routes[r + 1:]
        placed, left = insert_rooms(instance, network, others, rooms, new_trucks=False)
        after = cost(placed) if not left else float("inf")
        if left or after > now + 1e-6:
            failed.add(routes[r].visits)
            continue
        routes, now = placed, after
    return routes


def _lightest_first(instance: CollectionInstance, routes: list[RawRoute]) -> list[int]:
    """Route positions by rooms, then waste, ascending."""
    def weight(r: int) -> tuple[int, float]:
        rooms = [v.index for v in routes[r].visits if v.kind == "room"]
        return len(rooms), float(instance.waste_kg[rooms].sum())

    return sorted(range(len(routes)), key=weight)
