"""The comparison reader is tolerant: odd or partial comparison files still report, never crash."""

from __future__ import annotations

import re

from wasteopt.report.panels import comparison


def _rows(html: str) -> dict[str, list[str]]:
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th>(.*?)</tr>', html)
    return {label: re.findall(r"<td>(.*?)</td>", cells) for label, cells in rows}


def test_real_comparison_shape() -> None:
    html = comparison({
        "base": {"name": "base", "variant": [], "kpis": {"trucks": 17, "cost": 17369.8, "station_t": {"S1": 1.0},
                                                        "violations": []}},
        "variants": [{"name": "close-S03", "variant": ["close-S03"], "kpis": {"trucks": 18, "cost": 18000.0},
                      "delta": {"trucks": 1, "cost": 630.2}, "payback_years": "never"}],
    })
    rows = _rows(html)
    assert rows["Trucks"] == ["17", '18<div class="delta worse">+1</div>']
    assert rows["Cost (yuan/day)"] == ["17,370", '18,000<div class="delta worse">+630</div>']
    assert rows["Payback (years)"] == ["—", "never"]


def test_unknown_numeric_figures_are_shown_and_junk_ignored() -> None:
    html = comparison({"base": {"kpis": {"co2_kg": 12.5, "note": "x"}}, "variants": [None, {"kpis": {"co2_kg": 11}}, 7]})
    rows = _rows(html)
    assert rows == {"co2 kg": ["12.50", "11.00"]}
    assert "<th>base</th>" in html and "<th>variant 2</th>" in html


def test_not_a_comparison_at_all() -> None:
    assert "no base and variants" in comparison([1, 2, 3])
    assert "<table" in comparison({})


def test_comparison_written_by_compare_is_shown() -> None:
    from concurrent.futures import ThreadPoolExecutor

    from tests.report.conftest import tiny_scenario
    from wasteopt.report.html import render_report
    from wasteopt.scenario.models import Variant
    from wasteopt.whatif.compare import compare

    scenario = tiny_scenario().model_copy(update={"variants": {"open-S9": Variant(open=["S9"])}})
    with ThreadPoolExecutor(max_workers=1) as pool:
        result = compare(scenario, ["open-S9"], iterations=200, seed=1, executor=pool)
    for outcome in result.outcomes:
        assert outcome.kpis["violations"] == []
    data = result.to_json()
    page = render_report(scenario, result.base.plan, data)
    rows = _rows(page[page.index('id="comparison-table"'):])
    base, variant = data["base"]["kpis"], data["variants"][0]
    assert rows["Trucks"][0] == str(base["trucks"])
    assert rows["Cost (yuan/day)"][1].startswith(f"{variant['mean']['cost']:,.0f}<div class=\"delta ")
    assert "opens S9" in page
    measured = _measured(page)
    assert measured["compared with"] == ["—", "base"]
    cost = variant["difference"]["cost"]
    assert measured["Δ cost/day (95 %)"][1] == f"{cost['mean']:+,.2f} [{cost['low']:+,.2f}, {cost['high']:+,.2f}]"
    assert measured["verdict"][1] == {"cheaper": "cheaper", "dearer": "dearer",
                                      "no-difference": "no difference we can measure at this budget"}[variant["verdict"]]


def _measured(html: str) -> dict[str, list[str]]:
    rows = re.findall(r'<tr class="measured"><th scope="row">([^<]+)</th>(.*?)</tr>', html)
    return {label: re.findall(r"<td[^>]*>(.*?)</td>", cells) for label, cells in rows}


def test_a_payback_beyond_the_stations_life_is_flagged_in_the_report() -> None:
    html = comparison({"base": {"name": "base", "kpis": {"cost": 100.0}},
                       "variants": [{"name": "east", "kpis": {"cost": 90.0}, "delta": {"cost": -10.0},
                                     "difference": {"cost": {"mean": -10.0, "low": -12.0, "high": -8.0}},
                                     "verdict": "cheaper", "baseline": "base", "payback_years": 34.5,
                                     "lifetime_years": 20, "pays_back_within_life": False}]})
    assert _rows(html)["Payback (years)"] == ["—", "34.5 &gt; life 20"]
    assert _measured(html)["verdict"] == ["—", "cheaper"]


def test_seeds_that_count_the_other_sides_plan_are_named_under_the_table() -> None:
    html = comparison({"base": {"name": "base", "kpis": {"cost": 100.0}},
                       "variants": [{"name": "open-C1", "kpis": {"cost": 90.0}, "baseline": "base",
                                     "runs": [{"seed": 1, "cost": 90.0}, {"seed": 2, "cost": 95.0, "plan_of": "base"}],
                                     "baseline_runs": [{"seed": 1, "cost": 100.0, "plan_of": "open-C1"}, {"seed": 2, "cost": 95.0}]}]})
    notes = re.findall(r'<p class="muted small plan-of">(.*?)</p>', html)
    assert notes == ["open-C1, seed(s) 2: the plan made for base keeps its rules and costs less, so it is the one counted",
                     "base (open-C1), seed(s) 1: the plan made for open-C1 keeps its rules and costs less, so it is the one counted"]
    assert "plan-of" not in comparison({"base": {"kpis": {"cost": 1.0}}, "variants": [{"kpis": {"cost": 2.0}, "runs": [{"seed": 1}]}]})


def test_seeds_replanned_on_a_wider_part_are_named_under_the_table() -> None:
    html = comparison({"base": {"name": "base", "kpis": {"cost": 100.0}},
                       "variants": [{"name": "close-S1", "kpis": {"cost": 120.0}, "baseline": "base",
                                     "runs": [{"seed": 1, "cost": 120.0}, {"seed": 2, "cost": 118.0, "wider_catchment": "taken"},
                                              {"seed": 3, "cost": 121.0, "wider_catchment": "tried"}],
                                     "baseline_runs": [{"seed": 1, "cost": 100.0}, {"seed": 2, "cost": 99.0, "wider_catchment": "tried"},
                                                       {"seed": 3, "cost": 100.0, "wider_catchment": "tried"}]}]})
    notes = re.findall(r'<p class="muted small plan-of">(.*?)</p>', html)
    assert notes == ["close-S1, seed(s) 2, 3: re-planned again on a wider part of the district, the first re-plan needing "
                     "more trucks than the base&#x27;s plan; the wider plan is counted for seed(s) 2",
                     "base (close-S1), seed(s) 2, 3: re-planned again on a wider part of the district, the first re-plan "
                     "needing more trucks than the base&#x27;s plan; the wider plan is counted for seed(s) -"]
