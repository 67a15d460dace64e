"""Travel network: distance and time between places, computed in one place for engine and validator."""

from wasteopt.network.matrix_file import read_matrix
from wasteopt.network.travel import MatrixTable, TravelNetwork, seconds_at_speed
from wasteopt.scenario.models import Scenario


def network_for(scenario: Scenario) -> TravelNetwork:
    """The travel network a scenario asks for (reads the matrix file when the model is ``matrix``)."""
    if scenario.travel.model == "matrix":
        assert scenario.travel.matrix is not None
        return TravelNetwork(scenario, read_matrix(scenario.travel.matrix.file))
    return TravelNetwork(scenario)


__all__ = ["MatrixTable", "TravelNetwork", "network_for", "seconds_at_speed"]
