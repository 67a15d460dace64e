"""``wasteopt compare`` and ``wasteopt site`` from the command line (click's CliRunner)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from wasteopt.cli import main
from wasteopt.plan.models import load_plan
from wasteopt.plan.validate import validate
from wasteopt.scenario.writer import save_scenario
from wasteopt.whatif.variants import apply_variants


@pytest.fixture
def two_stations_file(two_stations, tmp_path):
    return str(save_scenario(two_stations, tmp_path / "scen"))


def test_compare_prints_the_table_and_writes_every_plan(two_stations, two_stations_file, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["compare", two_stations_file, "--variant", "s2-closed", "--variant",
                                       "s1-closed+one-truck", "--iterations", "150", "--seed", "2",
                                       "--workers", "2", "--out", str(out)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["base", "s2-closed", "s1-closed+one-truck"]
    assert [line.split()[0] for line in lines[1:9]] == ["trucks", "km/day", "vehicle-h/day", "unload", "haul",
                                                         "haul", "cost/day", "rooms"]
    s2_row = next(line.split() for line in lines if line.startswith("S2 t (util)"))
    assert s2_row[5] == "closed"  # base: tonnes (util), s2-closed: closed, s1-closed: tonnes (util)
    data = json.loads((out / "comparison.json").read_text())
    assert [v["name"] for v in data["variants"]] == ["s2-closed", "s1-closed+one-truck"]
    for name, variant in (("base", []), ("s2-closed", ["s2-closed"]), ("s1-closed+one-truck", ["s1-closed", "one-truck"])):
        plan = load_plan(out / name / "plan.json")
        assert plan.variant == variant
        assert validate(apply_variants(two_stations, variant), plan) == []
    s1_closed = load_plan(out / "s1-closed+one-truck" / "plan.json")
    assert s2_row[6] == f"{s1_closed.kpis['station_load_kg']['S2'] / 1000:.1f}"
    # the written plans pass `wasteopt validate`, which rebuilds each plan's scenario from plan.variant
    check = CliRunner().invoke(main, ["validate", two_stations_file, str(out / "s1-closed+one-truck" / "plan.json")])
    assert check.exit_code == 0, check.output


def test_compare_exits_3_when_a_variant_leaves_rooms_unserved(two_stations_file, tmp_path):
    result = CliRunner().invoke(main, ["compare", two_stations_file, "--variant", "s2-and-s3-closed",
                                       "--iterations", "100", "--out", str(tmp_path / "o"), "--quiet"])
    assert result.exit_code == 3, result.output
    data = json.loads((tmp_path / "o" / "comparison.json").read_text())
    assert data["variants"][0]["kpis"]["unserved"] >= 5


def test_compare_unknown_variant_is_one_line_and_exit_2(two_stations_file, tmp_path):
    result = CliRunner().invoke(main, ["compare", two_stations_file, "--variant", "nope", "--iterations", "50",
                                       "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert result.output == (f"{two_stations_file}: variant: unknown variant 'nope' (known: one-truck, s1-closed, "
                             "s2-and-s3-closed, s2-closed; or open:ID, close:ID)\n")
    assert not (tmp_path / "o").exists()


def test_site_ranks_the_obvious_site_first(far_village, tmp_path):
    path = str(save_scenario(far_village, tmp_path / "scen"))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["site", path, "--open", "1", "--top", "2", "--iterations", "150",
                                       "--workers", "2", "--out", str(out)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["rank", "sites", "est."]
    assert lines[1].split()[:2] == ["-", "base"]
    assert lines[2].split()[:2] == ["1", "C1"]
    assert any(line.startswith("estimate vs full plans over 2 selections: Spearman") for line in lines)
    data = json.loads((out / "site.json").read_text())
    assert data["k"] == 1 and data["choices"][0]["sites"] == ["C1"]
    check = CliRunner().invoke(main, ["validate", path, str(out / "open-C1" / "plan.json")])
    assert check.exit_code == 0, check.output


def test_site_bad_candidates_exit_2(far_village, tmp_path):
    path = str(save_scenario(far_village, tmp_path / "scen"))
    result = CliRunner().invoke(main, ["site", path, "--open", "1", "--candidates", "C1,S1"])
    assert result.exit_code == 2
    assert result.output == f"{path}: --candidates: station 'S1' is already in use, not a candidate site\n"
