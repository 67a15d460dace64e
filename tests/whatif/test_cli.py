"""``wasteopt compare`` and ``wasteopt site`` from the command line (click's CliRunner)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from click.testing import CliRunner

from wasteopt.cli import main
from wasteopt.commands.whatif_cmds import plans_with_violations, study_exit_status
from wasteopt.plan.models import Plan, load_plan
from wasteopt.plan.validate import validate
from wasteopt.scenario.writer import save_scenario
from wasteopt.whatif import study as study_module
from wasteopt.whatif.tasks import plan_task
from wasteopt.whatif.variants import apply_variants

FOUND = "station-hours: S1: V-01 unloads at 10:20:00; the station closes at 10:00:00"


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
    assert lines[9].startswith("cost/day min–max")
    verdicts = ("cheaper", "dearer", "no difference we can measure at this budget")
    measured = [line for line in lines if line.startswith(("s2-closed ", "s1-closed+one-truck "))]
    assert len(measured) == 2 and all(line.split()[1] == "base" and line.endswith(verdicts) for line in measured)
    assert any(line.startswith("figures: mean over 3 seed(s) (2, 3, 4)") for line in lines)
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
    # the route estimate's two (C3, C2) on this short search's base plan, and the stem estimate's pick, C1
    assert any(line.startswith("estimate vs full plans over 3 selections: Spearman") for line in lines)
    assert "open-C1: re-planned too as the stem estimate's best selection, which this estimate ranks lower" in lines
    data = json.loads((out / "site.json").read_text())
    assert data["k"] == 1 and data["choices"][0]["sites"] == ["C1"]
    assert lines[0].split()[-1] == "verdict" and lines[2].endswith("cheaper")
    assert data["choices"][0]["verdict"] == "cheaper" and data["seeds"] == [0, 1, 2]
    check = CliRunner().invoke(main, ["validate", path, str(out / "open-C1" / "plan.json")])
    assert check.exit_code == 0, check.output


def test_site_bad_candidates_exit_2(far_village, tmp_path):
    path = str(save_scenario(far_village, tmp_path / "scen"))
    result = CliRunner().invoke(main, ["site", path, "--open", "1", "--candidates", "C1,S1"])
    assert result.exit_code == 2
    assert result.output == f"{path}: --candidates: station 'S1' is already in use, not a candidate site\n"


def test_plans_with_violations_joins_the_engines_check_and_the_studys() -> None:
    clean = Plan(scenario="x", solver={"violations": []})
    flagged = Plan(scenario="x", solver={"violations": [FOUND]})
    found = plans_with_violations([
        ("base", clean, {"violations": []}),
        ("a", flagged, {"violations": [FOUND]}),  # the same violation found twice counts once
        ("b", clean, {"violations": ["room-once: W01: served twice"]}),
        ("c", Plan(scenario="x"), {"violations": []}),
    ])
    assert found == {"a": 1, "b": 1}


@pytest.mark.parametrize(("violating", "incomplete", "status"), [
    ({}, False, 0), ({}, True, 3), ({"a": 1}, False, 1), ({"a": 2}, True, 1),
])
def test_study_exit_status(violating, incomplete, status) -> None:
    assert study_exit_status(violating, incomplete) == status


def test_compare_exits_1_and_names_a_variant_whose_plan_has_violations(two_stations_file, tmp_path, monkeypatch):
    def planned_with_a_violation(jobs, budget, *, executor=None, progress=None, seeds=None, starts=None, keeps=None):
        seeds, starts, keeps = seeds or {}, starts or {}, keeps or {}
        plans = {name: plan_task(scenario, list(variant), replace(budget, seed=seeds.get(name, budget.seed)), starts.get(name),
                                 keeps.get(name, frozenset()))
                 for name, (scenario, variant) in jobs.items()}
        for name, plan in plans.items():
            if name.startswith("s2-closed"):
                plan.solver["violations"] = [FOUND]
        return plans

    monkeypatch.setattr(study_module, "run_plans", planned_with_a_violation)
    result = CliRunner().invoke(main, ["compare", two_stations_file, "--variant", "s2-closed", "--iterations", "100",
                                       "--seeds", "2", "--workers", "1", "--out", str(tmp_path / "o"), "--quiet"])
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr == ("violations found in the plans of s2-closed (1) — this is a bug, please report it "
                             "(the plans are written; `wasteopt validate` lists the violations)\n")
    assert load_plan(tmp_path / "o" / "s2-closed" / "plan.json").solver["violations"] == [FOUND]


def test_compare_and_site_refuse_an_unwritable_out_before_reading_the_scenario(tmp_path):
    (tmp_path / "taken").write_text("", encoding="utf-8")
    missing = str(tmp_path / "missing.yaml")  # would be reported if the scenario were read first
    taken = tmp_path / "taken"
    result = CliRunner().invoke(main, ["compare", missing, "--variant", "s2-closed", "--out", str(taken / "o")])
    assert (result.exit_code, result.stderr) == (2, f"{taken / 'o'}: cannot write: {taken} is a file, not a folder\n")
    (tmp_path / "o" / "s2-closed" / "plan.json").mkdir(parents=True)
    result = CliRunner().invoke(main, ["compare", missing, "--variant", "s2-closed", "--out", str(tmp_path / "o")])
    assert (result.exit_code, result.stderr) == (2, f"{tmp_path / 'o' / 's2-closed' / 'plan.json'}: cannot write: Is a directory\n")
    result = CliRunner().invoke(main, ["site", missing, "--open", "1", "--out", str(taken / "s")])
    assert (result.exit_code, result.stderr) == (2, f"{taken / 's'}: cannot write: {taken} is a file, not a folder\n")
