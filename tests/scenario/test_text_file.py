"""Reading text inputs in the encoding they were saved in: UTF-8 (BOM or not), else GB18030/GBK."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scenario.conftest import ROOMS_CSV, write_workbook
from wasteopt.scenario.text_file import GB18030, UTF8, UTF8_BOM, DecodeFailure, TextFile, decode, read_text

TEXT = "id,name\nR1,柳家庄村1号收集房\nR2,石桥村\n"


@pytest.mark.parametrize(("raw", "encoding"), [
    (TEXT.encode("utf-8"), UTF8),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), UTF8_BOM),
    (TEXT.encode("gbk"), GB18030),
    (TEXT.encode("gb18030"), GB18030),
])
def test_detects_the_encoding(raw: bytes, encoding: str) -> None:
    decoded = decode(raw)
    assert not isinstance(decoded, DecodeFailure)
    assert (decoded.text, decoded.encoding) == (TEXT, encoding)


def test_plain_ascii_is_utf8() -> None:
    assert decode(b"id,name\nR1,x\n") == TextFile("id,name\nR1,x\n", UTF8)


def test_gb18030_beyond_gbk_and_its_bom() -> None:
    """Characters GBK lacks (four-byte GB18030, e.g. rare names) and a GB18030 byte order mark."""
    text = "id,name\nR1,𠀀家村\n"
    decoded = decode("\ufeff".encode("gb18030") + text.encode("gb18030"))
    assert not isinstance(decoded, DecodeFailure)
    assert (decoded.text, decoded.encoding) == (text, GB18030)


def test_neither_encoding_names_the_line_and_column_where_decoding_stops() -> None:
    raw = "id,name\nR1,柳家庄\n".encode("gbk") + b"R2,\x80\xff\n"
    failure = decode(raw)
    assert failure == DecodeFailure(line=3, column=4, byte=0x80)


def test_read_text_states_the_encoding_and_normalises_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "rooms.csv"
    raw = ROOMS_CSV.replace("\n", "\r\n").encode("gbk")
    path.write_bytes(raw)
    source, problems = read_text(path, "rooms.csv")
    assert problems == [] and source is not None
    assert (source.text, source.encoding) == (ROOMS_CSV, GB18030)
    assert path.read_bytes() == raw  # nothing the user gave is changed on disk


def test_read_text_refuses_bytes_that_are_no_text(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"id,name\nR1,\x80\xff\n")
    source, problems = read_text(bad, "bad.csv")
    assert source is None
    assert [str(p) for p in problems] == [
        'bad.csv:2: encoding: neither UTF-8 nor GB18030/GBK (byte 0x80 at column 4); save the file as UTF-8 (Excel: "CSV UTF-8")']


def test_read_text_names_a_workbook_and_utf16(tmp_path: Path) -> None:
    write_workbook(tmp_path / "rooms.csv", [["id"], ["R1"]])
    (tmp_path / "unicode.txt").write_bytes("id\tname\n".encode("utf-16"))
    (tmp_path / "blob.bin").write_bytes(b"\x00\x01\x80\xff" * 10)
    assert [str(p) for p in read_text(tmp_path / "rooms.csv", "rooms.csv", workbook_hint="rename it")[1]] == [
        "rooms.csv: file: is an Excel workbook (.xlsx), not text; rename it"]
    assert [str(p) for p in read_text(tmp_path / "unicode.txt", "unicode.txt")[1]] == [
        "unicode.txt: file: is UTF-16 text (Excel's \"Unicode text\"), which is not read; save it from Excel as \"CSV UTF-8\""]
    assert [str(p) for p in read_text(tmp_path / "blob.bin", "blob.bin")[1]] == ["blob.bin: file: is a binary file, not text"]


def test_missing_file(tmp_path: Path) -> None:
    assert [str(p) for p in read_text(tmp_path / "nowhere.csv", "nowhere.csv")[1]] == ["nowhere.csv: file: no such file"]
