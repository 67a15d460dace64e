"""Routes to PyVRP and back: the last unload implicit in the model, explicit in the routes."""

from __future__ import annotations

from tests.solve.scenarios import room, scenario, station, truck
from wasteopt.network import network_for
from wasteopt.solve.collection.instance import build_instance
from wasteopt.solve.collection.pyvrp.codec import decode, warm_start
from wasteopt.solve.collection.pyvrp.model import build_model
from wasteopt.solve.collection.routes import RawRoute, Visit


def _model(**limits):
    rooms = [room("A", 1000.0, 0.0, 600.0), room("B", 1200.0, 0.0, 600.0)]
    sc = scenario(rooms, [station("S", 1500, 200)], [("G", 0, 0)], [truck("T", "G", 1000.0, count=2, **limits)])
    network = network_for(sc)
    instance = build_instance(sc, network)
    return build_model(instance, network)


TWO_TRIPS = RawRoute(0, (Visit("room", 0), Visit("station", 0), Visit("room", 1), Visit("station", 0)))


def test_a_warm_start_decodes_to_the_same_routes() -> None:
    model = _model()
    assert decode(model, warm_start(model, [TWO_TRIPS])) == [TWO_TRIPS]


def test_a_route_with_more_trips_than_the_search_allows_starts_unplanned() -> None:
    """1,000 kg a day with a 1,000 kg truck: the search allows one trip, so the two-trip route is left out."""
    model = _model(max_kg_per_day=1000)
    assert model.data.vehicle_type(0).max_reloads == 0
    solution = warm_start(model, [TWO_TRIPS])
    assert decode(model, solution) == [] and solution.num_missing_clients() == 0
    assert len(solution.unplanned()) == 2
