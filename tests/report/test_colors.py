"""Route colours: as many as asked, all different, valid hex."""

import re

from wasteopt.report.colors import route_colours


def test_colours_are_distinct_hex_for_a_large_fleet() -> None:
    colours = route_colours(120)
    assert len(colours) == 120 == len(set(colours))
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in colours)
    assert route_colours(3) == route_colours(120)[:3]
