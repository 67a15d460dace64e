"""The ``compare`` and ``site`` tables in English (as they always were) and in Chinese: labels, the
words a payback may be, error diagnostics said in Chinese with their code, violations as written,
columns lined up by terminal width. Outcomes are built by hand: no plan is solved."""

from __future__ import annotations

from typing import Any

from tests.plan.test_validate import make_scenario
from wasteopt.plan.models import Plan
from wasteopt.whatif.compare import Comparison, Outcome
from wasteopt.whatif.site import SiteChoice, SiteResult
from wasteopt.whatif.tables import comparison_table, site_table

ERROR = "haul-fleet: 1 hook-lift truck cannot haul every container"
VIOLATION = "kpi-cost: kpis: cost 1000, recomputed 264.83"


def _kpis(cost: float, unserved: int = 0, errors: tuple[str, ...] = (), violations: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"trucks": 2, "distance_km": 12.0, "vehicle_hours": 1.36, "unload_trips": 2, "haul_trips": 0, "haul_km": 0.0,
            "station_t": {"S1": 0.7, "S2": 0.7}, "station_utilisation": {"S1": 0.35, "S2": 0.35}, "cost": cost,
            "unserved": unserved, "violations": list(violations), "errors": list(errors)}


def _comparison() -> Comparison:
    scenario = make_scenario()
    base = Outcome("base", [], scenario, Plan(scenario="tiny"), _kpis(264.83, unserved=1, errors=(ERROR,)))
    closed = make_scenario()
    closed = closed.model_copy(update={"stations": [s for s in closed.stations if s.id != "S2"]})
    variant = Outcome("open-S9", ["open-S9"], closed, Plan(scenario="tiny"), _kpis(250.0, violations=(VIOLATION,)),
                      delta={"trucks": 0, "distance_km": -1.5, "vehicle_hours": 0.0, "unload_trips": 0, "haul_trips": 0,
                             "haul_km": 0.0, "cost": -14.83, "unserved": -1},
                      build_cost=4_000_000, opened=["S9"], payback_years="never")
    variant.kpis["station_t"] = {"S1": 1.4}
    variant.kpis["station_utilisation"] = {"S1": 0.7}
    return Comparison(base, [variant])


COMPARISON_EN = """\
                     base          open-S9
trucks                  2           2 (+0)
km/day               12.0      12.0 (-1.5)
vehicle-h/day         1.4       1.4 (+0.0)
unload trips            2           2 (+0)
haul trips              0           0 (+0)
haul km/day           0.0       0.0 (+0.0)
cost/day           264.83  250.00 (-14.83)
rooms unserved          1           0 (-1)
S1 t (util)     0.7 (35%)        1.4 (70%)
S2 t (util)     0.7 (35%)           closed
build cost              -        4,000,000
payback years           -            never
violations              0                1
errors                  1                0
base: haul-fleet: 1 hook-lift truck cannot haul every container
open-S9: kpi-cost: kpis: cost 1000, recomputed 264.83"""

COMPARISON_ZH = """\
                      base          open-S9
车辆                     2           2 (+0)
公里/天               12.0      12.0 (-1.5)
车辆工时/天            1.4       1.4 (+0.0)
卸料趟数                 2           2 (+0)
转运趟数                 0           0 (+0)
转运公里/天            0.0       0.0 (+0.0)
成本/天             264.83  250.00 (-14.83)
未收运收集房             1           0 (-1)
S1 吨（负荷率）  0.7 (35%)        1.4 (70%)
S2 吨（负荷率）  0.7 (35%)           已关闭
建设成本                 -        4,000,000
回收期（年）             -         无法回收
违规                     0                1
错误                     1                0
base：haul-fleet: 1 辆勾臂车无法转运全部箱体
open-S9：kpi-cost: kpis: cost 1000, recomputed 264.83"""


def test_comparison_in_english_is_as_it_was() -> None:
    assert comparison_table(_comparison()) == COMPARISON_EN


def test_comparison_in_chinese_lines_up_by_terminal_width() -> None:
    assert comparison_table(_comparison(), "zh") == COMPARISON_ZH


def _site() -> SiteResult:
    choice = SiteChoice(sites=["S9"], estimated_cost=240.0, estimate_optimal=True, estimated_unserved_kg=0.0,
                        plan=Plan(scenario="tiny"), kpis=_kpis(250.0, errors=(ERROR,)), build_cost=4_000_000,
                        build_cost_per_day=547.95, saving_per_day=14.83, payback_years=739.02, rank=1, estimate_rank=1)
    return SiteResult(k=1, base_plan=Plan(scenario="tiny"), base_kpis=_kpis(264.83, unserved=1), choices=[choice],
                      calibration={"alpha": 1.234, "cost_per_km": 2.5, "units": 4},
                      agreement={"n": 1, "spearman": None, "kendall": 1.0})


SITE_EN = """\
rank  sites  est. cost/day  actual cost/day  saving/day  net saving/day  build cost  payback years  unserved  violations  errors
-      base              -           264.83           -               -           -              -         1           0       0
1        S9         240.00           797.95       14.83         -533.12   4,000,000          739.0         0           0       1
actual cost/day = full-chain plan cost + build cost annualised over the station's life
estimate calibration: alpha 1.234 (real collection km / stem km), 2.50 yuan/km, 4 village units
estimate vs full plans over 1 selections: Spearman n/a, Kendall 1.00
open-S9: haul-fleet: 1 hook-lift truck cannot haul every container"""


