"""Turn the value of an ``.xlsx`` cell into what the same cell of a CSV table would give the model.

Excel stores typed values, and a manager types as Excel lets them: a time ``06:30`` is a fraction of a
day shown as a time (openpyxl gives ``datetime.time``, or ``timedelta`` / a 1900 date for ``[h]:mm``
past 24 h), a plain ``0.25`` in a clock column is that same fraction, and an id ``1001`` is a number.
So clock columns take times, fractions of a day and ``"06:30"`` text (a date, or a number that is no
fraction of a day, is refused: Excel shows 630 in a time cell as 00:00, a guess that would hide a
typo); text columns (ids, names,
``status``) take numbers as the text they show (``1001``, not ``1001.0``); numeric columns take
numbers and number-like text. Anything else is passed on for the model to refuse with its usual message.
"""

from __future__ import annotations

import datetime
import math
from typing import Any

from openpyxl.utils.datetime import to_excel

from wasteopt.scenario.field_kinds import CLOCK, TEXT
from wasteopt.scenario.models import format_clock

_DAY_S = 86_400
_LAST_FRACTION = 2.0
"""Clock fractions stop before 2 days (48:00), where the model's clock times stop."""


class CellError(ValueError):
    """A cell value that cannot stand for its field; the message says why and what to write."""


def convert(value: Any, kind: str, epoch: datetime.datetime) -> Any:
    """The cell value as the model should see it; ``None`` means "not given" (an empty cell).

    ``epoch`` is the workbook's date system (1900 or 1904), needed to read a time past 24 h that
    Excel stores as a date-time. Raises :class:`CellError` for a number in a clock column that is no
    fraction of a day."""
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    if kind == CLOCK:
        return _clock(value, epoch)
    if kind == TEXT and isinstance(value, (int, float)) and not isinstance(value, bool):
        return _number_text(value)
    if kind == TEXT and isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return value


def _clock(value: Any, epoch: datetime.datetime) -> Any:
    """A clock cell as ``HH:MM[:SS]`` text for the model's clock parser."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        if not (math.isfinite(value) and 0 <= value < _LAST_FRACTION):
            raise CellError(f"a number in a clock column is a fraction of a day (0.25 = 06:00), got {value:g}; "
                            "write the time as 06:30 or format the cell as a time")
        return _seconds_text(value * _DAY_S)
    if isinstance(value, datetime.timedelta):
        return _seconds_text(value.total_seconds())
    if isinstance(value, datetime.time):
        return _seconds_text(value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6)
    if isinstance(value, datetime.datetime):
        serial = to_excel(value, epoch)
        if 0 <= serial < _LAST_FRACTION:  # a time past 24 h that Excel keeps as day 1 of its calendar
            return _seconds_text(serial * _DAY_S)
        raise CellError(f"is a date ({value:%Y-%m-%d %H:%M}), not a clock time; write the time as 06:30 "
                        "or format the cell as a time")
    return value


def _seconds_text(seconds: float) -> str:
    """Seconds after midnight, rounded to the second (Excel keeps times as binary fractions), as text."""
    text = format_clock(round(seconds))
    return text[:-3] if text.endswith(":00") else text


def _number_text(value: int | float) -> str:
    """A number as the text a text column means: ``1001`` for 1001.0, ``12.5`` for 12.5."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)
