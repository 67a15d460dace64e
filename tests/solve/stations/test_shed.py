"""Shedding: when no choice of unload stations fits, the last rooms of trips into overloaded stations
go (later routes first, each trip from its end) until every station fits; trips left empty and
routes left empty disappear. ``enforce_station_capacity`` moves unloads first and sheds only if that
fails.
"""

from __future__ import annotations

from tests.solve.scenarios import room, scenario, station, truck
from wasteopt.network import network_for
from wasteopt.solve.budget import Budget
from wasteopt.solve.collection.instance import build_instance
from wasteopt.solve.collection.routes import RawRoute, Visit
from wasteopt.solve.stations.assign import station_loads
from wasteopt.solve.stations.shed import enforce_station_capacity, shed_overload


def _instance(a_tonnes: float, b_tonnes: float = 10.0, rooms: int = 4, kg: float = 400.0):
    """Rooms R0.. of ``kg`` each near G; station A (2000, 0) and B (2000, 1000)."""
    sc = scenario([room(f"R{k}", 1000, 100 * k, kg) for k in range(rooms)],
                  [station("A", 2000, 0, tonnes=a_tonnes), station("B", 2000, 1000, tonnes=b_tonnes)], [("G", 0, 0)],
                  [truck("T", "G", 1000.0, count=4, cost_per_hour=36.0)])
    network = network_for(sc)
    return build_instance(sc, network), network


def _route(*stops: str) -> RawRoute:
    return RawRoute(0, tuple(Visit("station", "AB".index(s)) if s in "AB" else Visit("room", int(s[1:])) for s in stops))


def _ids(instance, rooms: list[int]) -> list[str]:
    return [instance.room_ids[k] for k in rooms]


def test_nothing_is_shed_when_every_station_fits() -> None:
    instance, _ = _instance(a_tonnes=1.6)
    routes = [_route("R0", "R1", "A"), _route("R2", "R3", "A")]
    assert shed_overload(instance, routes) == (routes, [])


def test_the_last_rooms_of_the_last_routes_go_first_until_the_station_fits() -> None:
    """A takes 500 kg of 1600: R3, R2 (emptying the second route, which disappears), then R1."""
    instance, _ = _instance(a_tonnes=0.5)
    kept, shed = shed_overload(instance, [_route("R0", "R1", "A"), _route("R2", "R3", "A")])
    assert _ids(instance, shed) == ["R3", "R2", "R1"]
    assert kept == [_route("R0", "A")]
    assert station_loads(instance, kept).tolist() == [400, 0]


def test_only_trips_into_an_overloaded_station_lose_rooms_and_only_as_many_as_needed() -> None:
    """A is 100 kg over: R1, the last room of the trip into A, goes; R0 stays, and so does R2, whose
    trip unloads at B (within capacity), although it comes later in the route."""
    instance, _ = _instance(a_tonnes=0.7, rooms=3)
    kept, shed = shed_overload(instance, [_route("R0", "R1", "A", "R2", "B")])
    assert _ids(instance, shed) == ["R1"]
    assert kept == [_route("R0", "A", "R2", "B")]


def test_an_unload_left_with_nothing_to_carry_is_dropped() -> None:
    """Two trips of one route into A (500 kg): the second trip's only room goes, and its unload with it."""
    instance, _ = _instance(a_tonnes=0.5, rooms=2)
    kept, shed = shed_overload(instance, [_route("R0", "A", "R1", "A")])
    assert _ids(instance, shed) == ["R1"]
    assert kept == [_route("R0", "A")]


def test_enforcing_capacity_moves_an_unload_rather_than_shed_a_room() -> None:
    instance, network = _instance(a_tonnes=1.0, rooms=3)
    routes = [_route("R0", "R1", "A"), _route("R2", "A")]
    kept, shed = enforce_station_capacity(instance, network, routes, Budget())
    assert shed == []
    assert sorted(v.index for raw in kept for v in raw.visits if v.kind == "room") == [0, 1, 2]
    assert (station_loads(instance, kept) <= instance.station_capacity_kg).all()
    assert station_loads(instance, kept).sum() == 1200


def test_enforcing_capacity_sheds_when_no_choice_of_stations_fits() -> None:
    """A takes 1000 kg and B 300 kg, so the 400 kg trips cannot all be placed: one room is shed."""
    instance, network = _instance(a_tonnes=1.0, b_tonnes=0.3, rooms=3)
    routes = [_route("R0", "A"), _route("R1", "A"), _route("R2", "A")]
    kept, shed = enforce_station_capacity(instance, network, routes, Budget())
    assert _ids(instance, shed) == ["R2"]
    assert kept == routes[:2]
    assert station_loads(instance, kept).tolist() == [800, 0]


def test_shedding_goes_on_into_the_earlier_trips_of_a_route() -> None:
    """A takes 400 kg of 1200 unloaded in two trips: the second trip's R2, then the first trip's R1."""
    instance, _ = _instance(a_tonnes=0.4, rooms=3)
    kept, shed = shed_overload(instance, [_route("R0", "R1", "A", "R2", "A")])
    assert _ids(instance, shed) == ["R2", "R1"]
    assert kept == [_route("R0", "A")]
