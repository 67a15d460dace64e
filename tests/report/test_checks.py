"""A plan naming places its scenario lacks is refused, each id with where it is in the plan."""

from __future__ import annotations

from tests.report.conftest import break_plan, solved
from wasteopt.plan.models import HaulTrip, Stop, Unserved
from wasteopt.report.checks import plan_problems


def test_engine_plan_belongs_to_its_scenario() -> None:
    scenario, plan = solved()
    assert plan_problems(scenario, plan) == []


def test_every_foreign_id_is_named() -> None:
    scenario, plan = solved()
    route = plan.routes[0]
    stops = [route.stops[0], route.stops[1].model_copy(update={"id": "R99"}), *route.stops[2:]]
    foreign = plan.model_copy(update={
        "routes": [route.model_copy(update={"stops": stops}), *plan.routes[1:]],
        "haul": [HaulTrip(truck="H-01", station="S7", plant="P1", depart="09:00:00", arrive="09:30:00", payload_kg=1)],
        "unserved": [Unserved(id="R77", reason="x")],
    })
    assert [str(p) for p in plan_problems(scenario, foreign, "out/plan.json")] == [
        "out/plan.json: routes[0].stops[1].id: room 'R99' is not in scenario 'tiny'",
        "out/plan.json: haul[0].station: station 'S7' is not in scenario 'tiny'",
        "out/plan.json: unserved[0].id: room 'R77' is not in scenario 'tiny'",
    ]


def test_a_break_is_no_place_but_where_it_is_taken_must_be() -> None:
    scenario, plan = break_plan()
    assert plan_problems(scenario, plan) == []
    route = plan.routes[0]
    stops = [*route.stops[:2], Stop(kind="break", id="break-1", at="R99", arrive="06:20:00", depart="06:35:00"),
             *route.stops[3:]]
    foreign = plan.model_copy(update={"routes": [route.model_copy(update={"stops": stops})]})
    assert [str(p) for p in plan_problems(scenario, foreign)] == [
        "plan.json: routes[0].stops[2].at: break place 'R99' is not in scenario 'tiny'"]
