"""Travel network: distance and time between places, computed in one place for engine and validator."""

from wasteopt.network.matrix_file import read_matrix
from wasteopt.network.osm_classes import ClassedNetwork, has_class_tables
from wasteopt.network.osm_network import RoadNetwork
from wasteopt.network.travel import MatrixTable, TravelNetwork, seconds_at_speed
from wasteopt.scenario.models import Scenario


def network_for(scenario: Scenario) -> TravelNetwork:
    """The travel network a scenario asks for (reads the matrix file when the model is ``matrix``;
    a matrix built from OpenStreetMap also gives each vehicle class's network, ``for_class``; the
    model ``roads`` computes travel on the road graph of ``roads.npz`` on demand, per class too)."""
    if scenario.travel.model == "roads":
        assert scenario.travel.roads is not None
        return RoadNetwork.from_file(scenario, scenario.travel.roads)
    if scenario.travel.model == "matrix":
        assert scenario.travel.matrix is not None
        matrix = read_matrix(scenario.travel.matrix.file)
        if has_class_tables(scenario):
            return ClassedNetwork(scenario, matrix)
        return TravelNetwork(scenario, matrix)
    return TravelNetwork(scenario)


__all__ = ["MatrixTable", "RoadNetwork", "TravelNetwork", "network_for", "seconds_at_speed"]
