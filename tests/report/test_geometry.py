"""Map projection: equirectangular metres around the district's centre; x/y passes through."""

from __future__ import annotations

import math

from tests.report.conftest import tiny_scenario
from wasteopt.report.geometry import is_geographic, projection_for
from wasteopt.scenario.models import Garage


def test_lat_lon_is_projected_to_metres_around_the_centre() -> None:
    scenario = tiny_scenario()
    project = projection_for(scenario)
    assert project.geographic and is_geographic(scenario)
    east, north = project(Garage(id="c", lat=project.lat0, lon=project.lon0))
    assert (east, north) == (0.0, 0.0)
    _, north = project(Garage(id="n", lat=project.lat0 + 0.01, lon=project.lon0))
    assert math.isclose(north, 1111.95, rel_tol=1e-4)
    east, _ = project(Garage(id="e", lat=project.lat0, lon=project.lon0 + 0.01))
    assert math.isclose(east, 1111.95 * math.cos(math.radians(project.lat0)), rel_tol=1e-4)


def test_projected_coordinates_are_used_as_given() -> None:
    scenario = tiny_scenario(projected=True)
    project = projection_for(scenario)
    assert not project.geographic and not is_geographic(scenario)
    garage = scenario.garages[0]
    assert project(garage) == (garage.x, garage.y)
