"""Small formatting helpers shared by the HTML report and the driver sheets (escaping, numbers, times)."""

from __future__ import annotations

import html

DASH = "—"


def esc(value: object) -> str:
    """Text safe inside HTML element content and quoted attributes."""
    return html.escape("" if value is None else str(value), quote=True)


def num(value: float | None, digits: int = 0) -> str:
    """A number with thousands separators and ``digits`` decimals; ``—`` for a missing one."""
    if value is None:
        return DASH
    return f"{value:,.{digits}f}"


def pct(value: float | None, digits: int = 1) -> str:
    """A fraction as a percentage (0.123 → ``12.3 %``); ``—`` for a missing one."""
    return DASH if value is None else f"{value * 100:.{digits}f} %"


def hhmm(clock: str | None) -> str:
    """A plan time ``"HH:MM:SS"`` shown as ``"HH:MM"``; ``—`` when missing."""
    return clock[:-3] if clock and clock.count(":") == 2 else (clock or DASH)


def plain_number(value: float | None) -> str:
    """A number as written in a CSV: integers without ``.0``, others as Python writes them."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))
