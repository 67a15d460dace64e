"""The report, the driver sheets and the terminal summary in Chinese or English, and the lower bound
worded once: the same figure and words in the summary, the report's card and ``plan.json``.

All on hand-built plans (tests/report/conftest.py), no solve."""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.report.conftest import break_plan, many_trucks_plan
from wasteopt.i18n import text
from wasteopt.plan.models import Diagnostic, LowerBound, Unserved
from wasteopt.plan.summary import bound_statement, summary_lines, width, with_bound_ratio
from wasteopt.report.html import render_report
from wasteopt.report.sheets import COLUMNS, sheet_filename, write_sheets

ENGLISH_HEADINGS = ["Station loads", "Each truck's day", "Routes", "Legend", "Diagnostics"]
CHINESE_HEADINGS = ["中转站负荷", "车辆作业时间线", "线路", "图例", "诊断"]


def _plan_with_everything():
    scenario, plan = many_trucks_plan(3)
    extra = {"diagnostics": [Diagnostic(level="warning", code="daily-limits", message="kg limit reached", fix="add trucks")],
             "unserved": [Unserved(id="R08", reason="fleet too small")]}
    return scenario, plan.model_copy(update=extra)


def _visible(page: str) -> str:
    """The page's text a reader sees: no style, script or tags."""
    page = re.sub(r"<(style|script)>.*?</\1>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_report_in_chinese_has_chinese_headings_labels_and_tooltips() -> None:
    scenario, plan = _plan_with_everything()
    page = render_report(scenario, plan, lang="zh")
    seen = _visible(page)
    assert '<html lang="zh-CN">' in page
    for heading in CHINESE_HEADINGS + ["未收运收集房（1）", "收运方案 · tiny"]:
        assert heading in seen
    for english in ENGLISH_HEADINGS + ["Unserved rooms", "Collection plan", "Trucks", "Cost per tonne", "driver break"]:
        assert english not in seen, english
    headers = re.findall(r'<th data-type="\w+" class="\w+">([^<]+)</th>', page)
    assert headers[:11] == ["车辆", "车型", "车库", "收集房", "卸料", "收运吨", "公里", "小时", "出车", "回库", "成本"]
    assert "休息" in headers and "每日上限" in headers
    assert re.search(r'<rect class="seg collecting" [^>]+><title>收运 R01 06:10–06:15</title>', page)
    assert '<span class="bar-text">1.04 / 2.5 吨 · 42 %</span>' in page  # numbers as in English
    assert 'data-t-hint="点击车辆或中转站以高亮显示"' in page
    assert "kg limit reached" in seen and "建议：add trucks" in seen  # the engine's words are its own


def test_report_in_english_is_english_only() -> None:
    scenario, plan = _plan_with_everything()
    page = render_report(scenario, plan, lang="en")
    seen = _visible(page)
    assert '<html lang="en">' in page
    for heading in ENGLISH_HEADINGS + ["Unserved rooms (1)"]:
        assert heading in seen
    for chinese in CHINESE_HEADINGS + ["收运方案", "车辆"]:
        assert chinese not in seen, chinese
    assert render_report(scenario, plan) == page  # English is the default


def test_the_bound_reads_the_same_in_the_summary_the_card_and_plan_json() -> None:
    scenario, plan = many_trucks_plan(4)
    stated = with_bound_ratio(plan)
    cost = sum(r.cost for r in plan.routes)
    ratio = stated.lower_bound.ratio
    assert ratio == 1.37 and ratio * plan.lower_bound.cost >= cost  # 600 / 440 = 1.3636…, rounded up
    for lang, words in (("en", "collection cost ≤ 1.37 × the lower bound"), ("zh", "收运成本 ≤ 下界的 1.37 倍")):
        assert bound_statement(stated, lang) == words
        assert any(line.endswith(words) for line in summary_lines(scenario, stated, lang))
        card = re.search(r'data-kpi="bound"[^>]*>.*?<div class="card-value">([^<]*)</div><div class="card-note">([^<]*)<',
                         render_report(scenario, stated, lang=lang))
        assert card.groups() == (text("bound.value", lang, ratio="1.37"), words)
    km_only = plan.model_copy(update={"lower_bound": LowerBound(distance_km=9.0 * 4)})
    assert bound_statement(km_only, "en") == "collection km ≤ 1.56 × the lower bound"  # 56 / 36
    assert bound_statement(plan.model_copy(update={"lower_bound": LowerBound()}), "en") is None


def test_summary_in_chinese_lines_up_and_keeps_the_rule_codes() -> None:
    scenario, plan = many_trucks_plan(2)
    plan = plan.model_copy(update={"solver": {"violations": ["daily-kg: c1t-02: 700 kg over the 600 kg limit"]}})
    lines = summary_lines(scenario, plan, "zh")
    assert lines[0] == "引擎自检发现 1 处违规——这是程序错误，请报告："
    assert lines[1] == "  daily-kg: c1t-02: 700 kg over the 600 kg limit"
    assert lines[2] == "tiny 的收运方案"
    header, collection = lines[3], lines[4]
    assert header.split() == ["环节", "吨", "车辆", "公里", "小时", "成本"]
    assert width(header) == width(collection) == 72  # a Chinese character takes two columns
    assert collection.startswith("收集房 → 中转站") and collection.endswith("300.00")
    assert "已收运收集房：4，未收运：0" in lines


def test_driver_sheets_in_chinese(tmp_path: Path) -> None:
    scenario, plan = break_plan()
    written = write_sheets(scenario, plan, tmp_path, lang="zh")
    assert (tmp_path / "print.html") in written
    route = plan.routes[0]
    rows = list(csv.reader(io.StringIO((tmp_path / f"{sheet_filename(route.vehicle)}.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["序号", "趟次", "类型", "编号", "名称", "镇", "村", "到达", "离开", "预计公斤", "卸料公斤", "车上载重公斤",
                       "卸料站", "休息地点"]
    rooms = {r.id: r for r in scenario.rooms}
    served = [(r[3], r[4], r[6]) for r in rows[1:] if r[2] == "收集房"]
    assert served == [(s.id, rooms[s.id].name, rooms[s.id].village) for s in route.stops if s.kind == "room"]
    assert [r[2] for r in rows[1:]] == ["车库", "收集房", "休息", "收集房", "中转站", "休息", "车库"]
    assert rows[3][13] == "途中 R01 → R02"
    page = (tmp_path / f"{sheet_filename(route.vehicle)}.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in page and "司机路线单" in page and "到达" in page
    assert "休息 06:20–06:35（15 分钟），途中 R01 → R02" in page
    assert "第 1 趟 → 到 S1 南定中转站 卸料 · 520 公斤" in page
    for english in ("Arrive", "UNLOAD", "BREAK", "Return", "Trip"):
        assert english not in page


def test_every_trucks_sheet_on_its_own_printed_page(tmp_path: Path) -> None:
    scenario, plan = many_trucks_plan(5)
    write_sheets(scenario, plan, tmp_path)
    page = (tmp_path / "print.html").read_text(encoding="utf-8")
    assert page.count('<div class="sheet">') == 5
    assert re.findall(r"<h1>(c1t-\d\d) ", page) == [r.vehicle for r in plan.routes]
    assert ".sheet{break-after:page}" in page and "@page{size:A4" in page


def test_english_csv_header_is_the_field_names(tmp_path: Path) -> None:
    scenario, plan = break_plan()
    write_sheets(scenario, plan, tmp_path, lang="en")
    header = (tmp_path / f"{sheet_filename(plan.routes[0].vehicle)}.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.split(",") == COLUMNS


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_workbook_has_a_summary_and_a_sheet_per_truck_with_the_csv_columns(tmp_path: Path, lang: str) -> None:
    scenario, plan = many_trucks_plan(3)
    written = write_sheets(scenario, plan, tmp_path, lang=lang, fmt="xlsx")
    assert [p.name for p in written][0] == "sheets.xlsx" and not list(tmp_path.glob("*.csv"))
    book = load_workbook(tmp_path / "sheets.xlsx")
    assert book.sheetnames == [text("sheet.summary", lang), *(r.vehicle for r in plan.routes)]
    summary = list(book.worksheets[0].iter_rows(values_only=True))
    assert summary[0][0] == text("column.truck", lang) and [row[0] for row in summary[1:]] == [r.vehicle for r in plan.routes]
    write_sheets(scenario, plan, tmp_path / "csv", lang=lang)
    for route, sheet in zip(plan.routes, book.worksheets[1:]):
        cells = [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]
        text_rows = list(csv.reader(io.StringIO(
            (tmp_path / "csv" / f"{sheet_filename(route.vehicle)}.csv").read_text(encoding="utf-8-sig"))))
        assert cells[0] == text_rows[0]  # the same columns, in the same language
        assert [[str(v) for v in row] for row in cells[1:]] == text_rows[1:]
        assert isinstance(cells[1][0], int) and sheet.freeze_panes == "A2"
