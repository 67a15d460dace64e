"""Read a text input (``scenario.yaml``, a CSV table, a CSV matrix) in the encoding it was saved in.

A county office's files come from Excel: "CSV UTF-8" (with a BOM), plain UTF-8, or — Chinese Excel's
plain "CSV" — GBK. UTF-8 is tried first (strict, so a GBK file never passes as UTF-8 by accident),
then GB18030, the national standard that contains GBK (and GB2312) byte for byte. A file neither
decodes is refused naming the first bad line; a workbook or UTF-16 text given where text is expected
is named as such. The file on disk is never changed; line ends become ``\\n``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wasteopt.scenario.errors import Problem
from wasteopt.scenario.file_kind import BINARY, TEXT, XLSX, describe_kind, kind_of

UTF8 = "UTF-8"
UTF8_BOM = "UTF-8 (BOM)"
GB18030 = "GB18030 (GBK)"


@dataclass(frozen=True)
class TextFile:
    """A file's text and the encoding it was read in (:data:`UTF8`, :data:`UTF8_BOM`, :data:`GB18030`)."""

    text: str
    encoding: str


@dataclass(frozen=True)
class DecodeFailure:
    """Where decoding stopped: the line and column (1-based) of the bad byte, and the byte."""

    line: int
    column: int
    byte: int


def read_text(path: Path, display: str, workbook_hint: str = "") -> tuple[TextFile | None, list[Problem]]:
    """The file's text and encoding, or ``None`` and a problem saying why it cannot be read;
    ``workbook_hint`` ends the message when the file is an ``.xlsx`` workbook (what to do instead)."""
    raw, problems = read_bytes(path, display)
    if raw is None:
        return None, problems
    kind = kind_of(raw[:4096])
    if kind == XLSX:
        return None, [Problem(display, None, "file", f"is {describe_kind(kind)}, not text" + (f"; {workbook_hint}" if workbook_hint else ""))]
    if kind not in (TEXT, BINARY):
        return None, [Problem(display, None, "file", f"is {describe_kind(kind)}, which is not read; save it from Excel as \"CSV UTF-8\"")]
    decoded = decode(raw)
    if isinstance(decoded, DecodeFailure):
        if kind == BINARY:
            return None, [Problem(display, None, "file", "is a binary file, not text")]
        return None, [Problem(display, decoded.line, "encoding", (
            f"neither UTF-8 nor GB18030/GBK (byte 0x{decoded.byte:02x} at column {decoded.column}); "
            "save the file as UTF-8 (Excel: \"CSV UTF-8\")"))]
    text = decoded.text
    return TextFile(text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text, decoded.encoding), []


def read_bytes(path: Path, display: str) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, or ``None`` and a problem (missing, a directory, unreadable)."""
    try:
        return path.read_bytes(), []
    except FileNotFoundError:
        return None, [Problem(display, None, "file", "no such file")]
    except IsADirectoryError:
        return None, [Problem(display, None, "file", "is a directory, not a file")]
    except OSError as error:
        return None, [Problem(display, None, "file", f"cannot be read ({error.strerror or error})")]


def decode(raw: bytes) -> TextFile | DecodeFailure:
    """``raw`` as UTF-8 (a BOM dropped), else as GB18030; when both fail, where the decoder that got
    further stopped (a GBK file with one broken character is reported at that character)."""
    try:
        return TextFile(raw.decode("utf-8-sig"), UTF8_BOM if raw.startswith(b"\xef\xbb\xbf") else UTF8)
    except UnicodeDecodeError as error:
        utf8_stop = error.start
    try:
        return TextFile(raw.decode("gb18030").removeprefix("\ufeff"), GB18030)
    except UnicodeDecodeError as error:
        stop = max(utf8_stop, error.start)
    line = raw.count(b"\n", 0, stop) + 1
    column = stop - (raw.rfind(b"\n", 0, stop) + 1) + 1
    return DecodeFailure(line, column, raw[stop])
