"""What a file is by its first bytes, so a workbook given as text (or text given as a workbook) gets a
message that says so instead of a misleading encoding or ZIP error.

Only the first bytes are looked at: an ``.xlsx`` workbook is a ZIP archive (``PK\\x03\\x04``), an old
``.xls`` workbook an OLE2 compound file (``D0 CF 11 E0``), UTF-16 text (Excel's "Unicode text") starts
with its byte order mark; NUL bytes otherwise mean some other binary file.
"""

from __future__ import annotations

XLSX = "xlsx"
XLS = "xls"
UTF16 = "utf-16"
BINARY = "binary"
TEXT = "text"

_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DESCRIPTIONS = {
    XLSX: "an Excel workbook (.xlsx)",
    XLS: "an old Excel 97-2003 workbook (.xls)",
    UTF16: "UTF-16 text (Excel's \"Unicode text\")",
    BINARY: "a binary file",
    TEXT: "a text file",
}


def kind_of(head: bytes) -> str:
    """:data:`XLSX`, :data:`XLS`, :data:`UTF16`, :data:`BINARY` or :data:`TEXT` for a file starting with ``head``
    (a few kilobytes are plenty)."""
    if head.startswith(_ZIP):
        return XLSX
    if head.startswith(_OLE2):
        return XLS
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return UTF16
    if b"\x00" in head[:4096]:
        return BINARY
    return TEXT


def describe_kind(kind: str) -> str:
    """``an Excel workbook (.xlsx)`` and the like, for messages."""
    return _DESCRIPTIONS[kind]
