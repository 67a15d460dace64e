"""Driver breaks and daily limits (issue 13) on the hand-built scenario of ``test_validate``.

Every leg is a whole number of km at 10 m/s (100 s per km). The base plan here is that of
``test_validate`` with one break for the ``small`` trucks (10 min, starting 06:05–06:28; owed by both
routes, which are back at 06:30 and 06:51:40 without it):

- small-01 takes it en route from R2 to S1: R2 done 06:13:20, break 06:14:00–06:24:00, ready at S1
  06:25:00 (06:13:20 + 100 s drive + 600 s break); everything after shifts by 10 min, back 06:40;
- small-02 takes it at R4 while waiting for R4's window (opens 06:30): at R4 06:08:20, break
  06:08:20–06:18:20, ready at R4 06:18:20; its day does not change.

``honest`` rewrites each route's duration and cost (and the plan's total cost) from its times, so a
test breaks only the rule under test.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from tests.plan.test_validate import BASE_PLAN, make_scenario, stop
from wasteopt.plan.models import Plan, clock_seconds
from wasteopt.plan.validate import validate
from wasteopt.scenario.models import Scenario

BREAK = {"duration_min": 10, "earliest": "06:05", "latest": "06:28"}


def break_stop(number: int, at: str | None, start: str, end: str, load: float) -> dict[str, Any]:
    """A break stop as a plan states it."""
    return {"kind": "break", "id": f"break-{number}", "at": at, "arrive": start, "depart": end, "load_kg": load}


def en_route(data: dict[str, Any]) -> None:
    """small-01 breaks between R2 and S1, ten minutes later for the rest of its day."""
    stops = data["routes"][0]["stops"]
    stops.insert(3, break_stop(1, None, "06:14:00", "06:24:00", 700))
    stops[4].update(arrive="06:25:00", depart="06:35:00")
    stops[5].update(arrive="06:40:00")


def waiting_at_r4(data: dict[str, Any]) -> None:
    """small-02 breaks at R4 before its window opens."""
    stops = data["routes"][1]["stops"]
    stops.insert(2, break_stop(1, "R4", "06:08:20", "06:18:20", 200))
    stops[3].update(arrive="06:18:20")


def honest(data: dict[str, Any]) -> None:
    """Each route's duration and cost from its times (6 km each: 100 + 12 yuan + 30 yuan an hour)."""
    total = 0.0
    for route in data["routes"]:
        hours = (clock_seconds(route["stops"][-1]["arrive"]) - clock_seconds(route["stops"][0]["depart"])) / 3600
        route.update(duration_h=round(hours, 6), cost=round(112 + 30 * hours, 4))
        total += route["cost"]
    data["kpis"]["cost"] = round(total, 4)


def scenario(breaks: list[dict[str, Any]] | None = None, **limits: Any) -> Scenario:
    """The scenario with the small trucks' breaks (default: :data:`BREAK`) and daily limits."""
    return make_scenario(small={"breaks": [BREAK] if breaks is None else breaks, **limits})


def findings(*changes: Callable[[dict[str, Any]], None], sc: Scenario | None = None, breaks: bool = True) -> set[tuple[str, str]]:
    """(rule, subject) of every violation of the base plan — with its two breaks unless ``breaks`` is
    False — changed by ``changes`` in turn, figures made honest, against ``sc`` (default:
    :func:`scenario`)."""
    data = copy.deepcopy(BASE_PLAN)
    if breaks:
        en_route(data)
        waiting_at_r4(data)
    for change in changes:
        change(data)
    honest(data)
    return {(v.rule, v.subject) for v in validate(sc or scenario(), Plan.model_validate(data))}


# --- valid plans --------------------------------------------------------------------------------


def test_plan_without_breaks_or_limits_is_unaffected() -> None:
    assert validate(make_scenario(), Plan.model_validate(BASE_PLAN)) == []


