"""Tables as one .xlsx workbook: names Excel accepts, numbers as numbers."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from wasteopt.report.workbook import MAX_TITLE, Table, sheet_titles, workbook_bytes


def test_sheet_titles_are_short_unique_and_allowed() -> None:
    long = "compactor-5t-" + "x" * 40
    titles = sheet_titles(["汇总", long, long, "a/b:c*d?[e]\\f", "Summary", "SUMMARY", "'quoted'", ""])
    assert titles[0] == "汇总"
    assert titles[1] == long[:MAX_TITLE] and titles[2] == long[:MAX_TITLE - 2] + "~2"
    assert titles[3] == "a_b_c_d__e__f"
    assert titles[4:6] == ["Summary", "SUMMARY~2"]
    assert titles[6] == "quoted" and titles[7] == "sheet"
    assert all(len(t) <= MAX_TITLE for t in titles)
    assert len({t.lower() for t in titles}) == len(titles)


def test_workbook_holds_each_table() -> None:
    data = workbook_bytes([Table("one", ["a", "名称"], [[1, "北沟村"], [2.5, None]]), Table("one", ["x"], [])])
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["one", "one~2"]
    assert list(book["one"].iter_rows(values_only=True)) == [("a", "名称"), (1, "北沟村"), (2.5, None)]
    assert book["one"]["A1"].font.bold and int(book["one"].page_setup.paperSize) == 9  # A4
