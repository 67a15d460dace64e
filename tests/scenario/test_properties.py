"""Property tests: random valid scenarios load back equal; random corruptions of a CSV table give
exit status 2 with located one-line messages (or load fine), never a traceback."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.scenario.conftest import ROOMS_CSV, run_check, write_scenario
from wasteopt.scenario.loader import load_scenario
from wasteopt.scenario.models import Garage, Room, Scenario, Station, VehicleType
from wasteopt.scenario.writer import save_scenario

TEXT = st.text(st.characters(categories=("L", "N", "Zs", "P", "S")) | st.sampled_from("南定镇柳家庄村,\"\n"), max_size=12)
IDS = st.text(st.characters(categories=("L", "N"), include_characters="-_."), min_size=1, max_size=8)
KG = st.floats(min_value=0, max_value=1500, allow_nan=False)
CLOCK = st.integers(min_value=0, max_value=46 * 3600)  # text clock times stop at 47:59:59
LINE = re.compile(r"^\S.*?(:\d+)?: (\S[^:]*|'[^']*'): .+$")  # a field with a colon in its name is quoted


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    """Small valid scenarios: unique ids, lat/lon places, a fleet that can carry every room."""
    ids = draw(st.lists(IDS, min_size=4, max_size=14, unique=True))
    n_rooms = len(ids) - 2

    def place() -> dict[str, float]:
        return {"lat": draw(st.floats(-90, 90)), "lon": draw(st.floats(-180, 180))}

    rooms = []
    for rid in ids[:n_rooms]:
        opens = draw(st.none() | CLOCK)
        rooms.append(Room(
            id=rid, name=draw(TEXT), town=draw(TEXT), village=draw(TEXT), waste_kg_per_day=draw(KG),
            volume_m3_per_day=draw(st.none() | st.floats(0, 5)), service_min=draw(st.floats(0, 30)),
            tw_open=opens, tw_close=None if opens is None else opens + draw(st.integers(0, 3600)),
            max_vehicle_class=draw(st.none() | st.integers(1, 3)), **place()))
    station = Station(id=ids[-2], name=draw(TEXT), capacity_t_per_day=draw(st.floats(0.1, 100)),
                      open=draw(st.integers(0, 10 * 3600)), close=draw(st.integers(11 * 3600, 30 * 3600)),
                      status=draw(st.sampled_from(["existing", "candidate"])), **place())
    garage = Garage(id=ids[-1], name=draw(TEXT), **place())
    fleet = [VehicleType(id="v1", count=draw(st.integers(1, 9)), garage=garage.id, capacity_kg=1500.0,
                         vehicle_class=1, cost_per_km=draw(st.floats(0, 5)))]
    return Scenario(name=draw(TEXT.filter(bool)), description=draw(TEXT), rooms=rooms, stations=[station],
                    garages=[garage], fleet=fleet)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_random_valid_scenarios_load_back_equal(scenario: Scenario) -> None:
    with tempfile.TemporaryDirectory() as directory:
        assert load_scenario(save_scenario(scenario, Path(directory))) == scenario


CORRUPTIONS = st.sampled_from(["replace", "insert", "delete", "bytes"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=CORRUPTIONS, position=st.integers(0, len(ROOMS_CSV.encode("utf-8"))),
       junk=st.binary(min_size=1, max_size=4) | st.text(max_size=4).map(lambda t: t.encode("utf-8")),
       length=st.integers(1, 10))
def test_corrupted_csv_gives_located_messages_never_a_traceback(kind: str, position: int, junk: bytes, length: int,
                                                              in_tmp: Path) -> None:
    original = ROOMS_CSV.encode("utf-8")
    corrupted = {
        "replace": original[:position] + junk + original[position + length:],
        "insert": original[:position] + junk + original[position:],
        "delete": original[:position] + original[position + length:],
        "bytes": original[:position] + bytes(b ^ 0x80 for b in original[position:position + length])
        + original[position + length:],
    }[kind]
    write_scenario(in_tmp)
    (in_tmp / "rooms.csv").write_bytes(corrupted)
    result = run_check()
    assert result.exit_code in (0, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        lines = result.stderr.splitlines()
        assert lines and all(LINE.match(line) for line in lines), lines
    else:
        assert result.stdout.startswith("tiny: ")
