"""Does a plan belong to a scenario? Every id a plan names must be one of the scenario's places.

A report drawn from a plan made for another scenario would be silently wrong (rooms missing from the
map, wrong names on drivers' sheets), so the report commands refuse it with one problem per id. A
driver break is not a place (its id is ``break-1``, …); the place it is taken ``at``, if any, must be.
"""

from __future__ import annotations

from wasteopt.plan.models import Plan
from wasteopt.scenario.errors import Problem
from wasteopt.scenario.models import Scenario


def plan_problems(scenario: Scenario, plan: Plan, source: str = "plan.json") -> list[Problem]:
    """Each id in the plan that the scenario does not have, as a ``Problem`` naming where it is."""
    known = {
        "room": {r.id for r in scenario.rooms},
        "station": {s.id for s in scenario.stations},
        "garage": {g.id for g in scenario.garages},
        "plant": {p.id for p in scenario.plants},
    }
    problems: list[Problem] = []

    def need(kind: str, ident: str, field: str) -> None:
        if ident not in known[kind]:
            problems.append(Problem(source, None, field, f"{kind} {ident!r} is not in scenario {scenario.name!r}"))

    places = known["room"] | known["station"] | known["garage"]

    for r, route in enumerate(plan.routes):
        need("garage", route.garage, f"routes[{r}].garage")
        for s, stop in enumerate(route.stops):
            if stop.kind == "break":
                if stop.at is not None and stop.at not in places:
                    problems.append(Problem(source, None, f"routes[{r}].stops[{s}].at",
                                            f"break place {stop.at!r} is not in scenario {scenario.name!r}"))
                continue
            need(stop.kind, stop.id, f"routes[{r}].stops[{s}].id")
    for h, trip in enumerate(plan.haul):
        need("station", trip.station, f"haul[{h}].station")
        need("plant", trip.plant, f"haul[{h}].plant")
    for u, item in enumerate(plan.unserved):
        need("room", item.id, f"unserved[{u}].id")
    return problems
