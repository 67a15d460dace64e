"""site(): the facility-location estimate proposes, full plans decide."""

from __future__ import annotations

import json

import pytest

from wasteopt.plan.validate import validate
from wasteopt.scenario.errors import ScenarioError
from wasteopt.whatif.site import save_site, site
from wasteopt.whatif.kpis import annualised_per_day, payback_years
from wasteopt.whatif.tables import site_table
from wasteopt.whatif.variants import apply_variants


def test_the_site_in_the_far_village_ranks_first(far_village, pool, tmp_path):
    result = site(far_village, 1, iterations=200, seed=1, executor=pool, top=3, estimate="stem")
    assert [c.sites for c in result.choices][0] == ["C1"]
    assert sorted(tuple(c.sites) for c in result.choices) == [("C1",), ("C2",), ("C3",)]
    best = result.choices[0]
    assert best.rank == 1 and best.estimate_rank == 1
    # the saving is paired with the base re-planned beside the choice, on the same routes
    paired_base = sum(r["cost"] for r in best.reference_runs) / 3
    assert best.saving_per_day == pytest.approx(paired_base - best.mean_cost, abs=0.01)
    assert best.saving_per_day > 0 and best.verdict == "cheaper" and best.saving["low"] > 0
    rate = far_village.planning.discount_rate
    assert best.payback_years == payback_years(500_000, best.saving_per_day, rate)
    assert best.within_life is (best.payback_years <= 20)
    base_mean = sum(r["cost"] for r in result.base_run_kpis) / 3
    assert best.full_cost == pytest.approx(base_mean - best.saving_per_day + annualised_per_day(500_000, 20, rate), abs=0.01)
    assert len(best.runs) == 3 and result.seeds == [1, 2, 3] and result.base_runs.warm
    assert all(r["violations"] == [] for c in result.choices for r in c.runs)
    assert [c.full_cost for c in result.choices] == sorted(c.full_cost for c in result.choices)
    assert result.calibration["alpha"] > 1  # real routes drive more than the stems alone
    for choice in result.choices:
        assert choice.plan.variant == [f"open:{choice.sites[0]}"]
        assert validate(apply_variants(far_village, choice.plan.variant), choice.plan) == []
    assert validate(far_village, result.base_plan) == []
    assert result.agreement["n"] == 3 and result.agreement["spearman"] is not None

    save_site(result, tmp_path)
    data = json.loads((tmp_path / "site.json").read_text())
    assert [c["sites"] for c in data["choices"]][0] == ["C1"]
    first = data["choices"][0]
    assert first["verdict"] == "cheaper" and first["saving_interval"]["low"] <= first["saving_per_day"] <= first["saving_interval"]["high"]
    assert data["seeds"] == [1, 2, 3] and len(data["base"]["runs"]) == 3 and data["discount_rate"] == rate
    assert (tmp_path / "open-C1" / "plan.json").exists() and (tmp_path / "base" / "plan.json").exists()
    table = site_table(result).splitlines()
    assert table[2].split()[:2] == ["1", "C1"]


def test_the_route_estimate_proposes_the_site_on_the_trucks_way(far_village, pool):
    result = site(far_village, 1, iterations=200, seed=1, seeds=1, executor=pool, top=1)  # the default estimate
    assert result.calibration["estimate"] == "routes"
    assert [c.sites for c in result.choices] == [["C1"]]
    assert result.choices[0].estimate_rank == 1 and result.choices[0].saving_per_day > 0
    assert all(r["violations"] == [] for r in result.choices[0].runs)

def test_the_other_estimates_pick_is_replanned_too_when_this_one_misses_it(far_village, pool):
    # a short search leaves the base plan's far-village trip unloading on its way back to the near
    # village: priced on those routes, the far village's own site saves too little for its build cost
    result = site(far_village, 1, iterations=150, seed=0, seeds=1, executor=pool, top=1)
    by_sites = {tuple(c.sites): c for c in result.choices}
    assert set(by_sites) == {("C3",), ("C1",)}
    assert not by_sites["C3",].second_opinion and by_sites["C3",].estimate_rank == 1  # the route estimate's pick
    assert by_sites["C1",].second_opinion and by_sites["C1",].rank == 1  # the stem estimate's: the full plans agree
    assert all(r["violations"] == [] for c in result.choices for r in c.runs)
    assert result.to_json()["choices"][0]["second_opinion"] is True
    assert "open-C1: re-planned too as the stem estimate's best selection" in site_table(result)


def test_candidates_can_be_restricted(far_village, pool):
    result = site(far_village, 1, candidates=["C2", "C3"], iterations=100, seed=1, executor=pool, top=5)
    assert sorted(c.sites[0] for c in result.choices) == ["C2", "C3"]  # only two selections exist


def test_bad_candidates_and_k_are_reported_together(far_village):
    with pytest.raises(ScenarioError) as caught:
        site(far_village, 1, candidates=["C9", "S1"], source="f.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "f.yaml: --candidates: unknown station id 'C9'",
        "f.yaml: --candidates: station 'S1' is already in use, not a candidate site",
    ]
    with pytest.raises(ScenarioError) as caught:
        site(far_village, 4, source="f.yaml")
    assert [str(p) for p in caught.value.problems] == ["f.yaml: --open: cannot open 4 of 3 candidate sites"]


def test_a_cheaper_plan_that_leaves_containers_behind_ranks_last(two_stations):
    from wasteopt.plan.models import Plan
    from wasteopt.whatif.site import SiteChoice, _rank

    base = {"cost": 1000.0, "unserved": 0, "violations": [], "errors": []}

    def choice(site_id: str, cost: float, errors: list[str]) -> SiteChoice:
        kpis = {"cost": cost, "unserved": 0, "violations": [], "errors": errors}
        return SiteChoice(sites=[site_id], estimated_cost=cost, estimate_optimal=True, estimated_unserved_kg=0,
                          plan=Plan(scenario="x"), kpis=kpis, build_cost=36_500, build_cost_per_day=10.0,
                          reference_runs=[base])

    cheap_but_broken = choice("C1", 700.0, ["haul-left-behind: container 1 at C1 cannot be hauled"])
    sound = choice("C2", 900.0, [])
    _rank([cheap_but_broken, sound], two_stations)
    assert (sound.rank, cheap_but_broken.rank) == (1, 2)
    assert sound.payback_years == payback_years(36_500, 100.0, two_stations.planning.discount_rate) == 1.08
    assert cheap_but_broken.payback_years == "n/a" and sound.verdict == "one-run"
    assert (cheap_but_broken.estimate_rank, sound.estimate_rank) == (1, 2)


def test_selections_the_estimate_cannot_tell_from_the_last_of_the_top_are_replanned_too():
    import numpy as np

    from wasteopt.whatif.location import Selection
    from wasteopt.whatif.site import within_reach

    def selection(c: int, cost: float) -> Selection:
        return Selection((c,), np.zeros(1, dtype=int), cost, 0.0, 0.0, True)

    found = [selection(c, cost) for c, cost in enumerate([100.0, 130.0, 150.0, 151.0, 159.0, 170.0])]
    assert [s.opened for s in within_reach(found, 3, 10.0)] == [(0,), (1,), (2,), (3,), (4,)]
    assert [s.opened for s in within_reach(found, 3, 0.5)] == [(0,), (1,), (2,)]
    assert within_reach(found[:2], 3, 10.0) == found[:2]
