"""Route colours: as many as asked, all different, valid hex."""

import re

from wasteopt.report.assets import CSS
from wasteopt.report.colors import SEGMENT_COLOURS, route_colours


def test_colours_are_distinct_hex_for_a_large_fleet() -> None:
    colours = route_colours(120)
    assert len(colours) == 120 == len(set(colours))
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in colours)
    assert route_colours(3) == route_colours(120)[:3]


def test_segment_colours_are_distinct_and_the_stylesheet_uses_them() -> None:
    assert len(set(SEGMENT_COLOURS.values())) == len(SEGMENT_COLOURS)
    assert SEGMENT_COLOURS["break"] not in route_colours(14)
    variables = {"driving": "drive", "collecting": "collect", "unloading": "unload", "waiting": "wait", "break": "break"}
    for kind, colour in SEGMENT_COLOURS.items():
        assert f"--{variables[kind]}:{colour};" in CSS
    assert "__" not in CSS
