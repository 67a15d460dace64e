"""The two spellings of a table in scenario.yaml: a path, or {file, sheet}."""

from __future__ import annotations

from pathlib import Path

import pytest

from wasteopt.scenario.table_ref import TableRef, hash_hint, table_ref

BASE = Path("/data/district")


def test_paths_and_mappings() -> None:
    assert table_ref("rooms.csv", BASE, "district") == TableRef(BASE / "rooms.csv", "district/rooms.csv", "rooms.csv")
    xlsx = table_ref("in/rooms.XLSX", BASE, "")
    assert isinstance(xlsx, TableRef) and xlsx.is_workbook and xlsx.display == "in/rooms.XLSX" and xlsx.sheet is None
    named = table_ref({"file": "rooms.xlsx", "sheet": "收集房"}, BASE, ".")
    assert named == TableRef(BASE / "rooms.xlsx", "rooms.xlsx", "rooms.xlsx", "收集房")
    assert table_ref({"file": "r.xlsx", "sheet": 2026}, BASE, "").sheet == "2026"  # type: ignore[union-attr]
    assert table_ref({"file": "rooms.csv"}, BASE, "") == TableRef(BASE / "rooms.csv", "rooms.csv", "rooms.csv")


@pytest.mark.parametrize(("value", "message"), [
    (3, "must be a list of records, the path of a CSV or .xlsx table, or {file: ..., sheet: ...}, got int"),
    (None, "must be a list of records, the path of a CSV or .xlsx table, or {file: ..., sheet: ...}, got nothing"),
    ({"sheet": "a"}, "a table reference needs file: (the path of a CSV or .xlsx table)"),
    ({"file": "r.xlsx", "tab": "a"}, "unknown key 'tab' in a table reference (write {file: rooms.xlsx, sheet: 收集房})"),
    ({"file": "r.csv", "sheet": "a"}, "sheet is only for .xlsx workbooks, and r.csv is read as a CSV table"),
    ({"file": "r.xlsx", "sheet": ["a"]}, "sheet must be the name of a sheet of the workbook"),
])
def test_what_is_wrong(value: object, message: str) -> None:
    assert table_ref(value, BASE, "") == message


def test_hash_hint_only_when_the_workbook_before_the_hash_exists(tmp_path: Path) -> None:
    ref = table_ref("in/rooms.xlsx#房间", tmp_path, "")
    assert isinstance(ref, TableRef) and hash_hint(ref) == ""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "rooms.xlsx").write_bytes(b"")
    assert hash_hint(ref) == "; to read sheet '房间' of rooms.xlsx write {file: in/rooms.xlsx, sheet: 房间}"