def test_break_en_route_and_break_waiting_before_a_room_are_valid() -> None:
    assert findings() == set()


def test_break_states_all_the_day_figures_and_kpis_right() -> None:
    # Breaks add no km, no room, no unload: the plan's totals stay those of the rooms and legs.
    def counts(data: dict[str, Any]) -> None:
        data["kpis"].update(unload_trips=2, rooms_served=4, collected_kg=1400, vehicles_used=2, distance_km=12.0)

    assert findings(counts) == set()


def test_break_at_a_station_after_unloading() -> None:
    def at_station(data: dict[str, Any]) -> None:
        stops = data["routes"][0]["stops"]
        stops.insert(4, break_stop(1, "S1", "06:25:00", "06:35:00", 0))
        stops[5].update(arrive="06:40:00")

    assert findings(at_station, waiting_at_r4, breaks=False) == set()


def test_break_after_a_room_before_driving_on() -> None:
    def after_r1(data: dict[str, Any]) -> None:
        stops = data["routes"][0]["stops"]
        stops.insert(2, break_stop(1, "R1", "06:06:40", "06:16:40", 300))
        stops[3].update(arrive="06:18:20", depart="06:23:20")
        stops[4].update(arrive="06:25:00", depart="06:35:00")
        stops[5].update(arrive="06:40:00")

    assert findings(after_r1, waiting_at_r4, breaks=False) == set()


def test_break_not_owed_and_absent() -> None:
    # Earliest start 06:52: both trucks are back by then (06:30, 06:51:40) and owe no break.
    late = {**BREAK, "earliest": "06:52", "latest": "07:30"}
    assert findings(sc=scenario([late]), breaks=False) == set()


def test_break_owed_by_a_truck_out_when_it_may_begin() -> None:
    # Earliest start 06:40: small-01 is back at 06:30 and owes nothing; small-02, out until 06:51:40,
    # owes it, and its break at 06:08:20 is before the window.
    late = {**BREAK, "earliest": "06:40", "latest": "07:30"}
    assert findings(waiting_at_r4, sc=scenario([late]), breaks=False) == {("break-window", "small-02")}
    assert findings(sc=scenario([late]), breaks=False) == {("break-missing", "small-02")}


# --- the breaks themselves ---------------------------------------------------------------------


def test_owed_break_missing() -> None:
    assert findings(waiting_at_r4, breaks=False) == {("break-missing", "small-01")}


def test_break_starts_after_its_latest_start() -> None:
    assert findings(sc=scenario([{**BREAK, "latest": "06:12"}])) == {("break-window", "small-01")}


def test_break_starts_before_its_earliest_start() -> None:
    assert findings(sc=scenario([{**BREAK, "earliest": "06:10"}])) == {("break-window", "small-02")}


def test_break_too_short() -> None:
    assert findings(lambda d: stop(d, 0, 3).update(depart="06:23:00")) == {("break-short", "small-01")}


def test_one_second_short_is_rounding() -> None:
    assert findings(lambda d: stop(d, 0, 3).update(depart="06:23:59")) == set()


def test_break_unknown() -> None:
    # The type has one break: break-2 names none, and small-02 then takes no break-1 it owes.
    assert findings(lambda d: stop(d, 1, 2).update(id="break-2")) == {("break-unknown", "small-02"), ("break-missing", "small-02")}


def test_break_of_a_type_without_breaks() -> None:
    assert findings(sc=scenario([])) == {("break-unknown", "small-01"), ("break-unknown", "small-02")}


def test_break_taken_twice() -> None:
    def again(data: dict[str, Any]) -> None:
        stops = data["routes"][0]["stops"]
        stops.insert(5, break_stop(1, "S1", "06:35:00", "06:45:00", 0))
        stops[6].update(arrive="06:50:00")

    assert findings(again) == {("break-duplicate", "small-01")}