def test_site_in_english_is_as_it_was() -> None:
    assert site_table(_site()) == SITE_EN


def test_site_in_chinese() -> None:
    lines = site_table(_site(), "zh").splitlines()
    assert lines[0].split() == ["排名", "站址", "估算成本/天", "实际成本/天", "节省/天", "净节省/天", "建设成本", "回收期（年）",
                                "未收运", "违规", "错误"]
    assert lines[2].split() == ["1", "S9", "240.00", "797.95", "14.83", "-533.12", "4,000,000", "739.0", "0", "0", "1"]
    assert lines[3:] == [
        "实际成本/天 = 全链条方案成本 + 按站点使用年限年化的建设成本",
        "估算校准：alpha 1.234（实际收运公里 / 干线公里），2.50 元/公里，4 个村单元",
        "估算与完整方案的一致性（1 个选址方案）：Spearman 无，Kendall 1.00",
        "open-S9：haul-fleet: 1 辆勾臂车无法转运全部箱体",
    ]
    widths = {len(line) + sum(1 for c in line if "\u4e00" <= c <= "\u9fff" or c in "（）") for line in lines[:3]}
    assert len(widths) == 1  # the rows take the same width on a terminal


def _measured() -> Comparison:
    """The comparison above planned with three seeds: runs, a difference with its interval, a verdict."""
    comparison = _comparison()
    base, variant = comparison.base, comparison.variants[0]
    base.runs = [_kpis(c, unserved=1, errors=(ERROR,)) for c in (264.83, 270.0, 259.66)]
    base.seeds = variant.seeds = [1, 2, 3]
    variant.runs = [_kpis(c, violations=(VIOLATION,)) for c in (250.0, 256.0, 244.0)]
    variant.baseline, variant.verdict = "base", "cheaper"
    variant.difference = {"cost": {"mean": -14.83, "low": -16.5, "high": -13.2, "n": 3},
                          "trucks": {"mean": 0.0, "low": 0.0, "high": 0.0, "n": 3},
                          "distance_km": {"mean": -1.5, "low": -2.0, "high": -1.0, "n": 3}}
    variant.payback_years, variant.lifetime_years, variant.within_life = 34.5, 20.0, False
    comparison.discount_rate = 0.08
    return comparison


def test_a_measured_comparison_ends_each_line_with_its_interval_and_verdict() -> None:
    lines = comparison_table(_measured()).splitlines()
    assert lines[7].split()[:3] == ["cost/day", "264.83", "250.00"]  # the means over the seeds
    assert lines[9].split() == ["cost/day", "min–max", "260–270", "244–256"]
    assert any(line.split()[:5] == ["payback", "years", "-", "34.5", ">"] for line in lines)
    line = next(line for line in lines if line.startswith("open-S9 "))
    assert line.split() == ["open-S9", "base", "-14.83", "[-16.50,", "-13.20]", "+0.0", "[+0.0,", "+0.0]",
                            "-1.5", "[-2.0,", "-1.0]", "cheaper"]
    assert "figures: mean over 3 seed(s) (1, 2, 3); Δ: mean difference to the base (re-planned beside each variant when warm), seed by seed; station loads and " \
           "findings: seed 1's plan (the one written)" in lines
    assert "payback: build cost repaid by the saving against what the line is compared with, discounted at 8.0% a year" in lines
    assert "open-S9: does not pay back within its life (20 years)" in lines


def test_a_measured_comparison_in_chinese() -> None:
    lines = comparison_table(_measured(), "zh").splitlines()
    line = next(line for line in lines if line.startswith("open-S9 "))
    assert line.split()[1] == "base" and line.split()[-1] == "更省"
    assert "open-S9：在使用年限（20 年）内无法回收投资" in lines
    assert any(line.startswith("回收期（年）") and "> 寿命 20" in line for line in lines)


def test_seeds_that_count_the_other_sides_plan_are_named() -> None:
    comparison = _measured()
    variant = comparison.variants[0]
    variant.runs[1] = {**variant.runs[1], "plan_of": "base"}
    variant.compared_with = comparison.base
    comparison.base.runs[2] = {**comparison.base.runs[2], "plan_of": "open-S9"}
    lines = comparison_table(comparison).splitlines()
    assert "open-S9, seed(s) 2: the plan made for base keeps its rules and costs less, so it is the one counted" in lines
    assert "base (open-S9), seed(s) 3: the plan made for open-S9 keeps its rules and costs less, so it is the one counted" in lines
    assert not any("seed(s) 1:" in line for line in lines)


def test_site_seeds_that_count_the_base_plan_are_named() -> None:
    from wasteopt.whatif.noise import paired_difference
    from wasteopt.whatif.study import BaseRuns

    result = _site()
    choice = result.choices[0]
    choice.runs = [_kpis(250.0), {**_kpis(264.83), "plan_of": "base"}, _kpis(252.0)]
    choice.reference_runs = [_kpis(264.83)] * 3
    choice.difference = paired_difference([r["cost"] for r in choice.runs], [r["cost"] for r in choice.reference_runs])
    result.base_runs = BaseRuns(seeds=(4, 5, 6), first=(Plan(scenario="tiny"),) * 3)
    lines = site_table(result).splitlines()
    assert "open-S9, seed(s) 5: the plan made for base keeps its rules and costs less, so it is the one counted" in lines
    assert not any("seed(s) 4" in line or "seed(s) 6" in line for line in lines)
