"""The site panel of the report: candidates coloured by their saving, the ranking with intervals,
shown for a site.json (it used to show nothing but the base), and tolerant of old or odd files."""

from __future__ import annotations

import re

from tests.report.conftest import solved, tiny_scenario
from wasteopt.report.html import render_report
from wasteopt.report.sites import COSTS, SAVES, UNPLANNED, UNSURE, candidate_colour, is_site_result, site_panel


def _site_json(verdict: str = "cheaper", saving: float = 120.0) -> dict:
    return {
        "k": 1, "seeds": [1, 2, 3], "warm_start": True, "discount_rate": 0.08,
        "base": {"name": "base", "kpis": {"cost": 1000.0}, "spread": {"cost": {"mean": 1001.0}}},
        "choices": [{"rank": 1, "estimate_rank": 1, "name": "open-S9", "sites": ["S9"], "estimated_cost": 900.0,
                     "actual_cost": 950.0, "build_cost": 2_000_000, "saving_per_day": saving, "net_saving_per_day": 50.0,
                     "saving_interval": {"mean": saving, "low": saving - 30, "high": saving + 30, "n": 3},
                     "verdict": verdict, "payback_years": 34.5, "lifetime_years": 20, "pays_back_within_life": False}],
        "agreement": {"n": 1, "spearman": None, "kendall": None},
    }


def _table_rows(html: str) -> list[list[str]]:
    table = html[html.index('id="site-table"'):]
    return [re.findall(r"<td>(.*?)</td>", row) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("</tbody>")[0])][1:]


def test_the_report_of_a_site_json_shows_candidates_and_ranking() -> None:
    scenario, plan = solved()
    page = render_report(scenario, plan, _site_json())
    assert 'id="sites"' in page and 'id="site-map"' in page and 'id="comparison-table"' not in page
    base, first = _table_rows(page)
    assert base[3] == "1,001.00"  # the base's mean over its seeds
    assert first[:2] == ["1", "S9"]
    assert first[4] == "120.00 [90.00, 150.00]" and first[7] == "34.5 &gt; life 20" and first[8] == "cheaper"
    marker = re.search(r'<g class="candidate" data-site="S9" data-fill="([^"]+)">', page)
    assert marker and marker.group(1) == SAVES
    assert "figures: mean over 3 seed(s) (1, 2, 3)" in page


def test_a_candidate_is_coloured_by_its_verdict_or_else_its_saving() -> None:
    assert candidate_colour(None) == UNPLANNED
    assert candidate_colour({"verdict": "cheaper"}) == SAVES and candidate_colour({"verdict": "dearer"}) == COSTS
    assert candidate_colour({"verdict": "no-difference", "saving_per_day": 500.0}) == UNSURE
    assert candidate_colour({"saving_per_day": -3.0}) == COSTS and candidate_colour({"saving_per_day": 3.0}) == SAVES


def test_an_old_site_json_without_intervals_still_reports() -> None:
    data = {"k": 1, "base": {"name": "base", "kpis": {"cost": 1000.0}},
            "choices": [{"rank": 1, "name": "open-S9", "sites": ["S9"], "saving_per_day": -5.0, "payback_years": "never"}, 7]}
    html = site_panel(tiny_scenario(), data)
    (base, first) = _table_rows(html)
    assert base[3] == "1,000.00" and first[4] == "-5.00" and first[7] == "never" and first[8] == "—"
    assert f'data-fill="{COSTS}"' in html


def test_only_a_file_with_choices_is_a_site_result() -> None:
    assert is_site_result(_site_json())
    assert not is_site_result({"base": {}, "variants": []}) and not is_site_result([1]) and not is_site_result(None)


def test_seeds_that_count_the_base_plan_are_named_in_chinese_too() -> None:
    data = _site_json()
    data["choices"][0]["runs"] = [{"cost": 950.0}, {"cost": 1001.0, "plan_of": "base"}, {"cost": 940.0}]
    html = site_panel(tiny_scenario(), data)
    assert "open-S9, seed(s) 2: the plan made for base keeps its rules and costs less, so it is the one counted" in html
    assert "open-S9，种子 2：为 base 做的方案也符合其规则且成本更低，因此采用该方案" in site_panel(tiny_scenario(), data, "zh")


def test_a_choice_replanned_as_the_other_estimates_pick_is_named() -> None:
    data = {**_site_json(), "calibration": {"estimate": "routes"}}
    assert "re-planned too as" not in site_panel(tiny_scenario(), data)
    data["choices"][0]["second_opinion"] = True
    assert "open-S9: re-planned too as the stem estimate&#x27;s best selection, which this estimate ranks lower" in site_panel(tiny_scenario(), data)
    assert "open-S9：作为 stem 估算的最佳选址也做了完整方案" in site_panel(tiny_scenario(), data, "zh")