def test_breaks_out_of_the_types_order() -> None:
    # A second break (5 min, 06:05–07:00) taken en route before break-1, which small-01 then takes
    # at S1 after unloading (break-1 may start until 06:40 here). small-02 owes it too and does not
    # take it: break-missing there either way.
    breaks = [{**BREAK, "latest": "06:40"}, {"duration_min": 5, "earliest": "06:05", "latest": "07:00"}]

    def swapped(data: dict[str, Any]) -> None:
        stops = data["routes"][0]["stops"]
        stops[3]["id"] = "break-2"
        stops.insert(5, break_stop(1, "S1", "06:35:00", "06:45:00", 0))
        stops[6].update(arrive="06:50:00")

    def in_order(data: dict[str, Any]) -> None:
        stops = data["routes"][0]["stops"]
        stops.insert(5, break_stop(2, "S1", "06:35:00", "06:40:00", 0))
        stops[6].update(arrive="06:45:00")

    missing = ("break-missing", "small-02")
    assert findings(swapped, sc=scenario(breaks)) == {("break-order", "small-01"), missing}
    assert findings(in_order, sc=scenario(breaks)) == {missing}


# --- where a break is taken ----------------------------------------------------------------------


def test_break_overlapping_the_drive() -> None:
    # Ready at S1 06:24:00: R2 done 06:13:20 + 100 s drive + 600 s break = 06:25:00 at the earliest.
    def early(data: dict[str, Any]) -> None:
        stops = data["routes"][0]["stops"]
        stops[4].update(arrive="06:24:00", depart="06:34:00")
        stops[5].update(arrive="06:39:00")

    assert findings(early) == {("break-placement", "small-01")}


def test_short_of_the_drive_alone_is_a_travel_time_violation() -> None:
    def too_early(data: dict[str, Any]) -> None:
        stops = data["routes"][0]["stops"]
        stops[3].update(arrive="06:13:20", depart="06:14:00")  # also too short
        stops[4].update(arrive="06:14:30")

    assert findings(too_early) == {("travel-time", "small-01"), ("break-short", "small-01")}


def test_break_before_the_rooms_service_ends() -> None:
    assert findings(lambda d: stop(d, 0, 3).update(arrive="06:13:00", depart="06:23:00")) == {("break-placement", "small-01")}


def test_break_ending_after_the_truck_is_ready_at_the_next_stop() -> None:
    assert findings(lambda d: stop(d, 0, 3).update(arrive="06:20:00", depart="06:30:00")) == {("break-placement", "small-01")}


def test_break_at_the_next_room_before_the_truck_can_be_there() -> None:
    # R3 done 06:06:40 + 100 s = at R4 06:08:20 at the earliest.
    assert findings(lambda d: stop(d, 1, 2).update(arrive="06:07:00", depart="06:17:00")) == {("break-placement", "small-02")}


def test_break_at_a_place_that_is_neither_neighbour() -> None:
    assert findings(lambda d: stop(d, 1, 2).update(at="R1")) == {("break-placement", "small-02")}


def test_break_at_the_previous_place_after_driving_en_route_is_misplaced() -> None:
    # break-1 en route from R2, then break-2 "at R2": the truck has left R2 by then.
    def back_at_r2(data: dict[str, Any]) -> None:
        stops = data["routes"][0]["stops"]
        stops.insert(4, break_stop(2, "R2", "06:24:00", "06:25:00", 700))
        stops[5].update(arrive="06:26:00", depart="06:36:00")
        stops[6].update(arrive="06:41:00")

    second = {"duration_min": 1, "earliest": "06:05", "latest": "07:00"}
    # (small-02, out from 06:00, owes the second break too and does not take it.)
    assert findings(back_at_r2, sc=scenario([BREAK, second])) == {("break-placement", "small-01"), ("break-missing", "small-02")}


