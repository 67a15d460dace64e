"""Which routes a change touches: a re-plan moves those and keeps every other truck's route.

Used by the what-if study for every variant and its base (:mod:`wasteopt.whatif.study`), and by
``wasteopt plan --from PLAN --replan-near S01`` for a day when one station changes.

A what-if change acts near the stations it changes (a closure, an opening, new hours or capacity).
The trucks that neither unload at such a station nor serve a room in its catchment (the rooms
nearest to it in travel time, among every station in use before or after) have no reason to move:
they keep their base routes (:mod:`wasteopt.solve.kept`). A variant and the base it is compared
with are then re-planned on exactly the same part of the district, from the same routes and with
the same seed, so their difference comes from the change and not from where the search wandered
elsewhere. A change to the collection fleet or to the rooms reaches every route: nothing is kept.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np

from wasteopt.network.travel import TravelNetwork
from wasteopt.plan.models import Plan
from wasteopt.scenario.models import Scenario

WIDER_CATCHMENT = 3
"""Nearest stations among which a room counts a changed station in the wider catchment. The nearest
alone keeps the trucks of the neighbouring catchments as they were, and those are the ones a
closure's waste must go to: their time and their stations' capacity are taken, so on some seeds the
re-planned part needs a truck more. A catchment this deep always (tried on Zhangdian, 500 iterations)
helped the seeds where that happened and hurt others; the what-if study therefore re-plans on it only
where the narrow part took a truck more (:mod:`wasteopt.whatif.study`): over 15 seeds the warm spread
of a closure's cost difference fell to 0.25–0.27 of the cold one (``benchmarks/RESULTS.md``)."""


def changed_stations(base: Scenario, varied: Scenario) -> frozenset[str] | None:
    """The stations whose use differs between the scenarios (opened, closed, or changed); None when
    the collection fleet or the rooms differ, so every route may have to move."""
    if base.fleet != varied.fleet or base.rooms != varied.rooms:
        return None
    before = {s.id: s for s in base.active_stations}
    after = {s.id: s for s in varied.active_stations}
    return frozenset(i for i in before.keys() | after.keys() if before.get(i) != after.get(i))


def trucks_to_keep(base: Scenario, network: TravelNetwork, plan: Plan, changed: Collection[str] | None,
                   ranks: int = 1) -> frozenset[str]:
    """The plan's trucks whose routes a change at the ``changed`` stations does not touch: they unload
    at none of them and serve no room in their catchment, the rooms that have one of them among their
    ``ranks`` nearest stations (travel time, among the base's stations in use and the changed ones;
    :data:`WIDER_CATCHMENT` for a second, wider try). None changed: every truck; ``changed`` None: none."""
    if changed is None:
        return frozenset()
    if not changed:
        return frozenset(route.vehicle for route in plan.routes)
    stations = sorted({s.id for s in base.active_stations} | set(changed))
    rooms = sorted({stop.id for route in plan.routes for stop in route.stops if stop.kind == "room"})
    near = set()
    if rooms:
        order = np.argsort(network.duration_s(rooms, stations), axis=1, kind="stable")[:, :ranks]
        near = {rid for rid, row in zip(rooms, np.asarray(stations)[order].tolist()) if set(row) & set(changed)}
    return frozenset(
        route.vehicle for route in plan.routes
        if not any((stop.kind == "station" and stop.id in changed) or (stop.kind == "room" and stop.id in near)
                   for stop in route.stops)
    )
