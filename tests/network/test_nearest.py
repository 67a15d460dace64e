"""The k nearest places: the same answer as sorting a full distance table, for every travel model."""

from __future__ import annotations

import numpy as np
import pytest

from wasteopt.network import MatrixTable, TravelNetwork, network_for
from wasteopt.network.nearest import nearest, pair_distances_m, pair_durations_s
from wasteopt.scenario.models import Garage, MatrixSource, Room, Scenario, Station, Travel, VehicleType


def random_scenario(rng: np.random.Generator, travel: Travel, rooms: int = 60, stations: int = 9) -> Scenario:
    geographic = travel.model == "haversine"

    def where(k: int) -> dict[str, float]:
        if geographic:
            return {"lat": 36.8 + rng.uniform(-0.3, 0.3), "lon": 118.0 + rng.uniform(-0.3, 0.3)}
        return {"x": rng.uniform(0, 20_000), "y": rng.uniform(0, 20_000)}

    return Scenario(
        name="near", travel=travel,
        rooms=[Room(id=f"R{k}", waste_kg_per_day=10.0, **where(k)) for k in range(rooms)],
        stations=[Station(id=f"S{k}", capacity_t_per_day=5.0, **where(k)) for k in range(stations)],
        garages=[Garage(id="G", **where(0))],
        fleet=[VehicleType(id="v", count=1, garage="G", capacity_kg=100.0)],
    )


def brute_force(network: TravelNetwork, origins: list[str], destinations: list[str], k: int) -> np.ndarray:
    return np.sort(network.distance_m(origins, destinations), axis=1)[:, :k]


@pytest.mark.parametrize("model", ["haversine", "euclidean", "manhattan"])
def test_nearest_matches_a_sorted_table(model: str) -> None:
    scenario = random_scenario(np.random.default_rng(3), Travel(model=model, circuity=1.3))
    network = network_for(scenario)
    rooms = [r.id for r in scenario.rooms]
    stations = [s.id for s in scenario.stations]
    which, metres = nearest(network, rooms, stations, 4)
    assert metres.tolist() == brute_force(network, rooms, stations, 4).tolist()
    assert (pair_distances_m(network, rooms, [stations[j] for j in which[:, 0]]) == metres[:, 0]).all()


def test_nearest_reads_matrix_rows_in_their_direction(tmp_path) -> None:
    rng = np.random.default_rng(5)
    scenario = random_scenario(rng, Travel(model="euclidean"), rooms=30, stations=6)
    ids = list(scenario.locations())
    metres = rng.integers(100, 10_000, size=(len(ids), len(ids)))  # asymmetric, unrelated to coordinates
    seconds = rng.integers(10, 1_000, size=(len(ids), len(ids)))
    matrix_scenario = scenario.model_copy(update={"travel": Travel(model="matrix", matrix=MatrixSource(file="unused.csv"))})
    network = TravelNetwork(matrix_scenario, MatrixTable(ids, metres, seconds))
    rooms = [r.id for r in scenario.rooms]
    stations = [s.id for s in scenario.stations]
    which, got = nearest(network, rooms, stations, 3)
    assert got.tolist() == brute_force(network, rooms, stations, 3).tolist()
    assert (np.take_along_axis(network.distance_m(rooms, stations), which, axis=1) == got).all()
    durations = pair_durations_s(network, rooms, [stations[j] for j in which[:, 0]])
    assert durations.tolist() == [int(network.duration_s([r], [stations[j]])[0, 0]) for r, j in zip(rooms, which[:, 0])]


def test_k_is_cut_to_the_destinations_and_empty_inputs_work() -> None:
    scenario = random_scenario(np.random.default_rng(1), Travel(model="euclidean"), rooms=5, stations=2)
    network = network_for(scenario)
    which, metres = nearest(network, [r.id for r in scenario.rooms], ["S0", "S1"], 8)
    assert which.shape == metres.shape == (5, 2)
    assert nearest(network, [], ["S0"], 3)[0].shape == (0, 1)
