"""Parts of a decomposed solve: the squeeze variant tries the same rooms with one truck fewer."""

from __future__ import annotations

from tests.solve.scenarios import room, scenario, station, truck
from wasteopt.network import network_for
from wasteopt.solve.collection.instance import build_instance
from wasteopt.solve.collection.schedule import route_cost
from wasteopt.solve.decompose.part import PartTask, _one_truck_fewer, _raw_routes, solve_part


def _village():
    rooms = [room(f"R{k}", 1000.0 + 150 * k, 1000.0, 100.0) for k in range(6)]
    return scenario(rooms, [station("S", 0.0, 0.0)], [("G", 0.0, 500.0)],
                    [truck("A", "G", 1500.0, count=4), truck("B", "G", 1500.0, count=1)])


def _three_routes():
    return (
        ("A", (("room", "R0"), ("room", "R1"), ("station", "S"))),
        ("A", (("room", "R2"), ("station", "S"))),
        ("A", (("room", "R3"), ("room", "R4"), ("room", "R5"), ("station", "S"))),
    )


def test_one_truck_fewer_drops_the_lightest_route_and_caps_its_type() -> None:
    sc = _village()
    instance = build_instance(sc, network_for(sc))
    kept, cap = _one_truck_fewer(instance, _raw_routes(instance, _three_routes()))
    rooms = [{instance.room_ids[v.index] for v in raw.visits if v.kind == "room"} for raw in kept]
    assert rooms == [{"R0", "R1"}, {"R3", "R4", "R5"}]
    assert cap == [2, 0]


def test_squeezed_part_serves_every_room_with_fewer_trucks() -> None:
    sc = _village()
    result = solve_part(PartTask(sc, None, 200, 0, _three_routes(), squeeze=True))
    assert not result.unserved
    served = sorted(pid for _, visits in result.routes for kind, pid in visits if kind == "room")
    assert served == [f"R{k}" for k in range(6)]
    assert len(result.routes) <= 2
    instance = build_instance(sc, network_for(sc))
    start = sum(route_cost(instance, network_for(sc), raw) for raw in _raw_routes(instance, _three_routes()))
    assert result.cost < start
