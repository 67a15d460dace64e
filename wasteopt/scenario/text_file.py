"""Read a UTF-8 text file (a UTF-8 BOM from Excel is fine), turning I/O failures into problems."""

from __future__ import annotations

from pathlib import Path

from wasteopt.scenario.errors import Problem


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or ``None`` and a problem saying why it cannot be read (with the line of a bad byte)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(display, None, "file", "no such file")]
    except IsADirectoryError:
        return None, [Problem(display, None, "file", "is a directory, not a file")]
    except OSError as error:
        return None, [Problem(display, None, "file", f"cannot be read ({error.strerror or error})")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        byte = raw[error.start]
        return None, [
            Problem(display, line, "encoding", f"not UTF-8 (byte 0x{byte:02x} at column {column}); save the file as UTF-8")
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text, []