def test_two_breaks_on_one_leg_may_not_overlap() -> None:
    second = {"duration_min": 10, "earliest": "06:05", "latest": "07:00"}

    def two(data: dict[str, Any]) -> None:
        stops = data["routes"][0]["stops"]
        stops.insert(4, break_stop(2, None, "06:20:00", "06:30:00", 700))
        stops[5].update(arrive="06:35:00", depart="06:45:00")
        stops[6].update(arrive="06:50:00")

    missing = ("break-missing", "small-02")  # small-02 owes the second break too and does not take it
    assert findings(two, sc=scenario([BREAK, second])) == {("break-placement", "small-01"), missing}
    # back to back, both fit: 06:13:20 + 100 s + 2 × 600 s = 06:35:00 at S1
    assert findings(two, lambda d: stop(d, 0, 4).update(arrive="06:24:00", depart="06:34:00"), sc=scenario([BREAK, second])) == {missing}


def test_break_carries_the_load_on_board() -> None:
    assert findings(lambda d: stop(d, 0, 3).update(load_kg=0)) == {("load-mismatch", "small-01")}


def test_break_collects_nothing() -> None:
    assert findings(lambda d: stop(d, 0, 3).update(collected_kg=50)) == {("collected-mismatch", "small-01")}


# --- daily limits ---------------------------------------------------------------------------------
# Each route: 1 unload, 700 kg, 2 rooms, 6 km; small-01 on duty 0.5 h, small-02 3100 s.


def test_limits_met_exactly_are_kept() -> None:
    sc = scenario([], max_trips=1, max_kg_per_day=700, max_stops=2, max_km_per_day=6, max_duty_hours=3100 / 3600)
    assert findings(sc=sc, breaks=False) == set()


def test_daily_trips_exceeded() -> None:
    def unload_twice(data: dict[str, Any]) -> None:
        route = data["routes"][0]
        route["stops"].insert(4, {"kind": "station", "id": "S1", "arrive": "06:25:00", "depart": "06:35:00", "unloaded_kg": 0, "load_kg": 0})
        route["stops"][5].update(arrive="06:40:00")
        route["unload_trips"] = 2

    assert findings(unload_twice, sc=scenario([], max_trips=2), breaks=False) == set()
    assert findings(unload_twice, sc=scenario([], max_trips=1), breaks=False) == {("daily-trips", "small-01")}


def test_daily_kg_exceeded() -> None:
    assert findings(sc=scenario([], max_kg_per_day=699), breaks=False) == {("daily-kg", "small-01"), ("daily-kg", "small-02")}


def test_daily_stops_exceeded() -> None:
    assert findings(sc=scenario([], max_stops=1), breaks=False) == {("daily-stops", "small-01"), ("daily-stops", "small-02")}


def test_daily_km_exceeded() -> None:
    assert findings(sc=scenario([], max_km_per_day=5), breaks=False) == {("daily-km", "small-01"), ("daily-km", "small-02")}


def test_duty_hours_exceeded() -> None:
    assert findings(sc=scenario([], max_duty_hours=3099 / 3600), breaks=False) == set()  # one second: rounding
    assert findings(sc=scenario([], max_duty_hours=3040 / 3600), breaks=False) == {("duty-hours", "small-02")}


def test_duty_hours_count_the_breaks() -> None:
    # small-01 is 0.5 h on duty without its break, 2/3 h with it; small-02 3100 s either way.
    assert findings(sc=scenario(max_duty_hours=0.6)) == {("duty-hours", "small-01"), ("duty-hours", "small-02")}
    assert findings(sc=scenario(max_duty_hours=3100 / 3600)) == set()


def test_limit_messages_name_the_figure_and_the_limit() -> None:
    data = copy.deepcopy(BASE_PLAN)
    honest(data)
    messages = {v.rule: v.message for v in validate(scenario([], max_kg_per_day=650, max_km_per_day=5.5), Plan.model_validate(data))}
    assert "700.0 kg" in messages["daily-kg"] and "650 kg" in messages["daily-kg"]
    assert "6.000 km" in messages["daily-km"] and "5.5 km" in messages["daily-km"]
